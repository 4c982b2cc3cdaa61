import ArgumentParser

/// The `byline` command: with no subcommand it opens the reader.
struct Byline: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "A terminal newsreader: read whole stories and follow related-story links.",
        usage: "byline [PATH] [--theme NAME]     open the reader on a folder of story files\nbyline <subcommand> [options]",
        version: version,
        subcommands: [
            ReadCommand.self,
            ListCommand.self,
            ShowCommand.self,
            AddCommand.self,
            RemoveCommand.self,
            FeedsCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            FetchCommand.self,
            SyncCommand.self,
            ExtractCommand.self,
            SearchCommand.self,
            SimilarCommand.self,
            ConfigCommand.self,
            CleanCommand.self,
        ],
        defaultSubcommand: ReadCommand.self
    )
}
