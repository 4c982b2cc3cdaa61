import Foundation

/// Pass rates per suite, as printed after a corpus run.
struct CorpusReport {
    let verdicts: [CorpusRun.Verdict]
    let skipped: [CorpusCase]

    var text: String {
        var lines = ["feedparser corpus: pass rate by suite"]
        let groups = Dictionary(grouping: verdicts, by: \.item.group)
        for group in groups.keys.sorted() {
            lines.append(line(group, groups[group] ?? []))
        }
        lines.append("--")
        lines.append(line("wellformed outside sanitize", verdicts.filter { $0.item.suite == "wellformed" && $0.item.group != "wellformed/sanitize" }))
        lines.append(line("wellformed/sanitize", verdicts.filter { $0.item.group == "wellformed/sanitize" }))
        for suite in ["entities", "encoding", "illformed", "json"] {
            lines.append(line(suite, verdicts.filter { $0.item.suite == suite }))
        }
        lines.append(line("all", verdicts))
        for item in skipped { lines.append("skipped \(item.path): \(item.skipReason ?? "")") }
        return lines.joined(separator: "\n")
    }

    private func line(_ name: String, _ verdicts: [CorpusRun.Verdict]) -> String {
        let passed = verdicts.filter(\.passed).count
        let rate = verdicts.isEmpty ? 0 : Double(passed) * 100 / Double(verdicts.count)
        return "  \(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(passed)/\(verdicts.count)  \(String(format: "%.1f", rate))%"
    }
}
