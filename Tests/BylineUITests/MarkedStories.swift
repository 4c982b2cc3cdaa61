import BylineCore
@testable import BylineUI

/// The stories a `setRead` effect (`A`, `U`) names, by id, and whether it marks them
/// read: what the saved marks will say, whichever rows and listing name them.
func markedStories(_ effects: [Effect]) -> [(ids: Set<StoryID>, read: Bool)] {
    effects.compactMap { effect in
        if case .setRead(let stories, let read) = effect { (Set(stories.ids), read) } else { nil }
    }
}
