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
        default:
            return startGeography(name, attributes)
        }
        return true
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
            let value = PythonText.strip(pop("itunes_explicit", stripWhitespace: false) ?? "").lowercased()
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
