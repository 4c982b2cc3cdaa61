import BylineCore
import BylineStore
import BylineUI
import Foundation
import Synchronization

/// Work the reader starts and keeps reading while it runs: feed refreshes and page
/// fetches. Results come back through the mailbox as actions.
final class BackgroundWork: Sendable {
    private let library: Library
    private let busy = Atomic<Int>(0)

    init(library: Library) {
        self.library = library
    }

    var isBusy: Bool { busy.load(ordering: .relaxed) > 0 }

    func refreshFeeds(mailbox: Mailbox) {
        mailbox.post(.refreshFinished(summary: "No feeds to fetch yet: subscribe with `byline add URL`"))
    }

    func fetchFullStory(_ id: StoryID, url: String, mailbox: Mailbox) {
        mailbox.post(.status("Cannot fetch \(url) yet", isError: true))
    }

    func fetchLinkedStory(url: String, title: String, mailbox: Mailbox) {
        mailbox.post(.status("“\(title)” is not in the library: \(url)", isError: true))
    }
}
