import BylineCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where bold and italic elements began and ended while a paragraph was being built.
///
/// The builder cannot write `**` as it meets `<b>`: whether the markers will read as
/// emphasis depends on the characters around them, and what follows the closing one is not
/// known until the paragraph ends. So it writes noncharacters (U+FDD0–U+FDD3, which Unicode
/// keeps for a program's internal use and no page text keeps: `removingMarkers` drops any)
/// and `resolved` turns each pair into `**`/`*` where the story-file rule will read it as
/// emphasis, and drops it where it would not (`un<i>believ</i>able`), keeping the words.
enum EmphasisMarkers {
    static let openBold = Unicode.Scalar(UInt32(0xFDD0)) ?? "\u{FFFD}"
    static let closeBold = Unicode.Scalar(UInt32(0xFDD1)) ?? "\u{FFFD}"
    static let openItalic = Unicode.Scalar(UInt32(0xFDD2)) ?? "\u{FFFD}"
    static let closeItalic = Unicode.Scalar(UInt32(0xFDD3)) ?? "\u{FFFD}"

    static func markers(_ emphasis: Emphasis) -> (open: Unicode.Scalar, close: Unicode.Scalar) {
        emphasis == .bold ? (openBold, closeBold) : (openItalic, closeItalic)
    }

    static func isMarker(_ scalar: Unicode.Scalar) -> Bool { (0xFDD0...0xFDD3).contains(scalar.value) }

    /// Whether `text` holds any marker: their UTF-8 form starts EF B7 90–93.
    static func contains(_ text: String) -> Bool {
        // Only the 0xEF lead byte can start one: memchr finds it (or its absence) at once.
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset + 2 < buffer.count, let hit = memchr(base + offset, 0xEF, buffer.count - offset - 2) {
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if buffer[position + 1] == 0xB7, (0x90...0x93).contains(buffer[position + 2]) { return true }
                offset = position + 1
            }
            return false
        }) {
            return found
        }
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if previous == (0xEF, 0xB7), (0x90...0x93).contains(byte) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// Page text without markers, so none can be taken for the builder's own.
    static func removingMarkers(_ text: String) -> String {
        guard contains(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isMarker($0) }))
    }

    /// The text with each marked span written as emphasis, or left plain where the markers
    /// would not read as emphasis.
    static func resolved(_ text: String) -> String {
        guard contains(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == openBold || scalar == openItalic else {
                if !isMarker(scalar) { out.append(scalar) }
                index += 1
                continue
            }
            let close = scalar == openBold ? closeBold : closeItalic
            guard let end = scalars[(index + 1)...].firstIndex(of: close) else {
                index += 1
                continue
            }
            let content = scalars[(index + 1)..<end].filter { !isMarker($0) }
            let after = end + 1 < scalars.count ? scalars[end + 1] : nil
            let emphasis: Emphasis = scalar == openBold ? .bold : .italic
            // A marker just after is the next span's, which may vanish (a `*` there would join
            // the run); and `**` never spans a link, which a joined span may hold.
            let holdsLink = String(String.UnicodeScalarView(content)).contains("](")
            if !holdsLink, after.map({ !isMarker($0) }) ?? true,
               let written = InlineText.emphasized(content, emphasis, before: out.last, after: after) {
                out.append(contentsOf: written.unicodeScalars)
            } else {
                out.append(contentsOf: content)
            }
            index = end + 1
        }
        return String(out)
    }
}
