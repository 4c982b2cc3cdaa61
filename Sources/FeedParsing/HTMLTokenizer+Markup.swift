import Foundation

/// The tokenizer's readers for declarations, references and comments, each following
/// the `sgmllib` rule feedparser's output depends on.
extension HTMLTokenizer {
    // MARK: - Declarations

    enum Declaration {
        case complete(end: Int, text: String?)
        case incomplete
        case invalid
    }

    /// `<!DOCTYPE …>` read the way Python's markupbase reads it: names and quoted strings
    /// up to `>`; anything else makes the `<` plain text.
    func declaration(_ s: [Unicode.Scalar], _ i: Int) -> Declaration {
        let n = s.count
        var j = i + 2
        if j < n, s[j] == ">" { return .complete(end: j + 1, text: nil) }
        guard j < n, s[j] != "-" else { return .incomplete }
        guard isLetter(s[j]) else { return .invalid }
        let nameStart = j
        func scanName() -> Bool {
            while j < n, isNameScalar(s[j], extra: "-_.:") { j += 1 }
            while j < n, isSpace(s[j]) { j += 1 }
            return j < n
        }
        guard scanName() else { return .incomplete }
        let isDoctype = String(scalars: s[nameStart..<j]).trimmingCharacters(in: .whitespaces)
            .lowercased() == "doctype"
        while j < n {
            let c = s[j]
            if c == ">" {
                return .complete(end: j + 1, text: isDoctype ? String(scalars: s[(i + 2)..<j]) : nil)
            }
            if c == "\"" || c == "'" {
                guard let close = index(of: c, in: s, from: j + 1) else { return .incomplete }
                j = close + 1
                while j < n, isSpace(s[j]) { j += 1 }
            } else if isLetter(c) {
                guard scanName() else { return .incomplete }
            } else {
                return .invalid
            }
        }
        return .incomplete
    }

    // MARK: - References

    func characterReference(_ s: [Unicode.Scalar], _ i: Int) -> (String, Int)? {
        let n = s.count
        guard i + 2 < n, s[i + 1] == "#" else { return nil }
        var k = i + 2
        if s[k] == "x" || s[k] == "X" {
            k += 1
            let digits = k
            while k < n, s[k].isASCII, s[k].properties.isASCIIHexDigit { k += 1 }
            guard k > digits else { return nil }
        } else {
            let digits = k
            while k < n, s[k].isASCII, s[k].properties.numericType != nil { k += 1 }
            guard k > digits else { return nil }
        }
        guard k < n, s[k] == ";" else { return nil }
        return (String(scalars: s[(i + 2)..<k]), k + 1)
    }

    func entityReference(_ s: [Unicode.Scalar], _ i: Int) -> (String, Int)? {
        let n = s.count
        guard i + 1 < n, isLetter(s[i + 1]) else { return nil }
        var k = i + 2
        while k < n, isNameScalar(s[k], extra: "-.") { k += 1 }
        guard k < n, !(s[k].isASCII && (isLetter(s[k]) || s[k].properties.numericType != nil)) else { return nil }
        let name = String(scalars: s[(i + 1)..<k])
        return (name, s[k] == ";" ? k + 1 : k)
    }

    /// sgmllib's "incomplete" pattern: how much of an unfinished `&…` or `<…` to keep as text.
    func incompleteEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        let n = s.count
        var k = i + 1
        if s[i] == "&" {
            if k < n, isLetter(s[k]) {
                while k < n, s[k].isASCII, isLetter(s[k]) || s[k].properties.numericType != nil { k += 1 }
            } else if k < n, s[k] == "#" {
                k += 1
                while k < n, s[k].isASCII, s[k].properties.numericType != nil { k += 1 }
            }
            return k
        }
        guard k < n else { return k }
        if isLetter(s[k]) || s[k] == "!" {
            while k < n, s[k] != "<", s[k] != ">" { k += 1 }
        } else if s[k] == "/" {
            k += 1
            if k < n, isLetter(s[k]) { while k < n, s[k] != "<", s[k] != ">" { k += 1 } }
        }
        return k
    }

    // MARK: - Comments

    func commentClose(_ s: [Unicode.Scalar], _ start: Int) -> (start: Int, end: Int)? {
        var k = start
        while k + 1 < s.count {
            if s[k] == "-", s[k + 1] == "-" {
                var m = k + 2
                while m < s.count, isSpace(s[m]) { m += 1 }
                if m < s.count, s[m] == ">" { return (k, m + 1) }
            }
            k += 1
        }
        return nil
    }

    func looseCommentEnd(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var k = start
        while k + 1 < s.count {
            if s[k] == "-", s[k + 1] == "-", let close = index(of: ">", in: s, from: k + 2) { return close + 1 }
            k += 1
        }
        return nil
    }
}
