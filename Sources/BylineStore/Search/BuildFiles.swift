#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// The story files a search index build reads, by number, without a `String` per file:
/// the story index's rows read in place (the reader's background check), or a folder
/// listing packed into one byte arena (commands). At 100,000 stories an array of
/// `(path: String, stamp: FileStamp)` alone weighs some 13 MB, held for the whole build.
struct BuildFiles: @unchecked Sendable {
    let count: Int
    /// The bytes of file `number`'s path, valid while the source lives.
    let pathBytes: (Int) -> UnsafeRawBufferPointer
    let stamp: (Int) -> FileStamp
    /// Lets the source's pages read so far go (a mapped index counts as memory).
    let releasePages: () -> Void

    func path(_ number: Int) -> String { String(decoding: pathBytes(number), as: UTF8.self) }

    func file(_ number: Int) -> (path: String, stamp: FileStamp) { (path(number), stamp(number)) }

    /// The story index's rows, read from its mapped file.
    init(_ listing: IndexedListing) {
        count = listing.count
        pathBytes = { listing.pathBytes(at: $0) }
        stamp = { listing.stamp(at: $0) }
        releasePages = { listing.releasePages() }
    }

    /// Files listed by a walk of the folder (`StoryFolderScan`), packed: their paths back
    /// to back in one arena.
    init(_ found: [(path: String, stamp: FileStamp)]) {
        var packed = PackedFiles()
        for file in found { packed.append(file.path, file.stamp) }
        self.init(packed)
    }

    /// The story files under `root`, packed as the walk finds them: no list of 100,000
    /// `String`s is ever made.
    ///
    /// - Parameter knownFolders: where to save the folders the walk found (`KnownFolders`).
    static func scanning(root: String, knownFolders: String? = nil) throws(LibraryError) -> BuildFiles {
        var packed = PackedFiles()
        var skipped: [StoryFolderScan.Skipped] = []
        try StoryFolderScan.visit(root: root, skipped: &skipped, knownFolders: knownFolders) { packed.append($0.path, $0.stamp) }
        return BuildFiles(packed)
    }

    private init(_ packed: PackedFiles) {
        let paths = PackedPaths(packed)
        count = paths.count
        pathBytes = { paths.bytes($0) }
        stamp = { paths.stamps[$0] }
        releasePages = {}
    }

    /// File numbers in bytewise path order: the order a segment holds its stories.
    func pathOrder() -> [Int32] {
        let inOrder = count < 2 || (1..<count).allSatisfy { Self.precedes(pathBytes($0 - 1), pathBytes($0)) }
        let numbers = (0..<Int32(count)).map { $0 }
        if inOrder { return numbers }
        return numbers.sorted { Self.precedes(pathBytes(Int($0)), pathBytes(Int($1))) }
    }

    /// Bytewise order, as `utf8.lexicographicallyPrecedes` puts paths.
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        if common > 0, let left = a.baseAddress, let right = b.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }
}

/// Paths back to back in one array, with where each ends, and the files' stamps.
private struct PackedFiles {
    var bytes: [UInt8] = []
    var ends: [UInt32] = []
    var stamps: [FileStamp] = []

    mutating func append(_ path: String, _ stamp: FileStamp) {
        bytes.append(contentsOf: path.utf8)
        ends.append(UInt32(bytes.count))
        stamps.append(stamp)
    }
}

/// Packed files, kept whole for the build: a class, so the closures share one copy.
private final class PackedPaths: @unchecked Sendable {
    private let bytes: UnsafeMutableRawBufferPointer
    private let ends: [UInt32]
    let stamps: [FileStamp]

    init(_ packed: PackedFiles) {
        bytes = .allocate(byteCount: max(1, packed.bytes.count), alignment: 1)
        _ = bytes.initializeMemory(as: UInt8.self, from: packed.bytes)
        ends = packed.ends
        stamps = packed.stamps
    }

    deinit { bytes.deallocate() }

    var count: Int { ends.count }

    func bytes(_ number: Int) -> UnsafeRawBufferPointer {
        let start = number == 0 ? 0 : Int(ends[number - 1])
        return UnsafeRawBufferPointer(rebasing: bytes[start..<Int(ends[number])])
    }
}
