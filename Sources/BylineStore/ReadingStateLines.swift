/// The reading-state file (`ReadingStateFile`) read a mark line at a time, as both the
/// reader's load by row and the merging save read it: the header's checksum taken, every
/// body line hashed and parsed, and whether what was read is the whole, intact file.
struct ReadingStateLines {
    private var lines: FileLines
    /// The body checksum the header gives; nil before it is read or when it is not a header.
    private(set) var headerChecksum: UInt64?
    private var hash = StableHash.start
    /// No line was read: the file is empty (or holds only a line cut short).
    private(set) var isEmpty = true
    /// A line that is not of this format was met, or the caller stopped the reading.
    private(set) var stopped = false

    init(descriptor: Int32) {
        lines = FileLines(descriptor: descriptor)
    }

    /// Calls `body` with each mark line's kind (`ReadingStateFile.readKind` or
    /// `starredKind`) and path, in file order, until the end, a malformed line, or `body`
    /// returns false. The path buffer is reused for the next line: swap it out to keep it.
    mutating func forEach(_ body: (_ kind: [UInt8], _ path: inout [UInt8]) -> Bool) {
        // Worked on as locals: the closure may not reach into `self` while `lines` reads.
        var (checksum, hash, isEmpty, stopped) = (headerChecksum, hash, isEmpty, stopped)
        var path: [UInt8] = []
        while !stopped, lines.next({ line in
            if isEmpty {
                isEmpty = false
                checksum = ReadingStateFile.checksum(ofHeader: line)
                stopped = checksum == nil
                return
            }
            hash = StableHash.of(CollectionOfOne(LineFields.newline), continuing: StableHash.of(line, continuing: hash))
            guard let kind = ReadingStateFile.parse(line, path: &path) else {
                stopped = true
                return
            }
            if !body(kind, &path) { stopped = true }
        }) {}
        (headerChecksum, self.hash, self.isEmpty, self.stopped) = (checksum, hash, isEmpty, stopped)
    }

    /// The `errno` of a failed read, if any.
    var failure: Int32? { lines.failure }

    /// Whether every line was read and the file is intact: no malformed line, nothing
    /// cut short, and (unless it is empty) a body whose checksum is the header's.
    var isIntact: Bool { !stopped && !lines.cutShort && (isEmpty || hash == headerChecksum) }
}
