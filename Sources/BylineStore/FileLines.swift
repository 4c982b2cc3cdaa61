#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's lines read through a small buffer: a bookkeeping file of 100,000 lines is
/// read a piece at a time rather than held whole.
struct FileLines {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Bytes after the last line feed: the file ends in a line cut short.
    private(set) var cutShort = false
    /// The `errno` of a failed read, if any.
    private(set) var failure: Int32?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Calls `body` with the next line, without its line feed; false at the end (or after
    /// a failed read).
    mutating func next(_ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: LineFields.newline) {
                body(buffer[start..<newline])
                start = newline + 1
                return true
            }
            if ended {
                cutShort = start < buffer.count
                start = buffer.count
                return false
            }
            buffer.removeSubrange(0..<start)
            searched = buffer.count
            start = 0
            let read = fill()
            if read < 0 {
                failure = errno
                ended = true
                buffer.removeAll()
                return false
            }
            if read == 0 { ended = true }
        }
    }

    /// Reads up to 64 KiB more onto the buffer; the count, 0 at the end, -1 on failure.
    private mutating func fill() -> Int {
        let chunk = 1 << 16
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var got: Int
        repeat {
            got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + old }, chunk) }
        } while got < 0 && errno == EINTR
        buffer.removeSubrange((old + max(0, got))...)
        return got
    }
}

/// Lines written through a small buffer, with the FNV-1a hash (`StableHash`) of every
/// byte written after `startHashing()`.
struct FileLineWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var hashing = false
    private(set) var hash = StableHash.start
    /// The `errno` of the first failed write, if any; later writes do nothing.
    private(set) var failure: Int32?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    mutating func startHashing() {
        flush()
        hashing = true
    }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        if hashing { hash = StableHash.of(buffer, continuing: hash) }
        var done = 0
        while done < buffer.count {
            let wrote = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + done }, $0.count - done) }
            if wrote < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            done += wrote
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
