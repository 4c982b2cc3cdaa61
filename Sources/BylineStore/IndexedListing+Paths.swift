/// Paths straight from the mapped index: no string is made to name or find a story.
extension IndexedListing {
    public func withPath<Result>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(pathBytes(at: row))
    }

    public func row(ofPathBytes path: UnsafeRawBufferPointer) -> Int? {
        row(ofPath: path)
    }
}
