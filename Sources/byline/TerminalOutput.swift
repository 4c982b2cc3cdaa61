import Foundation
import TerminalKit

/// Text from feeds, files and servers made safe to print: escape sequences and control
/// characters never reach the terminal.
func printable(_ text: String) -> String {
    VisibleText.sanitize(text)
}

/// Writes a line to standard error.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((printable(line) + "\n").utf8))
}
