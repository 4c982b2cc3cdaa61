import ArgumentParser

/// `byline [PATH] [--theme NAME]`: opens the reader on a library.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read", abstract: "Open the reader (the default).")

    @Argument(help: "A folder of .txt story files. Default: your library, or the bundled seeds.")
    var path: String?

    @Option(help: "The theme to start with.")
    var theme: String?

    func run() throws {
        print("reader not wired yet")
    }
}
