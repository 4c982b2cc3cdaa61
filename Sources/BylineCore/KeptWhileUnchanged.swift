/// Something costly made from files (a search index opened and checked), kept for as long
/// as the files' stamp says they are the same, so a reader asking again and again (a search
/// per key typed) makes it once rather than per request.
public struct KeptWhileUnchanged<Stamp: Equatable, Value> {
    private var kept: (stamp: Stamp, value: Value)?

    public init() {}

    /// The kept value when it was made under `stamp`; otherwise what `make` gives, kept
    /// under `stamp` when it succeeds. A failure is never kept: the next request tries again.
    public mutating func value<Failure: Error>(for stamp: Stamp, make: () -> Result<Value, Failure>) -> Result<Value, Failure> {
        if let kept, kept.stamp == stamp { return .success(kept.value) }
        let made = make()
        switch made {
        case .success(let value): kept = (stamp, value)
        case .failure: kept = nil
        }
        return made
    }
}
