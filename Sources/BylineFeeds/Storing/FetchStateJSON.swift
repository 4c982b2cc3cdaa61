#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The feeds' states written as `feeds-state.json`: the JSON that `JSONEncoder` with sorted
/// keys and pretty printing made, written directly. At the end of every fetch the encoder
/// took some 2 ms for 100 feeds, between the last answer and the program's end.
enum FetchStateJSON {
    static func bytes(_ states: [String: FeedFetchState]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(states.count * 256)
        out += Array("{".utf8)
        for (index, url) in states.keys.sorted().enumerated() {
            guard let state = states[url] else { continue }
            out += Array((index == 0 ? "\n  " : ",\n  ").utf8)
            string(url, into: &out)
            out += Array(" : {".utf8)
            // Fields in the order of their names, as the encoder sorted them; absent ones left out.
            var fields: [(String, (inout [UInt8]) -> Void)] = []
            if let etag = state.etag { fields.append(("etag", { string(etag, into: &$0) })) }
            fields.append(("feedKey", { string(state.feedKey, into: &$0) }))
            if let lastError = state.lastError { fields.append(("lastError", { string(lastError, into: &$0) })) }
            if let lastFetch = state.lastFetch { fields.append(("lastFetch", { string(timestamp(lastFetch), into: &$0) })) }
            if let lastModified = state.lastModified { fields.append(("lastModified", { string(lastModified, into: &$0) })) }
            fields.append(("storyCount", { $0 += Array(String(state.storyCount).utf8) }))
            if let title = state.title { fields.append(("title", { string(title, into: &$0) })) }
            for (number, (name, value)) in fields.enumerated() {
                out += Array((number == 0 ? "\n    \"" : ",\n    \"").utf8)
                out += Array(name.utf8)
                out += Array("\" : ".utf8)
                value(&out)
            }
            out += Array("\n  }".utf8)
        }
        out += Array((states.isEmpty ? "}" : "\n}").utf8)
        return out
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `2026-12-03T19:17:55Z`: ISO 8601 in UTC to the second, as the decoder's `.iso8601` reads it.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
