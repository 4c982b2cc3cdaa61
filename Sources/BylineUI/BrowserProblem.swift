import BylineConfig

/// Why a story's web address did not open in a browser.
public enum BrowserProblem: Error, Equatable, Sendable {
    /// Only http and https addresses are handed to a browser.
    case notAWebAddress
    case couldNotStart(command: String, FailureReason)
    case failed(command: String, status: Int32)
    /// Neither `$BROWSER` nor `xdg-open` names a program that exists.
    case noBrowser
    /// Over SSH with no graphical session, and no terminal browser configured.
    case noGraphicalSession

    func sentence(url: String) -> String {
        switch self {
        case .notAWebAddress: "Not opening \(url): only http and https addresses are opened"
        case .couldNotStart(let command, let reason): "\(command) could not start: \(reason)"
        case .failed(let command, let status): "\(command) failed (exit status \(status)) opening \(url)"
        case .noBrowser: "No browser to open \(url): set [browser] command in config.toml or $BROWSER, or install xdg-open"
        case .noGraphicalSession: BrowserRefusal.noGraphicalSession.description
        }
    }
}
