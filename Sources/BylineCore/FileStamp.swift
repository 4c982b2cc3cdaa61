/// What tells a story file has changed without reading it: its size and modification time.
public struct FileStamp: Equatable, Hashable, Sendable {
    public var size: Int64
    /// Modification time, seconds since 1970 and the nanoseconds within that second.
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64

    public init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}
