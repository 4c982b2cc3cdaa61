import Foundation
import Testing
@testable import BylineSync

@Suite("TT-RSS answers, as recorded from a real server")
struct TTRSSAnswerTests {
    @Test("a login gives the session ID and the API level")
    func login() throws {
        let login = try TTRSSAnswer.decode(TTRSSLogin.self, from: Recorded.answer("login-ok")).get()
        #expect(!login.session_id.isEmpty)
        #expect(login.api_level == 15)
    }

    @Test("error answers come back as their codes", arguments: [
        ("login-error", "LOGIN_ERROR"), ("api-disabled", "API_DISABLED"), ("not-logged-in", "NOT_LOGGED_IN"),
        ("unsubscribe-missing", "FEED_NOT_FOUND"),
    ])
    func errors(name: String, code: String) throws {
        let result = TTRSSAnswer.decode([TTRSSFeed].self, from: try Recorded.answer(name))
        #expect(result.failure == .error(code))
    }

    @Test("feeds and folders: negative category IDs are TT-RSS's own, not the reader's folders")
    func feedsAndFolders() throws {
        let categories = try TTRSSAnswer.decode([TTRSSCategory].self, from: Recorded.answer("categories")).get()
        #expect(categories.map(\.title) == ["News", "Special"])
        let feeds = try TTRSSAnswer.decode([TTRSSFeed].self, from: Recorded.answer("feeds")).get()
        #expect(feeds.count == 1)
        #expect(feeds[0].feed_url == "http://0.0.0.0/world.xml")
        #expect(feeds[0].cat_id?.value == "1")
    }

    @Test("headlines with content become synced stories")
    func headlines() throws {
        let headlines = try TTRSSAnswer.decode([TTRSSHeadline].self, from: Recorded.answer("headlines")).get()
        let stories = headlines.map(TTRSSService.story)
        #expect(stories.map(\.id) == ["1", "2"])
        let first = stories[0]
        #expect(first.title == "Harbour reopens after storm")
        #expect(first.link == "http://example.invalid/world/harbour")
        #expect(first.feedID == "1")
        #expect(first.feedTitle == "World Desk")
        #expect(first.author == "ana@example.invalid (Ana Reyes)")
        #expect(first.published == Date(timeIntervalSince1970: 1_704_103_200))
        #expect(first.html?.contains("<h3>Ships wait</h3>") == true)
        #expect(first.unread && !first.starred)
        // An empty author is no author.
        #expect(stories[1].author == nil)
    }

    @Test("the unread and starred lists read after marking on the server")
    func markedLists() throws {
        let unread = try TTRSSAnswer.decode([TTRSSHeadline].self, from: Recorded.answer("unread-ids")).get()
        let starred = try TTRSSAnswer.decode([TTRSSHeadline].self, from: Recorded.answer("starred-ids")).get()
        #expect(unread.map(\.id.value) == ["2"])
        #expect(starred.map(\.id.value) == ["2"])
    }

    @Test("subscribing: code 0 and 1 name the feed, others say why not")
    func subscribing() throws {
        let existing = try TTRSSAnswer.decode(TTRSSSubscribed.self, from: Recorded.answer("subscribe-new")).get()
        #expect(existing.status.code == 0 && existing.status.feed_id?.value == "1")
        let bad = try TTRSSAnswer.decode(TTRSSSubscribed.self, from: Recorded.answer("subscribe-bad")).get()
        #expect(TTRSSService.subscribeProblem(bad.status) == "the server could not download the feed (HTTP/1.0 404 File not found)")
    }

    @Test("malformed answers say what they are in a few words", arguments: [
        ("login-page.html", "an HTML page, not JSON: is the URL the TT-RSS folder?"),
        ("headlines-truncated", "JSON cut short or broken"),
    ])
    func malformed(name: String, reason: String) throws {
        let result = TTRSSAnswer.decode([TTRSSHeadline].self, from: try Recorded.answer(name))
        #expect(result.failure == .malformed(reason))
    }

    @Test("an answer of the wrong shape names the field")
    func wrongShape() {
        let result = TTRSSAnswer.decode(TTRSSLogin.self, from: Data(#"{"seq":0,"status":0,"content":{"api_level":15}}"#.utf8))
        #expect(result.failure == .malformed("no content.session_id"))
        let text = TTRSSAnswer.decode(TTRSSLogin.self, from: Data("Fatal error: \u{1B}[31mout of memory".utf8))
        #expect(text.failure == .malformed("not JSON: starts with \"Fatal error: ?[31mout of memor\""))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
