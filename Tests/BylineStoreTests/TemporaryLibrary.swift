import BylineCore
import Foundation
@testable import BylineStore

/// A library folder under the system's temporary folder, removed when the test ends.
final class TemporaryLibrary {
    let root: URL
    /// The library folder itself.
    let folder: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("byline-store-tests-\(UUID().uuidString)", isDirectory: true)
        folder = root.appendingPathComponent("library", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var library: Library { Library(folder: folder) }

    /// Writes a file (creating folders on the way) and returns its URL.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> URL {
        try write(path, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ path: String, bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// A small story file with headers.
    @discardableResult
    func writeStory(
        _ path: String, title: String, published: String? = nil, url: String? = nil, body: String = "A paragraph."
    ) throws -> URL {
        var text = "Title: \(title)\n"
        if let published { text += "Published: \(published)\n" }
        if let url { text += "URL: \(url)\n" }
        return try write(path, text + "\n" + body + "\n")
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }
}

extension LibraryContents {
    var paths: [String] { entries.map(\.id.path) }
}
