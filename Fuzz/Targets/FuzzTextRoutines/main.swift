import FuzzDriver
import BylineCore
import TerminalKit

/// Titles and story text are the reader's untrusted input in the list and the reader:
/// the title key and the wrapper never crash, and slow inputs show as time-outs.
runFuzzer { data, size in
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 119) + 2
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    _ = TitleKey(text)
    let lines = TextWrapper.wrap(text, width: width)
    for line in lines where DisplayWidth.of(line) > width {
        fatalError("a wrapped line is wider than \(width) columns: \(line.debugDescription)")
    }
    return 0
}
