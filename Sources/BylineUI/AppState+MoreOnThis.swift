import BylineCore

/// "More on this": the library's stories most like the one being read, listed at the end
/// of it and followed like its related links.
extension AppState {
    /// Stories whose similar stories are kept; the rest are found again when read.
    static let moreOnThisLimit = 32

    /// A story was read: find its similar stories, unless they are known already.
    func askForMoreOnThis(_ id: StoryID, _ result: Result<Story, StoryFileProblem>) -> [Effect] {
        guard case .success = result, moreOnThis[id] == nil else { return [] }
        return [.findSimilar(id)]
    }

    mutating func rememberMoreOnThis(_ id: StoryID, _ stories: [SimilarStory]) {
        if moreOnThis.count >= Self.moreOnThisLimit {
            let keep = Set(history.map(\.id) + [reader?.id].compactMap { $0 })
            moreOnThis = moreOnThis.filter { keep.contains($0.key) }
        }
        moreOnThis[id] = stories
    }
}
