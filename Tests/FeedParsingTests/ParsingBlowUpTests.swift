import FeedParsing
import Foundation
import Testing

/// Internal entities are plain text, but thousands of references to a large one add up:
/// 250 KB of `&a;` in one attribute once asked for 6.5 GB. A document whose entities
/// would expand past the budget (1 MB, attributes included) is refused in one line,
/// before any expansion is built; ordinary entity use still reads.
@Suite("Parsing entity blow-ups")
struct ParsingBlowUpTests {
    static func blowUp(references: Int, inAttribute: Bool) -> String {
        let entity = String(repeating: "x", count: 10_000)
        let uses = String(repeating: "&a;", count: references)
        let title = inAttribute ? "<link href=\"\(uses)\"/>" : "<title>\(uses)</title>"
        return """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "\(entity)">]>
            <rss version="2.0"><channel><title>Bomb</title><item>\(title)<description>d</description></item></channel></rss>
            """
    }

    @Test(arguments: [true, false])
    func entitiesExpandingPastTheBudgetRefuseTheDocument(inAttribute: Bool) {
        let result = FeedParser.parse(Data(Self.blowUp(references: 250_000 / 3, inAttribute: inAttribute).utf8))
        guard case .failure(let error) = result else {
            Issue.record("a blow-up parsed as a feed")
            return
        }
        #expect(error.description.hasPrefix("malformed XML at line 3: internal entities expand to more than 1024 KB"))
    }

    @Test func aFewUsesOfAnEntityStillExpand() throws {
        let feed = try parsedFeed(Self.blowUp(references: 8, inAttribute: false))
        #expect(feed.items.first?.title == String(repeating: "x", count: 80_000))
    }

    /// Below the budget, a small document still may not grow more than tenfold.
    @Test func aSmallDocumentMayNotGrowTenfold() {
        let result = FeedParser.parse(Data(Self.blowUp(references: 20, inAttribute: false).utf8))
        #expect(result.map(\.title) == .failure(.malformedXML(
            line: 3, message: "internal entities expand to more than 100 KB (an entity blow-up); refused")))
    }
}
