import Foundation

/// How search sees one character: folded to what a reader would type for it.
///
/// Case is folded fully (`ß` → `ss`, `Σ`/`ς` → `σ`), compatibility forms are unified
/// (`ﬁ` → `fi`, fullwidth `Ａ` → `a`) and diacritics are dropped (`é` → `e`), so a query
/// typed on any keyboard finds the accented spelling. CJK characters are kept as they are:
/// the tokenizer pairs them (see `SearchTokenizer`).
enum SearchFolding {
    enum Folded: Equatable {
        /// Ends a word.
        case separator
        /// Part of a word, written as these bytes (empty for a mark that folding drops).
        case word([UInt8])
        /// A CJK character: indexed in overlapping pairs, since those scripts use no spaces.
        case ideograph([UInt8])
    }

    /// Letters that carry their "accent" as part of the letter, so decomposition leaves them.
    private static let letterFolds: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i", "ħ": "h", "Ħ": "h",
    ]

    /// The folded form of a non-ASCII scalar (ASCII is handled by the tokenizer's fast path).
    static func fold(_ scalar: Unicode.Scalar) -> Folded {
        if isIdeograph(scalar) { return .ideograph(Array(String(scalar).utf8)) }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .word([])
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            break
        default:
            return .separator
        }
        if let fold = letterFolds[scalar] { return .word(Array(fold.utf8)) }
        var out = ""
        for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if let fold = letterFolds[part] { out += fold; continue }
            // Upper then lower gives the full case fold: ß → SS → ss.
            out += part.properties.uppercaseMapping.lowercased()
        }
        // A compatibility form may decompose to punctuation or spaces (`⑴` → `(1)`): keep
        // only what is part of a word.
        let kept = out.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        return .word(Array(String(String.UnicodeScalarView(kept)).utf8))
    }

    /// Han, kana and Hangul: scripts written without spaces between words.
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }
}
