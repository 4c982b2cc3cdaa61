import BylineCore
import Foundation
import Testing

/// Stories saved, changed or removed while the reader runs join or leave the list in
/// their places, over a listing that is not rebuilt.
@Suite struct ListingWithChangesTests {
    func story(_ name: String, day: Double?) -> StorySummary {
        StorySummary(id: StoryID(name + ".txt"), title: name, published: day.map { Date(timeIntervalSince1970: $0 * 86_400) })
    }

    var base: SummaryListing {
        SummaryListing([story("d", day: 4), story("c", day: 3), story("b", day: 2), story("a", day: 1)])
    }

    func titles(_ listing: any StoryListing) -> [String] { listing.allSummaries.map(\.title) }

    @Test func aNewStoryGoesWhereItsDatePutsIt() {
        let listing = base.adding(story("new", day: 2.5)).adding(story("newest", day: 9)).adding(story("undated", day: nil))

        #expect(titles(listing) == ["newest", "d", "c", "new", "b", "a", "undated"])
        #expect(listing.count == 7)
        for row in 0..<listing.count {
            #expect(listing.row(of: listing.id(at: row)) == row)
        }
    }

    @Test func aSavedStoryReplacesItsOldRow() {
        var updated = story("b, updated", day: 3.5)
        updated.id = StoryID("b.txt")

        let listing = base.adding(updated)

        #expect(titles(listing) == ["d", "b, updated", "c", "a"])
        #expect(listing.row(of: StoryID("b.txt")) == 1)
        #expect(listing.row(of: StoryID("a.txt")) == 3)
    }

    @Test func theFilterAndLinksSeeAdditions() {
        let listing = base.adding(story("fresh news", day: 2.5))

        #expect(listing.rows(whereTitleKeyContains: ["fresh"]) == [2])
        #expect(listing.rows(whereTitleKeyContains: ["a"]) == [4])
        #expect(listing.resolve(RelatedLink(title: "Fresh News")) == StoryID("fresh news.txt"))
        #expect(listing.resolve(RelatedLink(title: "C")) == StoryID("c.txt"))
    }

    @Test func removedStoriesLeaveTheListAndItsLookups() {
        let listing = base.applying(ListingChanges(removed: [StoryID("c.txt"), StoryID("a.txt")]))

        #expect(titles(listing) == ["d", "b"])
        #expect(listing.row(of: StoryID("c.txt")) == nil)
        #expect(listing.row(of: StoryID("b.txt")) == 1)
        #expect(listing.rows(whereTitleKeyContains: ["c"]).isEmpty)
        #expect(listing.resolve(RelatedLink(title: "C")) == nil)
        #expect(listing.resolve(RelatedLink(title: "B")) == StoryID("b.txt"))
    }

    @Test func changesMadeTogetherLandInTheirPlaces() {
        var moved = story("c, moved", day: 0.5)
        moved.id = StoryID("c.txt")
        let changes = ListingChanges(added: [story("new", day: 3.5)], changed: [moved], removed: [StoryID("d.txt")])

        let listing = base.applying(changes)

        #expect(titles(listing) == ["new", "b", "a", "c, moved"])
        #expect(listing.count == 4)
        #expect(listing.row(of: StoryID("c.txt")) == 3)
        #expect(listing.row(of: StoryID("d.txt")) == nil)
    }

    @Test func laterChangesOverrideEarlierOnes() {
        let first = base.applying(ListingChanges(added: [story("new", day: 9)], removed: [StoryID("b.txt")]))
        var back = story("b, back", day: 2)
        back.id = StoryID("b.txt")

        let second = first.applying(ListingChanges(changed: [back], removed: [StoryID("new.txt")]))

        #expect(titles(second) == ["d", "c", "b, back", "a"])
        // Laid over the same base, not over the first overlay.
        #expect(titles(base.applying(ListingChanges(changed: [back]))) == titles(second))
    }

    @Test func noChangesLeaveTheListingItself() {
        let listing = base
        #expect(sameListing(listing.applying(ListingChanges()), listing))
    }

    /// Many random changes over a larger listing: every row, lookup and filter agrees
    /// with the same stories sorted from scratch.
    @Test(arguments: [1, 2, 3, 4, 5])
    func anyChangesAgreeWithAListingBuiltFromScratch(seed: UInt64) {
        var random = SeededRandom(seed)
        let stories = (0..<300).map { story("s\($0)", day: $0 % 7 == 0 ? nil : Double(random.next() % 200)) }
        let sorted = stories.sorted(by: StorySummary.newestFirst)
        let base = SummaryListing(sorted)
        var expected = Dictionary(uniqueKeysWithValues: sorted.map { ($0.id, $0) })
        var listing: any StoryListing = base
        for round in 0..<4 {
            var changes = ListingChanges()
            var named = Set<String>()
            for index in 0..<20 {
                let name = "s\(random.next() % 340)"
                // The background check names a story once in a round.
                guard named.insert(name).inserted else { continue }
                let id = StoryID(name + ".txt")
                switch random.next() % 3 {
                case 0:
                    changes.removed.append(id)
                    expected[id] = nil
                default:
                    var saved = story("\(name) r\(round) \(index)", day: Double(random.next() % 200))
                    saved.id = id
                    if expected[id] == nil { changes.added.append(saved) } else { changes.changed.append(saved) }
                    expected[id] = saved
                }
            }
            listing = listing.applying(changes)
            let reference = SummaryListing(Array(expected.values).sorted(by: StorySummary.newestFirst))

            #expect(listing.count == reference.count)
            #expect(listing.allSummaries == reference.summaries)
            for row in 0..<listing.count {
                #expect(listing.row(of: listing.id(at: row)) == row)
            }
            #expect(listing.rows(whereTitleKeyContains: ["r\(round)"]) == reference.rows(whereTitleKeyContains: ["r\(round)"]))
        }
    }
}

/// A small deterministic generator, so a failing case can be run again.
struct SeededRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
