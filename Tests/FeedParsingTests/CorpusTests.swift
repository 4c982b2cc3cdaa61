import FeedParsing
import Foundation
import Testing

/// feedparser's 2,107 test feeds run through Byline's parser, judged by feedparser's
/// own expectations. A failure not on `Corpus/expected-failures.txt` is a regression.
///
/// Set `BYLINE_UPDATE_EXPECTED_FAILURES=1` to rewrite the list from the current run.
@Suite("feedparser corpus", .serialized)
struct CorpusTests {
    // The corpus is third-party data outside the repository; without it there is nothing to run.
    @Test("feedparser's expectations hold, except the listed failures",
          .enabled(if: Corpus.isPresent, "feedparser corpus not found at ../shared/corpora/feedparser"))
    func expectationsHold() async throws {
        let cases = try Corpus.cases()
        let server = try CorpusHTTPServer()
        defer { server.stop() }
        let results = try await CorpusRun.parseAll(cases, server: server)
        let verdicts = try CorpusRun.evaluate(cases, results: results, port: server.port)
        let expected = ExpectedFailures.load()

        print(CorpusReport(verdicts: verdicts, skipped: cases.filter { $0.skipReason != nil }).text)

        let failures = verdicts.filter { !$0.passed }
        if ProcessInfo.processInfo.environment["BYLINE_UPDATE_EXPECTED_FAILURES"] == "1" {
            let lines = failures.map { "\($0.item.path) \(expected.reasons[$0.item.path] ?? $0.reason ?? "fails")" }
            let header = "# feedparser corpus cases Byline's parser is known to fail: path, then why.\n"
            try (header + lines.sorted().joined(separator: "\n") + "\n").write(to: ExpectedFailures.file, atomically: true, encoding: .utf8)
            return
        }
        let regressions = failures.filter { expected.reasons[$0.item.path] == nil }
        let nowPassing = verdicts.filter { $0.passed && expected.reasons[$0.item.path] != nil }
        if !nowPassing.isEmpty {
            print("Listed as expected failures but now passing (remove them from the list):")
            for verdict in nowPassing { print("  \(verdict.item.path)") }
        }
        #expect(regressions.isEmpty, """
            \(regressions.count) corpus cases fail that are not on the expected-failure list:
            \(regressions.prefix(40).map { "\($0.item.path): \($0.reason ?? "")" }.joined(separator: "\n"))
            """)
    }

    // Independent of feedparser's byte-exact expectations: whatever HTML Byline keeps from
    // the XSS suite must have no script, style, event handler or javascript: link.
    @Test("sanitised HTML from the XSS suite keeps no active content",
          .enabled(if: Corpus.isPresent, "feedparser corpus not found at ../shared/corpora/feedparser"))
    func sanitisedHTMLIsInert() throws {
        let cases = try Corpus.cases().filter { $0.path.hasPrefix("wellformed/sanitize/") }
        #expect(cases.count > 700)
        var offenders: [String] = []
        for item in cases {
            let data = Corpus.decodedText(try Corpus.data(item))
            guard case .success(let feed) = FeedParser.parse(data, contentType: "application/xml; charset=utf-8") else { continue }
            for html in ActiveContent.htmlValues(in: feed) {
                if let finding = ActiveContent.find(in: html) { offenders.append("\(item.path): \(finding) in \(html.prefix(120))") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.count) sanitised values keep active content:\n\(offenders.prefix(20).joined(separator: "\n"))")
    }

    // Robustness beyond the corpus's own cases: every document cut short or with bytes
    // flipped must still parse or fail with a one-line reason, never crash or hang.
    @Test("truncated and garbled corpus documents never crash the parser",
          .enabled(if: Corpus.isPresent, "feedparser corpus not found at ../shared/corpora/feedparser"))
    func damagedDocumentsDoNotCrash() throws {
        let cases = try Corpus.cases().filter { !$0.path.hasPrefix("wellformed/sanitize/") }
        var reasons: [String] = []
        for (index, item) in cases.enumerated() {
            var bytes = [UInt8](try Corpus.data(item))
            let cut = Data(bytes.prefix(bytes.count * (index % 7 + 1) / 8))
            for stride in [7, 13] where !bytes.isEmpty {
                for position in Swift.stride(from: index % stride, to: bytes.count, by: stride * 5) { bytes[position] ^= 0x5A }
            }
            for damaged in [cut, Data(bytes)] {
                switch FeedParser.parse(damaged) {
                case .success(let feed): reasons += feed.problem.map { [$0] } ?? []
                case .failure(let error): reasons.append(error.description)
                }
            }
        }
        #expect(!reasons.isEmpty)
        let multiline = reasons.filter { $0.isEmpty || $0.contains("\n") }
        #expect(multiline.isEmpty, "reasons must be one line: \(multiline.prefix(5))")
    }
}
