/// What an element's `class` and `id` say about it: story text, or the page around it.
///
/// The words are the generic vocabulary of page templates (the patterns readability and
/// trafilatura use), not names from any particular site.
enum ClassWeight {
    /// Words marking the story's own container.
    static let positive = WordList([
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story",
        "prose", "rich-text", "richtext",
    ])

    /// Words marking furniture around a story.
    static let negative = WordList([
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "gdpr", "masthead", "media", "meta",
        "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
        "tags", "tool", "widget", "cookie", "consent", "newsletter", "subscribe", "signup", "paywall", "breadcrumb",
        "byline", "author", "dateline", "timestamp", "recirc", "trending", "popular", "recommend", "taboola", "social",
        "caption", "credit", "disclaimer", "pagination", "pager", "nav", "menu", "advert", "read-more", "readmore",
        "more-stories", "most-read", "teaser", "slideshow", "gallery", "video", "newsletter", "login", "modal", "popup",
    ])

    /// Containers that are page furniture whatever else they hold, dropped before scoring.
    static let unlikely = WordList([
        "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "cookie", "consent", "newsletter", "share", "sharing", "subscribe", "signup", "recirc", "trending",
        "most-popular", "most-read", "recommend", "taboola", "outbrain", "navigation", "navbar", "masthead",
        "byline", "read-more", "readmore", "more-stories", "paywall", "promo", "author-bio", "bio-",
        "caption", "credit", "noscript", "tooltip", "hovercard", "print-only",
    ])

    /// Words that rescue an `unlikely` match: `article-header-menu` may still hold the story.
    static let maybe = WordList([
        "and", "article", "body", "column", "content", "main", "shadow", "story", "post", "entry", "text",
    ])

    /// Roles that are never the story.
    static let unlikelyRoles: Set<String> = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo",
        "search", "toolbar",
    ]

    /// Strong markers of the story body itself.
    static let articleBody = WordList([
        "article-body", "articlebody", "article__body", "article-content", "articlecontent", "article__content",
        "post-content", "postcontent", "post-body", "postbody", "entry-content", "entrycontent", "story-body",
        "storybody", "story-content", "storycontent", "main-content", "article-text", "articletext", "body-text",
        "bodytext", "news-content", "text-content", "post-entry", "article_body", "article_content", "post_content",
        "entry_content", "story_body", "content-body", "article-main", "single-content", "td-post-content",
    ])

    static func weight(_ node: HTMLDocument.Node) -> Int {
        var weight = 0
        for name in ["class", "id"] {
            guard let value = node.attributes[name], !value.isEmpty else { continue }
            let lower = value.lowercased()
            if negative.found(in: lower) { weight -= 25 }
            if positive.found(in: lower) { weight += 25 }
        }
        if isArticleBody(node) { weight += 25 }
        return weight
    }

    static func isUnlikely(_ node: HTMLDocument.Node) -> Bool {
        if let role = node.attributes["role"]?.lowercased(), unlikelyRoles.contains(role) { return true }
        let words = node.classAndID
        return !words.isEmpty && unlikely.found(in: words) && !maybe.found(in: words)
    }

    static func isArticleBody(_ node: HTMLDocument.Node) -> Bool {
        if node.attributes["itemprop"]?.lowercased() == "articlebody" { return true }
        let words = node.classAndID
        return !words.isEmpty && articleBody.found(in: words)
    }
}
