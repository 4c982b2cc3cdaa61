import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Read and starred marks last across runs, and two running copies never lose each
/// other's changes.
@Suite struct ReadingStateTests {
    let one = StoryID("one.txt")
    let two = StoryID("news/two.txt")

    @Test func marksLastAcrossLibraryInstances() throws {
        let temp = try TemporaryLibrary()
        try temp.library.readingState.apply(.markRead(one))
        try temp.library.readingState.apply([.markRead(two), .star(two), .markUnread(one)])

        let loaded = try Library(folder: temp.folder).readingState.load()

        #expect(loaded == LoadedReadingState(marks: ReadingMarks(read: [two], starred: [two])))
    }

    @Test func nothingSavedYetMeansNothingRead() throws {
        let temp = try TemporaryLibrary()

        #expect(try temp.library.readingState.load() == LoadedReadingState(marks: ReadingMarks()))
    }

    @Test func changesApplyInOrder() {
        let marks = ReadingMarks()
            .applying(.star(one)).applying(.markRead(one)).applying(.unstar(one)).applying(.star(two))

        #expect(marks == ReadingMarks(read: [one], starred: [two]))
    }

    @Test func twoCopiesChangingAtOnceLoseNothing() throws {
        let temp = try TemporaryLibrary()
        let stateFolder = temp.library.stateFolder
        let writers = 4
        let changesEach = 40
        let damaged = Counter()

        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            // Each writer is its own `ReadingState`, as a second running copy would be.
            let state = ReadingState(stateFolder: stateFolder)
            for n in 0..<changesEach {
                let id = StoryID("writer\(writer)/story\(n).txt")
                let loaded = try? state.apply(n % 3 == 0 ? .star(id) : .markRead(id))
                if loaded?.problem != nil { damaged.add() }
                // Readers in between always find a whole file.
                if (try? state.load())?.problem != nil { damaged.add() }
            }
        }

        let marks = try ReadingState(stateFolder: stateFolder).load().marks
        #expect(marks.read.count + marks.starred.count == writers * changesEach)
        #expect(damaged.value == 0)
    }

    @Test func aDamagedFileIsKeptAsideAndReported() throws {
        let temp = try TemporaryLibrary()
        let state = temp.library.readingState
        try state.apply(.markRead(one))
        let garbage = Array("read\tone.txt\nthis is not the format\n".utf8)
        try temp.write(".byline/reading-state", bytes: garbage)

        let loaded = try state.load()
        let afterwards = try state.apply(.star(two))

        #expect(loaded.marks == ReadingMarks())
        #expect(loaded.problem?.contains("reading-state: damaged (not a Byline reading-state file); 2 unreadable lines lost, 0 marks kept") == true)
        #expect(afterwards.marks == ReadingMarks(starred: [two]))
        #expect(afterwards.problem?.contains("reading-state: damaged (not a Byline reading-state file); kept as ") == true)
        let kept = try FileManager.default.contentsOfDirectory(atPath: temp.folder.appendingPathComponent(".byline").path)
            .filter { $0.hasPrefix("reading-state.damaged-") }
        #expect(kept.count == 1)
        #expect(try temp.bytes(".byline/" + (kept.first ?? "")) == garbage)
    }

    @Test func pathsWithTabsAndNewlinesSurvive() throws {
        let temp = try TemporaryLibrary()
        let odd = StoryID("odd\tname\nhere\\.txt")

        try temp.library.readingState.apply(.star(odd))

        #expect(try temp.library.readingState.load().marks.starred == [odd])
    }
}

/// A count shared by threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }

    /// The security review's case: a file cut short by 100 bytes lost all 355 marks, and
    /// `list` set it aside without a word. Reading now changes nothing and keeps every
    /// intact line; the next change sets the file aside and saves the intact marks with it.
    @Test func aFileCutShortLosesOnlyItsLastLinesAndOnlyAWriterSetsItAside() throws {
        let temp = try TemporaryLibrary()
        let state = temp.library.readingState
        let two = StoryID("news/two.txt")
        let ids = (0..<355).map { StoryID("feeds/example/story-\($0).txt") }
        try state.apply(ids.map(ReadingChange.markRead))
        let whole = try temp.bytes(".byline/reading-state")
        let cut = Array(whole.dropLast(100))
        try temp.write(".byline/reading-state", bytes: cut)

        let loaded = try state.load()
        #expect(try temp.bytes(".byline/reading-state") == cut)
        let keptByReading = loaded.marks.read.count
        #expect(keptByReading >= 355 - 4 && keptByReading < 355)
        #expect(loaded.marks.read.isSubset(of: Set(ids)))
        #expect(loaded.problem?.contains("damaged (checksum does not match); 1 unreadable line lost, \(keptByReading) marks kept") == true)

        let afterwards = try state.apply(.star(two))
        #expect(afterwards.marks.read == loaded.marks.read)
        #expect(afterwards.marks.starred == [two])
        #expect(try state.load() == LoadedReadingState(marks: afterwards.marks))
        let kept = try FileManager.default.contentsOfDirectory(atPath: temp.folder.appendingPathComponent(".byline").path)
            .filter { $0.hasPrefix("reading-state.damaged-") }
        #expect(kept.count == 1)
    }
}
