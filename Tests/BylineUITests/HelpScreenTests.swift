import BylineConfig
import BylineCore
import TerminalKit
import Testing
@testable import BylineUI

@Suite struct HelpScreenTests {
    @Test func helpWrapsAndScrollsToTheEndAt20x5() {
        var driver = Driver(Fixtures.state(width: 20, height: 5))
        driver.press(.character("?"))
        var seen: [String] = []
        for _ in 0..<200 {
            let lines = driver.lines
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
            seen += lines.dropLast()
            if lines.last?.contains("end") == true { break }
            driver.press(.down)
        }
        let text = seen.joined(separator: " ")
        #expect(text.contains("quit"), "the last entry is reachable by scrolling")
        #expect(driver.lines.last?.contains("end") == true)
        #expect(driver.state.showingHelp)
        driver.press(.character("q"))
        #expect(!driver.state.showingHelp, "q closes help")
        #expect(driver.state.message == nil)
        // Nothing of help is left on the list's screen.
        #expect(!driver.lines.joined().contains("closes help"))
    }

    @Test func qInHelpClosesHelpAndDoesNotQuit() {
        var driver = Driver()
        driver.press(.character("?"))
        #expect(driver.press(.character("q")).isEmpty)
        #expect(!driver.state.showingHelp)
    }

    @Test func helpShowsKeysAsRebound() throws {
        var state = Fixtures.state(width: 100, height: 40)
        let file = try ConfigFile.parse("[keys]\nquit = \"x\"\nnext-unread = [\"ctrl-n\", \"n\"]\n", path: "c.toml").get()
        (state.keyMap, _) = KeyMap.standard.rebound(by: Configuration(file: file).keys)
        var driver = Driver(state)
        driver.press(.character("?"))
        let rows = driver.lines.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["x", "quit"]))
        #expect(rows.contains { $0.starts(with: ["Ctrl-N", "n", "N", "next", "or", "previous", "unread"]) }, "\(rows)")
        #expect(!rows.contains(["q", "quit"]))
    }
}
