import BylineCore
import BylineStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `search-benchmark LIBRARY RUNS --typing`: what the reader's search thread does for each
/// key of the words Scripts/bench types into `/` (the ranked rows of the story list it
/// asks for), on the index as it is (never rebuilt), with the CPU time, the page faults and
/// the resident memory each prefix costs. As in the reader, the pages and buffers a key's
/// search read stay for the next key, and are given back once the word is typed (the
/// reader gives them back once typing stops for a moment). What `/` does before the first letter (the index read and
/// matched to the list: `SearchIndex.prepare(for:)`) is timed on its own.
func typingOnly(_ library: Library, runs: Int, words typedWords: [String] = []) {
    guard case .success(let index) = SearchIndex.open(library), let contents = try? library.load() else {
        FileHandle.standardError.write(Data("search-benchmark: no search index in \(library.folder.path)\n".utf8))
        exit(1)
    }
    let listing = StoryRows(contents.listing)
    listing.releasePages()
    let residentBefore = residentKiB()
    let cpuBefore = cpuSeconds()
    let prepared = milliseconds { index.prepare(for: listing.listing) }
    print(String(format: "prepared on /: %.2f ms wall, %.2f ms cpu, resident added %d KiB",
                 prepared, (cpuSeconds() - cpuBefore) * 1000, residentKiB() - residentBefore) + "  (" + peakMemory() + ")")
    index.releasePages()
    let words = typedWords.isEmpty ? ["harbour", "council", "teachers", "budget", "reform", "energy", "bridge", "minister"] : typedWords
    var byLength: [Int: [Double]] = [:]
    var cpuByKey: [Double] = []
    var rows: [String: [(wall: Double, cpu: Double, resident: Int, faults: Int)]] = [:]
    for _ in 0..<runs {
        for word in words {
            var typed = ""
            for letter in word {
                typed.append(letter)
                let before = residentKiB()
                let faultsBefore = minorFaults()
                let cpuBefore = cpuSeconds()
                let wall = milliseconds {
                    _ = index.searchRows(typed, asYouType: true, limit: 1_000, in: listing.listing)
                }
                let cpu = (cpuSeconds() - cpuBefore) * 1000
                let faults = minorFaults() - faultsBefore
                rows[typed, default: []].append((wall, cpu, residentKiB() - before, faults))
                byLength[typed.count, default: []].append(wall)
                cpuByKey.append(cpu)
            }
            index.releasePages()
        }
    }
    // On a busy machine the least wall time is the one nearest a quiet machine's.
    print("prefix       wall median   wall min   cpu median   resident added (KiB, median)   faults (median)")
    for word in words {
        var typed = ""
        for letter in word {
            typed.append(letter)
            let samples = rows[typed] ?? []
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            print(typed.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f ms %8.2f ms   %8.2f ms   %8d   %8d", median(samples.map(\.wall)),
                           samples.map(\.wall).min() ?? 0, median(samples.map(\.cpu)),
                           samples.map(\.resident).sorted()[samples.count / 2], samples.map(\.faults).sorted()[samples.count / 2]))
        }
    }
    for length in byLength.keys.sorted() { line("letters typed: \(length)", byLength[length] ?? []) }
    line("every key", byLength.values.flatMap { $0 })
    line("every key, CPU", cpuByKey)
    print("memory at end: \(peakMemory())")
}

private func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS") }) else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}

private func minorFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
