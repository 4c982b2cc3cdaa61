/// A command made without the argument parser (see `PlainArguments`), ready to run.
protocol PlainCommand {
    func run() throws
}

/// A subcommand's arguments read without the argument parser, for the forms a script or a
/// person types most (`byline search QUERY --limit 10`): the parser reflects over the
/// commands' options at every start, about 3 ms of a `byline search` (see `main.swift`).
///
/// Only the plain shapes are read: long options spelled in full, each at most once, an
/// option's value given as the next word; words that are not options are the positional
/// arguments, in order. Anything else (`--limit=5`, `-h`, `--`, a repeated or unknown
/// option, an empty word, a value that begins with `-`) gives nil, and the argument parser
/// reads the line: it says what is wrong, or prints help, exactly as before.
///
/// Plain arrays, not sets or dictionaries: the first `Set<String>` of a run costs more
/// than reading the line (its type is made at run time, from the conformance tables).
struct PlainArguments {
    private(set) var positionals: [String] = []
    private var flags: [String] = []
    private var options: [(name: String, value: String)] = []

    init?(_ words: ArraySlice<String>, flags knownFlags: [String], options knownOptions: [String]) {
        var words = words
        while let word = words.popFirst() {
            guard !word.isEmpty else { return nil }
            guard word.hasPrefix("-") else {
                positionals.append(word)
                continue
            }
            if knownFlags.contains(word) {
                guard !has(word) else { return nil }
                flags.append(word)
            } else if knownOptions.contains(word) {
                guard option(word) == nil, let value = words.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                options.append((word, value))
            } else {
                return nil
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func option(_ name: String) -> String? { options.first { $0.name == name }?.value }
}
