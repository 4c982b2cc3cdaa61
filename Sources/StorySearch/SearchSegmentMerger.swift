/// Merges segments into one: the batches of a full build, or a base segment and the
/// recent one that amends it.
///
/// Stories are merged by path, leaving out each segment's removed stories; when two
/// segments hold the same path, the later one's story wins. Terms are merged in byte order
/// with a heap, so memory holds one term's postings and the new dictionary, never the
/// whole index.
public enum SearchSegmentMerger {
    /// Stories read between calls to `consumed`: some 60 bytes of each input's story
    /// table and strings, so a few hundred KB of pages at a time.
    static let releaseEvery = 4096

    /// Posting bytes read between calls to `consumed`. Each input's next pages are mapped
    /// 64 KiB at a time (the kernel's fault-around), so what stays mapped is this plus
    /// some 64 KiB per input.
    static let releaseAfterBytes = 512 << 10

    /// A story of an input, packed in 8 bytes for the merge's list of every story.
    struct StoryRef {
        var input: Int
        var story: Int

        init(input: Int, story: Int) {
            self.input = input
            self.story = story
        }

        init(_ packed: UInt64) {
            input = Int(packed >> 32)
            story = Int(packed & 0xFFFF_FFFF)
        }

        var packed: UInt64 { UInt64(input) << 32 | UInt64(story) }
    }

    public struct Input {
        public var segment: SearchSegment
        /// Story numbers of this segment to leave out.
        public var removed: Set<UInt32>

        public init(segment: SearchSegment, removed: Set<UInt32> = []) {
            self.segment = segment
            self.removed = removed
        }
    }

    /// - Parameters:
    ///   - baseGeneration, deleted: for a recent segment, the base it amends and the base's
    ///     stories it replaces or removes (see `SearchSegmentLayout`).
    ///   - consumed: called now and then as the merge moves on, so the caller can let go of
    ///     input pages already read (a mapped file's pages count as the program's memory).
    public static func merge<Sink: SegmentSink>(
        _ inputs: [Input], into sink: Sink, generation: UInt64, baseGeneration: UInt64 = 0, deleted: [UInt32] = [],
        quick: QuickPrefixSettings = .standard, consumed: () -> Void = {}
    ) throws -> Sink {
        // Stories by path; on equal paths the later input wins (it sorts last and is kept).
        // Each one a `StoryRef` packed in 8 bytes: 100,000 of them as (Int, Int) pairs
        // would weigh 1.6 MB, twice (the list and what is kept of it).
        var refs: [UInt64] = []
        refs.reserveCapacity(inputs.reduce(0) { $0 + $1.segment.storyCount })
        for (number, input) in inputs.enumerated() {
            for story in 0..<input.segment.storyCount where !input.removed.contains(UInt32(story)) {
                refs.append(StoryRef(input: number, story: story).packed)
            }
        }
        // The parts of one build come in path order already: one pass finds that, letting
        // go of the pages it has read as it goes (the sort would read every path again).
        func pathOrder(_ a: UInt64, _ b: UInt64) -> Int {
            let a = StoryRef(a), b = StoryRef(b)
            return SearchSegment.compare(inputs[a.input].segment.pathBytes(a.story), inputs[b.input].segment.pathBytes(b.story))
        }
        var inOrder = true
        for index in refs.indices.dropFirst() {
            if index % releaseEvery == 0 { consumed() }
            let order = pathOrder(refs[index - 1], refs[index])
            if order > 0 || order == 0 && StoryRef(refs[index - 1]).input > StoryRef(refs[index]).input {
                inOrder = false
                break
            }
        }
        if !inOrder {
            refs.sort { a, b in
                let order = pathOrder(a, b)
                return order != 0 ? order < 0 : StoryRef(a).input < StoryRef(b).input
            }
        }
        consumed()
        // Of stories with the same path, the last is kept: the list is compacted in place.
        var keptCount = 0
        for index in refs.indices {
            if index % releaseEvery == 0 { consumed() }
            if index + 1 < refs.count, pathOrder(refs[index], refs[index + 1]) == 0 { continue }
            refs[keptCount] = refs[index]
            keptCount += 1
        }
        refs.removeLast(refs.count - keptCount)
        var newNumber = inputs.map { [UInt32](repeating: .max, count: $0.segment.storyCount) }
        for (rank, packed) in refs.enumerated() {
            let ref = StoryRef(packed)
            newNumber[ref.input][ref.story] = UInt32(rank)
        }

        var writer = try SearchSegmentWriter(sink: sink, quick: quick)
        try writer.writeStories(count: refs.count) { rank in
            if rank % releaseEvery == 0 { consumed() }
            let ref = StoryRef(refs[rank])
            let segment = inputs[ref.input].segment
            let story = segment.story(ref.story)
            return SegmentStory(path: story.path, title: story.title, source: story.source ?? "",
                                published: segment.published(ref.story), stamp: story.stamp, words: story.words)
        }
        refs = []
        consumed()

        // Parts of one build hold consecutive runs of stories, in input order: their lists
        // are joined as bytes, only each list's first gap rewritten.
        let offsets = consecutiveOffsets(inputs, newNumber)
        var heap = TermHeap(inputs.map(\.segment))
        // Postings read since the caller last let go of input pages: a few common words
        // hold most of an index, so this counts bytes rather than terms.
        var readSinceRelease = 0
        var merged: [PostingList.Posting] = []
        var encoded: [UInt8] = []
        while let (term, holders) = heap.popSmallest() {
            for input in holders { readSinceRelease += inputs[input].segment.postingBytes(heap.position(input) - 1).count }
            if readSinceRelease > releaseAfterBytes {
                consumed()
                readSinceRelease = 0
            }
            encoded.removeAll(keepingCapacity: true)
            if let offsets, let stories = joined(holders.sorted(), inputs, heap, offsets, into: &encoded) {
                guard stories > 0 else { continue }
                try encoded.withUnsafeBytes { try writer.writeTerm(term, postings: $0, stories: stories) }
                continue
            }
            merged.removeAll(keepingCapacity: true)
            var sorted = true
            for input in holders {
                var reader = inputs[input].segment.postings(heap.position(input) - 1)
                while let posting = reader.next() {
                    let story = newNumber[input][Int(posting.story)]
                    guard story != .max else { continue }
                    if let last = merged.last, last.story >= story { sorted = false }
                    merged.append(PostingList.Posting(story: story, count: posting.count))
                }
            }
            guard !merged.isEmpty else { continue }
            if !sorted {
                merged.sort { $0.story < $1.story }
                // The same story cannot be live in two inputs, but damaged bytes could say so.
                var unique: [PostingList.Posting] = []
                for posting in merged where unique.last?.story != posting.story { unique.append(posting) }
                merged = unique
            }
            encoded.removeAll(keepingCapacity: true)
            PostingList.encode(merged, into: &encoded)
            try encoded.withUnsafeBytes { try writer.writeTerm(term, postings: $0, stories: merged.count) }
        }
        try writer.finish(generation: generation, baseGeneration: baseGeneration, deleted: deleted)
        return writer.sink
    }
}

