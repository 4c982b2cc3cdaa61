import FuzzDriver
import BylineUI

/// Theme files the reader writes by hand.
runFuzzer { data, size in
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = ThemeFile.parse(text, file: "fuzz.toml", fallbackName: "fuzz")
    return 0
}
