import BylineConfig
import Testing

@Suite struct ConfigFileTests {
    @Test func aSyntaxErrorNamesTheFileAndLine() throws {
        let result = ConfigFile.parse("[sync]\nurl = \"https://example.org\"\nuser = \n", path: "/home/a/config.toml")
        guard case .failure(let problem) = result else {
            Issue.record("a key without a value parsed")
            return
        }
        #expect(problem.file == "/home/a/config.toml")
        #expect(problem.line == 3)
        #expect(problem.description.hasPrefix("/home/a/config.toml:3: "))
    }

    @Test func aProblemAboutAKeyNamesItsLineAndTable() throws {
        let text = """
        # my settings
        theme = "dark"

        [sync]
        service = "ttrss"
          'url' = 42
        """
        let file = try ConfigFile.parse(text, path: "c.toml").get()
        #expect(file.table("sync")["url"] == .integer(42))
        #expect(file.table("")["theme"] == .string("dark"))
        let problem = file.problem(table: "sync", key: "url", "should be a URL in quotes")
        #expect(problem.description == "c.toml:6: sync.url: should be a URL in quotes")
        #expect(file.problem(table: "", key: "theme", "x").line == 2)
        #expect(file.problem(table: "sync", key: "missing", "x").line == 4)
    }

    @Test func noFileMeansEverySettingAtItsDefault() {
        #expect(Configuration.defaults.problems.isEmpty)
        #expect(Configuration.defaults.sync == SyncSettings())
    }
}
