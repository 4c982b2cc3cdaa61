#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation
import StorySearch

/// The library's full-text search index, kept in its bookkeeping folder beside the story
/// index and read in place.
///
/// Two files: `search-base`, built from every story, and `search-recent`, which amends it
/// with the stories saved since (and names the base stories they replace or that are
/// gone). Saving a story rewrites only the small recent file; when it grows past an eighth
/// of the base the two are merged into a new base. Each file is replaced atomically. A
/// recent file left from an older base (a crash between the two renames of a merge) is
/// ignored, since the new base already holds it. A missing or damaged base is rebuilt from
/// the story files, never fatal.
public final class SearchIndex: @unchecked Sendable {
    let library: Library
    let files: [MappedFile]
    /// The stories and words, as queries see them.
    public let stories: SearchLibrary
    /// The index files as they were when read (see `isStillOnDisk`).
    let opened: FilesStamp

    init(library: Library, files: [MappedFile], stories: SearchLibrary, opened: FilesStamp) {
        self.library = library
        self.files = files
        self.stories = stories
        self.opened = opened
    }

    static func basePath(_ library: Library) -> String { library.stateFolder.appendingPathComponent("search-base").path }
    static func recentPath(_ library: Library) -> String { library.stateFolder.appendingPathComponent("search-recent").path }

    /// Why there is no usable index.
    public enum Unusable: Error, Equatable {
        case missing
        case damaged(String)
    }

    /// The index as it is on disk, without checking it against the story files.
    public static func open(_ library: Library) -> Result<SearchIndex, Unusable> {
        let base: MappedFile
        switch MappedFile.open(basePath(library)) {
        case .success(let file): base = file
        case .failure(.missing): return .failure(.missing)
        case .failure(.failed(let reason)): return .failure(.damaged(reason))
        }
        let baseSegment: SearchSegment
        do { baseSegment = try SearchSegment(base.bytes, reader: base) } catch { return .failure(.damaged(error.reason)) }
        guard baseSegment.baseGeneration == 0 else { return .failure(.damaged("the base search index is a recent one")) }
        var files = [base]
        var segments = [baseSegment]
        // Each file as it was read, so a file replaced since never passes for the one read.
        var opened = FilesStamp(folder: library.stateFolder.path, files: [base.identity, nil])
        // A missing, damaged or stale recent file loses only what the next check re-adds.
        switch MappedFile.open(recentPath(library)) {
        case .success(let recent):
            opened.files[1] = recent.identity
            if let segment = try? SearchSegment(recent.bytes, reader: recent), segment.baseGeneration == baseSegment.generation {
                files.append(recent)
                segments.append(segment)
            }
        case .failure(.missing): break
        case .failure(.failed): opened.files[1] = FilesStamp.file(at: recentPath(library))
        }
        return .success(SearchIndex(library: library, files: files, stories: SearchLibrary(segments: segments), opened: opened))
    }

    /// How many stories the index holds.
    public var count: Int { stories.liveCount }

    /// The base's date: when the index last saw every folder of the library (see `CheckTime`).
    var checkedStamp: FileStamp { files[0].stamp }

    /// Lets the system take back the index pages read so far (see `MappedFile.release`),
    /// and the buffer queries read postings into.
    public func releasePages() {
        for file in files { file.release() }
        stories.dropKeptBuffer()
    }

    // MARK: - Asking

    /// A story search found, with what a results list shows.
    public struct Found: Equatable, Sendable {
        public var id: StoryID
        public var title: String
        public var source: String?
        public var published: Date?
        public var score: Double
    }

    public struct Answer: Equatable, Sendable {
        public var stories: [Found]
        public var total: Int
        /// With a phrase, only the best candidates are read to check it.
        public var isEstimate: Bool
    }

    /// The stories matching `text`, best first (see `SearchQuery` for what may be typed).
    public func search(_ text: String, asYouType: Bool = false, limit: Int) -> Answer {
        let results = hits(text, asYouType: asYouType, limit: limit)
        return Answer(stories: results.hits.map(found), total: results.total, isEstimate: results.isEstimate)
    }

    /// The stories matching `text`, best first, named only by where they are saved: what
    /// the reader needs to find them in its list, without decoding titles it already shows.
    public func searchIDs(_ text: String, asYouType: Bool = false, limit: Int) -> (ids: [StoryID], total: Int, isEstimate: Bool) {
        let results = hits(text, asYouType: asYouType, limit: limit)
        return (stories.paths(of: results.hits).map(StoryID.init), results.total, results.isEstimate)
    }

    /// The stories matching `text` that `listing` lists, as its rows, best first; `total`
    /// counts only those. Where each story is listed is worked out at the first search in
    /// a listing, then kept (`prepare(for:)` does it ahead).
    public func searchRows(_ text: String, asYouType: Bool = false, limit: Int, in listing: any StoryListing)
        -> (rows: [Int], total: Int, isEstimate: Bool) {
        let listed = stories.rows(in: listing)
        let results = hits(text, asYouType: asYouType, limit: limit, listed: listed)
        return (results.hits.compactMap { listed.row($0.ref) }, results.total, results.isEstimate)
    }

    /// Does ahead what the first search in `listing` would: reads what ranking needs of
    /// every story and where each is listed.
    public func prepare(for listing: any StoryListing) { _ = stories.rows(in: listing) }

    private func hits(_ text: String, asYouType: Bool, limit: Int, listed: ListingRows? = nil) -> SearchResults {
        let query = SearchQuery.parse(text, asYouType: asYouType)
        var tokenizer = SearchTokenizer()
        return stories.search(query, limit: limit, listed: listed) { ref in
            guard case .success(let story) = library.story(StoryID(stories.story(ref).path)) else { return false }
            let document = SearchDocument(story: story)
            return query.phrases.allSatisfy { document.contains(phrase: $0, tokenizer: &tokenizer) }
        }
    }

    /// The five (or `limit`) stories most like `story`, saved at `id`.
    public func similar(to story: Story, id: StoryID, limit: Int = 5) -> [Found] {
        stories.similar(to: SearchDocument(story: story), path: id.path, limit: limit).map(found)
    }

    private func found(_ hit: SearchHit) -> Found {
        let story = stories.story(hit.ref)
        return Found(id: StoryID(story.path), title: story.title, source: story.source, published: story.published, score: hit.score)
    }
}