extension SearchSegmentMerger {
    /// Per input, the number its first story gets, when every input's stories all stay
    /// and follow the previous input's (the parts of one build); else nil.
    static func consecutiveOffsets(_ inputs: [Input], _ newNumber: [[UInt32]]) -> [UInt32]? {
        var offsets: [UInt32] = []
        var next: UInt32 = 0
        for (input, numbers) in newNumber.enumerated() {
            guard inputs[input].removed.isEmpty else { return nil }
            for (story, number) in numbers.enumerated() where number != next + UInt32(story) { return nil }
            offsets.append(next)
            next += UInt32(numbers.count)
        }
        return offsets
    }

    /// One term's lists from `holders` (ascending input numbers) joined into `out`: each
    /// list's bytes copied, its first story number rewritten as the gap from the list
    /// before. The number of stories, or nil when a list is damaged (the caller then
    /// decodes posting by posting, which keeps what can be read).
    static func joined(_ holders: [Int], _ inputs: [Input], _ heap: TermHeap, _ offsets: [UInt32],
                       into out: inout [UInt8]) -> Int? {
        var stories = 0
        var previous: UInt32?
        for input in holders {
            let segment = inputs[input].segment
            let bytes = segment.postingBytes(heap.position(input) - 1)
            guard let scan = PostingList.scan(bytes, storyCount: UInt32(segment.storyCount)) else { return nil }
            guard scan.count > 0 else { continue }
            let first = offsets[input] + scan.first
            if let previous {
                guard first > previous else { return nil }
                PostingList.appendNumber(first - previous, to: &out)
            } else {
                PostingList.appendNumber(first, to: &out)
            }
            out.append(contentsOf: bytes[scan.firstLength...])
            previous = offsets[input] + scan.last
            stories += scan.count
        }
        return stories
    }
}

/// The next term of each segment, smallest first; ties come out together.
struct TermHeap {
    private let segments: [SearchSegment]
    private var positions: [Int]
    /// Segments by their next term, each kept with it: comparing reads no segment.
    private var heap: [(term: UnsafeRawBufferPointer, segment: Int)]

    init(_ segments: [SearchSegment]) {
        self.segments = segments
        positions = [Int](repeating: 0, count: segments.count)
        heap = []
        for index in segments.indices where segments[index].termCount > 0 { push(segments[index].term(0), index) }
    }

    /// The next term a segment will give; after `popSmallest`, minus one is the term given.
    func position(_ segment: Int) -> Int { positions[segment] }

    private static func less(_ a: (term: UnsafeRawBufferPointer, segment: Int), _ b: (term: UnsafeRawBufferPointer, segment: Int)) -> Bool {
        let order = SearchSegment.compare(a.term, b.term)
        return order != 0 ? order < 0 : a.segment < b.segment
    }

    /// The smallest term and the segments holding it (each advanced past it).
    mutating func popSmallest() -> (UnsafeRawBufferPointer, [Int])? {
        guard let first = heap.first else { return nil }
        let term = first.term
        var holders: [Int] = []
        while let top = heap.first, SearchSegment.compare(top.term, term) == 0 {
            holders.append(top.segment)
            removeTop()
            positions[top.segment] += 1
            if positions[top.segment] < segments[top.segment].termCount {
                let next = segments[top.segment].term(positions[top.segment])
                // A damaged dictionary out of order must not loop: only larger terms go back.
                if SearchSegment.compare(next, term) > 0 { push(next, top.segment) }
            }
        }
        return (term, holders)
    }

    private mutating func push(_ term: UnsafeRawBufferPointer, _ segment: Int) {
        heap.append((term, segment))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func removeTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = parent * 2 + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && Self.less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.less(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
