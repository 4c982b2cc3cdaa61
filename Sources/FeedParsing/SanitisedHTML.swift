/// HTML that came from somewhere other than a feed document (a sync server's copy of a
/// feed's item), made safe by the same allow-list as a feed's own HTML.
public enum SanitisedHTML {
    public static func fromServer(_ html: String) -> String {
        HTMLRewriter.sanitise(html, type: "text/html")
    }
}
