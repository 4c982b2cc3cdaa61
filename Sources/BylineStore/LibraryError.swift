/// Why a library operation failed, in one line naming the file and what is wrong.
public struct LibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(DisplayText.oneLine(path)): \(reason)" }

    /// An error from a failed system call, with the system's own words for `errno`.
    static func system(_ action: String, _ path: String, errno code: Int32) -> LibraryError {
        LibraryError(path: path, reason: "cannot \(action): \(SystemError.message(code))")
    }
}
