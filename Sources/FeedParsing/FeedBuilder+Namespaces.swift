/// XML events in, feedparser's element names out: each element is named with the
/// prefix feedparser's handlers use for its namespace (`dc:title`, `itunes:image`),
/// whatever prefix the document chose.
extension FeedBuilder {
    // MARK: - Namespaces

    func startPrefixMapping(prefix: String?, uri: String) {
        guard !uri.isEmpty else { return }
        trackNamespace(prefix: prefix, uri: uri)
        if let prefix, uri == "http://www.w3.org/1999/xlink" { xlinkDeclarations.append(("xmlns:" + prefix, uri)) }
    }

    func trackNamespace(prefix: String?, uri: String) {
        var uri = uri
        var lower = uri.lowercased()
        if version == nil { version = FeedVersion.declared(byNamespace: lower, prefix: prefix) }
        if lower.contains("backend.userland.com/rss") {
            uri = "http://backend.userland.com/rss"
            lower = uri
        }
        if let known = FeedNamespaces.prefix(forLowercasedURI: lower) {
            namespaceMap[prefix ?? ""] = known
            setNamespaceInUse(known, uri)
        } else {
            setNamespaceInUse(prefix ?? "", uri)
        }
    }

    func setNamespaceInUse(_ prefix: String, _ uri: String) {
        if let index = namespacesInUse.firstIndex(where: { $0.prefix == prefix }) {
            namespacesInUse[index].uri = uri
        } else {
            namespacesInUse.append((prefix, uri))
        }
    }

    // MARK: - SAX events

    func startElement(namespace: String?, prefix: String?, localName: String, attributes: [XMLAttribute]) {
        var namespace = namespace
        var lowerNamespace = (namespace ?? "").lowercased()
        if !lowerNamespace.isEmpty, lowerNamespace.contains("backend.userland.com/rss") {
            namespace = "http://backend.userland.com/rss"
            lowerNamespace = "http://backend.userland.com/rss"
        }
        var pairs = xlinkDeclarations
        xlinkDeclarations = []
        var name = localName.lowercased()
        if name == "math", namespace == "http://www.w3.org/1998/Math/MathML" { pairs.append(("xmlns", namespace ?? "")) }
        if name == "svg", namespace == "http://www.w3.org/2000/svg" { pairs.append(("xmlns", namespace ?? "")) }
        name = qualifiedName(name, namespace: namespace, lowerNamespace: lowerNamespace)
        for attribute in attributes {
            var key = attribute.localName
            if let known = FeedNamespaces.prefix(forLowercasedURI: (attribute.namespace ?? "").lowercased()), !known.isEmpty {
                key = known + ":" + key
            }
            pairs.append((key.lowercased(), attribute.value))
        }
        startTag(name, pairs)
    }

    func endElement(namespace: String?, prefix: String?, localName: String) {
        var lowerNamespace = (namespace ?? "").lowercased()
        if !lowerNamespace.isEmpty, lowerNamespace.contains("backend.userland.com/rss") { lowerNamespace = "http://backend.userland.com/rss" }
        endTag(qualifiedName(localName.lowercased(), namespace: namespace, lowerNamespace: lowerNamespace))
    }

    /// `prefix:name` with the canonical prefix of a known namespace, or the document's
    /// own prefix for an unknown one.
    func qualifiedName(_ name: String, namespace: String?, lowerNamespace: String) -> String {
        if let known = FeedNamespaces.prefix(forLowercasedURI: lowerNamespace) {
            return known.isEmpty ? name : known.lowercased() + ":" + name
        }
        if let namespace, !namespace.isEmpty,
           let declared = namespacesInUse.first(where: { !$0.prefix.isEmpty && $0.uri == namespace }) {
            return (declared.prefix + ":" + name).lowercased()
        }
        return name
    }

    func characters(_ text: String) {
        handleData(text)
    }
}
