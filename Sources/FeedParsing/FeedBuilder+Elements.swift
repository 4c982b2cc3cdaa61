import Foundation

/// The element handlers of RSS, RDF, Atom and CDF (feedparser's `_start_*` / `_end_*`).
extension FeedBuilder {
    /// Runs the start handler for `name`; false when there is none.
    func start(_ name: String, _ attributes: inout ElementAttributes) -> Bool {
        switch name {
        case "rss": startRSS(attributes)
        case "channel":
            inFeed = true
            cdfCommon(attributes)
        case "feed": startFeed(attributes)
        case "image":
            if !inEntry { context().setDefault("image", .node(ParsedNode())) }
            inImage = true
            titleDepth = -1
            push("image", expectingText: false)
        case "textinput":
            context().setDefault("textinput", .node(ParsedNode()))
            inTextInput = true
            titleDepth = -1
            push("textinput", expectingText: false)
        case "author", "managingeditor", "dc_author", "dc_creator", "itunes_author": startAuthor()
        case "contributor":
            inContributor = true
            context().append(.node(ParsedNode()), to: "contributors")
            push("contributor", expectingText: false)
        case "dc_contributor":
            inContributor = true
            context().append(.node(ParsedNode()), to: "contributors")
            push("name", expectingText: false)
        case "name", "itunes_name": push("name", expectingText: false)
        case "width": push("width", expectingText: false)
        case "height": push("height", expectingText: false)
        case "url", "homepage", "uri": push("href", expectingText: true)
        case "email", "itunes_email": push("email", expectingText: false)
        case "subtitle", "tagline", "itunes_subtitle":
            pushContent("subtitle", attributes, defaultType: "text/plain", expectingText: true)
        case "rights", "copyright", "dc_rights":
            pushContent("rights", attributes, defaultType: "text/plain", expectingText: true)
        case "item", "entry": startItem(attributes)
        case "language", "dc_language": push("language", expectingText: true)
        case "webmaster", "dc_publisher": push("publisher", expectingText: true)
        case "published", "issued", "pubdate", "dcterms_issued": push("published", expectingText: true)
        case "updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified": push("updated", expectingText: true)
        case "created", "dcterms_created": push("created", expectingText: true)
        case "expirationdate": push("expired", expectingText: true)
        case "dcterms_valid": push("validity", expectingText: true)
        case "category", "keywords", "dc_subject": startCategory(attributes)
        case "media_category":
            attributes.setDefault("scheme", "http://search.yahoo.com/mrss/category_schema")
            startCategory(attributes)
        case "itunes_category":
            addTag(term: attributes["text"], scheme: "http://www.itunes.com/", label: nil)
            push("category", expectingText: true)
        case "cloud": context()["cloud"] = .node(attributes.node)
        case "link": startLink(&attributes)
        case "guid", "id":
            guidIsLink = (attributes["ispermalink"] ?? "true") == "true"
            push("id", expectingText: true)
        case "title", "dc_title", "media_title":
            guard svgDepth == 0 else { return true }
            pushContent("title", attributes, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case "description", "dc_description", "media_description": startDescription(attributes)
        case "abstract":
            pushContent("description", attributes, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case "info", "feedburner_browserfriendly":
            pushContent("info", attributes, defaultType: "text/plain", expectingText: true)
        case "generator": startGenerator(attributes)
        case "summary", "itunes_summary": startSummary(attributes)
        case "enclosure":
            attributes.enforceHref()
            attributes["rel"] = "enclosure"
            context().append(.node(attributes.node), to: "links")
        case "source": startSource(attributes)
        case "content": startContent(attributes)
        case "body", "xhtml_body":
            pushContent("content", attributes, defaultType: "application/xhtml+xml", expectingText: true)
        case "content_encoded", "fullitem":
            hasContent = true
            pushContent("content", attributes, defaultType: "text/html", expectingText: true)
        case "newlocation": push("newlocation", expectingText: true)
        case "tags": push("tags", expectingText: true)
        default: return startExtension(name, &attributes)
        }
        return true
    }

    /// Runs the end handler for `name`; false when there is none.
    func end(_ name: String) -> Bool {
        switch name {
        case "channel", "feed": inFeed = false
        case "image":
            pop("image")
            inImage = false
        case "textinput":
            pop("textinput")
            inTextInput = false
        case "author", "managingeditor", "dc_author", "dc_creator", "itunes_author":
            pop("author")
            inAuthor = false
            syncAuthorDetail()
        case "contributor":
            pop("contributor")
            inContributor = false
        case "dc_contributor":
            endName()
            inContributor = false
        case "name", "itunes_name": endName()
        case "width", "height":
            let value = Int(pop(name) ?? "") ?? 0
            if inImage { context()[name] = .number(value) }
        case "url", "homepage", "uri":
            savePerson("href", pop("href") ?? "")
        case "email", "itunes_email":
            savePerson("email", pop("email") ?? "")
        case "subtitle", "tagline", "itunes_subtitle": popContent("subtitle")
        case "rights", "copyright", "dc_rights": popContent("rights")
        case "item", "entry":
            pop("item")
            inEntry = false
            hasContent = false
        case "language", "dc_language": lang = pop("language")
        case "webmaster", "dc_publisher":
            pop("publisher")
            syncAuthorDetail("publisher")
        case "published", "issued", "pubdate", "dcterms_issued":
            saveDate("published_parsed", pop("published"))
        case "updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified":
            saveDate("updated_parsed", pop("updated"))
        case "created", "dcterms_created": saveDate("created_parsed", pop("created"))
        case "expirationdate": saveDate("expired_parsed", pop("expired"))
        case "dcterms_valid": endValidity()
        case "category", "keywords", "dc_subject", "itunes_category", "media_category": endCategory()
        case "link":
            pop("link")
            isEntryLink = false
        case "guid", "id": endGUID()
        case "title", "dc_title":
            guard svgDepth == 0 else { return true }
            endTitle()
        case "media_title":
            let depth = titleDepth
            endTitle()
            titleDepth = depth
        case "description", "dc_description", "media_description", "abstract":
            if summaryIsContent { endContent() } else { popContent("description") }
            summaryIsContent = false
        case "info", "feedburner_browserfriendly": popContent("info")
        case "generator":
            let value = pop("generator")
            if let detail = context()["generator_detail"]?.node { detail["name"] = value.map { .text($0) } ?? .null }
        case "summary", "itunes_summary":
            if summaryIsContent { endContent() } else { popContent("summary") }
            summaryIsContent = false
        case "source": endSource()
        case "content", "body", "xhtml_body", "content_encoded", "fullitem": endContent()
        case "newlocation":
            let url = pop("newlocation") ?? ""
            let context = context()
            guard context === feed else { return true }
            context["newlocation"] = .text(URIReference.safeAbsolute(baseURI, PythonText.strip(url)))
        case "tags":
            for term in (pop("tags") ?? "").split(separator: ",", omittingEmptySubsequences: false) {
                addTag(term: PythonText.strip(String(term)), scheme: nil, label: nil)
            }
        default: return endExtension(name)
        }
        return true
    }

    // MARK: - Feed and entry

    func startRSS(_ attributes: ElementAttributes) {
        guard version?.isRSS != true else { return }
        version = .rss(declaring: attributes["version"])
    }

    func startFeed(_ attributes: ElementAttributes) {
        inFeed = true
        guard version == nil else { return }
        version = .atom(declaring: attributes["version"])
    }

    /// CDF puts a channel's or item's date and link in attributes.
    func cdfCommon(_ attributes: ElementAttributes) {
        if let modified = attributes["lastmod"] {
            push("updated", expectingText: true)
            setPendingText(modified)
            saveDate("updated_parsed", pop("updated"))
        }
        if let href = attributes["href"] {
            var none = ElementAttributes()
            startLink(&none)
            setPendingText(href)
            pop("link")
            isEntryLink = false
        }
    }

    func startItem(_ attributes: ElementAttributes) {
        entries.append(ParsedNode())
        push("item", expectingText: false)
        inEntry = true
        guidIsLink = false
        titleDepth = -1
        let about = attributes[(namespaceMap["rdf"] ?? "rdf") + ":about"]
        if let about, !about.isEmpty { context()["id"] = .text(about) }
        cdfCommon(attributes)
    }

    func startSource(_ attributes: ElementAttributes) {
        if let url = attributes["url"] { sourceData["href"] = .text(url) }
        push("source", expectingText: true)
        inSource = true
        titleDepth = -1
    }

    func endSource() {
        inSource = false
        if let value = pop("source"), !value.isEmpty { sourceData["title"] = .text(value) }
        context()["source"] = .node(sourceData.copy())
        sourceData.removeAll()
    }
}
