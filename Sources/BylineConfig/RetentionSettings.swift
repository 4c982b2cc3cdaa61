/// The `[retention]` table: how long stories fetched from feeds are kept.
///
/// ```toml
/// [retention]
/// keep = "90d"
/// ```
///
/// A feed's own `keep` in feeds.toml overrides it. Starred stories and story files the
/// user wrote are never removed, whatever the setting.
public struct RetentionSettings: Equatable, Sendable {
    public var keep: RetentionPeriod

    public init(keep: RetentionPeriod = .forever) { self.keep = keep }

    static func read(from file: ConfigFile) -> (RetentionSettings, [ConfigProblem]) {
        var reader = ConfigTableReader(file, table: "retention")
        var settings = RetentionSettings()
        if let text = reader.string("keep") {
            if let period = RetentionPeriod(text) {
                settings.keep = period
            } else {
                reader.problem("keep", "\"\(text)\" is not a period: use \(RetentionPeriod.spelling)")
            }
        }
        return (settings, reader.finish())
    }
}
