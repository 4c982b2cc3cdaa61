import BylineConfig
import FeedParsing
import TOMLKit

/// The subscriptions file's text: one `[[feed]]` table per feed, edited by hand.
///
/// ```toml
/// [[feed]]
/// url = "https://example.org/rss"
/// title = "Example"
/// fullStory = "auto"
/// folder = "News"      # optional; a synced feed's category on the server
/// ```
public enum SubscriptionsTOML {
    /// Reads the file's text; `name` names the file in errors.
    public static func parse(_ text: String, name: String) throws(SubscriptionsFileError) -> SubscriptionList {
        if let problem = TOMLPreflight.problem(in: text) {
            throw .malformed(name, line: problem.line, reason: problem.reason)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .malformed(name, line: error.source.begin.line, reason: error.description)
        } catch {
            throw .malformed(name, line: nil, reason: "\(error)")
        }
        guard let entries = table["feed"] else { return SubscriptionList() }
        guard let array = entries.array else { throw .malformed(name, line: nil, reason: "`feed` must be [[feed]] tables") }
        var list = SubscriptionList()
        // A feed listed twice is read once, as `SubscriptionList.add` would: compared by
        // key here, since adding one by one compares each feed with all before it.
        var seen = Set<String>()
        for (index, entry) in array.enumerated() {
            let number = index + 1
            guard let feed = entry.table else { throw .malformed(name, line: nil, reason: "feed \(number) is not a table") }
            guard let url = feed["url"]?.string, !url.isEmpty else {
                throw .malformed(name, line: nil, reason: "feed \(number) has no url")
            }
            var mode = FullStoryMode.auto
            if let value = feed["fullStory"] {
                guard let text = value.string, let parsed = FullStoryMode(rawValue: text) else {
                    throw .malformed(name, line: nil, reason: "feed \(number): fullStory must be \"auto\", \"always\" or \"never\"")
                }
                mode = parsed
            }
            let title = feed["title"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            let keep = feed["keep"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            let folder = feed["folder"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            if seen.insert(SubscriptionList.comparable(url)).inserted {
                list.subscriptions.append(Subscription(url: url, title: title, fullStory: mode, keep: keep, folder: folder))
            }
        }
        return list
    }

    public static func render(_ list: SubscriptionList) -> String {
        var out = """
        # Byline subscriptions: one [[feed]] table per feed; edit freely.
        # fullStory = "auto" fetches a story's page when the feed gives only a summary,
        # "always" fetches it for every story, "never" keeps what the feed gives.

        """
        for subscription in list.subscriptions {
            out += "\n[[feed]]\n"
            out += "url = \(quoted(subscription.url))\n"
            if let title = subscription.title { out += "title = \(quoted(title))\n" }
            out += "fullStory = \(quoted(subscription.fullStory.rawValue))\n"
            if let keep = subscription.keep { out += "keep = \(quoted(keep))\n" }
            if let folder = subscription.folder { out += "folder = \(quoted(folder))\n" }
        }
        return out
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Why the subscriptions file could not be read or written.
public enum SubscriptionsFileError: Error, Equatable, CustomStringConvertible {
    case malformed(String, line: Int?, reason: String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let name, let line?, let reason): "\(name):\(line): \(reason)"
        case .malformed(let name, nil, let reason): "\(name): \(reason)"
        case .unreadable(let name, let reason): "\(name): \(reason)"
        }
    }
}
