// Test helpers shared by the test targets.
import Testing

/// Expects two lists of lines to be equal, recording one issue with a line diff if not.
///
/// Each differing line is shown as `-` (expected) and `+` (actual) with its number, and
/// lines are quoted so trailing spaces are visible — screen tests compare padded rows.
public func expectLines(
    _ actual: [String],
    _ expected: [String],
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    var report = ["Lines differ (- expected, + actual):"]
    if let comment { report.insert(comment.description, at: 0) }
    for index in 0..<max(actual.count, expected.count) {
        let want = index < expected.count ? expected[index] : nil
        let got = index < actual.count ? actual[index] : nil
        let number = String(index + 1).leftPadded(to: 3)
        if want == got {
            report.append("  \(number)  \(quoted(got))")
        } else {
            if let want { report.append("- \(number)  \(quoted(want))") }
            if let got { report.append("+ \(number)  \(quoted(got))") }
        }
    }
    if actual.count != expected.count {
        report.append("(expected \(expected.count) lines, got \(actual.count))")
    }
    Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
}

private func quoted(_ line: String?) -> String {
    line.map { "\"\($0)\"" } ?? "(none)"
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
