#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `feeds-state.json` read back directly, in the shape `FetchStateJSON.bytes` writes.
///
/// JSONDecoder spent some 3 ms on 100 feeds' states at the start of every fetch (half of
/// it making a calendar for each `lastFetch` date), on the main thread while libcurl
/// loads, and the reader's folder names read the file too. This reads the object of
/// objects of strings and integers that the file is, and gives up (nil) on anything else:
/// JSONDecoder then reads the file as ever, so a file written by hand or by another
/// version means what it always meant.
extension FetchStateJSON {
    /// The states in `bytes`, or nil when they are not in the plain shape this reads
    /// (JSONDecoder's answer is then the one to take).
    static func states(from bytes: [UInt8]) -> [String: FeedFetchState]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            return reader.states()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func states() -> [String: FeedFetchState]? {
            var states: [String: FeedFetchState] = [:]
            guard take(UInt8(ascii: "{")) else { return nil }
            if take(UInt8(ascii: "}")) { return finished() ? states : nil }
            repeat {
                // A URL given twice: which one JSONDecoder keeps is its business.
                guard let url = string(), take(UInt8(ascii: ":")), let state = state(), states[url] == nil else { return nil }
                states[url] = state
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), finished() else { return nil }
            return states
        }

        /// One feed's state: the fields the file holds, each at most once; `feedKey` and
        /// `storyCount` must be there, as the decoder requires. An unknown field with a
        /// plain value is passed over, as the decoder passes it over.
        private mutating func state() -> FeedFetchState? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var feedKey: String?, storyCount: Int?
            var title: String??, etag: String??, lastModified: String??, lastError: String??, lastFetch: Date??
            if !take(UInt8(ascii: "}")) {
                repeat {
                    guard let name = string(), take(UInt8(ascii: ":")) else { return nil }
                    switch name {
                    case "feedKey":
                        guard feedKey == nil, let value = string() else { return nil }
                        feedKey = value
                    case "storyCount":
                        guard storyCount == nil, let value = integer() else { return nil }
                        storyCount = value
                    case "title":
                        guard readOnce(into: &title) else { return nil }
                    case "etag":
                        guard readOnce(into: &etag) else { return nil }
                    case "lastModified":
                        guard readOnce(into: &lastModified) else { return nil }
                    case "lastError":
                        guard readOnce(into: &lastError) else { return nil }
                    case "lastFetch":
                        var text: String??
                        guard lastFetch == nil, readOnce(into: &text), let text else { return nil }
                        if let text {
                            guard let date = FetchStateJSON.date(text) else { return nil }
                            lastFetch = .some(date)
                        } else {
                            lastFetch = .some(nil)
                        }
                    default:
                        guard skipPlainValue() else { return nil }
                    }
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            guard let feedKey, let storyCount else { return nil }
            return FeedFetchState(feedKey: feedKey, title: title ?? nil, etag: etag ?? nil, lastModified: lastModified ?? nil,
                                  lastFetch: lastFetch ?? nil, lastError: lastError ?? nil, storyCount: storyCount)
        }

        /// An optional string field's value (null or a string) into `field`, which must
        /// not have been read yet.
        private mutating func readOnce(into field: inout String??) -> Bool {
            guard field == nil, let value = optionalString() else { return false }
            field = value
            return true
        }

        // MARK: Tokens

        private mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x0A, 0x0D, 0x09: at += 1
                default: return
                }
            }
        }

        /// Whether the next byte past any space is `byte`; taken if so.
        private mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        private mutating func finished() -> Bool {
            skipSpace()
            return at == bytes.count
        }

        /// `null`, or a string.
        private mutating func optionalString() -> String?? {
            if takeWord("null") { return .some(nil) }
            return string().map { .some($0) }
        }

        private mutating func takeWord(_ word: StaticString) -> Bool {
            skipSpace()
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count else { return false }
            for index in 0..<count where bytes[at + index] != word.utf8Start[index] { return false }
            at += count
            return true
        }

        /// A non-negative integer written plainly (no sign, fraction, exponent or leading zero).
        private mutating func integer() -> Int? {
            skipSpace()
            let start = at
            var value = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowedAgain) = times.addingReportingOverflow(Int(bytes[at] - UInt8(ascii: "0")))
                guard !overflowed, !overflowedAgain else { return nil }
                value = sum
                at += 1
            }
            let digits = at - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            // A number that goes on (`1.5`, `1e3`) is not a plain integer.
            if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return nil }
            return value
        }

        /// An unknown field's value: a string, an integer, true, false or null.
        private mutating func skipPlainValue() -> Bool {
            if optionalString() != nil { return true }
            if takeWord("true") || takeWord("false") { return true }
            return integer() != nil
        }

        /// A JSON string: escapes read, valid UTF-8 only; nil for anything else.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            // The common case: no escape, read straight from the bytes.
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
                guard bytes[at] >= 0x20 else { return nil }
                at += 1
            }
            guard at < bytes.count else { return nil }
            var text = [UInt8](bytes[start..<at])
            while bytes[at] == UInt8(ascii: "\\") {
                at += 1
                guard at < bytes.count else { return nil }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = escapedScalar() else { return nil }
                    text.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
                while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
                    guard bytes[at] >= 0x20 else { return nil }
                    text.append(bytes[at])
                    at += 1
                }
                guard at < bytes.count else { return nil }
            }
            at += 1  // the closing quote
            return String(validating: text, as: UTF8.self)
        }

        /// The scalar of a `\uXXXX` escape (its `\u` read), with the second half of a
        /// surrogate pair; nil for a lone or broken half.
        private mutating func escapedScalar() -> Unicode.Scalar? {
            guard let first = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(first) {
                guard at + 2 <= bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
                at += 2
                guard let second = hex4(), (0xDC00..<0xE000).contains(second) else { return nil }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            }
            return Unicode.Scalar(first)
        }

        private mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                at += 1
            }
            return value
        }
    }

    /// The date of `2026-12-03T19:17:55Z`, the one form `timestamp` writes; nil for any
    /// other (the decoder's `.iso8601` then reads it, or refuses it).
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int32(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        // A day past its month's end (`02-30`) rolls over in timegm: not a date written here.
        guard parts.tm_mday == day, parts.tm_mon == month - 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
