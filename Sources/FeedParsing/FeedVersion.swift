/// Which format, and which version of it, an XML feed is, under the names feedparser
/// reports as `version` (`rss20`, `atom10` …): the rules that tell them apart, in one place.
enum FeedVersion: String {
    case rss090, rss091n, rss091u, rss092, rss093, rss094, rss10, rss20
    /// RSS whose `version` attribute is missing or unknown.
    case rss
    case atom01, atom02, atom03, atom10
    /// Atom whose `version` attribute is missing or unknown.
    case atom

    var isRSS: Bool { rawValue.hasPrefix("rss") }
    var isAtom: Bool { rawValue.hasPrefix("atom") }

    /// `<rss version="…">`. 0.91 without Netscape's DOCTYPE is UserLand's.
    static func rss(declaring given: String?) -> FeedVersion {
        switch given ?? "" {
        case "0.91": .rss091u
        case "0.92": .rss092
        case "0.93": .rss093
        case "0.94": .rss094
        case let other: other.hasPrefix("2.") ? .rss20 : .rss
        }
    }

    /// `<feed version="…">`: only Atom before 1.0 says; 1.0 is known by its namespace.
    static func atom(declaring given: String?) -> FeedVersion {
        switch given {
        case "0.1": .atom01
        case "0.2": .atom02
        case "0.3": .atom03
        default: .atom
        }
    }

    /// The version a namespace declaration gives away, before any element says.
    static func declared(byNamespace lowercasedURI: String, prefix: String?) -> FeedVersion? {
        switch lowercasedURI {
        case "http://my.netscape.com/rdf/simple/0.9/" where prefix == nil: .rss090
        case "http://purl.org/rss/1.0/": .rss10
        case "http://www.w3.org/2005/atom": .atom10
        default: nil
        }
    }
}
