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
        #expect(loaded.problem?.contains("reading-state: damaged (not a Byline reading-state file); kept as ") == true)
        #expect(afterwards == LoadedReadingState(marks: ReadingMarks(starred: [two])))
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
}
