/// What the status line says as the reader opens.
extension StatusMessage {
    /// Problems first, since they need acting on: a theme that could not be used, marks
    /// that could not be read, then story files skipped (the `?` screen lists them all).
    /// The key that shows the skipped files is named as `keyMap` binds it.
    public static func opening(themeProblems: [String], readingProblem: String?, skippedFiles: [String],
                               keyMap: KeyMap = .standard) -> StatusMessage? {
        if let problem = themeProblems.first {
            return StatusMessage("Theme not used: \(problem); using the default", isError: true)
        }
        if let readingProblem { return StatusMessage(readingProblem, isError: true) }
        if let first = skippedFiles.first {
            let lists = keyMap.keyName(for: .help).map { "; \($0) lists them" } ?? ""
            let more = skippedFiles.count > 1 ? " (and \(skippedFiles.count - 1) more\(lists))" : ""
            return StatusMessage("Skipped \(first)\(more)", isError: true)
        }
        return nil
    }
}
