/// Paths as bytes, for a listing that holds its stories as values: each id made, then its
/// bytes read (an index read in place gives its own bytes instead).
extension StoryListing {
    public func withPath<Result>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var path = id(at: row).path
        return try path.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    public func row(ofPathBytes path: UnsafeRawBufferPointer) -> Int? {
        row(of: StoryID(String(decoding: path, as: UTF8.self)))
    }
}
