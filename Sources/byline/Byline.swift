import ArgumentParser

/// The `byline` command: with no subcommand it opens the reader.
@main
struct Byline: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "A terminal newsreader: read whole stories and follow related-story links.",
        version: version,
        subcommands: [
            ReadCommand.self,
            AddCommand.self,
            RemoveCommand.self,
            FeedsCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            FetchCommand.self,
        ],
        defaultSubcommand: ReadCommand.self
    )
}
