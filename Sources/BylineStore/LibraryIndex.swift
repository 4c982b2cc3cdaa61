import BylineCore
import Foundation

/// The index file: one line per story file with what the story list shows, so start-up
/// reads one file instead of every story.
///
/// ```
/// byline-index <TAB> 1 <TAB> checksum <TAB> record count
/// S <TAB> path, size, mtime s, mtime ns, title, title key, kicker, source, author, published,
///         published date, URL, ID, link count, then URL and title per link
/// P <TAB> path, size, mtime s, mtime ns, problem kind, byte offset
/// ```
/// The checksum (FNV-1a of everything after the first line) catches a torn or edited
/// file; anything unexpected makes the whole index unusable, and the library rebuilds it.
enum LibraryIndex {
    static let version = "1"
    private static let magic = "byline-index"
    /// 10000-01-01T00:00:00Z in seconds since 1970: story dates lie well before it.
    private static let latestDateSeconds: Double = 253_402_300_800

    /// A file the index knows, as it was when indexed.
    enum Record: Equatable, Sendable {
        case story(LibraryEntry)
        case problem(LibraryProblem)

        var path: String {
            switch self {
            case .story(let entry): entry.id.path
            case .problem(let problem): problem.id.path
            }
        }

        var stamp: FileStamp {
            switch self {
            case .story(let entry): entry.stamp
            case .problem(let problem): problem.stamp
            }
        }
    }

    // MARK: - Writing

    /// The index's bytes. Unreadable files are left out: that is often passing (a
    /// permission, a file being copied), so they are tried again on the next load.
    static func encode(_ records: [Record]) -> [UInt8] {
        let records = records.filter { record in
            if case .problem(let problem) = record, case .unreadable = problem.problem { return false }
            return true
        }
        var body: [UInt8] = []
        body.reserveCapacity(records.count * 200)
        for record in records {
            switch record {
            case .story(let entry): encodeStory(entry, into: &body)
            case .problem(let problem): encodeProblem(problem, into: &body)
            }
            body.append(LineFields.newline)
        }
        var out: [UInt8] = []
        LineFields.append(magic, to: &out, first: true)
        LineFields.append(version, to: &out)
        LineFields.append(StableHash.hex(StableHash.of(body)), to: &out)
        LineFields.append(Int64(records.count), to: &out)
        out.append(LineFields.newline)
        out.append(contentsOf: body)
        return out
    }

    private static func encodeStory(_ entry: LibraryEntry, into out: inout [UInt8]) {
        LineFields.append("S", to: &out, first: true)
        encodeFile(entry.id, entry.stamp, into: &out)
        for field in [entry.title, entry.titleKey, entry.kicker, entry.source, entry.author, entry.published] {
            LineFields.append(field, to: &out)
        }
        // `description` of a Double reads back to the same value: dates survive exactly.
        LineFields.append(entry.publishedDate.map { $0.timeIntervalSince1970.description }, to: &out)
        LineFields.append(entry.url, to: &out)
        LineFields.append(entry.headerID, to: &out)
        LineFields.append(Int64(entry.relatedLinks.count), to: &out)
        for link in entry.relatedLinks {
            LineFields.append(link.url, to: &out)
            LineFields.append(link.title, to: &out)
        }
    }

    private static func encodeProblem(_ problem: LibraryProblem, into out: inout [UInt8]) {
        LineFields.append("P", to: &out, first: true)
        encodeFile(problem.id, problem.stamp, into: &out)
        let (kind, offset): (String, Int) = switch problem.problem {
        case .empty: ("empty", 0)
        case .noText: ("no-text", 0)
        case .containsNUL(let offset): ("nul", offset)
        case .invalidUTF8(let offset): ("utf8", offset)
        case .unreadable: ("unreadable", 0)  // left out by `encode`
        }
        LineFields.append(kind, to: &out)
        LineFields.append(Int64(offset), to: &out)
    }

    private static func encodeFile(_ id: StoryID, _ stamp: FileStamp, into out: inout [UInt8]) {
        LineFields.append(id.path, to: &out)
        LineFields.append(stamp.size, to: &out)
        LineFields.append(stamp.modifiedSeconds, to: &out)
        LineFields.append(stamp.modifiedNanoseconds, to: &out)
    }

