/// Bold and italic words in running text.
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let italic = Emphasis(rawValue: 1 << 0)
    public static let bold = Emphasis(rawValue: 1 << 1)
}

/// The emphasis rule of story files: `*italic*`, `**bold**`, `***both***`.
///
/// Written for prose that uses asterisks for other things, so it reads them as emphasis
/// only where a writer plainly meant it:
/// - An opening run of one to three `*` stands at the start of the text or after a space
///   or an opening bracket or quote, and is followed by a character that is not a space.
/// - The closing run is the next run of the same length that follows a character that is
///   not a space, and is not followed by a letter or digit.
/// - Only `*` counts: `_` never does, so snake_case names and URLs stay as they are.
/// - `\*` is a literal asterisk, never part of a run.
///
/// So "5 * 3", "2*3*4", "*Terms apply" and "footnote*" read as they are written; producers
/// of story text escape the rest (`escaped`). Emphasis does not cross an inline link, and
/// one emphasis may hold the other (`**bold *and italic***` is not written; `***` is).
enum InlineEmphasis {
    /// Whether `text` may hold emphasis or an escaped asterisk: one byte scan.
    static func mayHold<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.contains(UInt8(ascii: "*"))
    }

    /// The pieces of `text` (which holds no link markup) with their emphasis; escapes undone.
    static func pieces(_ text: String, outer: Emphasis = []) -> [(text: String, emphasis: Emphasis)] {
        guard mayHold(text) else { return text.isEmpty ? [] : [(text, outer)] }
        let scalars = Array(text.unicodeScalars)
        let runs = starRuns(scalars)
        // For each run length, the runs able to close, in order, and how far each list has been
        // passed: openers are met left to right, so every search resumes where the last stopped.
        var closers: [[Int]] = [[], [], [], []]
        for (index, run) in runs.enumerated() where run.canClose { closers[run.length].append(index) }
        var passed = [0, 0, 0, 0]

        var result: [(text: String, emphasis: Emphasis)] = []
        var plain = String.UnicodeScalarView()
        var position = 0
        var runIndex = 0
        func addPlain(upTo end: Int) {
            while position < end {
                let scalar = scalars[position]
                // `\*` is an asterisk.
                if scalar == "\\", position + 1 < end, scalars[position + 1] == "*" { position += 1; continue }
                plain.append(scalar)
                position += 1
            }
        }
        while runIndex < runs.count {
            let run = runs[runIndex]
            guard run.canOpen else { runIndex += 1; continue }
            let candidates = closers[run.length]
            while passed[run.length] < candidates.count, candidates[passed[run.length]] <= runIndex { passed[run.length] += 1 }
            guard passed[run.length] < candidates.count else { runIndex += 1; continue }
            let closeIndex = candidates[passed[run.length]]
            let close = runs[closeIndex]
            addPlain(upTo: run.start)
            if !plain.isEmpty { result.append((String(plain), outer)); plain = String.UnicodeScalarView() }
            let inner = String(String.UnicodeScalarView(scalars[(run.start + run.length)..<close.start]))
            let emphasis = outer.union(Self.emphasis(ofLength: run.length))
            // One level inside another (`**a *b* c**`); deeper nesting is not written.
            if outer.isEmpty && run.length < 3 {
                result.append(contentsOf: pieces(inner, outer: emphasis))
            } else {
                result.append((unescaped(inner), emphasis))
            }
            position = close.start + close.length
            runIndex = closeIndex + 1
        }
        addPlain(upTo: scalars.count)
        if !plain.isEmpty { result.append((String(plain), outer)) }
        return result
    }

    static func emphasis(ofLength length: Int) -> Emphasis {
        switch length {
        case 1: .italic
        case 2: .bold
        default: [.bold, .italic]
        }
    }

    /// The markers for `emphasis`: `*`, `**` or `***`.
    static func marker(_ emphasis: Emphasis) -> String {
        emphasis == [.bold, .italic] ? "***" : emphasis == .bold ? "**" : emphasis == .italic ? "*" : ""
    }

    /// `\*` undone.
    static func unescaped(_ text: String) -> String {
        guard text.contains("\\*") else { return text }
        return text.replacingOccurrences(of: "\\*", with: "*")
    }

    /// Plain text made safe to write as running text: every asterisk that could open or
    /// close emphasis (all but one standing alone between spaces, as in "5 * 3") becomes
    /// `\*`, so the text reads back as written.
    static func escaped(_ text: String, spaceBefore: Bool, spaceAfter: Bool) -> String {
        guard mayHold(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "*" {
                let before: Unicode.Scalar = index > 0 ? scalars[index - 1] : spaceBefore ? " " : "x"
                let after: Unicode.Scalar = index + 1 < scalars.count ? scalars[index + 1] : spaceAfter ? " " : "x"
                if !(isSpace(before) && isSpace(after)) { out.append("\\") }
            }
            out.append(scalar)
        }
        return String(out)
    }

    // MARK: - Runs of asterisks

    struct StarRun {
        var start: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    /// Maximal runs of unescaped `*`, with whether each may open or close emphasis.
    static func starRuns(_ scalars: [Unicode.Scalar]) -> [StarRun] {
        var runs: [StarRun] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "*" { index += 2; continue }
            guard scalar == "*" else { index += 1; continue }
            var end = index
            while end < scalars.count, scalars[end] == "*" { end += 1 }
            let length = end - index
            let before = index > 0 ? scalars[index - 1] : nil
            let after = end < scalars.count ? scalars[end] : nil
            let fits = length <= 3
            runs.append(StarRun(start: index, length: length, canOpen: fits && canOpen(before: before, after: after),
                                canClose: fits && canClose(before: before, after: after)))
            index = end
        }
        return runs
    }

    /// Whether a run between these characters may open emphasis: at the start or after a
    /// space or opening bracket or quote, and before a character that is not a space.
    static func canOpen(before: Unicode.Scalar?, after: Unicode.Scalar?) -> Bool {
        (before.map { isSpace($0) || opening.contains($0) } ?? true) && after.map { !isSpace($0) } ?? false
    }

    /// Whether a run between these characters may close emphasis: after a character that
    /// is not a space, and at the end or before one that is not a letter or digit.
    static func canClose(before: Unicode.Scalar?, after: Unicode.Scalar?) -> Bool {
        before.map { !isSpace($0) } ?? false
            && (after.map { !($0.properties.isAlphabetic || $0.properties.numericType != nil) } ?? true)
    }

    /// Whether `content` written between markers, with these characters around it, reads
    /// back as emphasis of that content.
    static func reads(_ content: [Unicode.Scalar], before: Unicode.Scalar?, after: Unicode.Scalar?) -> Bool {
        guard let first = content.first, let last = content.last, first != "*", last != "*", last != "\\",
              before != "*", after != "*" else { return false }
        return canOpen(before: before, after: first) && canClose(before: last, after: after)
    }

    /// What may stand just before an opening run besides a space.
    private static let opening: Set<Unicode.Scalar> = ["(", "[", "{", "\"", "'", "“", "‘", "«", "—", "–", "/"]

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar.properties.isWhitespace
    }
}
