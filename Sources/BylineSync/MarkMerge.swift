import BylineCore
import BylineStore

/// The rule for marks that differ between Byline and the server, in one place:
/// a local change not yet sent wins over the server's state at that moment; otherwise
/// the server's state wins.
///
/// A sync sends the journal first, then reads the server's marks and applies them to
/// every synced story except those with a change still in the journal (one made during
/// the sync, or one the server did not take). Pure, so the rule is tested by itself.
public enum MarkMerge {
    /// The updates that send `pending` to the server, by server ID. Entries for stories
    /// the server does not know (stories fetched straight from their feeds) have nothing
    /// to send and come back in `localOnly`, to be dropped from the journal.
    public static func updates(for pending: MarkJournal, serverIDs: [StoryID: String])
        -> (updates: [MarkUpdate], localOnly: MarkJournal) {
        var ids: [MarkUpdate.Mark: [String]] = [:]
        var localOnly = MarkJournal()
        for (story, marks) in pending.entries {
            guard let id = serverIDs[story] else {
                localOnly.entries[story] = marks
                continue
            }
            if let read = marks.read { ids[read ? .read : .unread, default: []].append(id) }
            if let starred = marks.starred { ids[starred ? .starred : .unstarred, default: []].append(id) }
        }
        let updates = MarkUpdate.Mark.allCases.compactMap { mark in
            ids[mark].map { MarkUpdate(mark, $0.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }) }
        }
        return (updates, localOnly)
    }

    /// The local changes that bring the synced stories (`stories`: server ID → story)
    /// to the server's marks, leaving alone every mark `pending` still holds.
    public static func changes(server: ServerMarks, stories: [String: StoryID], local: ReadingMarks,
                               pending: MarkJournal) -> [ReadingChange] {
        var changes: [ReadingChange] = []
        for (id, story) in stories.sorted(by: { $0.value < $1.value }) {
            let waiting = pending.entries[story]
            if waiting?.read == nil {
                let read = !server.unread.contains(id)
                if read != local.read.contains(story) { changes.append(read ? .markRead(story) : .markUnread(story)) }
            }
            if waiting?.starred == nil {
                let starred = server.starred.contains(id)
                if starred != local.starred.contains(story) { changes.append(starred ? .star(story) : .unstar(story)) }
            }
        }
        return changes
    }
}
