import BylineStore
import Foundation

/// Which folder `byline` opens: the one named, else the user's library, else the seeds.
struct LibraryChoice {
    var folder: URL
    /// The bundled seeds, opened because the user's library is empty.
    var isBundledSeeds = false

    static func choose(path: String?) throws -> LibraryChoice {
        if let path {
            let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw CommandFailure("\(path): no such folder")
            }
            guard isFolder.boolValue else {
                throw CommandFailure("\(path): not a folder of story files (to read one story, use `byline show \(path)`)")
            }
            return LibraryChoice(folder: url.standardizedFileURL)
        }
        let library = LibraryLocation.defaultLibrary()
        if hasStories(library) { return LibraryChoice(folder: library) }
        guard let seeds = BundledFiles.seedsFolder else {
            throw CommandFailure("\(library.path): your library is empty and the bundled seeds/ folder cannot be found; name a folder: byline PATH")
        }
        return LibraryChoice(folder: seeds, isBundledSeeds: true)
    }

    /// Whether `folder` or a folder below it holds a story file (a `.txt` file) other
    /// than `file`: what makes a folder worth opening as a library.
    static func hasStories(_ folder: URL, besides file: URL? = nil) -> Bool {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { return false }
        let skipped = file?.standardizedFileURL.path
        for case let url as URL in walker where url.pathExtension == "txt" && url.standardizedFileURL.path != skipped { return true }
        return false
    }
}

/// A failure to report in one line and exit non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
