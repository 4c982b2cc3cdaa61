/// Merges segments into one: the batches of a full build, or a base segment and the
/// recent one that amends it.
///
/// Stories are merged by path, leaving out each segment's removed stories; when two
/// segments hold the same path, the later one's story wins. Terms are merged in byte order
/// with a heap, so memory holds one term's postings and the new dictionary, never the
/// whole index.
public enum SearchSegmentMerger {
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
        consumed: () -> Void = {}
    ) throws -> Sink {
        // Stories by path; on equal paths the later input wins (it sorts last and is kept).
        var refs: [(input: Int, story: Int)] = []
        for (number, input) in inputs.enumerated() {
            for story in 0..<input.segment.storyCount where !input.removed.contains(UInt32(story)) {
                refs.append((number, story))
            }
        }
        refs.sort { a, b in
            let order = SearchSegment.compare(inputs[a.input].segment.pathBytes(a.story), inputs[b.input].segment.pathBytes(b.story))
            return order != 0 ? order < 0 : a.input < b.input
        }
        var kept: [(input: Int, story: Int)] = []
        kept.reserveCapacity(refs.count)
        for (index, ref) in refs.enumerated() {
            if index + 1 < refs.count,
               SearchSegment.compare(inputs[ref.input].segment.pathBytes(ref.story),
                                     inputs[refs[index + 1].input].segment.pathBytes(refs[index + 1].story)) == 0 {
                continue
            }
            kept.append(ref)
        }
        refs = []
        var newNumber = inputs.map { [UInt32](repeating: .max, count: $0.segment.storyCount) }
        for (rank, ref) in kept.enumerated() { newNumber[ref.input][ref.story] = UInt32(rank) }

        var writer = try SearchSegmentWriter(sink: sink)
        try writer.writeStories(count: kept.count) { rank in
            let ref = kept[rank]
            let segment = inputs[ref.input].segment
            let story = segment.story(ref.story)
            return SegmentStory(path: story.path, title: story.title, source: story.source ?? "",
                                published: segment.published(ref.story), stamp: story.stamp, words: story.words)
        }
        kept = []
        consumed()

        var heap = TermHeap(inputs.map(\.segment))
        // Postings read since the caller last let go of input pages: a few common words
        // hold most of an index, so this counts bytes rather than terms.
        var readSinceRelease = 0
        var merged: [PostingList.Posting] = []
        var encoded: [UInt8] = []
        while let (term, holders) = heap.popSmallest() {
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
            for input in holders { readSinceRelease += inputs[input].segment.postingBytes(heap.position(input) - 1).count }
            if readSinceRelease > 1 << 21 {
                consumed()
                readSinceRelease = 0
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

/// The next term of each segment, smallest first; ties come out together.
struct TermHeap {
    private let segments: [SearchSegment]
    private var positions: [Int]
    private var heap: [Int]

    init(_ segments: [SearchSegment]) {
        self.segments = segments
        positions = [Int](repeating: 0, count: segments.count)
        heap = []
        for index in segments.indices where segments[index].termCount > 0 { push(index) }
    }

    /// The next term a segment will give; after `popSmallest`, minus one is the term given.
    func position(_ segment: Int) -> Int { positions[segment] }

    private func current(_ segment: Int) -> UnsafeRawBufferPointer { segments[segment].term(positions[segment]) }

    private func less(_ a: Int, _ b: Int) -> Bool {
        let order = SearchSegment.compare(current(a), current(b))
        return order != 0 ? order < 0 : a < b
    }

    /// The smallest term and the segments holding it (each advanced past it).
    mutating func popSmallest() -> (UnsafeRawBufferPointer, [Int])? {
        guard let first = heap.first else { return nil }
        let term = current(first)
        var holders: [Int] = []
        while let top = heap.first, SearchSegment.compare(current(top), term) == 0 {
            holders.append(top)
            removeTop()
            positions[top] += 1
            if positions[top] < segments[top].termCount {
                // A damaged dictionary out of order must not loop: only larger terms go back.
                if SearchSegment.compare(current(top), term) > 0 { push(top) }
            }
        }
        return (term, holders)
    }

    private mutating func push(_ segment: Int) {
        heap.append(segment)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { break }
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
            if left < heap.count && less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && less(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
