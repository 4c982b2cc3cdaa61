import BylineConfig
import FuzzDriver

/// config.toml, the reader's settings, edited by hand.
runFuzzer { data, size in
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if case .success(let file) = ConfigFile.parse(text, path: "config.toml") {
        _ = Configuration(file: file)
    }
    return 0
}
