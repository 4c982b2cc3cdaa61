import BylineConfig
import Testing

@Suite("The [sync] table")
struct SyncSettingsTests {
    func configuration(_ text: String) throws -> Configuration {
        Configuration(file: try ConfigFile.parse(text, path: "config.toml").get())
    }

    @Test("a full table turns sync on")
    func full() throws {
        let configuration = try configuration("""
        [sync]
        service = "ttrss"
        url = "https://rss.example.org/tt-rss/"
        user = "ana"
        password-command = "pass show rss"
        """)
        #expect(configuration.problems.isEmpty)
        #expect(configuration.sync == SyncSettings(service: "ttrss", url: "https://rss.example.org/tt-rss/", user: "ana",
                                                   passwordCommand: "pass show rss"))
        #expect(configuration.sync.isOn)
    }

    @Test("mistakes name the line and key, and leave sync off")
    func mistakes() throws {
        let configuration = try configuration("""
        [sync]
        service = "miniflux"
        url = "rss.example.org"
        user = "ana"
        password = "hunter2"
        """)
        #expect(!configuration.sync.isOn)
        #expect(configuration.problems.map(\.description) == [
            "config.toml:5: sync.password: unknown setting: the password is never kept in this file; use password-command or BYLINE_SYNC_PASSWORD",
            "config.toml:2: sync.service: \"miniflux\" is not a service Byline syncs with (ttrss)",
            "config.toml:3: sync.url: must be an http:// or https:// address",
        ])
        #expect(!configuration.problems.map(\.description).joined().contains("hunter2"))
    }

    @Test("a missing key is named at the table's line")
    func missing() throws {
        let configuration = try configuration("\n[sync]\nservice = \"ttrss\"\nurl = \"http://localhost/\"\n")
        #expect(configuration.problems.map(\.description) == ["config.toml:2: [sync]: user is missing"])
    }
}
