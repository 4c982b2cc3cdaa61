import Foundation

/// One test case of feedparser's corpus, as `manifest.jsonl` describes it.
struct CorpusCase: Decodable, Sendable {
    let path: String
    let suite: String
    let expect: String
    let http: Bool
    let skipUnless: String?

    enum CodingKeys: String, CodingKey {
        case path, suite, expect, http
        case skipUnless = "skip_unless"
    }

    /// The group a pass rate is reported for: `wellformed/rss`, `entities`, `encoding` …
    var group: String {
        let parts = path.split(separator: "/")
        return parts.first == "wellformed" && parts.count > 2 ? "\(parts[0])/\(parts[1])" : String(parts[0])
    }

    /// Why the case is not run at all, if it isn't.
    var skipReason: String? {
        if skipUnless?.contains("chardet") == true { return "needs statistical charset detection (chardet)" }
        return nil
    }

    /// Upstream parses these suites from text it already decoded; the others from raw bytes.
    var isDecodedText: Bool {
        !http && (suite == "wellformed" || suite == "entities" || suite == "json")
    }
}

/// Where the corpus lives and what it holds.
enum Corpus {
    /// `../shared/corpora/feedparser` next to the package root.
    static let root: URL = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/feedparser")
    }()

    /// The harness's own files: scripts and the expected-failure list.
    static let harness = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("manifest.jsonl").path)
    }

    static func cases() throws -> [CorpusCase] {
        let text = try String(contentsOf: root.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(CorpusCase.self, from: Data($0.utf8)) }
    }

    static func data(_ item: CorpusCase) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(item.path))
    }

    /// The document as upstream's harness hands it over for "decoded text" suites:
    /// decoded by BOM (UTF-32/16/8, default UTF-8), then given to the parser as UTF-8.
    static func decodedText(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        let encodings: [([UInt8], String.Encoding)] = [
            ([0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian), ([0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian),
            ([0xFE, 0xFF], .utf16BigEndian), ([0xFF, 0xFE], .utf16LittleEndian), ([0xEF, 0xBB, 0xBF], .utf8),
        ]
        for (bom, encoding) in encodings where bytes.starts(with: bom) {
            if let text = String(data: Data(bytes.dropFirst(bom.count)), encoding: encoding) { return Data(text.utf8) }
        }
        return Data(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
