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
    /// The story index these files are the rows of, when they are (the reader's check):
    /// a pass in path order reads it through its file (`IndexRowsReader`).
    var listing: IndexedListing?

    func path(_ number: Int) -> String { String(decoding: pathBytes(number), as: UTF8.self) }

    func file(_ number: Int) -> (path: String, stamp: FileStamp) { (path(number), stamp(number)) }

    /// The story index's rows, read from its mapped file.
    init(_ listing: IndexedListing) {
        count = listing.count
        pathBytes = { listing.pathBytes(at: $0) }
        stamp = { listing.stamp(at: $0) }
        releasePages = { listing.releasePages() }
        self.listing = listing
    }

    /// Files listed by a walk of the folder (`StoryFolderScan`), packed: their paths back
    /// to back in one arena.
    init(_ found: [(path: String, stamp: FileStamp)]) {
        let packed = PackedFiles(stamped: true)
        for file in found { packed.append(file.path, file.stamp) }
        self.init(packed)
    }

    /// The story files under `root`, packed as the walk finds them: no list of 100,000
    /// `String`s is ever made.
    ///
    /// - Parameters:
    ///   - knownFolders: where to save the folders the walk found (`KnownFolders`).
    ///   - stamped: false for a build, which reads every file anyway and takes its stamp
    ///     then: files are not `stat`ed and no stamps are kept (`StoryFolderScan.unknownStamp`).
    static func scanning(root: String, knownFolders: String? = nil, stamped: Bool = true) throws(LibraryError) -> BuildFiles {
        // Big blocks as mappings of their own, so the packed arenas grow in place.
        Memory.returnLargeBlocks()
        let packed = PackedFiles(stamped: stamped)
        var skipped: [StoryFolderScan.Skipped] = []
        try StoryFolderScan.visit(root: root, skipped: &skipped, knownFolders: knownFolders, statingFiles: stamped) {
            packed.append($0.path, $0.stamp)
        }
        return BuildFiles(packed)
    }

    /// File `number`'s stamp, or nil when the listing has none (see `scanning`).
    func knownStamp(_ number: Int) -> FileStamp? {
        let stamp = stamp(number)
        return stamp == StoryFolderScan.unknownStamp ? nil : stamp
    }

    private init(_ packed: PackedFiles) {
        packed.fit()
        count = packed.count
        pathBytes = { packed.bytes($0) }
        stamp = { packed.stamp($0) }
        releasePages = {}
    }

    /// File numbers in bytewise path order: the order a segment holds its stories.
    func pathOrder() -> [Int32] {
        // The story index keeps its rows' path order: walked, not sorted.
        if let order = listing?.wholePathOrder() { return order }
        let inOrder = count < 2 || (1..<count).allSatisfy { Self.precedes(pathBytes($0 - 1), pathBytes($0)) }
        let numbers = (0..<Int32(count)).map { $0 }
        if inOrder { return numbers }
        // A listing's rows are in list order: the sort reads paths all over its pages,
        // given back as it goes.
        var compared = 0
        let sorted = numbers.sorted {
            compared += 1
            if compared % 2048 == 0 { releasePages() }
            return Self.precedes(pathBytes(Int($0)), pathBytes(Int($1)))
        }
        releasePages()
        return sorted
    }

    /// Bytewise order, as `utf8.lexicographicallyPrecedes` puts paths.
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        order(a, b) < 0
    }

    /// Negative, zero or positive as `a` comes before, is, or comes after `b` bytewise
    /// (shorter first on a tie): the order of a search segment's stories.
    static func order(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let left = a.baseAddress, let right = b.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

/// Paths back to back in one arena, with where each ends, and the files' stamps: a class,
/// so the closures of a `BuildFiles` share one copy.
///
/// The arenas grow by `realloc`, which moves a big block's pages rather than copying them
/// (`Memory.returnLargeBlocks`): an `Array` grown to 100,000 paths would hold its old and
/// new buffers at once and end up to twice the size it needs.
private final class PackedFiles: @unchecked Sendable {
    private let paths = GrowingArena<UInt8>()
    private let ends = GrowingArena<UInt32>()
    /// Nil for a listing without stamps.
    private let stamps: GrowingArena<FileStamp>?

    init(stamped: Bool) {
        stamps = stamped ? GrowingArena() : nil
    }

    var count: Int { ends.count }

    func append(_ path: String, _ stamp: FileStamp) {
        var path = path
        path.withUTF8 { paths.append(contentsOf: $0) }
        ends.append(UInt32(paths.count))
        stamps?.append(stamp)
    }

    func stamp(_ number: Int) -> FileStamp { stamps?[number] ?? StoryFolderScan.unknownStamp }

    /// Gives back the room grown past what the walk found.
    func fit() {
        paths.fit()
        ends.fit()
        stamps?.fit()
    }

    func bytes(_ number: Int) -> UnsafeRawBufferPointer {
        let start = number == 0 ? 0 : Int(ends[number - 1])
        return UnsafeRawBufferPointer(paths.slice(start..<Int(ends[number])))
    }
}

/// Values of a plain type (bytes, numbers, `FileStamp`: nothing counted or referenced)
/// in one block of memory, grown by `realloc`.
private final class GrowingArena<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity = 1024
    private(set) var count = 0

    init() {
        base = Self.resized(nil, to: capacity)
    }

    deinit { free(base) }

    subscript(index: Int) -> Element { base[index] }

    func append(_ element: Element) {
        reserve(count + 1)
        (base + count).initialize(to: element)
        count += 1
    }

    func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        reserve(count + elements.count)
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    func fit() {
        capacity = max(count, 1)
        base = Self.resized(base, to: capacity)
    }

    private func reserve(_ wanted: Int) {
        guard wanted > capacity else { return }
        capacity = max(wanted, capacity + capacity / 2)
        base = Self.resized(base, to: capacity)
    }

    private static func resized(_ block: UnsafeMutablePointer<Element>?, to elements: Int) -> UnsafeMutablePointer<Element> {
        guard let grown = realloc(block, elements * MemoryLayout<Element>.stride) else {
            // What an Array's growth does when memory runs out.
            fatalError("out of memory listing story files")
        }
        return grown.assumingMemoryBound(to: Element.self)
    }
}
