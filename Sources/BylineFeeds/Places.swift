import Foundation

/// Where Byline keeps things, by the XDG base-directory rules.
///
/// Subscriptions are hand-edited configuration (`$XDG_CONFIG_HOME/byline/feeds.toml`);
/// stories and fetch bookkeeping are data (`$XDG_DATA_HOME/byline/library`).
public struct Places: Sendable {
    public var environment: [String: String]
    public var home: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                home: URL = FileManager.default.homeDirectoryForCurrentUser) {
        self.environment = environment
        self.home = home
    }

    public var configFolder: URL { base("XDG_CONFIG_HOME", fallback: ".config").appendingPathComponent("byline") }
    public var dataFolder: URL { base("XDG_DATA_HOME", fallback: ".local/share").appendingPathComponent("byline") }

    /// The subscriptions file people edit by hand.
    public var subscriptionsFile: URL { configFolder.appendingPathComponent("feeds.toml") }
    public var defaultLibrary: URL { dataFolder.appendingPathComponent("library") }

    /// XDG says a relative value is invalid and must be ignored.
    private func base(_ variable: String, fallback: String) -> URL {
        if let value = environment[variable], value.hasPrefix("/") {
            return URL(fileURLWithPath: value, isDirectory: true)
        }
        return home.appendingPathComponent(fallback, isDirectory: true)
    }
}
