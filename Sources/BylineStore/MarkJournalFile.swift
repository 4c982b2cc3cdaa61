import BylineCore

/// The mark journal's file: one pending mark a line, sorted, under a checksummed header.
///
/// ```
/// byline-mark-journal <TAB> 1 <TAB> checksum
/// read|unread|starred|unstarred <TAB> path
/// ```
enum MarkJournalFile {
    private static let magic = "byline-mark-journal"
    private static let version = "1"

    static func encode(_ journal: MarkJournal) -> [UInt8] {
        var body: [UInt8] = []
        func line(_ kind: String, _ id: StoryID) {
            LineFields.append(kind, to: &body, first: true)
            LineFields.append(id.path, to: &body)
            body.append(LineFields.newline)
        }
        for id in journal.entries.keys.sorted() {
            guard let pending = journal.entries[id] else { continue }
            if let read = pending.read { line(read ? "read" : "unread", id) }
            if let starred = pending.starred { line(starred ? "starred" : "unstarred", id) }
        }
        var out: [UInt8] = []
        LineFields.append(magic, to: &out, first: true)
        LineFields.append(version, to: &out)
        LineFields.append(StableHash.hex(StableHash.of(body)), to: &out)
        out.append(LineFields.newline)
        return out + body
    }

    static func decode(_ bytes: [UInt8]) -> Result<MarkJournal, Damage> {
        guard let end = bytes.firstIndex(of: LineFields.newline) else { return .failure(.init(reason: "no header line")) }
        let header = LineFields.fields(bytes[..<end])
        guard header.count == 3, LineFields.string(header[0]) == magic else {
            return .failure(.init(reason: "not a Byline mark journal"))
        }
        guard LineFields.string(header[1]) == version else {
            return .failure(.init(reason: "version \(LineFields.string(header[1]) ?? "?"), expected \(version)"))
        }
        let body = bytes[(end + 1)...]
        guard LineFields.string(header[2]) == StableHash.hex(StableHash.of(body)) else {
            return .failure(.init(reason: "checksum does not match"))
        }
        var journal = MarkJournal()
        var reader = LineFields.Reader(bytes, from: end + 1)
        var number = 1
        while reader.nextLine() {
            number += 1
            guard let kind = reader.string() ?? nil, let path = reader.string() ?? nil, reader.atEndOfLine else {
                return .failure(.init(reason: "line \(number) is malformed"))
            }
            let id = StoryID(path)
            switch kind {
            case "read", "unread": journal.entries[id, default: .init()].read = kind == "read"
            case "starred", "unstarred": journal.entries[id, default: .init()].starred = kind == "starred"
            default: return .failure(.init(reason: "line \(number) is malformed"))
            }
        }
        return .success(journal)
    }
}
