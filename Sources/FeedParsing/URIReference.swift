import Foundation

/// Resolving relative references the way feedparser does (Python's `urljoin`), and
/// refusing schemes that could run code (`javascript:`, `data:` …).
enum URIReference {
    /// Schemes a link may keep; anything else is dropped from links in feed HTML.
    static let acceptableSchemes: Set<String> = [
        "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms",
        "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews",
        "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk",
        "irc", "ircs", "irc6", "itms", "msnim", "skype", "ssh", "smb", "ymsg",
    ]

    /// Schemes whose references resolve against a base.
    private static let relativeSchemes: Set<String> = [
        "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms",
        "prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss",
    ]

    /// Schemes written with `//authority`.
    private static let authoritySchemes: Set<String> = [
        "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
        "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh",
        "ws", "wss",
    ]

    /// `ref` resolved against `base`, after collapsing extra slashes after `scheme://`.
    static func join(_ base: String, _ ref: String) -> String {
        let ref = collapsingSlashes(ref)
        if base.isEmpty { return ref }
        if ref.isEmpty { return base }
        let b = Parts(base)
        let r = Parts(ref)
        let scheme = r.scheme ?? b.scheme ?? ""
        if scheme != (b.scheme ?? "") || !relativeSchemes.contains(scheme) { return ref }
        if authoritySchemes.contains(scheme), r.authority != nil {
            return Parts(scheme: scheme, authority: r.authority, path: r.path, query: r.query, fragment: r.fragment).text
        }
        var result = Parts(scheme: scheme, authority: b.authority, path: r.path, query: r.query, fragment: r.fragment)
        if r.path.isEmpty {
            result.path = b.path
            if r.query == nil { result.query = b.query }
            return result.text
        }
        var baseSegments = segmentsOfPath(b.path)
        if baseSegments.last != "" { baseSegments.removeLast() }
        var segments: [String]
        if r.path.hasPrefix("/") {
            segments = segmentsOfPath(r.path)
        } else {
            segments = baseSegments + segmentsOfPath(r.path)
            if segments.count > 2 {
                let middle = segments[1..<(segments.count - 1)].filter { !$0.isEmpty }
                segments = [segments[0]] + middle + [segments[segments.count - 1]]
            }
        }
        var resolved: [String] = []
        for segment in segments {
            if segment == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
            } else if segment != "." {
                resolved.append(segment)
            }
        }
        if let last = segments.last, last == "." || last == ".." { resolved.append("") }
        let path = resolved.joined(separator: "/")
        result.path = path.isEmpty ? "/" : path
        return result.text
    }

    /// `rel` resolved against `base`, or "" when the result uses a scheme that is not allowed.
    static func safeAbsolute(_ base: String, _ rel: String? = nil) -> String {
        guard !base.isEmpty else { return rel ?? "" }
        guard let rel, !rel.isEmpty else {
            let scheme = Parts(base).scheme ?? ""
            return scheme.isEmpty || acceptableSchemes.contains(scheme) ? base : ""
        }
        let uri = join(base, rel)
        let scheme = uri.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1,
                                                                   omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return acceptableSchemes.contains(scheme) ? uri : ""
    }

    /// The scheme of a reference, lowercased, when it has one.
    static func scheme(of uri: String) -> String? { Parts(uri).scheme }

    /// A path's segments between slashes, empty ones included.
    private static func segmentsOfPath(_ path: String) -> [String] {
        // ASCII splits the same by bytes; other text keeps Foundation's comparison.
        guard ByteScan.isASCII(path) else { return path.components(separatedBy: "/") }
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    private static func collapsingSlashes(_ uri: String) -> String {
        let found: Range<String.Index>?
        if ByteScan.isASCII(uri) {
            let bytes = uri.utf8
            let separator = [UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "/")]
            found = bytes.indices.first { bytes[$0...].starts(with: separator) }.map { $0..<bytes.index($0, offsetBy: 3) }
        } else {
            found = uri.range(of: "://")
        }
        guard let range = found else { return uri }
        let scheme = uri[..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return uri }
        let rest = uri[range.upperBound...].drop { $0 == "/" }
        return String(scheme) + "://" + rest
    }

    /// A reference split into scheme, authority, path, query and fragment.
    private struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
            self.scheme = scheme
            self.authority = authority
            self.path = path
            self.query = query
            self.fragment = fragment
        }

        init(_ text: String) {
            if let parts = Self.asciiParts(text) {
                self = parts
                return
            }
            var rest = Substring(text)
            if let colon = rest.firstIndex(of: ":") {
                let candidate = rest[..<colon]
                if let first = candidate.first, first.isASCII, first.isLetter,
                   candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
                    scheme = candidate.lowercased()
                    rest = rest[rest.index(after: colon)...]
                }
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let end = afterSlashes.firstIndex { "/?#".contains($0) } ?? afterSlashes.endIndex
                authority = String(afterSlashes[..<end])
                rest = afterSlashes[end...]
            }
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            path = String(rest)
        }

        /// The parts of an ASCII reference, found on its bytes the way `init` finds them on
        /// characters (in ASCII the two agree); nil for other text.
        private static func asciiParts(_ text: String) -> Parts? {
            guard ByteScan.isASCII(text) else { return nil }
            let bytes = text.utf8
            var start = bytes.startIndex
            var stop = bytes.endIndex
            var scheme: String?
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
                let candidate = bytes[start..<colon]
                func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
                if let first = candidate.first, isLetter(first), candidate.allSatisfy({ byte in
                    isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                }) {
                    scheme = String(text[start..<colon]).lowercased()
                    start = bytes.index(after: colon)
                }
            }
            var authority: String?
            if bytes[start...].starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
                let afterSlashes = bytes.index(start, offsetBy: 2)
                let end = bytes[afterSlashes...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
                    ?? stop
                authority = String(text[afterSlashes..<end])
                start = end
            }
            var fragment: String?
            if let hash = bytes[start..<stop].firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(text[bytes.index(after: hash)..<stop])
                stop = hash
            }
            var query: String?
            if let question = bytes[start..<stop].firstIndex(of: UInt8(ascii: "?")) {
                query = String(text[bytes.index(after: question)..<stop])
                stop = question
            }
            return Parts(scheme: scheme, authority: authority, path: String(text[start..<stop]), query: query, fragment: fragment)
        }

        var text: String {
            var out = ""
            if let scheme, !scheme.isEmpty { out += scheme + ":" }
            if let authority {
                out += "//" + authority
            } else if let scheme, URIReference.authoritySchemes.contains(scheme), !scheme.isEmpty, path.hasPrefix("/") {
                out += "//"
            }
            if authority != nil, !path.isEmpty, !path.hasPrefix("/") { out += "/" }
            out += path
            if let query, !query.isEmpty { out += "?" + query }
            if let fragment, !fragment.isEmpty { out += "#" + fragment }
            return out
        }
    }
}
