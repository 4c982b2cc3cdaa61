import BylineCore
import Testing

@Suite struct NearestWordTests {
    let commands = ["read", "list", "show", "add", "remove", "feeds", "import", "export", "fetch", "extract", "config"]

    @Test func aSwappedOrMissingLetterFindsTheCommand() {
        #expect(NearestWord.to("fecth", among: commands) == "fetch")
        #expect(NearestWord.to("lsit", among: commands) == "list")
        #expect(NearestWord.to("shw", among: commands) == "show")
        #expect(NearestWord.to("exprot", among: commands) == "export")
        #expect(NearestWord.to("FEEDS", among: commands) == "feeds")
    }

    @Test func aWordFarFromEveryCommandHasNoMatch() {
        #expect(NearestWord.to("news", among: commands) == nil)
        #expect(NearestWord.to("my-stories", among: commands) == nil)
    }
}
