#if canImport(Glibc)
import Glibc
#endif
import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Commands (`byline search`, `byline list`) trust an index while no folder changed since
/// it was checked, told by a `stat` of the folders the last walk found, never by listing
/// every folder: each change a user can make to the folders still shows.
@Suite struct KnownFoldersTests {
    /// A library of folders `a`, `b` and `b/c`, walked (which saves the folder list), every
    /// folder then dated an hour ago; the index checked half an hour ago.
    private func walked() throws -> (TemporaryLibrary, KnownFolders, FileStamp) {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a/one.txt", title: "One")
        try temp.writeStory("b/two.txt", title: "Two")
        try temp.writeStory("b/c/three.txt", title: "Three")
        _ = try temp.library.load()
        for folder in ["", "a", "b", "b/c"] { try age(temp, folder) }
        let known = try #require(KnownFolders.read(temp.library.knownFoldersPath))
        return (temp, known, FileStamp(size: 0, modifiedSeconds: Int64(Date().timeIntervalSince1970) - 1_800, modifiedNanoseconds: 0))
    }

    private func age(_ temp: TemporaryLibrary, _ folder: String, seconds: Int = 3_600) throws {
        let then = timespec(tv_sec: Int(Date().timeIntervalSince1970) - seconds, tv_nsec: 0)
        var times = [then, then]
        #expect(utimensat(AT_FDCWD, temp.folder.appendingPathComponent(folder).path, &times, 0) == 0)
    }

    @Test func theWalkSavesEveryFolderAndNothingChangedIsTold() throws {
        let (temp, known, checked) = try walked()
        #expect(Set(known.folders.map(\.path)) == ["", "a", "b", "b/c"])
        #expect(!known.anyChanged(root: temp.folder.path, since: checked))
    }

    @Test func aStoryAddedToAFolderIsAChange() throws {
        let (temp, known, checked) = try walked()
        try temp.writeStory("b/c/four.txt", title: "Four")
        #expect(known.anyChanged(root: temp.folder.path, since: checked))
    }

    @Test func aNewFolderDeepInAKnownOneIsAChange() throws {
        let (temp, known, checked) = try walked()
        try temp.writeStory("b/c/d/e/five.txt", title: "Five")
        // Only `b/c` is known and changed: the folders below it are new to the list.
        for folder in ["b/c/d", "b/c/d/e"] { try age(temp, folder) }
        #expect(known.anyChanged(root: temp.folder.path, since: checked))
    }

    @Test func aFolderRemovedOrSwappedIsAChange() throws {
        let (temp, known, checked) = try walked()
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("a"))
        try age(temp, "")
        #expect(known.anyChanged(root: temp.folder.path, since: checked))

        let (other, otherKnown, otherChecked) = try walked()
        // Another folder put in its place, every date turned back: only its identity tells.
        try FileManager.default.createDirectory(at: other.folder.appendingPathComponent("spare"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: other.folder.appendingPathComponent("b/c"), to: other.folder.appendingPathComponent("spare/c"))
        try FileManager.default.createDirectory(at: other.folder.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        for folder in ["", "b", "b/c"] { try age(other, folder) }
        #expect(otherKnown.anyChanged(root: other.folder.path, since: otherChecked))
    }

    @Test func aListOlderThanTheIndexVouchesOnlyForFoldersUnchangedSinceItsWalk() throws {
        let (temp, known, checked) = try walked()
        // A folder made after the walk but before the index's check: the list misses it,
        // so its parent's change, older than the check, must still count.
        var older = known
        older.walkBegan = checked.modifiedSeconds - 3_600
        try temp.writeStory("b/late/six.txt", title: "Six")
        try age(temp, "b", seconds: 2_700)
        try age(temp, "b/late", seconds: 2_700)
        #expect(!known.anyChanged(root: temp.folder.path, since: checked))  // as if the walk had seen `late`
        #expect(older.anyChanged(root: temp.folder.path, since: checked))
    }

    @Test func theListReadsBackAndATornOneIsNone() throws {
        let known = KnownFolders(walkBegan: 1_700_000_000, folders: [
            .init(path: "", inode: 2), .init(path: "odd name\nwith a line break", inode: 12), .init(path: "é/ü", inode: 99),
        ])
        #expect(KnownFolders.parse(known.bytes) == known)
        #expect(KnownFolders.parse(Array(known.bytes.dropLast(3))) == nil)
        #expect(KnownFolders.parse(Array(known.bytes.prefix(20))) == nil)
        #expect(KnownFolders.parse([]) == nil)
    }

    @Test func withoutAListTheFoldersAreReadOnceAndTheListSaved() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a/one.txt", title: "One")
        _ = try temp.library.load()
        unlink(temp.library.knownFoldersPath)
        try age(temp, "")
        try age(temp, "a")
        // The index is dated now, after the folders: a command trusts it, and lists once.
        #expect(try temp.library.contentsIfFoldersUnchanged()?.listing.count == 1)
        #expect(KnownFolders.read(temp.library.knownFoldersPath)?.folders.map(\.path).sorted() == ["", "a"])
        try temp.writeStory("a/new/two.txt", title: "Two")
        #expect(try temp.library.contentsIfFoldersUnchanged() == nil)
    }
}
