/// A subcommand's arguments read without the argument parser, for the forms a script or a
/// person types most (`byline search QUERY --limit 10`): the parser reflects over the
/// commands' options at every start, about a sixth of a `byline similar` (see `main.swift`).
///
/// Only the plain shapes are read: long options spelled in full, each at most once, an
/// option's value given as the next word; words that are not options are the positional
/// arguments, in order. Anything else (`--limit=5`, `-h`, `--`, a repeated or unknown
/// option, an empty word, a value that begins with `-`) gives nil, and the argument parser
/// reads the line: it says what is wrong, or prints help, exactly as before.
struct PlainArguments: Equatable {
    var positionals: [String] = []
    var flags: Set<String> = []
    var options: [String: String] = [:]

    init?(_ words: ArraySlice<String>, flags knownFlags: Set<String>, options knownOptions: Set<String>) {
        var words = words
        while let word = words.popFirst() {
            guard !word.isEmpty else { return nil }
            guard word.hasPrefix("-") else {
                positionals.append(word)
                continue
            }
            if knownFlags.contains(word) {
                guard flags.insert(word).inserted else { return nil }
            } else if knownOptions.contains(word) {
                guard options[word] == nil, let value = words.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                options[word] = value
            } else {
                return nil
            }
        }
    }
}
