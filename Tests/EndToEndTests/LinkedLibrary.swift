import Foundation
import TestSupport

/// A small library around the bundled seed story: the seed plus the two stories its
/// READ MORE lines name, so its related links resolve.
///
/// The titles are written as another feed would: "Iran's" with a straight quote where
/// the seed's READ MORE line has a curly one, to show titles still match.
enum LinkedLibrary {
    static let combatMission = "US has ended its combat mission in Iraq but its malign influence remains"
    static let longShadow = "Even in death, Iran's Soleimani still casts a long shadow"
    /// A sentence only the long-shadow story's body holds (short enough for one row).
    static let longShadowBody = "Shadow story body."
    /// A sentence only the combat-mission story's body holds.
    static let combatMissionBody = "Combat story body."

    /// Writes the seed and its two related stories into `folder`.
    static func make(in folder: ScratchFolder) throws {
        let seed = try Data(contentsOf: Reader.seedStory)
        try folder.write("seed.txt", seed)
        try folder.write("combat-mission.txt", text: """
            Title: \(combatMission)
            Source: Example Wire
            Published: 2021-12-10T09:00:00Z

            \(combatMissionBody)

            A second paragraph, so the story has some length to it.

            """)
        try folder.write("long-shadow.txt", text: """
            Title: \(longShadow)
            Source: Example Wire
            Published: 2021-01-03T09:00:00Z

            \(longShadowBody)

            A second paragraph, so the story has some length to it.

            """)
    }
}
