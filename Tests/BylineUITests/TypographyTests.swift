import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// How a story is set on the page, at widths where it matters.
@Suite struct TypographyTests {
    static let story = Story(
        title: "Typography check", source: "The Daily Example Gazette", author: "Annabel Longname-Writer",
        published: "2026-11-18T10:00:00Z",
        body: [
            .paragraph("According to the annual survey by researchers at the institute of [everything survey](https://example.org/survey), results vary."),
            .quote("This is a quoted passage that goes on for quite a while so that it must wrap onto several lines."),
        ] + (1...11).map { .listItem($0 == 11 ? "eleven, with a long text that wraps onto another line" : "item \($0)", ordinal: $0) })

    func lines(width: Int) -> [String] {
        ReaderPage.layout(Self.story, width: width, theme: .standard, selectedLink: nil, timeZone: TimeZone(identifier: "UTC")!)
            .lines.map { $0.map(\.text).joined() }
    }

    @Test func aLinkNumberStaysWithItsWordAndIsNeverGlued() {
        for width in 20...60 {
            let page = lines(width: width)
            #expect(!page.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[1]") }, "width \(width)")
            #expect(page.joined(separator: " ").contains("survey [1]"), "width \(width)")
        }
    }

    @Test func theDateIsNeverBrokenAcrossLines() {
        for width in 22...80 {
            #expect(lines(width: width).contains { $0.contains("Wed 18 Nov 2026 10:00") }, "width \(width)")
        }
    }

    @Test func aQuoteKeepsItsBarOnEveryLine() {
        let quote = lines(width: 30).filter { $0.contains("quoted") || $0.contains("while") || $0.contains("lines.") }
        #expect(quote.count >= 3)
        let start = lines(width: 30).firstIndex { $0.hasPrefix("│ This") } ?? 0
        let block = lines(width: 30)[start...].prefix { !$0.isEmpty }
        #expect(block.count >= 3)
        #expect(block.allSatisfy { $0.hasPrefix("│ ") }, "\(block)")
    }

    @Test func numberedListsPastNineStayAligned() {
        let page = lines(width: 40)
        #expect(page.contains(" 1. item 1"))
        #expect(page.contains(" 9. item 9"))
        #expect(page.contains("10. item 10"))
        let eleven = page.firstIndex { $0.hasPrefix("11. eleven") } ?? 0
        #expect(page[eleven + 1].hasPrefix("    "), "a wrapped item lines up under its text")
        #expect(!page[eleven + 1].hasPrefix("     "))
    }
}
