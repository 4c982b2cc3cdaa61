import Foundation

/// Finds the files that ship beside the program: the sample library `seeds/` and the
/// bundled `Themes/`.
///
/// Byline runs from its build folder (`.build/debug/byline`) or an install; either way the
/// project folder holding `seeds/` and `Themes/` is found by walking up from the
/// executable, and from the source tree it was built from.
enum BundledFiles {
    static var seedsFolder: URL? { find("seeds") }
    static var themesFolder: URL? { find("Themes") }

    private static func find(_ name: String) -> URL? {
        var starts: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var folder = start
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }
}
