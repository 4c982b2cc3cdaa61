#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where Byline keeps things, following the XDG base directories.
///
/// - The default library: `$XDG_DATA_HOME/byline/library` (`~/.local/share/byline/library`).
/// - Configuration: `$XDG_CONFIG_HOME/byline` (`~/.config/byline`).
/// - A library's bookkeeping (index, reading state, lock file): a `.byline` folder inside
///   the library when the library can be written to, so it travels with the folder;
///   otherwise `$XDG_STATE_HOME/byline/libraries/<hash of the library's absolute path>`
///   (`~/.local/state/…`), so a read-only library still starts fast and keeps its state.
///   A library folder that does not exist yet counts as writable when it could be created
///   (its nearest existing ancestor takes new files), so the first fetch into a new
///   library keeps its bookkeeping inside it, like every fetch after.
///
/// Every function takes the environment as a parameter so tests never touch the real one.
public enum LibraryLocation {
    public typealias Environment = [String: String]

    /// The name of the bookkeeping folder inside a writable library.
    public static let bookkeepingFolderName = ".byline"

    public static func defaultLibrary(environment: Environment = ProcessInfo.processInfo.environment) -> URL {
        base("XDG_DATA_HOME", fallback: ".local/share", environment).appendingPathComponent("byline/library", isDirectory: true)
    }

    public static func configFolder(environment: Environment = ProcessInfo.processInfo.environment) -> URL {
        base("XDG_CONFIG_HOME", fallback: ".config", environment).appendingPathComponent("byline", isDirectory: true)
    }

    /// Where a library's bookkeeping lives (see the type's summary).
    ///
    /// - Parameter libraryIsWritable: whether the library folder takes new files; `nil`
    ///   asks the system. Tests pass `false`, since a test running as root may write anywhere.
    /// - Parameter environment: nil reads the process's, only when it is needed: every
    ///   `Library` asks, and building the environment's dictionary is not free.
    public static func stateFolder(
        for library: URL, environment: Environment? = nil,
        libraryIsWritable: Bool? = nil
    ) -> URL {
        let inside = library.appendingPathComponent(bookkeepingFolderName, isDirectory: true)
        let writable = libraryIsWritable ?? isWritableOrCreatable(inside.path)
        if writable { return inside }
        let absolute = canonicalPath(library)
        return base("XDG_STATE_HOME", fallback: ".local/state", environment ?? ProcessInfo.processInfo.environment)
            .appendingPathComponent("byline/libraries", isDirectory: true)
            .appendingPathComponent(StableHash.hex(StableHash.of(absolute)), isDirectory: true)
    }

    /// The absolute path with links resolved, so two spellings of one folder share state.
    static func canonicalPath(_ folder: URL) -> String {
        guard let resolved = realpath(folder.path, nil) else { return folder.standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is a folder that takes new files or, when it does not exist, whether
    /// its nearest existing ancestor is one (so the missing folders could be made).
    private static func isWritableOrCreatable(_ path: String) -> Bool {
        var candidate = path
        var info = stat()
        while stat(candidate, &info) != 0 {
            guard errno == ENOENT, candidate != "/" else { return false }
            candidate = AtomicFile.parentFolder(of: candidate)
        }
        return (info.st_mode & S_IFMT) == S_IFDIR && access(candidate, W_OK) == 0
    }

    /// An XDG variable when it holds an absolute path (the specification says to ignore
    /// relative ones), else the fallback under the home folder.
    private static func base(_ variable: String, fallback: String, _ environment: Environment) -> URL {
        if let value = environment[variable], value.hasPrefix("/") {
            return URL(fileURLWithPath: value, isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(fallback, isDirectory: true)
    }
}
