/// How long fetched stories are kept: `"90d"`, `"12w"`, `"6m"`, `"1y"`, or `"forever"`.
///
/// Months count as 30 days and years as 365: retention is about clearing old news, and a
/// day either way does not matter.
public enum RetentionPeriod: Equatable, Sendable, CustomStringConvertible {
    case forever
    case days(Int)

    /// The period a setting's text means, or nil when it means none.
    public init?(_ text: String) {
        let trimmed = String(text.lowercased().filter { $0 != " " && $0 != "\t" })
        if trimmed == "forever" || trimmed == "never" || trimmed == "0" {
            self = .forever
            return
        }
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count > 0, count <= 100_000 else { return nil }
        switch unit {
        case "d": self = .days(count)
        case "w": self = .days(count * 7)
        case "m": self = .days(count * 30)
        case "y": self = .days(count * 365)
        default: return nil
        }
    }

    public static let spelling = "a number of days, weeks, months or years (\"90d\", \"12w\", \"6m\", \"1y\") or \"forever\""

    /// Seconds, for comparing with story dates; nil keeps everything.
    public var seconds: Double? {
        if case .days(let days) = self { return Double(days) * 86_400 }
        return nil
    }

    public var description: String {
        switch self {
        case .forever: "forever"
        case .days(let days): "\(days)d"
        }
    }
}
