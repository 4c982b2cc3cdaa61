import BylineConfig
import TerminalKit
import Testing

@Suite struct SettingsTests {
    private func configuration(_ text: String) throws -> Configuration {
        Configuration(file: try ConfigFile.parse(text, path: "config.toml").get())
    }

    @Test func keysAreReadAsSingleKeysOrLists() throws {
        let config = try configuration("""
        [keys]
        quit = "x"
        next-unread = ["n", "ctrl-n", "PgDn"]
        toggle-read = []
        """)
        #expect(config.problems.isEmpty)
        let bindings = Dictionary(uniqueKeysWithValues: config.keys.bindings.map { ($0.action, $0.keys) })
        #expect(bindings["quit"] == [.character("x")])
        #expect(bindings["next-unread"] == [.character("n"), .ctrl("n"), .pageDown])
        #expect(bindings["toggle-read"] == [])
        #expect(config.keys.bindings.first { $0.action == "quit" }?.place.line == 2)
    }

    @Test func anUnknownKeyNameIsReportedAtItsLine() throws {
        let config = try configuration("theme = \"dark\"\n[keys]\nquit = \"ctrl-\"\nhelp = \"F13\"\n")
        #expect(config.problems.map(\.description) == [
            "config.toml:3: keys.quit: \"ctrl-\" is not a key: use \(KeyName.knownNames)",
            "config.toml:4: keys.help: \"F13\" is not a key: use \(KeyName.knownNames)",
        ])
        #expect(config.keys.bindings.isEmpty)
    }

    @Test func oneKeyForTwoActionsIsAConflictReportedOnTheLaterLine() throws {
        let config = try configuration("[keys]\nquit = \"x\"\nhelp = [\"h\", \"x\"]\n")
        #expect(config.problems.map(\.description) == [
            "config.toml:3: keys.help: \"x\" is already bound to quit in this file; a key does one thing",
        ])
        // The first line stands; the conflicting one changes nothing.
        #expect(config.keys.bindings.map(\.action) == ["quit"])
    }

    @Test func layoutSettingsAreCheckedForRange() throws {
        let config = try configuration("[layout]\nsplit = 40\nmeasure = 500\nalign = \"left\"\n")
        #expect(config.layout.split == 40)
        #expect(config.layout.measure == LayoutSettings().measure)
        #expect(config.layout.align == .left)
        #expect(config.problems.map(\.description) == ["config.toml:3: layout.measure: should be between 40 and 100, not 500"])
    }

    @Test func aMisspeltSettingOrTableIsReportedNotIgnored() throws {
        let config = try configuration("[layout]\nmesure = 70\n\n[retension]\nkeep = \"30d\"\n")
        #expect(config.problems.map(\.description) == [
            "config.toml:2: layout.mesure: no such setting (known: align, measure, split, start)",
            "config.toml:4: [retension]: no such table (known: [browser], [fetch], [keys], [layout], [retention], [sync])",
        ])
        #expect(config.layout == LayoutSettings())
    }

    @Test func aValueOfTheWrongKindKeepsTheDefault() throws {
        let config = try configuration("[fetch]\ntimeout = \"20s\"\njobs = 3\n")
        #expect(config.fetch == FetchSettings(timeout: 20, jobs: 3))
        #expect(config.problems.map(\.description) == ["config.toml:2: fetch.timeout: should be a whole number, not \"20s\""])
    }

    @Test func retentionPeriods() throws {
        #expect(RetentionPeriod("90d") == .days(90))
        #expect(RetentionPeriod("2w") == .days(14))
        #expect(RetentionPeriod("6m") == .days(180))
        #expect(RetentionPeriod("1y") == .days(365))
        #expect(RetentionPeriod("forever") == .forever)
        #expect(RetentionPeriod("90") == nil)
        #expect(RetentionPeriod("-3d") == nil)
        #expect(RetentionPeriod("soon") == nil)
        let config = try configuration("[retention]\nkeep = \"ninety days\"\n")
        #expect(config.retention.keep == .forever)
        #expect(config.problems.first?.description.hasPrefix("config.toml:2: retention.keep: \"ninety days\" is not a period") == true)
    }

    @Test func printedConfigurationReadsBackAsTheSameSettings() throws {
        let config = try configuration("""
        theme = "dark"
        [layout]
        split = 25
        [retention]
        keep = "30d"
        [browser]
        command = "w3m %s"
        """)
        let printed = config.printed(keyBindings: [(action: "quit", keys: ["q", "ctrl-q"]), (action: "help", keys: ["?"])],
                                     themes: ["default", "dark"])
        let again = try configuration(printed)
        #expect(again.problems.isEmpty)
        #expect(again.theme.name == "dark")
        #expect(again.layout == config.layout)
        #expect(again.retention == config.retention)
        #expect(again.browser == config.browser)
        #expect(again.fetch == config.fetch)
        #expect(again.keys.bindings.map(\.action) == ["quit", "help"])
        #expect(again.keys.bindings.first?.keys == [.character("q"), .ctrl("q")])
        // Every setting carries a comment saying what it does.
        #expect(printed.contains("# The longest story line, in columns"))
    }
}

@Suite struct BrowserPlanTests {
    private let url = "https://example.org/a"

    @Test func theConfiguredCommandComesFirstWithTheAddressInPlaceOfPercentS() throws {
        let plan = try BrowserPlan.make(url: url, settings: BrowserSettings(command: "w3m -o x %s"),
                                        environment: ["BROWSER": "firefox"]).get()
        #expect(plan.commands == [.init(words: ["w3m", "-o", "x", url], inTerminal: true)])
    }

    @Test func browserListsSeveralCommandsThenXdgOpen() throws {
        let plan = try BrowserPlan.make(url: url, settings: BrowserSettings(), environment: ["BROWSER": "firefox:/usr/bin/lynx"]).get()
        #expect(plan.commands == [
            .init(words: ["firefox", url], inTerminal: false),
            .init(words: ["/usr/bin/lynx", url], inTerminal: true),
            .init(words: ["xdg-open", url], inTerminal: false),
        ])
    }

    @Test func overSSHWithoutADisplayOnlyTerminalBrowsersAreTried() throws {
        let ssh = ["SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"]
        #expect(BrowserPlan.make(url: url, settings: BrowserSettings(), environment: ssh) == .failure(.noGraphicalSession))
        var withLynx = ssh
        withLynx["BROWSER"] = "firefox:lynx"
        #expect(try BrowserPlan.make(url: url, settings: BrowserSettings(), environment: withLynx).get().commands
            == [.init(words: ["lynx", url], inTerminal: true)])
        // Forwarded X: the graphical browser can be seen.
        var forwarded = ssh
        forwarded["DISPLAY"] = "localhost:10.0"
        #expect(try BrowserPlan.make(url: url, settings: BrowserSettings(), environment: forwarded).get().commands.count == 1)
        // Told it is a terminal program, whatever its name.
        #expect(try BrowserPlan.make(url: url, settings: BrowserSettings(command: "mybrowse", terminal: true),
                                     environment: ssh).get().commands == [.init(words: ["mybrowse", url], inTerminal: true)])
    }
}
