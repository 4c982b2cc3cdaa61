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

    /// Reads the library folder again and posts the listing (only when it differs from
    /// what the reader shows, if asked).
    func reloadLibrary(mailbox: Mailbox, onlyIfChanged: Bool) {
        let library = self.library
        run {
            do {
                let contents = try library.load()
                if onlyIfChanged && !contents.report.foundChanges { return }
                mailbox.post(.libraryReloaded(contents.entries.map(\.summary), problems: contents.problems.map(\.message)))
            } catch {
                mailbox.post(.status("\(error)", isError: true))
            }
        }
    }

    /// Runs work on its own thread, counted so the run loop polls faster meanwhile.
    private func run(_ work: @escaping @Sendable () -> Void) {
        busy.add(1, ordering: .relaxed)
        let thread = Thread { [self] in
            work()
            busy.subtract(1, ordering: .relaxed)
        }
        thread.start()
    }

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
