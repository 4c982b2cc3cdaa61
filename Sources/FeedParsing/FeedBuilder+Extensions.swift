import Foundation

/// Handlers for the extension namespaces feedparser reads: iTunes, Media RSS and
/// Creative Commons (Dublin Core shares the core handlers).
extension FeedBuilder {
    func startExtension(_ name: String, _ attributes: inout ElementAttributes) -> Bool {
        switch name {
        case "itunes_owner":
            inPublisher = true
            push("publisher", expectingText: false)
        case "itunes_image", "itunes_link":
            push("itunes_image", expectingText: false)
            if let href = nonEmpty(attributes["href"]) ?? nonEmpty(attributes["url"]) {
                let image = ParsedNode()
                image["href"] = .text(href)
                context()["image"] = .node(image)
            }
        case "media_group":
            break
        case "media_rating":
            context().setDefault("media_rating", .node(attributes.node))
            push("rating", expectingText: true)
        case "media_credit":
            context().append(.node(attributes.node), to: "media_credit")
            push("credit", expectingText: true)
        case "media_restriction":
            context().setDefault("media_restriction", .node(attributes.node))
            push("restriction", expectingText: true)
        case "media_license":
            context().setDefault("media_license", .node(attributes.node))
            push("license", expectingText: true)
        case "media_content":
            context().append(.node(attributes.node), to: "media_content")
        case "media_thumbnail":
            context().setDefault("media_thumbnail", .list([]))
            push("url", expectingText: true)
            context().append(.node(attributes.node), to: "media_thumbnail")
        case "media_player":
            push("media_player", expectingText: false)
            context()["media_player"] = .node(attributes.node)
        case "cc_license":
            let link = ParsedNode()
            link["rel"] = .text("license")
            if let value = nonEmpty(attributes[(namespaceMap["rdf"] ?? "rdf") + ":resource"]) { link["href"] = .text(value) }
            context().append(.node(link), to: "links")
        case "creativecommons_license":
            push("license", expectingText: true)
        case "psc_chapters":
            let context = context()
            guard !context.contains("psc_chapters") else { break }
            inChapters = true
            let chapters = attributes.node
            chapters.setRaw("chapters", .list([]))
            context["psc_chapters"] = .node(chapters)
        case "psc_chapter":
            guard inChapters, let chapters = context()["psc_chapters"]?.node else { break }
            let chapter = attributes.node
            chapter.setRaw("start_parsed", Self.chapterStart(attributes["start"] ?? "").map { .real($0) } ?? .null)
            chapters.append(.node(chapter), to: "chapters")
        default:
            return startGeography(name, attributes)
        }
        return true
    }

    /// A Podlove chapter start, `[hh:]mm:ss[.mmm]`, in seconds.
    static func chapterStart(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let secondsPart = parts[parts.count - 1].split(separator: ".", omittingEmptySubsequences: false)
        let fields = parts.dropLast().map(String.init) + [String(secondsPart[0])]
        // ASCII digits only: `isNumber` also passes `٣` and `½`, which `Int` refuses, and a
        // field dropped by `compactMap` below would leave the indexing out of range.
        let digit = { (c: Character) in c.isASCII && c.isNumber }
        guard fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(digit) }),
              secondsPart.count == 1 || (secondsPart.count == 2 && secondsPart[1].count == 3 && secondsPart[1].allSatisfy(digit))
        else { return nil }
        let numbers = fields.compactMap { Int($0) }
        let hours = numbers.count == 3 ? numbers[0] : 0
        let milliseconds = secondsPart.count == 2 ? Int(secondsPart[1]) ?? 0 : 0
        let whole = hours * 3600 + numbers[numbers.count - 2] * 60 + numbers[numbers.count - 1]
        return Double(whole) + Double(milliseconds) / 1000
    }

    func endExtension(_ name: String) -> Bool {
        switch name {
        case "itunes_owner":
            pop("publisher")
            inPublisher = false
            syncAuthorDetail("publisher")
        case "itunes_keywords":
            guard let value = pop("itunes_keywords") else { return false }
            for term in value.split(separator: ",") where !PythonText.strip(String(term)).isEmpty {
                addTag(term: PythonText.strip(String(term)), scheme: "http://www.itunes.com/", label: nil)
            }
        case "itunes_block":
            let value = pop("itunes_block", stripWhitespace: false)
            context()["itunes_block"] = .number(value == "yes" || value == "Yes" ? 1 : 0)
        case "itunes_explicit":
            // Exact values only: "YES" or " yes " mean nothing (feedparser's reading of Apple's rules).
            let value = pop("itunes_explicit", stripWhitespace: false) ?? ""
            let explicit: ParsedNode.Value = ["yes", "true"].contains(value) ? .flag(true)
                : ["no", "false", "clean"].contains(value) ? .flag(false) : .null
            context()["itunes_explicit"] = explicit
        case "media_keywords":
            guard let value = pop("media_keywords") else { return false }
            for term in value.split(separator: ",") where !PythonText.strip(String(term)).isEmpty {
                addTag(term: PythonText.strip(String(term)), scheme: nil, label: nil)
            }
        case "media_rating":
            if let rating = pop("rating"), !PythonText.strip(rating).isEmpty {
                context()["media_rating"]?.node?["content"] = .text(rating)
            }
        case "media_credit":
            if let credit = pop("credit"), !PythonText.strip(credit).isEmpty {
                context().lastNode(in: "media_credit")?["content"] = .text(credit)
            }
        case "media_restriction":
            if let restriction = pop("restriction"), !PythonText.strip(restriction).isEmpty {
                let codes = restriction.split(separator: " ", omittingEmptySubsequences: false)
                    .map { ParsedNode.Value.text(PythonText.strip(String($0)).lowercased()) }
                context()["media_restriction"]?.node?["content"] = .list(codes)
            }
        case "media_license":
            if let license = pop("license"), !PythonText.strip(license).isEmpty {
                context()["media_license"]?.node?["content"] = .text(license)
            }
        case "media_thumbnail":
            let url = pop("url")
            if let url, !PythonText.strip(url).isEmpty, let thumbnail = context().lastNode(in: "media_thumbnail"),
               !thumbnail.contains("url") {
                thumbnail.setRaw("url", .text(url))
            }
        case "media_player":
            let value = pop("media_player")
            context()["media_player"]?.node?["content"] = value.map { .text($0) } ?? .null
        case "psc_chapters":
            inChapters = false
        case "creativecommons_license":
            guard let value = pop("license") else { return true }
            let context = context()
            let link = ParsedNode()
            link["rel"] = .text("license")
            if !value.isEmpty { link["href"] = .text(value) }
            context.append(.node(link), to: "links")
            context.remove("license")
        default:
            return endGeography(name)
        }
        return true
    }
}
