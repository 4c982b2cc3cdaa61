import BylineCore
import Testing
import TerminalKit
import TestSupport
@testable import BylineUI

@Suite struct KeyMapTests {
    @Test func theHelpScreenListsEveryBindingFromTheKeyMap() {
        var driver = Driver(Fixtures.state(width: 70, height: 40))
        driver.press(.character("?"))
        expectLines(Array(driver.lines.prefix(34)), [
            " Byline keys                                                          ",
            "                                                                      ",
            " ↑ k  ↓ j         move through the list, or scroll the story          ",
            " ⏎ → l            read the selected story; follow the selected link   ",
            " ← Esc ⌫ h        back: to the previous story, then to the list       ",
            " PgUp PgDn Space  scroll a page (Space pages the story)               ",
            " Home g  End G    to the top or the end                               ",
            " ⇥ ⇧⇥             step through the story's links                      ",
            " 1 … 9            follow link N (past 9, type its digits)             ",
            " /                search headlines, sources and text (Esc clears)     ",
            " n N              next or previous unread story, on across sources    ",
            "                  (in sources: the next or previous source with news) ",
            " A                mark the list read (in sources: the selected        ",
            "                  source)                                             ",
            " U                undo the last mark-all-read or delete               ",
            " H                hide or show read stories                           ",
            " S                sources: feeds and folders with their counts        ",
            " O                sort sources newest first or by title               ",
            " u                mark read or unread                                 ",
            " s                star or unstar                                      ",
            " d                delete a story Byline saved; your own files are     ",
            "                  only hidden                                         ",
            " o                open the selected link, or the story, in the        ",
            "                  browser                                             ",
            " z                read full screen, or with the list beside           ",
            " < >              a narrower or wider list beside the story           ",
            "                  (remembered)                                        ",
            " R                fetch feeds in the background                       ",
            " f                fetch the full story from its web page              ",
            " t                next theme (remembered)                             ",
            " ?                this help                                           ",
            " Ctrl-L           draw the screen again                               ",
            " q                quit                                                ",
            "                                                                      ",
        ])
    }

    @Test func theStatusLineHintsComeFromTheKeyMap() {
        let keys = KeyMap.standard
        #expect(keys.hints(for: .list) == [
            KeyHint(keys: "↑↓", words: "move"), KeyHint(keys: "⏎", words: "read"), KeyHint(keys: "n", words: "unread"),
            KeyHint(keys: "S", words: "sources"), KeyHint(keys: "/", words: "search"), KeyHint(keys: "?", words: "help"),
            KeyHint(keys: "q", words: "quit"),
        ])
        #expect(keys.hints(for: .reader) == [
            KeyHint(keys: "←", words: "back"), KeyHint(keys: "↑↓", words: "scroll"), KeyHint(keys: "n", words: "unread"),
            KeyHint(keys: "⇥", words: "links"), KeyHint(keys: "⏎", words: "follow"), KeyHint(keys: "?", words: "help"),
            KeyHint(keys: "q", words: "quit"),
        ])
        #expect(keys.hints(for: .sources) == [
            KeyHint(keys: "↑↓", words: "move"), KeyHint(keys: "⏎", words: "open"), KeyHint(keys: "n", words: "next unread"),
            KeyHint(keys: "A", words: "mark read"), KeyHint(keys: "/", words: "search"), KeyHint(keys: "←", words: "back"),
            KeyHint(keys: "q", words: "quit"),
        ])
    }

    @Test func aKeyBoundElsewhereDoesItAndHelpAndHintsSaySo() {
        var state = Fixtures.state(width: 100, height: 20)
        var bindings = KeyMap.standard.bindings
        if let quit = bindings.firstIndex(where: { $0.command == .quit }) { bindings[quit].keys = [.character("x")] }
        state.keyMap = KeyMap(bindings, footer: KeyMap.standard.footer)
        var driver = Driver(state)
        #expect(driver.press(.character("q")).isEmpty)
        #expect(driver.lines.last?.contains("x quit") == true)
        driver.press(.character("?"), .end)
        #expect(driver.lines.contains { $0.hasPrefix(" x ") && $0.contains("quit") })
        #expect(!driver.lines.contains { $0.hasPrefix(" q ") })
        // In help, a key that does not scroll closes help (issue 8: `q` in help closes
        // help); the next press quits.
        #expect(driver.press(.character("x")).isEmpty)
        #expect(!driver.state.showingHelp)
        #expect(driver.press(.character("x")) == [.quit])
    }

    @Test func everyCommandHasOneStableNameAndABinding() {
        let names = Command.all.map(\.name)
        #expect(Set(names).count == names.count, "names are unique")
        for command in Command.all {
            #expect(Command(name: command.name) == command)
            #expect(KeyMap.standard.binding(for: command) != nil, "\(command.name) has keys")
        }
        #expect(Command(name: "follow-link-3") == .followLink(3))
        #expect(Command(name: "no-such-thing") == nil)
    }

    @Test func everyKeyDoesWhatItsBindingSays() {
        let keys = KeyMap.standard
        for binding in keys.bindings {
            for key in binding.keys {
                #expect(keys.command(for: key) == binding.command, "\(key.symbol) gives \(binding.name)")
            }
        }
    }
}
