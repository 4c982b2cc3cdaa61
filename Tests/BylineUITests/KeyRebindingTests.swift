import BylineConfig
import BylineCore
import TerminalKit
import Testing
@testable import BylineUI

@Suite struct KeyRebindingTests {
    private func rebound(_ text: String) throws -> (KeyMap, [ConfigProblem]) {
        let configuration = Configuration(file: try ConfigFile.parse(text, path: "config.toml").get())
        #expect(configuration.problems.isEmpty)
        return KeyMap.standard.rebound(by: configuration.keys)
    }

    @Test func anActionTakesExactlyTheKeysGiven() throws {
        let (map, problems) = try rebound("[keys]\nquit = \"x\"\n")
        #expect(problems.isEmpty)
        #expect(map.command(for: .character("x")) == .quit)
        #expect(map.command(for: .character("q")) == nil)
        #expect(map.keys(for: .quit) == [.character("x")])
    }

    @Test func aKeyTakenFromAnotherActionDoesOnlyItsNewAction() throws {
        let (map, _) = try rebound("[keys]\nquit = \"j\"\n")
        #expect(map.command(for: .character("j")) == .quit)
        // move-down keeps its other key.
        #expect(map.keys(for: .moveDown) == [.down])
    }

    @Test func anUnknownActionIsReportedWithTheNearestName() throws {
        let (map, problems) = try rebound("[keys]\n\nqiut = \"x\"\n")
        #expect(problems.map(\.description) == [
            "config.toml:3: keys.qiut: no action named qiut; did you mean quit? (`byline config --print` lists them all)",
        ])
        #expect(map.command(for: .character("x")) == nil)
        #expect(map.command(for: .character("q")) == .quit)
    }

    @Test func everyActionHasADistinctName() {
        let names = Command.all.map(\.name)
        #expect(Set(names).count == names.count)
        for command in Command.all { #expect(Command(name: command.name) == command) }
        // And every action has a key out of the box.
        for command in Command.all { #expect(!KeyMap.standard.keys(for: command).isEmpty, "\(command.name)") }
    }

    @Test func aReboundKeyDrivesUpdate() throws {
        var state = Fixtures.state()
        (state.keyMap, _) = try rebound("[keys]\nmove-down = \"x\"\n")
        _ = update(&state, .key(.character("x")))
        #expect(state.selectedStory?.id == Fixtures.shadowID)
    }
}
