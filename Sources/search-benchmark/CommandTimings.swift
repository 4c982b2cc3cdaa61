import BylineCore
import BylineStore
import Foundation

/// `search-benchmark --timings LIBRARY RUNS QUERY...`: what Scripts/bench prints as search
/// and More on this, in process, on the library's index as it is (never rebuilt here):
/// the same calls the commands and the reader make, timed one by one.
///
/// Prints one line per figure, a name, tab-separated fields and the milliseconds of each
/// run, comma-separated, for the bench to summarise:
///
///     open	…                the index opened and checked as `byline search` does
///     first-page	QUERY	…    the ranked first page of 10, titles and all
///     full-ranking	QUERY	…  every match ranked, as the reader's list asks
///     similar	…            More on this for a sample of stories: the story read, its five
///
/// Each query runs on an index kept open, as the reader keeps it, with its pages given
/// back after each query as the reader gives them back, so every run reads them again.
enum CommandTimings {
    static func run(library: Library, runs: Int, queries: [String]) throws {
        var opens: [Double] = []
        var index: SearchIndex?
        for _ in 0..<runs {
            index = nil
            opens.append(try milliseconds { index = try SearchIndex.current(library) })
        }
        guard let index else { return }
        print("open\t" + joined(opens))
        for query in queries {
            var first: [Double] = []
            var full: [Double] = []
            for _ in 0..<runs {
                first.append(milliseconds { _ = index.search(query, limit: 10) })
                index.releasePages()
                full.append(milliseconds { _ = index.searchIDs(query, asYouType: false, limit: max(1, index.count)) })
                index.releasePages()
            }
            print("first-page\t\(query)\t" + joined(first))
            print("full-ranking\t\(query)\t" + joined(full))
        }
        // Stories spread through the library, each asked once per run.
        var sample: [StoryID] = []
        let step = max(1, index.count / 20)
        var number = 0
        index.stories.forEachStory { ref in
            defer { number += 1 }
            if number % step == 0 && sample.count < 20 { sample.append(StoryID(index.stories.story(ref).path)) }
        }
        var similar: [Double] = []
        for _ in 0..<runs {
            for id in sample {
                similar.append(milliseconds {
                    guard case .success(let story) = library.story(id) else { return }
                    _ = index.similar(to: story, id: id)
                })
                index.releasePages()
            }
        }
        print("similar\t" + joined(similar))
    }

    private static func joined(_ values: [Double]) -> String {
        values.map { String(format: "%.3f", $0) }.joined(separator: ",")
    }
}
