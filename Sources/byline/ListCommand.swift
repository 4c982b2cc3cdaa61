import ArgumentParser
import BylineCore
import BylineStore
import Foundation
import TerminalKit

/// `byline list [PATH] [--json]`: the headlines, without the screen.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print the library's headlines, newest first.")

    @Argument(help: "A folder of .txt story files (default: your library, or the seeds).")
    var path: String?

    @Flag(help: "Print JSON: one object per story, with its path, title, source, date, URL and read/starred state.")
    var json = false

    @Flag(help: "Print each story's file path, one a line (for `byline show`, scripts and editors).")
    var paths = false

    func run() throws {
        let choice = try LibraryChoice.choose(path: path)
        let library = Library(folder: choice.folder)
        let contents: LibraryContents
        // Straight from the index when no folder changed since it was written; otherwise
        // the folder is compared with it, file by file, first.
        // Indexing a big folder with no index takes a while: say how far it has got, on a
        // terminal only, so scripts reading stderr see only problems.
        let showsProgress = isatty(STDERR_FILENO) == 1
        do {
            contents = try library.contentsIfFoldersUnchanged() ?? library.load(progress: showsProgress ? Self.indexingProgress : nil)
        } catch {
            throw CommandFailure("\(error)")
        }
        if showsProgress, contents.report.index != .used, contents.report.parsed >= 5000 {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
        let listing = contents.listing
        // By row, as the reader loads them: a bit per story, however many are read, not a
        // set of 100,000 ids. Read-only: a damaged reading state is reported, and left for
        // a writer to set aside. The one thing written is the read-rows cache, when it was
        // not current and the marks were read the exact way: 12.5 kB at 100,000 stories,
        // written whole, which spares the next list or start 100,000 path lookups. The
        // write adds no memory to speak of: the exact reading's lookups fault in the index
        // pages that set the peak (26 MiB, against 20 MiB when the cache is current).
        let marks: ListedReadingState
        do {
            marks = try library.readingState.load(listedIn: StoryRows(listing))
        } catch {
            marks = ListedReadingState(readRows: RowSet(rows: listing.count))
            FileHandle.standardError.write(Data("byline: \(VisibleText.sanitize("\(error)"))\n".utf8))
        }
        if let problem = marks.problem {
            FileHandle.standardError.write(Data("byline: \(VisibleText.sanitize(problem))\n".utf8))
        }
        for problem in contents.problems {
            FileHandle.standardError.write(Data("byline: skipped \(VisibleText.sanitize(problem.message))\n".utf8))
        }
        if listing.count == 0 && !json {
            // An empty list looks like a hang or a bug; say what was looked at.
            warn("byline: \(choice.folder.path): no stories here (story files are .txt files in this folder or below)")
            return
        }
        if paths {
            // Streamed as the headlines are.
            var out = ""
            for row in 0..<listing.count {
                out += printable(choice.folder.appendingPathComponent(listing.id(at: row).path).path) + "\n"
                if out.utf8.count >= 1 << 16 {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out = ""
                }
                if row % 4096 == 4095 { listing.releasePages() }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            return
        }
        if json {
            try printJSON(listing, marks: marks)
            return
        }
        // Streamed a screenful of rows at a time: memory stays the same at any library size.
        var out = ""
        let zone = TimeZone.current
        for row in 0..<listing.count {
            let (title, source) = listing.headline(at: row)
            let date = listing.date(at: row).map { Self.day(Date(timeIntervalSince1970: $0), in: zone) } ?? "          "
            let marker = marks.readRows.contains(row) ? " " : "●"
            let shownSource = TextWrapper.pad(TextWrapper.truncate(VisibleText.sanitize(source ?? ""), width: 16), width: 16)
            out += "\(marker) \(date)  \(shownSource)  \(VisibleText.sanitize(title))\n"
            if out.utf8.count >= 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
            if row % 4096 == 4095 { listing.releasePages() }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// "Indexing the library: 40% of 100000 stories…", rewritten in place.
    static let indexingProgress: @Sendable (Int, Int) -> Void = { done, total in
        guard total >= 5000 else { return }
        FileHandle.standardError.write(Data("\rIndexing the library: \(done * 100 / total)% of \(total) stories…".utf8))
    }

    /// The same pretty-printed array as one `JSONEncoder` call would give, encoded and
    /// written a thousand rows at a time.
    private func printJSON(_ listing: IndexedListing, marks: ListedReadingState) throws {
        struct Row: Encodable {
            var path, title: String
            var kicker, source, author, published, url: String?
            var read, starred: Bool
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard listing.count > 0 else {
            FileHandle.standardOutput.write(try encoder.encode([Row]()) + Data("\n".utf8))
            return
        }
        FileHandle.standardOutput.write(Data("[\n".utf8))
        for start in stride(from: 0, to: listing.count, by: 1000) {
            let rows = (start..<min(start + 1000, listing.count)).map { row in
                let entry = listing.entry(at: row)
                if row % 4096 == 4095 { listing.releasePages() }
                return Row(path: entry.id.path, title: entry.title, kicker: entry.kicker, source: entry.source, author: entry.author,
                           published: entry.publishedDate.map(StoryDate.format), url: entry.url,
                           read: marks.readRows.contains(row), starred: marks.starred.contains(entry.id))
            }
            // JSON escapes every control character, so story text cannot reach the terminal raw.
            var chunk = try encoder.encode(rows)
            chunk = chunk.dropFirst(2).dropLast(2)  // "[\n" and "\n]"
            let last = start + 1000 >= listing.count
            FileHandle.standardOutput.write(Data((JSONOutput.escapingInvisibles(String(decoding: chunk, as: UTF8.self)) + (last ? "\n]\n" : ",\n")).utf8))
        }
    }

    /// `yyyy-MM-dd` in `zone`, computed: a `DateFormatter` call per row costs more than
    /// everything else `list` does for it.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
