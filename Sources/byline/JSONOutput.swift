import Foundation
import TerminalSafety

/// What every `--json` of Byline's commands (`list`, `search`, `similar`) does to the
/// encoder's text before it is printed, so story text cannot drive a terminal showing
/// the output raw.
///
/// `JSONEncoder` escapes only characters below U+0020. DEL, the C1 controls (U+009B is an
/// 8-bit CSI), the line and paragraph separators, the bidi embeddings, overrides and
/// isolates (`TerminalControls.isControl`) and the direction marks (LRM, RLM, ALM, which
/// can reorder a line as much as an override can) would still reach it. They can stand
/// only inside strings, so each becomes `\uXXXX` there, which every JSON reader decodes
/// back to the same text.
enum JSONOutput {
    static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            for escaped in ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars { out.append(escaped) }
        }
        return String(out)
    }

    /// `data`, encoded by `JSONEncoder`, with the invisibles escaped.
    static func escapingInvisibles(_ data: Data) -> Data {
        Data(escapingInvisibles(String(decoding: data, as: UTF8.self)).utf8)
    }

    /// Every escaped scalar is outside the Basic Latin controls, which the encoder escapes
    /// already and of which the JSON text's own line breaks must stay as they are.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case ..<0x7F: false
        case 0x061C, 0x200E, 0x200F: true
        default: TerminalControls.isControl(scalar)
        }
    }
}
