import BylineCore
import BylineStore
import Foundation

// Times the search engine on a library, in process: building the index, a ranked first
// page, the full ranking, "More on this", and searching as each key of a query is typed.
// Scripts/bench-search runs it (and the `byline` commands for peak memory); run by hand:
//
//     swift run -c release search-benchmark LIBRARY [RUNS]
//     swift run -c release search-benchmark LIBRARY RUNS --typing [WORD...]   # per key typed, index kept
//
// `search-benchmark --timings LIBRARY RUNS QUERY...` times only what the commands and the
// reader do on the index as it is, for Scripts/bench (see CommandTimings).

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--timings" {
    try CommandTimings.run(library: Library(folder: URL(fileURLWithPath: arguments[2])),
                           runs: arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5, queries: Array(arguments.dropFirst(4)))
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: search-benchmark LIBRARY [RUNS]\n".utf8))
    exit(2)
}
let library = Library(folder: URL(fileURLWithPath: arguments[1]))
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
if let typing = arguments.firstIndex(of: "--typing"), typing >= 2 {
    typingOnly(library, runs: runs, words: Array(arguments[(typing + 1)...]))
    exit(0)
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func summary(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
    return String(format: "median %8.2f ms   min %8.2f   max %8.2f   p99 %8.2f   (n=%d)", median, sorted[0], sorted.last ?? 0, p99, sorted.count)
}

func line(_ label: String, _ samples: [Double]) {
    print(label.padding(toLength: 34, withPad: " ", startingAt: 0) + summary(samples))
}

func peakMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
    return status.split(separator: "\n").filter { $0.hasPrefix("VmHWM") || $0.hasPrefix("VmRSS") }.joined(separator: "  ")
}

// MARK: - Building

var builds: [Double] = []
var index: SearchIndex?
for _ in 0..<runs {
    for name in ["search-base", "search-recent"] {
        unlink(library.stateFolder.appendingPathComponent(name).path)
    }
    builds.append(try milliseconds { index = try SearchIndex.build(library) })
}
guard let index else { exit(1) }
let stories = index.count
print("library: \(arguments[1]) — \(stories) stories indexed")
line("index build (scan, read, merge)", builds)
print("memory after build: \(peakMemory())")

// MARK: - Queries

// Words of every kind: everywhere, common, rare, accented and non-Latin, two words,
// a phrase, and a prefix.
let queries = ["the", "budget", "council approves", "flood defences", #""budget cuts""#, "harbour expansion north",
               "cafe", "geneve", "strasse", "москва", "東京", "経済", "서울", "sao paulo", "teach*", "wind farm capital"]
var firstPage: [Double] = []
var fullRanking: [Double] = []
var totals: [String] = []
for query in queries {
    for run in 0..<runs {
        var answer: SearchIndex.Answer?
        firstPage.append(milliseconds { answer = index.search(query, limit: 20) })
        fullRanking.append(milliseconds { _ = index.search(query, limit: stories) })
        if run == 0, let answer { totals.append("\(query): \(answer.isEstimate ? "~" : "")\(answer.total)") }
    }
}
line("search, ranked first page (20)", firstPage)
line("search, full ranking", fullRanking)
print("  matches: " + totals.joined(separator: ", "))

// MARK: - Typing

var typing: [Double] = []
for query in ["harbour expansion", "flood defences north", "москва", "budget cuts"] {
    for run in 0..<runs {
        _ = run
        var typed = ""
        for character in query {
            typed.append(character)
            typing.append(milliseconds { _ = index.search(typed, asYouType: true, limit: 200) })
        }
    }
}
line("search as you type, per key", typing)

// MARK: - More on this

var similar: [Double] = []
var sample: [(StoryID, Story)] = []
index.stories.forEachStory { ref in
    guard ref.story % max(1, stories / 40) == 0, sample.count < 40 else { return }
    let id = StoryID(index.stories.story(ref).path)
    if case .success(let story) = library.story(id) { sample.append((id, story)) }
}
var shown: [String] = []
for (id, story) in sample {
    for run in 0..<runs {
        var found: [SearchIndex.Found] = []
        similar.append(milliseconds { found = index.similar(to: story, id: id) })
        if run == 0 && shown.count < 2 { shown.append("\(story.title) → \(found.map(\.title).joined(separator: " | "))") }
    }
}
line("More on this (5 stories)", similar)
for example in shown { print("  e.g. " + example) }
print("memory at end: \(peakMemory())")
