import BylineCore

/// The reading-state file: which stories are read and which starred.
///
/// ```
/// byline-reading-state <TAB> 1 <TAB> checksum
/// read <TAB> path
/// starred <TAB> path
/// ```
/// Lines are sorted, so the file changes little from one save to the next. The checksum
/// (FNV-1a of the lines after the first) tells damage from a short list.
enum ReadingStateFile {
    private static let magic = "byline-reading-state"
    private static let version = "1"

    static func encode(_ marks: ReadingMarks) -> [UInt8] {
        var body: [UInt8] = []
        for (kind, ids) in [("read", marks.read), ("starred", marks.starred)] {
            // In the order of the paths' bytes, which is `StoryID`'s order (Unicode scalars)
            // and the order `ReadingStateMerge` reads and writes in.
            for id in ids.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
                LineFields.append(kind, to: &body, first: true)
                LineFields.append(id.path, to: &body)
                body.append(LineFields.newline)
            }
        }
        var out: [UInt8] = []
        LineFields.append(magic, to: &out, first: true)
        LineFields.append(version, to: &out)
        LineFields.append(StableHash.hex(StableHash.of(body)), to: &out)
        out.append(LineFields.newline)
        return out + body
    }

    static let readKind = Array("read".utf8)
    static let starredKind = Array("starred".utf8)

    /// The header line for a body whose checksum is `hash`: always the same length.
    static func header(hash: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        LineFields.append(magic, to: &out, first: true)
        LineFields.append(version, to: &out)
        LineFields.append(StableHash.hex(hash), to: &out)
        out.append(LineFields.newline)
        return out
    }

    /// The body checksum a header line (without its line feed) gives; nil when it is not
    /// a header of this version.
    static func checksum(ofHeader line: ArraySlice<UInt8>) -> UInt64? {
        let fields = LineFields.fields(line)
        guard fields.count == 3, LineFields.string(fields[0]) == magic, LineFields.string(fields[1]) == version,
              fields[2].count == 16, let text = LineFields.string(fields[2]) else { return nil }
        return UInt64(text, radix: 16)
    }

    /// The kind (`readKind` or `starredKind`) of a body line (without its line feed), its
    /// path's bytes put in `path`; nil when the line is malformed.
    static func parse(_ line: ArraySlice<UInt8>, path: inout [UInt8]) -> [UInt8]? {
        guard let tab = line.firstIndex(of: LineFields.tab) else { return nil }
        let kind = line[..<tab], field = line[(tab + 1)...]
        guard !field.isEmpty, !field.contains(LineFields.tab) else { return nil }
        path.removeAll(keepingCapacity: true)
        if field.contains(UInt8(ascii: "\\")) {
            guard let text = LineFields.string(field) else { return nil }
            path.append(contentsOf: text.utf8)
        } else {
            path.append(contentsOf: field)
        }
        if kind.elementsEqual(readKind) { return readKind }
        if kind.elementsEqual(starredKind) { return starredKind }
        return nil
    }

    /// Writes one body line, its path escaped as `LineFields` does.
    static func appendLine(_ kind: [UInt8], _ path: [UInt8], to writer: inout FileLineWriter) {
        writer.append(kind)
        writer.append(CollectionOfOne(LineFields.tab))
        if path.isEmpty || path.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            var field: [UInt8] = []
            LineFields.append(String(decoding: path, as: UTF8.self), to: &field, first: true)
            writer.append(field)
        } else {
            writer.append(path)
        }
        writer.append(CollectionOfOne(LineFields.newline))
    }

    /// What a reading-state file holds: its marks, and when it is damaged, why and how many
    /// of its lines could not be read.
    struct Decoded: Equatable {
        var marks = ReadingMarks()
        var damage: Damage?
        /// Lines that were unreadable (cut short, malformed) and are lost.
        var lostLines = 0
    }

    /// The marks of every intact line; a damaged file loses only its damaged lines.
    ///
    /// The checksum covers the whole body, so it tells that something is wrong but not
    /// where: a line is kept when it is whole (ends in a newline) and well formed, which is
    /// what a file cut short or overwritten in part still has for most of its lines.
    static func decode(_ bytes: [UInt8]) -> Decoded {
        guard let end = bytes.firstIndex(of: LineFields.newline) else {
            return Decoded(damage: Damage(reason: "no header line"), lostLines: bytes.isEmpty ? 0 : 1)
        }
        let header = LineFields.fields(bytes[..<end])
        let body = bytes[(end + 1)...]
        let lineCount = body.reduce(0) { $1 == LineFields.newline ? $0 + 1 : $0 } + (body.last == LineFields.newline || body.isEmpty ? 0 : 1)
        guard header.count == 3, LineFields.string(header[0]) == magic else {
            return Decoded(damage: Damage(reason: "not a Byline reading-state file"), lostLines: lineCount + 1)
        }
        guard LineFields.string(header[1]) == version else {
            return Decoded(damage: Damage(reason: "version \(LineFields.string(header[1]) ?? "?"), expected \(version)"),
                           lostLines: lineCount)
        }
        var decoded = Decoded()
        if LineFields.string(header[2]) != StableHash.hex(StableHash.of(body)) {
            decoded.damage = Damage(reason: "checksum does not match")
        }
        var lineStart = end + 1
        var number = 1
        while lineStart < bytes.count {
            number += 1
            guard let newline = bytes[lineStart...].firstIndex(of: LineFields.newline) else {
                // Cut short: the last line has no end, so its path may be cut too.
                decoded.damage = decoded.damage ?? Damage(reason: "line \(number) is cut short")
                decoded.lostLines += 1
                break
            }
            var reader = LineFields.Reader(Array(bytes[lineStart...newline]), from: 0)
            lineStart = newline + 1
            guard reader.nextLine(), let kind = reader.string() ?? nil, let path = reader.string() ?? nil, reader.atEndOfLine,
                  kind == "read" || kind == "starred" else {
                decoded.damage = decoded.damage ?? Damage(reason: "line \(number) is malformed")
                decoded.lostLines += 1
                continue
            }
            if kind == "read" { decoded.marks.read.insert(StoryID(path)) } else { decoded.marks.starred.insert(StoryID(path)) }
        }
        return decoded
    }
}
