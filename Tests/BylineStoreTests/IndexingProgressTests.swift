import Foundation
import Synchronization
import Testing
@testable import BylineStore

/// "Indexing the library: N% of M stories…" is written over itself as threads read: a
/// report that goes back, or a "100%" followed by "98%", would be what the person is left
/// looking at when the library shows.
@Suite struct IndexingProgressTests {
    @Test func tellsAboutAHundredthAtATimeAndNeverGoesBack() {
        var progress = IndexingProgress(total: 1000)

        // 66: the same hundredth again; 100: a thread that finished earlier asks late.
        let told = [64, 66, 128, 100, 990].map { progress.shouldTell($0) }

        #expect(told == [true, false, true, false, true])
        #expect(progress.told == 990)
    }

    @Test func theWholeIsToldOnceAndLastByFinish() {
        var progress = IndexingProgress(total: 300)

        let halfway = progress.shouldTell(150)
        let wholeByAThread = progress.shouldTell(300)
        let finished = progress.finish()
        let finishedAgain = progress.finish()
        let lateThread = progress.shouldTell(299)

        #expect(halfway)
        #expect(!wholeByAThread, "the whole waits for every thread")
        #expect(finished)
        #expect(!finishedAgain)
        #expect(!lateThread)
        #expect(progress.told == 300)
    }

    @Test func anEmptyFolderTellsNothing() {
        var progress = IndexingProgress(total: 0)

        let told = progress.shouldTell(0)
        let finished = progress.finish()

        #expect(!told)
        #expect(!finished)
    }

    /// Many batches on several threads: whatever order they finish in, what is told only
    /// goes forward, and ends on the whole, once.
    @Test func aLibraryIndexedOnSeveralThreadsEndsOnTheWholeOnce() throws {
        let temp = try TemporaryLibrary()
        let count = 1500
        for number in 0..<count {
            try temp.writeStory("desk\(number % 5)/story\(number).txt", title: "Story \(number)", body: "Text.")
        }
        for _ in 0..<3 {
            let fresh = try #require(FreshIndex(spillingIn: [NSTemporaryDirectory()]))
            try StoryFolderScan.visit(root: temp.folder.path) { fresh.add($0) }
            let told = Mutex<[(done: Int, total: Int)]>([])

            fresh.read(root: temp.folder.path) { done, total in told.withLock { $0.append((done, total)) } }

            let reports = told.withLock { $0 }
            #expect(reports.count > 2)
            #expect(reports.allSatisfy { $0.total == count })
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done < $1.done }, "\(reports.map(\.done))")
            #expect(reports.last?.done == count)
            #expect(reports.filter { $0.done == count }.count == 1)
        }
    }
}
