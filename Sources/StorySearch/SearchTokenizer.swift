/// Splits text into the words search indexes and looks up, folded (see `SearchFolding`).
///
/// A word is a run of letters and digits; anything else separates words. CJK text has no
/// spaces, so each run of CJK characters becomes its overlapping pairs (`東京都` → `東京`,
/// `京都`) and a lone character stays one word; a query is split the same way, so a
/// query of two or more CJK characters finds the text that holds them together.
///
/// The tokenizer keeps a cache of folded non-ASCII characters; keep one per thread.
public struct SearchTokenizer {
    /// Longer words are cut here: nobody types them, and they would bloat the dictionary.
    public static let longestWord = 48

    private var cache: [UInt32: SearchFolding.Folded] = [:]
    private var word: [UInt8] = []
    private var ideograph: [UInt8] = []
    private var ideographRun = 0

    public init() {
        word.reserveCapacity(64)
    }

    /// Calls `emit` with each word of `text`, in order. The buffer is valid only during the call.
    public mutating func forEachWord(in text: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEachWord(inUTF8: $0, emit) }
    }

    /// The words of `text`, as strings.
    public mutating func words(in text: String) -> [String] {
        var out: [String] = []
        forEachWord(in: text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Calls `emit` with each word of UTF-8 text (invalid bytes separate words).
    public mutating func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        word.removeAll(keepingCapacity: true)
        endIdeographs(emit)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                    if ideographRun > 0 { endIdeographs(emit) }
                    word.append(byte)
                } else if byte >= 0x41 && byte <= 0x5A {
                    if ideographRun > 0 { endIdeographs(emit) }
                    word.append(byte | 0x20)
                } else {
                    endWord(emit)
                    endIdeographs(emit)
                }
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            index += length
            guard let scalar else {
                endWord(emit)
                endIdeographs(emit)
                continue
            }
            switch folded(scalar) {
            case .separator:
                endWord(emit)
                endIdeographs(emit)
            case .word(let folded):
                if ideographRun > 0 { endIdeographs(emit) }
                word.append(contentsOf: folded)
            case .ideograph(let character):
                endWord(emit)
                addIdeograph(character, emit)
            }
        }
        endWord(emit)
        endIdeographs(emit)
    }

    private mutating func folded(_ scalar: Unicode.Scalar) -> SearchFolding.Folded {
        if let known = cache[scalar.value] { return known }
        let folded = SearchFolding.fold(scalar)
        cache[scalar.value] = folded
        return folded
    }

    private mutating func endWord(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !word.isEmpty else { return }
        if word.count > Self.longestWord {
            // Cut at a character boundary, never inside a UTF-8 sequence.
            var end = Self.longestWord
            while end > 0 && word[end] & 0xC0 == 0x80 { end -= 1 }
            word.removeSubrange(end...)
        }
        word.withUnsafeBufferPointer(emit)
        word.removeAll(keepingCapacity: true)
    }

    /// `ideograph` holds the previous character of the run (its bytes) while a run goes on.
    private mutating func addIdeograph(_ character: [UInt8], _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        if ideographRun > 0 {
            let pair = ideograph + character
            pair.withUnsafeBufferPointer(emit)
        }
        ideograph = character
        ideographRun += 1
    }

    private mutating func endIdeographs(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        if ideographRun == 1 { ideograph.withUnsafeBufferPointer(emit) }
        ideographRun = 0
    }

    /// One scalar of UTF-8 starting at `index`, or nil for an invalid sequence (one byte long).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
        guard index + length <= bytes.count else { return (nil, 1) }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        // Overlong forms and surrogates are invalid UTF-8.
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }
}
