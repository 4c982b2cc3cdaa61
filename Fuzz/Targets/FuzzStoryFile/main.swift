import FuzzDriver
import BylineCore

/// Story files come from disk, where anything may have put them: parsing one never
/// crashes, and a story Byline could read it must also write back readably.
runFuzzer { data, size in
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard case .success(let story) = StoryFileParser.parse(bytes) else { return 0 }
    let written = StoryFileWriter.write(story)
    if case .failure(let problem) = StoryFileParser.parse(text: written) {
        fatalError("a story read from a file was written back unreadably: \(problem)")
    }
    return 0
}
