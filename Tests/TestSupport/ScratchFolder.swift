import Foundation

/// A new, empty folder under the system's temporary folder, for one test's files.
///
/// Call `remove()` when done (a `defer` right after creating it); the folder name is
/// unique per process and call, so tests running in parallel never share one.
public struct ScratchFolder: Sendable {
    public let url: URL

    public init(prefix: String = "scratch") throws {
        let name = "byline-\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    /// Writes `contents` to `name` inside the folder, creating subfolders as needed.
    @discardableResult
    public func write(_ name: String, _ contents: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file)
        return file
    }

    /// Writes `text` as UTF-8 to `name` inside the folder.
    @discardableResult
    public func write(_ name: String, text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