    // MARK: - Reading

    static func decode(_ bytes: [UInt8]) -> Result<[Record], Damage> {
        guard let end = bytes.firstIndex(of: LineFields.newline) else { return .failure(Damage(reason: "no header line")) }
        let header = LineFields.fields(bytes[..<end])
        guard header.count == 4, LineFields.string(header[0]) == magic else {
            return .failure(Damage(reason: "not a Byline index"))
        }
        guard LineFields.string(header[1]) == version else {
            return .failure(Damage(reason: "index version \(LineFields.string(header[1]) ?? "?"), expected \(version)"))
        }
        guard LineFields.string(header[2]) == StableHash.hex(StableHash.of(bytes[(end + 1)...])) else {
            return .failure(Damage(reason: "checksum does not match"))
        }
        guard let count = LineFields.integer(header[3]), count >= 0 else {
            return .failure(Damage(reason: "no record count"))
        }
        var records: [Record] = []
        // The count is only a claim until the records are read: a damaged header saying
        // 10^17 must not reserve that much. No record line is shorter than 16 bytes.
        records.reserveCapacity(min(Int(count), bytes.count / 16))
        var reader = LineFields.Reader(bytes, from: end + 1)
        while reader.nextLine() {
            guard let record = decodeRecord(&reader), reader.atEndOfLine else {
                return .failure(Damage(reason: "record \(records.count + 1) is malformed"))
            }
            records.append(record)
        }
        guard records.count == count else { return .failure(Damage(reason: "record count does not match")) }
        return .success(records)
    }

    private static func decodeRecord(_ reader: inout LineFields.Reader) -> Record? {
        guard let kind = reader.field(), kind.count == 1, let path = reader.string() ?? nil,
              let size = reader.integer(), let seconds = reader.integer(), let nanoseconds = reader.integer()
        else { return nil }
        let id = StoryID(path)
        let stamp = FileStamp(size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds)
        switch kind.first {
        case UInt8(ascii: "S"): return decodeStory(&reader, id: id, stamp: stamp).map(Record.story)
        case UInt8(ascii: "P"): return decodeProblem(&reader, id: id, stamp: stamp).map(Record.problem)
        default: return nil
        }
    }

    private static func decodeStory(_ reader: inout LineFields.Reader, id: StoryID, stamp: FileStamp) -> LibraryEntry? {
        guard let title = reader.string() ?? nil, let titleKey = reader.string(), let kicker = reader.string(),
              let source = reader.string(), let author = reader.string(), let published = reader.string(),
              let dateText = reader.string(), let url = reader.string(), let headerID = reader.string(),
              let linkCount = reader.integer(), linkCount >= 0, linkCount < 100_000 else { return nil }
        var date: Date?
        if let dateText {
            // Beyond year 9999 no story date can be written; such a value is damage, and
            // formatting it (`StoryDate.format`) would overflow.
            guard let seconds = Double(dateText), seconds.isFinite, abs(seconds) < latestDateSeconds else { return nil }
            date = Date(timeIntervalSince1970: seconds)
        }
        // Not reserved from `linkCount`: up to 100,000 per record, it is the file's claim.
        var links: [RelatedLink] = []
        for _ in 0..<linkCount {
            guard let url = reader.string(), let title = reader.string() else { return nil }
            links.append(RelatedLink(title: title ?? "", url: url))
        }
        let summary = StorySummary(id: id, title: title, titleKey: titleKey ?? "", kicker: kicker, source: source,
                                   author: author, published: date, url: url, related: links)
        return LibraryEntry(summary: summary, published: published, headerID: headerID, stamp: stamp)
    }

    private static func decodeProblem(_ reader: inout LineFields.Reader, id: StoryID, stamp: FileStamp) -> LibraryProblem? {
        guard let kind = reader.string() ?? nil, let offset = reader.integer(), offset >= 0 else { return nil }
        let problem: StoryFileProblem
        switch kind {
        case "empty": problem = .empty
        case "no-text": problem = .noText
        case "nul": problem = .containsNUL(offset: Int(offset))
        case "utf8": problem = .invalidUTF8(offset: Int(offset))
        default: return nil
        }
        return LibraryProblem(id: id, problem: problem, stamp: stamp)
    }
}
