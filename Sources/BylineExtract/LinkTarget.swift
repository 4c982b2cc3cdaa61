import BylineCore
import FoundationEssentials

/// Where a link in a page goes, when it goes somewhere a reader can follow.
enum LinkTarget {
    /// The absolute http(s) URL of `href`, resolved against `base`; nil for `javascript:`,
    /// `data:`, `mailto:`, fragments and anything unparseable.
    static func resolve(_ href: String, against base: URL?) -> String? {
        let trimmed = StoryText.removingControls(href).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        let url: URL?
        if let absolute = URL(string: trimmed), absolute.scheme != nil {
            url = absolute
        } else if let base {
            url = URL(string: trimmed, relativeTo: base)?.absoluteURL
                ?? trimmed.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed)
                .flatMap { URL(string: $0, relativeTo: base)?.absoluteURL }
        } else {
            url = nil
        }
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url.absoluteString
    }
}
