import BylineCore
import Foundation

/// The index file: what the story list shows of every story file, so start-up maps one
/// file instead of reading every story. Its layout is `IndexLayout`; `IndexedListing`
/// reads it in place and `IndexWriter` writes it.
enum LibraryIndex {
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

    /// Unreadable files are left out: that is often passing (a permission, a file being
    /// copied), so they are tried again on the next load.
    static func isWorthKeeping(_ problem: LibraryProblem) -> Bool {
        if case .unreadable = problem.problem { return false }
        return true
    }

    /// A whole index of `records`, as bytes.
    static func encode(_ records: [Record]) -> [UInt8] {
        let (entries, problems) = split(records)
        return IndexWriter(old: nil, adding: entries, problems: problems).bytes()
    }

    /// Every record of an index's bytes: stories newest first, then problems by path.
    static func decode(_ bytes: [UInt8]) -> Result<[Record], Damage> {
        do throws(Damage) {
            let listing = try IndexedListing(IndexBytes(copying: bytes))
            return .success((0..<listing.count).map { .story(listing.entry(at: $0)) } + listing.problems.map(Record.problem))
        } catch {
            return .failure(error)
        }
    }

    static func split(_ records: [Record]) -> (entries: [LibraryEntry], problems: [LibraryProblem]) {
        var entries: [LibraryEntry] = []
        var problems: [LibraryProblem] = []
        entries.reserveCapacity(records.count)
        for record in records {
            switch record {
            case .story(let entry): entries.append(entry)
            case .problem(let problem): problems.append(problem)
            }
        }
        return (entries, problems)
    }
}
