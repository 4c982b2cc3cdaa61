import Foundation

/// The folder SwiftPM built the tests into, which also holds the package's executables.
///
/// `swift test` builds every product, and the test bundle (`…PackageTests.xctest`) sits
/// in the same build folder (`.build/<triple>/debug/`) as `byline`, so end-to-end tests
/// run the binary that was just built rather than one found on PATH.
public enum BuildProducts {
    /// The build folder, found from the running test bundle.
    public static var folder: URL? {
        // Linux: the .xctest is itself the running executable.
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           exe.hasSuffix(".xctest") {
            return URL(fileURLWithPath: exe).deletingLastPathComponent()
        }
        // macOS: the .xctest is a bundle loaded by the xctest or swiftpm-testing-helper tool.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return nil
    }

    /// The built executable `name`, or nil when it is not there (not built yet).
    public static func executable(named name: String) -> URL? {
        guard let candidate = folder?.appendingPathComponent(name),
              FileManager.default.isExecutableFile(atPath: candidate.path)
        else { return nil }
        return candidate
    }
}

/// Finds a program on PATH, as a shell would; nil when it is not installed.
public func programOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}
