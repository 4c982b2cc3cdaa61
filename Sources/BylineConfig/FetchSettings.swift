/// The `[fetch]` table: how feeds and story pages are downloaded.
///
/// ```toml
/// [fetch]
/// timeout = 20    # seconds one request may take
/// jobs = 8        # feeds downloaded at once
/// ```
///
/// `byline fetch --timeout` and `--jobs` override these for one run.
public struct FetchSettings: Equatable, Sendable {
    public var timeout: Int
    public var jobs: Int

    public init(timeout: Int = 20, jobs: Int = 8) {
        self.timeout = timeout
        self.jobs = jobs
    }

    static func read(from file: ConfigFile) -> (FetchSettings, [ConfigProblem]) {
        var reader = ConfigTableReader(file, table: "fetch")
        var settings = FetchSettings()
        if let timeout = reader.integer("timeout", in: 1...600) { settings.timeout = timeout }
        if let jobs = reader.integer("jobs", in: 1...64) { settings.jobs = jobs }
        return (settings, reader.finish())
    }
}
