/// The `[sync]` table: which feed server Byline syncs with.
///
/// Filled in by the sync work; until then sync is off and the table is not read.
public struct SyncSettings: Equatable, Sendable {
    public init() {}

    static func read(from file: ConfigFile) -> (SyncSettings, [ConfigProblem]) {
        (SyncSettings(), [])
    }
}
