import FeedParsing

/// Saves subscriptions into the file people edit by hand without losing what they wrote:
/// comments, spacing and the order of lines stay; only the `[[feed]]` tables that
/// changed are touched, and new ones go at the end.
enum SubscriptionsEdit {
    /// `previous` as the file held it (its text and what it parsed to), changed into `list`.
    /// Nil when the text cannot be matched to its tables (duplicate feeds, tables the
    /// parser did not read), and the whole file is written afresh.
    static func apply(_ list: SubscriptionList, to previous: String, parsed: SubscriptionList) -> String? {
        // Split at the "\n" byte, so a CRLF file keeps its "\r"s (splitting by Character
        // would treat "\r\n" as one character and never split such a file).
        let lines = previous.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let headers = lines.indices.filter { isTableHeader(lines[$0], named: "[[feed]]") }
        guard headers.count == parsed.subscriptions.count else { return nil }
        // A feed's table starts at its comments (the comment lines right above its header)
        // and ends at the next table of any kind; what follows the last one stays last.
        let starts = headers.map { header in
            var start = header
            while start > 0, lines[start - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { start -= 1 }
            return start
        }
        var blocks: [[String]] = []
        var trailer: [String] = []
        for (index, start) in starts.enumerated() {
            let limit = index + 1 < starts.count ? starts[index + 1] : lines.count
            let otherTable = (headers[index] + 1..<limit).first { isTableHeader(lines[$0], named: nil) } ?? limit
            blocks.append(Array(lines[start..<otherTable]))
            trailer += lines[otherTable..<limit]
        }
        var out = Array(lines[..<(starts.first ?? lines.count)])
        if starts.isEmpty { while out.last?.isEmpty == true { out.removeLast() } }
        for (position, subscription) in list.subscriptions.enumerated() {
            if let old = oldIndex(of: subscription, at: position, in: parsed, now: list) {
                out += edited(blocks[old], from: parsed.subscriptions[old], to: subscription)
            } else {
                if let last = out.last, !last.isEmpty { out.append("") }
                out += fresh(subscription)
            }
        }
        if !trailer.isEmpty {
            if let last = out.last, !last.isEmpty { out.append("") }
            out += trailer
        }
        var text = out.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        // The edit must say exactly what the list says; if reading it back gives anything
        // else (a table this did not understand), the file is written afresh instead.
        guard (try? SubscriptionsTOML.parse(text, name: "")) == list else { return nil }
        return text
    }

    /// A table header line: `[[feed]]` (any spacing, a comment after it) when `name` is
    /// given, else any `[table]` or `[[table]]`.
    private static func isTableHeader(_ line: String, named name: String?) -> Bool {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        if let hash = text.firstIndex(of: "#"), !text.hasPrefix("#") { text = text[..<hash] }
        let compact = text.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
        guard compact.hasPrefix("["), compact.hasSuffix("]") else { return false }
        return name.map { compact == $0 } ?? true
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
        if let folder = subscription.folder { lines.append("folder = " + SubscriptionsTOML.quoted(folder)) }
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
        if old.folder != new.folder {
            if let folder = new.folder { set("folder", to: folder, in: &block) } else { block.removeAll { isLine(of: "folder", $0) } }
        }
        return block
    }

    private static func set(_ key: String, to value: String, in block: inout [String]) {
        let line = key + " = " + SubscriptionsTOML.quoted(value)
        if let index = block.firstIndex(where: { isLine(of: key, $0) }) {
            // The line keeps its indentation and the reader's comment after the value.
            let old = block[index]
            let indent = old.prefix { $0 == " " || $0 == "\t" }
            block[index] = indent + line + comment(after: old)
        } else if let header = block.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "[[feed]]" }) {
            block.insert(line, at: header + 1)
        }
    }

    /// The comment after a `key = "value"` line's value, with the spaces before it; "" when none.
    static func comment(after line: String) -> String {
        guard let equals = line.firstIndex(of: "=") else { return "" }
        var index = line[line.index(after: equals)...].firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
        guard index < line.endIndex else { return "" }
        let quote = line[index]
        if quote == "\"" || quote == "'" {
            index = line.index(after: index)
            while index < line.endIndex, line[index] != quote {
                if quote == "\"", line[index] == "\\" { index = line.index(after: index) }
                if index < line.endIndex { index = line.index(after: index) }
            }
            if index < line.endIndex { index = line.index(after: index) }
        }
        guard let hash = line[index...].firstIndex(of: "#") else { return "" }
        let spaces = line[index..<hash].reversed().prefix { $0 == " " || $0 == "\t" }.count
        let start = line.index(hash, offsetBy: -spaces)
        return String(line[start...]).replacingOccurrences(of: "\r", with: "") + (line.hasSuffix("\r") ? "\r" : "")
    }

    private static func isLine(of key: String, _ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(key) else { return false }
        return trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == "="
    }
}
