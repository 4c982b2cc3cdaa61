import BylineCore
import BylineStore
import Testing
@testable import BylineSync

@Suite("The conflict rule: a local change not yet sent wins; otherwise the server's state wins")
struct MarkMergeTests {
    let one = StoryID("fetched/0000000000000001.txt")
    let two = StoryID("fetched/0000000000000002.txt")

    @Test("the server's marks reach stories with nothing pending")
    func serverWins() {
        let changes = MarkMerge.changes(server: ServerMarks(unread: ["2"], starred: ["1"]),
                                        stories: ["1": one, "2": two],
                                        local: ReadingMarks(read: [two]), pending: MarkJournal())
        #expect(changes == [.markRead(one), .star(one), .markUnread(two)])
    }

    @Test("a pending local change wins over the server's state, mark by mark")
    func pendingWins() {
        // Read here (not sent yet); the server still says unread and starred.
        let pending = MarkJournal().recording(.markRead(one))
        let changes = MarkMerge.changes(server: ServerMarks(unread: ["1"], starred: ["1"]), stories: ["1": one],
                                        local: ReadingMarks(read: [one]), pending: pending)
        // Read stays; the star, not pending, comes from the server.
        #expect(changes == [.star(one)])
    }

    @Test("pending marks go out as one update per mark; stories the server never had are left over")
    func outgoing() {
        let local = StoryID("fetched/00000000000000ff.txt")
        let pending = MarkJournal().recording(.markRead(one)).recording(.markRead(two)).recording(.star(two))
            .recording(.markUnread(local))
        let (updates, localOnly) = MarkMerge.updates(for: pending, serverIDs: [one: "1", two: "2"])
        #expect(updates == [MarkUpdate(.read, ["1", "2"]), MarkUpdate(.starred, ["2"])])
        #expect(localOnly == MarkJournal().recording(.markUnread(local)))
    }

    @Test("the journal keeps the last state per mark, and a change made while sending stays")
    func journal() {
        let journal = MarkJournal().recording(.markRead(one)).recording(.markUnread(one)).recording(.star(one))
        #expect(journal.entries[one] == MarkJournal.Pending(read: false, starred: true))
        // Sent: read=false and starred=true. Meanwhile the reader read it again.
        let sent = journal
        let now = journal.recording(.markRead(one))
        #expect(now.removing(sent: sent).entries[one] == MarkJournal.Pending(read: true, starred: nil))
        #expect(journal.removing(sent: sent).isEmpty)
    }
}
