import BylineCore
import Testing

@Suite struct KeptWhileUnchangedTests {
    struct Broken: Error {}

    @Test func madeOnceWhileTheStampStaysTheSame() throws {
        var kept = KeptWhileUnchanged<Int, String>()
        var made = 0
        func make() -> Result<String, Broken> { made += 1; return .success("index \(made)") }
        #expect(try kept.value(for: 1, make: make).get() == "index 1")
        #expect(try kept.value(for: 1, make: make).get() == "index 1")
        #expect(made == 1)
    }

    @Test func madeAgainWhenTheFilesChange() throws {
        var kept = KeptWhileUnchanged<Int, String>()
        var made = 0
        func make() -> Result<String, Broken> { made += 1; return .success("index \(made)") }
        _ = kept.value(for: 1, make: make)
        #expect(try kept.value(for: 2, make: make).get() == "index 2")
        // Back to the first stamp is a change too: only the last value is kept.
        #expect(try kept.value(for: 1, make: make).get() == "index 3")
    }

    @Test func aFailureIsNotKept() throws {
        var kept = KeptWhileUnchanged<Int, String>()
        var fails = true
        func make() -> Result<String, Broken> { fails ? .failure(Broken()) : .success("index") }
        _ = kept.value(for: 1, make: make)
        fails = false
        #expect(try kept.value(for: 1, make: make).get() == "index")
    }
}
