import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// However the reader ends — `q`, SIGTERM, Ctrl-C, a crash — the terminal is given back as it
    /// was: the normal screen, line editing and echo on.
    @Suite(EndToEnd.needsTmux)
    struct Quitting {
        @Test func qQuitsWithStatusZeroAndRestoresTheTerminal() async throws {
            try await withReaderInShell { reader, _ in
                try await reader.press("q")
                let after = try await reader.waitFor("EXIT=")
                #expect(after.contains("EXIT=0"), "\n\(framed(after))")
            }
        }

        @Test func sigtermRestoresTheTerminal() async throws {
            try await withReaderInShell { reader, pid in
                kill(pid, SIGTERM)
                let after = try await reader.waitFor("EXIT=")
                #expect(after.contains("EXIT=143"), "128 + SIGTERM, as shells report it\n\(framed(after))")
            }
        }

        /// A crash cannot call `endwin()` (not async-signal-safe): the handler writes the
        /// terminal's reset strings and the saved line modes back, then dies of the signal.
        @Test func aCrashRestoresTheTerminal() async throws {
            try await withReaderInShell { reader, pid in
                kill(pid, SIGSEGV)
                let after = try await reader.waitFor("EXIT=")
                #expect(after.contains { $0.contains("EXIT=139") }, "128 + SIGSEGV: the crash is not hidden\n\(framed(after))")
            }
        }

        @Test func ctrlCRestoresTheTerminal() async throws {
            try await withReaderInShell { reader, _ in
                try await reader.press("C-c")
                let after = try await reader.waitFor("EXIT=")
                #expect(after.contains("EXIT=130"), "128 + SIGINT\n\(framed(after))")
            }
        }
    }
}

/// Runs the reader on the seeds from a shell that, once the reader has gone, prints its
/// exit status and the terminal's line modes, then waits; `end` makes the reader go.
///
/// Checks what a user would see afterwards: the shell's own text on the normal screen
/// (not the reader's alternate screen) and a terminal that echoes and edits lines again.
private func withReaderInShell(
    _ end: (TmuxSession, pid_t) async throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let home = try ScratchFolder(prefix: "home")
    defer { home.remove() }
    let pidFile = home.url.appendingPathComponent("reader.pid").path
    // The outer shell survives Ctrl-C (its trap is reset to the default in the reader);
    // the inner one writes the reader's pid, then becomes the reader.
    let outer = """
        trap : INT
        "$@"
        echo "EXIT=$?"
        echo "MODES=$(stty -a | tr -s ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' ')"
        exec sleep 600
        """
    let inner = #"echo $$ > "$0"; exec "$@""#
    let command = ["sh", "-c", outer, "sh", "sh", "-c", inner, pidFile]
        + (try Reader.command([try Reader.seedsCopy(in: home).path], home: home))
    try await TmuxSession.run(command) { reader in
        try await reader.waitFor("FAST NEWS")
        #expect(try await reader.display("#{alternate_on}") == "1", "the reader draws on the alternate screen")
        let pidText = try String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))

        try await end(reader, pid)

        let after = try await reader.waitFor("MODES=")
        #expect(try await reader.display("#{alternate_on}") == "0", "back on the normal screen", sourceLocation: sourceLocation)
        #expect(!after.contains { $0.contains("FAST NEWS") }, "the reader's screen is gone\n\(framed(after))", sourceLocation: sourceLocation)
        let modes = after.first { $0.hasPrefix("MODES=") } ?? ""
        let flags = Set(modes.dropFirst("MODES=".count).split(separator: " ").map(String.init))
        #expect(flags == ["icanon", "echo"], "line editing and echo are back: \(modes)", sourceLocation: sourceLocation)
    }
}
