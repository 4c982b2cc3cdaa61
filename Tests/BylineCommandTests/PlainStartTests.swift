import ArgumentParser
@testable import byline
import Testing

/// `byline search` and `byline similar` are read without the argument parser in their
/// common forms: what they read must be what the parser reads, and every other form must
/// be left to the parser, so its errors and help stay as they were.
@Suite struct PlainStartTests {
    static let plainSearches: [[String]] = [
        ["search", "council"],
        ["search", "council budget", "--limit", "10", "--library", "/tmp/lib"],
        ["search", "\"water tariffs\"", "--json"],
        ["search", "--json", "政府", "/tmp/lib"],
        ["search", "rail", "/tmp/lib", "--limit", "1", "--json"],
        ["search", "--limit", "+3", "rail"],
        ["search", "similar"],
    ]

    @Test(arguments: plainSearches)
    func aCommonSearchReadsAsTheParserReadsIt(_ line: [String]) throws {
        let plain = try #require(SearchInvocation(plain: line))
        let parsed = try #require(try Byline.parseAsRoot(line) as? SearchCommand)
        #expect(plain == parsed.invocation)
    }

    static let plainSimilars: [[String]] = [
        ["similar", "story.txt"],
        ["similar", "/tmp/lib/a/story.txt", "--json"],
        ["similar", "--library", "/tmp/lib", "a/story.txt"],
        ["similar", "story.txt", "--json", "--library", "~/news"],
    ]

    @Test(arguments: plainSimilars)
    func aCommonSimilarReadsAsTheParserReadsIt(_ line: [String]) throws {
        let plain = try #require(SimilarInvocation(plain: line))
        let parsed = try #require(try Byline.parseAsRoot(line) as? SimilarCommand)
        #expect(plain == SimilarInvocation(file: parsed.file, library: parsed.library, json: parsed.json))
    }

    /// Lines the parser refuses, explains or reads in ways of its own.
    static let leftToTheParser: [[String]] = [
        ["search"],
        ["search", "--help"],
        ["search", "-h"],
        ["search", "rail", "--limit", "0"],
        ["search", "rail", "--limit", "-2"],
        ["search", "rail", "--limit", "ten"],
        ["search", "rail", "--limit=3"],
        ["search", "rail", "--limit"],
        ["search", "rail", "--json", "--json"],
        ["search", "rail", "--limit", "3", "--limit", "4"],
        ["search", "rail", "/tmp/lib", "--library", "/tmp/lib"],
        ["search", "rail", "/tmp/lib", "extra"],
        ["search", "--", "-rail"],
        ["search", ""],
        ["search", "rail", "--sort"],
        ["similar"],
        ["similar", "a.txt", "b.txt"],
        ["similar", "a.txt", "--limit", "3"],
        ["similar", "a.txt", "--library"],
        ["similar", "--help"],
        ["list", "rail"],
        ["rail"],
    ]

    @Test(arguments: leftToTheParser)
    func anyOtherLineIsLeftToTheParser(_ line: [String]) {
        #expect(SearchInvocation(plain: line) == nil)
        #expect(SimilarInvocation(plain: line) == nil)
    }
}
