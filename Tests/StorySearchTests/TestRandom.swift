/// A small xorshift generator: the generated test libraries are the same at every run.
struct TestRandom {
    private var seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        seed ^= seed << 13
        seed ^= seed >> 7
        seed ^= seed << 17
        return Int(seed % UInt64(bound))
    }
}
