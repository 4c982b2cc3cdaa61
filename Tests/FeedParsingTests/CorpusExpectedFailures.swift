import Foundation

/// The checked-in list of cases known to fail, one `path reason…` per line.
struct ExpectedFailures {
    let reasons: [String: String]

    static let file = Corpus.harness.appendingPathComponent("expected-failures.txt")

    static func load() -> ExpectedFailures {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var reasons: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let path = parts.first else { continue }
            reasons[String(path)] = parts.count > 1 ? String(parts[1]) : ""
        }
        return ExpectedFailures(reasons: reasons)
    }
}
