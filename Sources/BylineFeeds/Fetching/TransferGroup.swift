/// Requests that may not run more than `limit` at once whatever hosts they go to: a
/// fetch's feeds, `--jobs` at a time. Queued with their client ahead of their turn, the
/// next one starts on the client's own thread the moment one ends.
public final class TransferGroup: Sendable {
    public let limit: Int

    public init(limit: Int) {
        self.limit = max(1, limit)
    }
}
