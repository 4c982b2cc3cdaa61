import BylineCore
import Foundation

/// What search reads of a story file with a header block, found in the file's bytes: the
/// stretches of headline, source, kicker, author and body the tokenizer reads in place.
///
/// It reads a file exactly as `SearchDocument(fileBytes:)` does (the same words, weights,
/// headline and source), but without a String per line or a walk over the body by
/// Character: over 100,000 stories those were most of what building the index cost. The
/// few things only Strings decide (a colon or bracket that a combining mark joins into
/// another character) make it answer `unsure`, and the caller reads that file the slow way.
struct StoryFileFields {
    enum Reading: Equatable {
        /// Read: the fields are in `pieces`.
        case read
        /// Not a headered story file: the caller parses it with `StoryFileParser`.
        case needsParser
        /// An odd file this reading is not sure of: the caller uses `SearchDocument(fileBytes:)`.
        case unsure
    }

    /// Each stretch of text with its weight, in `bytes` (or, for a body with link targets
    /// cut out, in `body`: `inBody`).
    private(set) var pieces: [(range: Range<Int>, weight: UInt32, inBody: Bool)] = []
    /// The body with `(https://…)` link targets taken out, when it has any.
    private(set) var body: [UInt8] = []
    private(set) var title = ""
    private(set) var source = ""
    private(set) var published: Date?

    private var names: [Range<Int>] = []
    /// Per header, its value's stretches (more than one when it runs on to the next lines).
    private var valueStarts: [Int] = []
    private var values: [Range<Int>] = []

    private static let knownHeaders: [[UInt8]] = [
        "title", "kicker", "source", "author", "published", "updated", "url", "feed", "id",
        "summary", "language", "image", "related",
    ].map { Array($0.utf8) }

    init() {}

    /// Reads `bytes`; on `.read`, `pieces`, `title`, `source` and `published` describe it.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        pieces.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        valueStarts.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        guard !bytes.isEmpty, Self.isTextWithoutNul(bytes) else { return .needsParser }
        var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while start < bytes.count {
            var newline = start
            while newline < bytes.count && bytes[newline] != 0x0A { newline += 1 }
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            let line = start..<end
            start = newline + 1
            let trimmed = Self.trimmed(line, in: bytes)
            if trimmed.isEmpty { break }
            var colon = line.lowerBound
            while colon < line.upperBound && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            if colon < line.upperBound, colon + 1 < line.upperBound, bytes[colon + 1] >= 0x80 {
                // A mark after the colon would make it part of another character.
                return .unsure
            }
            if colon < line.upperBound, Self.isHeaderName(line.lowerBound..<colon, in: bytes) {
                names.append(line.lowerBound..<colon)
                valueStarts.append(values.count)
                values.append(Self.trimmed(colon + 1..<line.upperBound, in: bytes))
            } else if !names.isEmpty {
                values.append(trimmed)
            } else {
                return .needsParser
            }
        }
        valueStarts.append(values.count)
        guard let first = names.first, Self.knownHeaders.contains(where: { Self.equalsLowercased(first, $0, in: bytes) }) else {
            return .needsParser
        }
        guard let titleHeader = names.firstIndex(where: { Self.equalsLowercased($0, "title", in: bytes) }),
              valueLength(titleHeader) > 0 else { return .needsParser }
        let bodyStart = min(start, bytes.count)

        // The body, with link targets cut out (into `body`) when it has any.
        var bodyRange = bodyStart..<bytes.count
        var bodyInCopy = false
        if Self.hasLinkMarkup(bytes, bodyRange) {
            guard cutLinkTargets(bytes, bodyRange) else { return .unsure }
            bodyRange = 0..<body.count
            bodyInCopy = true
        }
        let closing: Range<Int>?
        switch bodyInCopy ? body.withUnsafeBufferPointer({ Self.closingSource(of: &bodyRange, in: $0) })
                          : Self.closingSource(of: &bodyRange, in: bytes) {
        case .found(let value): closing = value
        case .absent: closing = nil
        case .unsure: return .unsure
        }

        title = string(header: titleHeader, in: bytes)
        let sourceHeader = header("source", in: bytes)
        if let sourceHeader {
            source = string(header: sourceHeader, in: bytes)
        } else if let closing {
            source = bodyInCopy ? String(decoding: body[closing], as: UTF8.self) : String(decoding: bytes[closing], as: UTF8.self)
        } else {
            source = ""
        }
        published = header("published", in: bytes).flatMap { StoryDate.parse(string(header: $0, in: bytes)) }
            ?? header("updated", in: bytes).flatMap { StoryDate.parse(string(header: $0, in: bytes)) }

