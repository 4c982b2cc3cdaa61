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
            for id in ids.sorted() {
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

    /// The marks, or why the bytes are not a reading-state file.
    static func decode(_ bytes: [UInt8]) -> Result<ReadingMarks, Damage> {
        guard let end = bytes.firstIndex(of: LineFields.newline) else { return .failure(.init(reason: "no header line")) }
        let header = LineFields.fields(bytes[..<end])
        guard header.count == 3, LineFields.string(header[0]) == magic else {
            return .failure(.init(reason: "not a Byline reading-state file"))
        }
        guard LineFields.string(header[1]) == version else {
            return .failure(.init(reason: "version \(LineFields.string(header[1]) ?? "?"), expected \(version)"))
        }
        let body = bytes[(end + 1)...]
        guard LineFields.string(header[2]) == StableHash.hex(StableHash.of(body)) else {
            return .failure(.init(reason: "checksum does not match"))
        }
        var marks = ReadingMarks()
        var reader = LineFields.Reader(bytes, from: end + 1)
        var number = 1
        while reader.nextLine() {
            number += 1
            guard let kind = reader.string() ?? nil, let path = reader.string() ?? nil, reader.atEndOfLine else {
                return .failure(.init(reason: "line \(number) is malformed"))
            }
            switch kind {
            case "read": marks.read.insert(StoryID(path))
            case "starred": marks.starred.insert(StoryID(path))
            default: return .failure(.init(reason: "line \(number) is malformed"))
            }
        }
        return .success(marks)
    }
}
