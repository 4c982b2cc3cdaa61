import Foundation

/// Authors, contributors, publishers and tags: feedparser's bookkeeping for people and
/// categories, which both Atom's structured forms and RSS's "email (name)" strings feed.
extension FeedBuilder {
    func startAuthor() {
        inAuthor = true
        push("author", expectingText: true)
        context().append(.node(ParsedNode()), to: "authors")
    }

    func endName() {
        let value = pop("name") ?? ""
        if !savePerson("name", value), inTextInput { context()["name"] = .text(value) }
    }

    /// Saves a name, email or address to the person being read: the publisher (iTunes
    /// owner) first, then an author, then a contributor. False outside all three.
    @discardableResult
    func savePerson(_ key: String, _ value: String) -> Bool {
        // feedparser gives a publisher no address: its `url` goes to the author, if any.
        if inPublisher, key != "href" {
            saveAuthor(key, value, prefix: "publisher")
        } else if inAuthor {
            saveAuthor(key, value)
        } else if inContributor {
            saveContributor(key, value)
        } else {
            return false
        }
        return true
    }

    func saveAuthor(_ key: String, _ value: String, prefix: String = "author") {
        let context = context()
        context.setDefault(prefix + "_detail", .node(ParsedNode()))
        context[prefix + "_detail"]?.node?[key] = .text(value)
        syncAuthorDetail()
        context.setDefault(prefix + "s", .list([.node(ParsedNode())]))
        context.lastNode(in: prefix + "s")?[key] = .text(value)
    }

    func saveContributor(_ key: String, _ value: String) {
        let context = context()
        context.setDefault("contributors", .list([.node(ParsedNode())]))
        context.lastNode(in: "contributors")?[key] = .text(value)
    }

    /// Keeps `author` (a display string) and `author_detail` (name, email) in step.
    func syncAuthorDetail(_ key: String = "author") {
        let context = context()
        let detail = context.lastNode(in: key + "s") ?? ParsedNode()
        if !detail.keys.isEmpty {
            let name = detail.text("name").flatMap(nonEmpty)
            let email = detail.text("email").flatMap(nonEmpty)
            if let name, let email {
                context[key] = .text("\(name) (\(email))")
            } else if let name {
                context[key] = .text(name)
            } else if let email {
                context[key] = .text(email)
            }
            return
        }
        guard var author = context.text(key), !author.isEmpty else { return }
        var email: String?
        if let found = Self.emailAddress(in: author) {
            email = found
            author = ByteScan.replacing(author, found, with: "")
            for empty in ["()", "<>", "&lt;&gt;"] { author = ByteScan.replacing(author, empty, with: "") }
            author = PythonText.strip(author)
            if author.hasPrefix("(") { author.removeFirst() }
            if author.hasSuffix(")") { author.removeLast() }
            author = PythonText.strip(author)
        }
        if !author.isEmpty || email != nil { context.setDefault(key + "_detail", .node(detail)) }
        if !author.isEmpty { detail["name"] = .text(author) }
        if let email { detail["email"] = .text(email) }
    }

    private static let emailPattern = try? NSRegularExpression(pattern:
        #"(([a-zA-Z0-9_.+-]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(]?))(\?subject=\S+)?"#)

    private static func emailAddress(in text: String) -> String? {
        guard text.contains("@"), let emailPattern,
              let match = emailPattern.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else {
            return nil
        }
        return (text as NSString).substring(with: match.range)
    }

    // MARK: - Tags

    func addTag(term: String?, scheme: String?, label: String?) {
        let context = context()
        context.setDefault("tags", .list([]))
        if (term ?? "").isEmpty, (scheme ?? "").isEmpty, (label ?? "").isEmpty { return }
        let tags = context["tags"]?.list ?? []
        let exists = tags.contains { tag in
            guard let node = tag.node else { return false }
            return node.text("term") == term && node.text("scheme") == scheme && node.text("label") == label
        }
        guard !exists else { return }
        let tag = ParsedNode()
        tag["term"] = term.map { .text($0) } ?? .null
        tag["scheme"] = scheme.map { .text($0) } ?? .null
        tag["label"] = label.map { .text($0) } ?? .null
        context.append(.node(tag), to: "tags")
    }

    func startCategory(_ attributes: ElementAttributes) {
        addTag(term: attributes["term"], scheme: attributes["scheme"] ?? attributes["domain"], label: attributes["label"])
        push("category", expectingText: true)
    }

    func endCategory() {
        guard let value = pop("category"), !value.isEmpty else { return }
        let context = context()
        if let last = context.lastNode(in: "tags"), !(last["term"]?.isTruthy ?? false) {
            last["term"] = .text(value)
        } else {
            addTag(term: value, scheme: nil, label: nil)
        }
    }
}