        addPieces(of: titleHeader, weight: 3)
        if let sourceHeader { addPieces(of: sourceHeader, weight: 2) } else if let closing { pieces.append((closing, 2, bodyInCopy)) }
        if let kicker = header("kicker", in: bytes) { addPieces(of: kicker, weight: 2) }
        if let author = header("author", in: bytes) { addPieces(of: author, weight: 1) }
        pieces.append((bodyRange, 1, bodyInCopy))
        return .read
    }

    // MARK: - Headers

    /// The first header named `name` whose value is not empty.
    private func header(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        names.indices.first { Self.equalsLowercased(names[$0], name, in: bytes) && valueLength($0) > 0 }
    }

    /// The length of a header's value as `SearchDocument` joins it: its lines with spaces.
    private func valueLength(_ header: Int) -> Int {
        let lines = values[valueStarts[header]..<valueStarts[header + 1]]
        return lines.reduce(0) { $0 + $1.count } + lines.count - 1
    }

    private func string(header: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        for (number, line) in values[valueStarts[header]..<valueStarts[header + 1]].enumerated() {
            if number > 0 { out.append(0x20) }
            out.append(contentsOf: bytes[line])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func addPieces(of header: Int, weight: UInt32) {
        for line in values[valueStarts[header]..<valueStarts[header + 1]] { pieces.append((line, weight, false)) }
    }

    private static func isHeaderName(_ name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = name.first, isLetter(bytes[first]) else { return false }
        return name.allSatisfy { isLetter(bytes[$0]) || (0x30...0x39).contains(bytes[$0]) || bytes[$0] == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }

    private static func equalsLowercased(_ range: Range<Int>, _ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        range.count == name.utf8.count && zip(range, name.utf8).allSatisfy { bytes[$0.0] | 0x20 == $0.1 }
    }

    private static func equalsLowercased(_ range: Range<Int>, _ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        range.count == name.count && zip(range, name).allSatisfy { bytes[$0.0] | 0x20 == $0.1 }
    }

    /// Without spaces and tabs at either end.
    private static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return start..<end
    }

    // MARK: - Body

    private static func hasLinkMarkup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count > 1, let base = bytes.baseAddress else { return false }
        var at = range.lowerBound
        // memchr finds each `]` at memory speed; most bodies have none.
        while at < range.upperBound - 1, let found = memchr(base + at, Int32(UInt8(ascii: "]")), range.upperBound - 1 - at) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if bytes[index + 1] == UInt8(ascii: "(") { return true }
            at = index + 1
        }
        return false
    }

    /// Copies the body into `body` without the `(https://…)` after a `]`, as
    /// `SearchDocument.withoutLinkTargets` does. False where that reading goes by Character
    /// in a way bytes cannot follow (a mark joined to the closing bracket).
    private mutating func cutLinkTargets(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        body.reserveCapacity(range.count)
        var index = range.lowerBound
        var copied = index
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "]"), index < end, bytes[index] == UInt8(ascii: "(") else { continue }
            let target = index + 1
            let scheme = Self.hasPrefix(bytes, at: target, "http://") ? 7 : Self.hasPrefix(bytes, at: target, "https://") ? 8 : 0
            guard scheme > 0 else { continue }
            // A mark after the `//` joins the slash into another character: no prefix for Strings.
            if target + scheme < end, bytes[target + scheme] >= 0x80 { return false }
            // The first `)` or line end; a CRLF pair is one Character, not "\n", so it does not stop the search.
            var close = target
            while close < end {
                let c = bytes[close]
                if c == UInt8(ascii: ")") { break }
                if c == 0x0A && !(close > range.lowerBound && bytes[close - 1] == 0x0D) { break }
                close += 1
            }
            guard close < end, bytes[close] == UInt8(ascii: ")") else { continue }
            if close + 1 < end, bytes[close + 1] >= 0x80 { return false }
            body.append(contentsOf: bytes[copied..<index])
            index = close + 1
            copied = index
        }
        body.append(contentsOf: bytes[copied..<end])
        return true
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { prefix in (0..<count).allSatisfy { bytes[start + $0] == prefix[$0] } }
    }

    private enum ClosingSource {
        case found(Range<Int>)
        case absent
        /// A mark joined to the label's colon: Strings drop it with the label, bytes cannot tell.
        case unsure
    }

    /// A last line `Source: …` taken off the body (`range` ends before it): its value.
    private static func closingSource(of range: inout Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> ClosingSource {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var end = range.upperBound
        while end > range.lowerBound, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > range.lowerBound, bytes[start - 1] != 0x0A { start -= 1 }
        let label = "source:".utf8
        guard end - start > label.count, zip(start..<start + label.count, label).allSatisfy({ bytes[$0.0] | 0x20 == $0.1 }) else {
            return .absent
        }
        if bytes[start + label.count] >= 0x80 { return .unsure }
        let value = trimmed(start + label.count..<end, in: bytes)
        guard !value.isEmpty else { return .absent }
        range = range.lowerBound..<start
        return .found(value)
    }

    // MARK: - Bytes

    /// Valid UTF-8 without a NUL byte: what `SearchDocument(fileBytes:)` asks of a file.
    /// ASCII goes eight bytes at a time.
    static func isTextWithoutNul(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        let count = bytes.count
        while index < count {
            if index + 8 <= count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                // No byte with its high bit set, and none zero (the classic test for a zero byte).
                if chunk & high == 0 && (chunk &- 0x0101_0101_0101_0101) & ~chunk & high == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 { return false }
                index += 1
                continue
            }
            let (scalar, length) = SearchTokenizer.decode(bytes, at: index)
            guard scalar != nil else { return false }
            index += length
        }
        return true
    }
}
