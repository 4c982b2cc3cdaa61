import Foundation

/// The elements with rules of their own: links and ids (RSS guids that are links),
/// text constructs (title, description versus content, summary), generators and dates.
extension FeedBuilder {
    // MARK: - Links and ids

    func startLink(_ attributes: inout ElementAttributes) {
        attributes.setDefault("rel", "alternate")
        attributes.setDefault("type", attributes["rel"] == "self" ? "application/atom+xml" : "text/html")
        let context = context()
        attributes.enforceHref()
        if let href = attributes["href"] { attributes["href"] = resolveURI(href) }
        if attributes["rel"] == "alternate", Self.htmlTypes.contains(Self.mapContentType(attributes["type"] ?? "")) {
            isEntryLink = true
        }
        context.setDefault("links", .list([]))
        if !(inEntry && inImage) { context.append(.node(attributes.node), to: "links") }
        if let href = attributes["href"] {
            if isEntryLink { context["link"] = .text(href) }
        } else {
            textLinkIsAlternate = attributes["rel"] == "alternate"
            push("link", expectingText: inFeed || inEntry || inSource)
        }
    }

    func endGUID() {
        let value = pop("id")
        save("guidislink", .flag(guidIsLink && !context().contains("link")))
        if guidIsLink { save("link", value.map { .text($0) } ?? .null) }
    }

    // MARK: - Text constructs

    func endTitle() {
        guard let value = popContent("title"), !value.isEmpty else { return }
        titleDepth = depth
    }

    func startDescription(_ attributes: ElementAttributes) {
        if context().contains("summary"), !hasContent {
            summaryIsContent = true
            startContent(attributes)
        } else {
            pushContent("description", attributes, defaultType: "text/html", expectingText: inFeed || inEntry || inSource)
        }
    }

    func startSummary(_ attributes: ElementAttributes) {
        if context().contains("summary"), !hasContent {
            summaryIsContent = true
            startContent(attributes)
        } else {
            pushContent("summary", attributes, defaultType: "text/plain", expectingText: true)
        }
    }

    func startContent(_ attributes: ElementAttributes) {
        hasContent = true
        pushContent("content", attributes, defaultType: "text/plain", expectingText: true)
        if let src = attributes["src"], !src.isEmpty { construct?.src = src }
        push("content", expectingText: true)
    }

    func endContent() {
        let type = Self.mapContentType(construct?.type ?? "")
        let copyToSummary = type == "text/plain" || Self.htmlTypes.contains(type)
        let value = popContent("content")
        if copyToSummary { save("summary", value.map { .text($0) } ?? .null) }
    }

    func startGenerator(_ attributes: ElementAttributes) {
        var attributes = attributes
        if !attributes.isEmpty {
            attributes.enforceHref()
            if let href = attributes["href"] { attributes["href"] = resolveURI(href) }
        }
        context()["generator_detail"] = .node(attributes.node)
        push("generator", expectingText: true)
    }

    // MARK: - Dates

    func saveDate(_ key: String, _ text: String?) {
        save(key, FeedDate.parse(text).map { .date($0) } ?? .null, overwrite: true)
    }

    func endValidity() {
        for detail in (pop("validity") ?? "").split(separator: ";", omittingEmptySubsequences: false) {
            let parts = detail.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let key = String(parts[0])
            let value = String(parts[1])
            guard key == "start" || key == "end" else { continue }
            save("validity_\(key)", .text(value), overwrite: true)
            saveDate("validity_\(key)_parsed", value)
        }
    }
}
