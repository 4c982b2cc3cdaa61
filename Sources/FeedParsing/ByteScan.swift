import Foundation

/// Byte-level tests and replacements on UTF-8 text, for the parser's per-element paths:
/// the generic `utf8.contains` walks a byte at a time through an iterator, and
/// Foundation's `replacingOccurrences` bridges to NSString; in a 50,000-item fetch the
/// two cost more than libxml2's whole parse.
enum ByteScan {
    /// Whether `text` holds `byte` (an ASCII byte, so it is never part of a longer character).
    static func contains(_ text: String, _ byte: UInt8) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }) {
            return found
        }
        return text.utf8.contains(byte)
    }

    /// Whether `text` holds the two bytes `first` then `second` next to each other.
    static func contains(_ text: String, _ first: UInt8, _ second: UInt8) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard buffer.count > 1 else { return false }
            var index = 0
            while index < buffer.count - 1 {
                guard let base = buffer.baseAddress,
                      let hit = memchr(base + index, Int32(first), buffer.count - 1 - index) else { return false }
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if buffer[position + 1] == second { return true }
                index = position + 1
            }
            return false
        }) {
            return found
        }
        var previous: UInt8 = 0
        return text.utf8.contains { byte in
            defer { previous = byte }
            return previous == first && byte == second
        }
    }

    /// `text.replacingOccurrences(of: target, with: replacement)`, done on bytes when all
    /// three are ASCII (where byte equality is what Foundation's comparison means), and by
    /// Foundation otherwise.
    static func replacing(_ text: String, _ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return text }
        let targetBytes = Array(target.utf8)
        // Non-ASCII text goes to Foundation: its comparison finds canonical equivalents
        // (a Kelvin sign for a K), which bytes would not.
        guard let first = targetBytes.first, isASCII(text), isASCII(target), isASCII(replacement) else {
            return text.replacingOccurrences(of: target, with: replacement)
        }
        guard contains(text, first) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == first, index + targetBytes.count <= bytes.count,
               bytes[index..<(index + targetBytes.count)].elementsEqual(targetBytes) {
                out.append(contentsOf: replacement.utf8)
                index += targetBytes.count
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { buffer in buffer.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
    }
}
