import TestSupport
import Testing

@Suite struct ExpectLinesTests {
    @Test func equalLinesRecordNothing() {
        expectLines(["a ", "b"], ["a ", "b"])
    }

    @Test func differentLinesRecordOneIssue() {
        withKnownIssue {
            expectLines(["same", "got this"], ["same", "wanted that", "and more"])
        } matching: { issue in
            let text = String(describing: issue)
            return text.contains("- ") && text.contains("\"wanted that\"") && text.contains("+ ")
                && text.contains("\"got this\"") && text.contains("expected 3 lines, got 2")
        }
    }
}
