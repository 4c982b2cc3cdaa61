import Foundation

/// Reads Tiny Tiny RSS API answers: `{"seq": 0, "status": 0, "content": …}`, where status
/// 1 means `content` is `{"error": "CODE"}` (`LOGIN_ERROR`, `API_DISABLED`,
/// `NOT_LOGGED_IN`, …). Pure: tests feed it answers recorded from a real server.
enum TTRSSAnswer {
    enum Problem: Error, Equatable {
        /// The server answered with an error code.
        case error(String)
        /// The bytes are not an API answer; the reason says what they are.
        case malformed(String)
    }

    /// The content of a successful answer, decoded as `Content`.
    static func decode<Content: Decodable>(_ type: Content.Type, from data: Data) -> Result<Content, Problem> {
        let decoder = JSONDecoder()
        let status: Int
        do {
            status = try decoder.decode(Status.self, from: data).status
        } catch {
            return .failure(.malformed(reason(error, data: data)))
        }
        guard status == 0 else {
            let code = (try? decoder.decode(Envelope<ErrorContent>.self, from: data))?.content.error
            return .failure(.error(code.map(printable) ?? "status \(status)"))
        }
        do {
            return .success(try decoder.decode(Envelope<Content>.self, from: data).content)
        } catch {
            return .failure(.malformed(reason(error, data: data)))
        }
    }

    private struct Status: Decodable { var status: Int }
    private struct Envelope<Content: Decodable>: Decodable { var content: Content }
    private struct ErrorContent: Decodable { var error: String? }

    /// What is wrong with an answer, in a few words: never the whole answer, which may be
    /// a long page (and is untrusted text).
    static func reason(_ error: Error, data: Data) -> String {
        let start = String(decoding: data.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if start.isEmpty { return "empty answer" }
        if start.hasPrefix("<") { return "an HTML page, not JSON: is the URL the TT-RSS folder?" }
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return start.first == "{" || start.first == "[" ? "JSON cut short or broken" : "not JSON: starts with \"\(printable(String(start.prefix(30))))\""
        case .keyNotFound(let key, let context):
            return "no \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "unexpected value at \(path(context.codingPath))"
        @unknown default:
            return "not JSON"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }

    /// Server text in a message: printable ASCII only, short.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(60).map { $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : "?" })
    }
}

/// An ID TT-RSS sends as a number or as text, depending on version and call.
struct LooseID: Decodable, Equatable {
    var value: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = String(number)
        } else {
            value = try container.decode(String.self)
        }
    }
}

// MARK: - The contents of the answers sync reads

struct TTRSSLogin: Decodable {
    var session_id: String
    var api_level: Int?
}

struct TTRSSLevel: Decodable { var level: Int }

struct TTRSSVersion: Decodable { var version: String }

struct TTRSSCategory: Decodable {
    var id: LooseID
    var title: String
}

struct TTRSSFeed: Decodable {
    var id: LooseID
    var feed_url: String
    var title: String
    var cat_id: LooseID?
}

struct TTRSSHeadline: Decodable {
    var id: LooseID
    var unread: Bool
    var marked: Bool
    /// Seconds since 1970.
    var updated: Int?
    var is_updated: Bool?
    var title: String?
    var link: String?
    var feed_id: LooseID?
    var feed_title: String?
    var author: String?
    var content: String?
}

struct TTRSSSubscribed: Decodable {
    struct Status: Decodable {
        var code: Int
        var feed_id: LooseID?
        var message: String?
    }
    var status: Status
}

struct TTRSSStatus: Decodable {
    var status: String?
}
