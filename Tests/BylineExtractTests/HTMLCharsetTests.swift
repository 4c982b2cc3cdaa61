import Foundation
import Testing
@testable import BylineExtract

@Suite struct HTMLCharsetTests {
    /// "café" in windows-1252: é is 0xE9, which alone is not valid UTF-8.
    let latinCafe: [UInt8] = [0x63, 0x61, 0x66, 0xE9]

    func page(_ head: String, body: [UInt8]) -> Data {
        Data(Array("<html><head>\(head)</head><body><p>".utf8) + body + Array("</p></body></html>".utf8))
    }

    func paragraphText(_ data: Data, contentType: String? = nil) -> String {
        let document = HTMLDocument(data: data, contentType: contentType)
        return document.first("p").map { document.text(of: $0) } ?? ""
    }

    @Test func theHTTPHeaderCharsetWins() {
        let data = page("<meta charset=\"utf-8\">", body: latinCafe)
        #expect(HTMLCharset.detect(data, contentType: "text/html; charset=ISO-8859-1") == "windows-1252")
        #expect(paragraphText(data, contentType: "text/html; charset=ISO-8859-1") == "café")
    }

    @Test func aByteOrderMarkComesNext() {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("<p>naïve</p>".utf8))
        #expect(HTMLCharset.detect(data, contentType: "text/html") == "utf-8")
        #expect(paragraphText(data) == "naïve")
        let utf16 = Data([0xFF, 0xFE] + Array("<p>Ωmega</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(paragraphText(utf16) == "Ωmega")
    }

    @Test func metaCharsetAndHTTPEquivAreRead() {
        let meta = page("<meta charset='windows-1252'>", body: latinCafe)
        #expect(paragraphText(meta) == "café")
        let equiv = page("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">", body: latinCafe)
        #expect(HTMLCharset.detect(equiv, contentType: nil) == "windows-1252")
        #expect(paragraphText(equiv) == "café")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        #expect(paragraphText(page("", body: latinCafe + [0x93, 0x71, 0x94])) == "café“q”")
        #expect(paragraphText(page("", body: Array("café".utf8))) == "café")
    }

    @Test func otherDeclaredCharsetsAreDecoded() {
        // "Мир" in windows-1251.
        let data = page("<meta charset=\"windows-1251\">", body: [0xCC, 0xE8, 0xF0])
        #expect(paragraphText(data) == "Мир")
    }
}
