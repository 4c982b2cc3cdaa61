extension TextWrapper {
    /// Where `pad` and `fit` put the text inside its width.
    public enum Alignment: Hashable, Sendable {
        case left, right, center
    }

    /// Shortens `text` to at most `width` cells, ending with `ellipsis` when anything was
    /// cut (spaces before the ellipsis are dropped). Text that fits is returned unchanged;
    /// if not even the ellipsis fits, the text is cut without one.
    public static func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let mark = ellipsisWidth <= width ? ellipsis : ""
        let room = width - (mark.isEmpty ? 0 : ellipsisWidth)
        var kept = ""
        var used = 0
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            if used + cellWidth > room { break }
            kept.append(character)
            used += cellWidth
        }
        if !mark.isEmpty {
            while kept.last == " " { kept.removeLast() }
        }
        return kept + mark
    }

    /// Pads `text` with spaces to exactly `width` cells; text already as wide or wider is
    /// returned unchanged (use `fit` to also shorten it).
    public static func pad(_ text: String, width: Int, alignment: Alignment = .left) -> String {
        let missing = width - DisplayWidth.of(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text + String(repeating: " ", count: missing - before)
        }
    }

    /// Truncates then pads, so the result is exactly `width` cells wide (a wide character
    /// that would straddle the end leaves one cell of padding instead).
    public static func fit(_ text: String, width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        pad(truncate(text, width: width, ellipsis: ellipsis), width: width, alignment: alignment)
    }
}
