import FeedParsing
import Foundation
import Testing

/// Character encodings from the BOM, the XML declaration and the HTTP Content-Type.
@Suite("Parsing character encodings")
struct ParsingEncodingTests {
    private let title = "Ça va? Grüße"

    private func document(declaring encoding: String?) -> String {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? "<?xml version=\"1.0\"?>"
        return declaration + "<rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
    }

    @Test("the XML declaration names a legacy charset")
    func declaredLatin1() throws {
        let data = try #require(document(declaring: "iso-8859-1").data(using: .isoLatin1))
        let feed = try #require(try? FeedParser.parse(data).get())
        #expect(feed.title == title)
        #expect(feed.encoding == "iso-8859-1")
    }

    @Test("UTF-16 with a byte-order mark, and without one")
    func utf16() throws {
        let withBOM = try #require(document(declaring: "utf-16").data(using: .utf16))
        #expect(try FeedParser.parse(withBOM).get().title == title)
        let withoutBOM = try #require(document(declaring: "utf-16le").data(using: .utf16LittleEndian))
        #expect(try FeedParser.parse(withoutBOM).get().title == title)
    }

    @Test("an HTTP charset overrides the declaration for application/xml")
    func httpCharsetWins() throws {
        let data = try #require(document(declaring: "iso-8859-1").data(using: .utf8))
        let feed = try FeedParser.parse(data, contentType: "application/rss+xml; charset=utf-8").get()
        #expect(feed.title == title)
        #expect(feed.encoding == "utf-8")
        #expect(feed.problem == nil)
    }

    @Test("text/xml without a charset is US-ASCII, so non-ASCII bytes are a noted problem")
    func textXMLDefaultsToASCII() throws {
        let data = try #require(document(declaring: "utf-8").data(using: .utf8))
        let feed = try FeedParser.parse(data, contentType: "text/xml").get()
        #expect(feed.title == title)
        #expect(feed.encoding == "utf-8")
        #expect(feed.problem == "document declared as us-ascii, but parsed as utf-8")
    }

    @Test("a charset iconv knows but Foundation does not (EUC-KR)")
    func eucKR() throws {
        let body = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss version=\"2.0\"><channel><title>"
        var data = Data(body.utf8)
        data.append(contentsOf: [0xC7, 0xD1, 0xB1, 0xB9])  // 한국
        data.append(contentsOf: Array("</title></channel></rss>".utf8))
        #expect(try FeedParser.parse(data).get().title == "한국")
    }
}
