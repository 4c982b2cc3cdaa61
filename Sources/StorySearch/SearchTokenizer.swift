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
    ///
    /// A word already in folded form (lower-case ASCII letters and digits, most of any
    /// text) is handed over where it lies in `bytes`; only a word that needs folding is
    /// copied, as it is folded.
    public mutating func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        word.removeAll(keepingCapacity: true)
        endIdeographs(emit)
        // Where the word in progress starts in `bytes` while it needs no folding; -1 when
        // there is none or it is being built in `word`.
        var start = -1
        var index = 0
        let count = bytes.count
        let kinds = Self.asciiKinds
        func endWord() {
            if start >= 0 {
                emit(UnsafeBufferPointer(rebasing: bytes[start..<min(index, start + Self.longestWord)]))
                start = -1
            } else {
                self.endWord(emit)
            }
        }
        /// The word in progress moves to `word`: what comes next needs folding.
        func copyWord(upTo end: Int) {
            if start >= 0 {
                word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = -1
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch kinds[Int(byte)] {
                case Self.asIs:
                    if ideographRun > 0 { endIdeographs(emit) }
                    if word.isEmpty {
                        if start < 0 { start = index }
                        // The rest of a run already folded, in one go: most of any text.
                        index += 1
                        while index < count && kinds[Int(bytes[index])] == Self.asIs { index += 1 }
                        continue
                    }
                    word.append(byte)
                case Self.upper:
                    if ideographRun > 0 { endIdeographs(emit) }
                    copyWord(upTo: index)
                    word.append(byte | 0x20)
                default:
                    endWord()
                    endIdeographs(emit)
                }
                index += 1
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            guard let scalar else {
                endWord()
                endIdeographs(emit)
                index += length
                continue
            }
            switch folded(scalar) {
            case .separator:
                endWord()
                endIdeographs(emit)
            case .word(let folded):
                if ideographRun > 0 { endIdeographs(emit) }
                copyWord(upTo: index)
                word.append(contentsOf: folded)
            case .ideograph(let character):
                endWord()
                addIdeograph(character, emit)
            }
            index += length
        }
        endWord()
        endIdeographs(emit)
    }

    /// What each byte is to a word: part of it as it is, part of it once folded (upper
    /// case), or a separator; a byte of a longer character (0x80 and up) is none of these.
    private static let asIs: UInt8 = 1
    private static let upper: UInt8 = 2
    private static let asciiKinds: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x61...0x7A, 0x30...0x39: asIs
        case 0x41...0x5A: upper
        default: 0
        }
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
