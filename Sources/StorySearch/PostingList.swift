/// A term's postings: which stories hold it and how often, as compact bytes.
///
/// Each story is two variable-length integers (seven bits a byte, high bit set while more
/// follow): the gap from the previous story's number, then the weighted count of the term
/// in the story. Gaps are small in a long list, so most postings take two or three bytes.
public enum PostingList {
    /// One story holding a term.
    public struct Posting: Equatable, Sendable {
        public var story: UInt32
        public var count: UInt32

        public init(story: UInt32, count: UInt32) {
            self.story = story
            self.count = count
        }
    }

    /// Appends postings (stories in ascending order) to `out`.
    public static func encode(_ postings: some Sequence<Posting>, into out: inout [UInt8]) {
        var previous: UInt32 = 0
        var first = true
        for posting in postings {
            appendNumber(first ? posting.story : posting.story - previous, to: &out)
            appendNumber(posting.count, to: &out)
            previous = posting.story
            first = false
        }
    }

    static func appendNumber(_ value: UInt32, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Reads postings back from bytes. Damaged bytes end the list early; story numbers
    /// that are not below `storyCount` or do not ascend end it too, so a damaged index can
    /// give fewer results but never a wrong story number.
    public struct Reader: IteratorProtocol {
        private let bytes: UnsafeRawBufferPointer
        private var offset = 0
        private var previous: UInt32 = 0
        private var first = true
        private let storyCount: UInt32

        public init(_ bytes: UnsafeRawBufferPointer, storyCount: UInt32) {
            self.bytes = bytes
            self.storyCount = storyCount
        }

        public mutating func next() -> Posting? {
            guard offset < bytes.count, let gap = number(), let count = number() else { return nil }
            let (story, overflow) = previous.addingReportingOverflow(gap)
            guard !overflow, story < storyCount, first || gap > 0 else {
                offset = bytes.count
                return nil
            }
            first = false
            previous = story
            return Posting(story: story, count: count)
        }

        private mutating func number() -> UInt32? {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                guard shift < 32 else { break }
                value |= UInt32(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            offset = bytes.count
            return nil
        }
    }

    /// A whole list checked without keeping its postings: its first story and the bytes
    /// that number takes, its last story and how many it holds. Nil when any of it is
    /// damaged (where `Reader` would stop early).
    public static func scan(_ bytes: UnsafeRawBufferPointer, storyCount: UInt32)
        -> (first: UInt32, firstLength: Int, last: UInt32, count: Int)? {
        var offset = 0
        var first: UInt32 = 0
        var firstLength = 0
        var story: UInt32 = 0
        var count = 0
        func number() -> UInt32? {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                guard shift < 32 else { return nil }
                value |= UInt32(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        while offset < bytes.count {
            guard let gap = number() else { return nil }
            if count == 0 {
                first = gap
                firstLength = offset
                story = gap
            } else {
                let (next, overflow) = story.addingReportingOverflow(gap)
                guard !overflow, gap > 0 else { return nil }
                story = next
            }
            guard story < storyCount, number() != nil else { return nil }
            count += 1
        }
        return (first, firstLength, story, count)
    }

    /// The postings of `bytes`, decoded (for tests and merging).
    public static func decode(_ bytes: [UInt8], storyCount: UInt32 = .max) -> [Posting] {
        bytes.withUnsafeBytes { buffer in
            var reader = Reader(buffer, storyCount: storyCount)
            var out: [Posting] = []
            while let posting = reader.next() { out.append(posting) }
            return out
        }
    }
}
