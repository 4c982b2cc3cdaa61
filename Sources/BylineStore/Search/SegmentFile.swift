#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StorySearch

/// A segment written straight to a temporary file next to its target, then renamed over
/// it (`commit`): like `AtomicFile`, readers see the old index or the new one, never half,
/// but without holding the whole index in memory first.
struct SegmentFile: SegmentSink {
    let target: String
    let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(target: String) throws(LibraryError) {
        self.target = target
        let folder = AtomicFile.parentFolder(of: target)
        let name = target.split(separator: "/").last.map(String.init) ?? target
        temporary = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system("write", target, errno: errno) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Bytes gathered before a write: one slice of `AtomicFile.writeSlice`, which also
    /// keeps the file's cached blocks small (see there).
    static let bufferSize = AtomicFile.writeSlice

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    mutating func writeHeader(_ header: [UInt8]) throws {
        try flush()
        let written = header.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == header.count else { throw LibraryError.system("write", target, errno: errno) }
    }

    mutating func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Bool {
        try flush()
        var done = 0
        while done < buffer.count {
            let got = pread(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            guard got > 0 else { return false }
            done += got
        }
        return true
    }

    private mutating func flush() throws(LibraryError) {
        let failure = buffer.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        guard failure == 0 else { throw .system("write", target, errno: failure) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes the file to disk and renames it over the target. Not `durably`: without
    /// the flushes, for a file that only lives until the end of this process.
    mutating func commit(durably: Bool = true) throws(LibraryError) {
        try flush()
        defer { fd = -1 }
        if durably && fsync(fd) != 0 || close(fd) != 0 {
            let failure = errno
            unlink(temporary)
            throw .system("write", target, errno: failure)
        }
        guard rename(temporary, target) == 0 else {
            let failure = errno
            unlink(temporary)
            throw .system("write", target, errno: failure)
        }
        if durably { AtomicFile.syncFolder(AtomicFile.parentFolder(of: target)) }
    }

    /// Gives up: the temporary file goes, the target is untouched.
    mutating func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporary)
    }
}
