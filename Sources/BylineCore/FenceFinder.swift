/// Finds where a preformatted block that opens at a line closes, in linear time overall.
///
/// A fence with no closing fence of its length is text. The fence lines are found once, on
/// the first question, and grouped by length; each later question only steps forward in
/// its length's list. Searching afresh from every fence would read the rest of the file
/// once per fence, and a file of many unmatched fences would hang the reader.
struct FenceFinder {
    /// Line indexes of the fences of each length, in order, and how far each list is passed.
    private var fences: [Int: (lines: [Int], passed: Int)]?

    /// The index of the closing fence for a block opening at `index`, or nil when that line
    /// is no fence or nothing closes it. `fence(i)` is the fence length of line `i`, for
    /// lines `start..<end`; questions come in increasing order of `index`.
    mutating func closing(at index: Int, start: Int, end: Int, fence: (Int) -> Int?) -> Int? {
        guard let length = fence(index) else { return nil }
        if fences == nil {
            var found: [Int: (lines: [Int], passed: Int)] = [:]
            for line in start..<end {
                if let length = fence(line) { found[length, default: ([], 0)].lines.append(line) }
            }
            fences = found
        }
        guard var entry = fences?[length] else { return nil }
        while entry.passed < entry.lines.count, entry.lines[entry.passed] <= index { entry.passed += 1 }
        fences?[length] = entry
        return entry.passed < entry.lines.count ? entry.lines[entry.passed] : nil
    }
}
