/// What the status line says as the reader opens.
extension StatusMessage {
    /// Problems first, since they need acting on: a theme that could not be used, marks
    /// that could not be read, then story files skipped (the `?` screen lists them all).
    public static func opening(themeProblems: [String], readingProblem: String?, skippedFiles: [String]) -> StatusMessage? {
        if let problem = themeProblems.first {
            return StatusMessage("Theme not used: \(problem); using the default", isError: true)
        }
        if let readingProblem { return StatusMessage(readingProblem, isError: true) }
        if let first = skippedFiles.first {
            let more = skippedFiles.count > 1 ? " (and \(skippedFiles.count - 1) more; ? lists them)" : ""
            return StatusMessage("Skipped \(first)\(more)", isError: true)
        }
        return nil
    }
}
