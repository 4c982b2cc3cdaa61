/// Saves subscriptions into the file people edit by hand without losing what they wrote:
/// comments, spacing and the order of lines stay; only the `[[feed]]` tables that
/// changed are touched, and new ones go at the end.
enum SubscriptionsEdit {
    /// `previous` as the file held it (its text and what it parsed to), changed into `list`.
    /// Nil when the text cannot be matched to its tables (duplicate feeds, tables the
    /// parser did not read), and the whole file is written afresh.
    static func apply(_ list: SubscriptionList, to previous: String, parsed: SubscriptionList) -> String? {
        let lines = previous.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headers = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces) == "[[feed]]" }
        guard headers.count == parsed.subscriptions.count, !headers.isEmpty else { return nil }
        // A feed's table starts at its comments: the comment lines right above its header.
        let starts = headers.map { header in
            var start = header
            while start > 0, lines[start - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { start -= 1 }
            return start
        }
        var blocks: [[String]] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : lines.count
            blocks.append(Array(lines[start..<end]))
        }
        var out = Array(lines[..<starts[0]])
        for (position, subscription) in list.subscriptions.enumerated() {
            if let old = oldIndex(of: subscription, at: position, in: parsed, now: list) {
                out += edited(blocks[old], from: parsed.subscriptions[old], to: subscription)
            } else {
                if let last = out.last, !last.isEmpty { out.append("") }
                out += fresh(subscription)
            }
        }
        var text = out.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// Where `subscription` was in the file: by URL, or at the same place when its URL
    /// changed there (a permanent redirect moves a feed without reordering).
    private static func oldIndex(of subscription: Subscription, at position: Int, in parsed: SubscriptionList,
                                 now list: SubscriptionList) -> Int? {
        let key = SubscriptionList.comparable(subscription.url)
        if let index = parsed.subscriptions.firstIndex(where: { SubscriptionList.comparable($0.url) == key }) { return index }
        guard position < parsed.subscriptions.count else { return nil }
        let there = parsed.subscriptions[position]
        let stillListed = list.subscription(to: there.url) != nil
        return stillListed ? nil : position
    }

    private static func fresh(_ subscription: Subscription) -> [String] {
        var lines = ["[[feed]]", "url = " + SubscriptionsTOML.quoted(subscription.url)]
        if let title = subscription.title { lines.append("title = " + SubscriptionsTOML.quoted(title)) }
        lines.append("fullStory = " + SubscriptionsTOML.quoted(subscription.fullStory.rawValue))
        return lines
    }

    /// The table's lines with the values that changed rewritten in place.
    private static func edited(_ block: [String], from old: Subscription, to new: Subscription) -> [String] {
        var block = block
        if old.url != new.url { set("url", to: new.url, in: &block) }
        if old.title != new.title {
            if let title = new.title { set("title", to: title, in: &block) } else { block.removeAll { isLine(of: "title", $0) } }
        }
        if old.fullStory != new.fullStory { set("fullStory", to: new.fullStory.rawValue, in: &block) }
        return block
    }

    private static func set(_ key: String, to value: String, in block: inout [String]) {
        let line = key + " = " + SubscriptionsTOML.quoted(value)
        if let index = block.firstIndex(where: { isLine(of: key, $0) }) {
            block[index] = line
        } else if let header = block.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "[[feed]]" }) {
            block.insert(line, at: header + 1)
        }
    }

    private static func isLine(of key: String, _ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(key) else { return false }
        return trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == "="
    }
}
