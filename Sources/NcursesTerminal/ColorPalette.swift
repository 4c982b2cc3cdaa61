import CNcursesw
import TerminalKit

/// Turns styles' colours into ncurses colour pairs, fitting them to what the terminal has.
struct ColorPalette {
    let colors: Int
    private var pairs: [Int: Int32] = [:]

    init(colors: Int) { self.colors = colors }

    /// The pair for a style's colours, allocated on first use.
    mutating func pair(for style: Style) -> Int32 {
        let fg = number(style.foreground), bg = number(style.background)
        if fg == -1 && bg == -1 { return 0 }
        let key = Int(fg + 1) << 16 | Int(bg + 1)
        if let pair = pairs[key] { return pair }
        let pair = alloc_pair(fg, bg)
        let usable: Int32 = pair < 0 ? 0 : pair
        pairs[key] = usable
        return usable
    }

    /// The colour number to ask ncurses for; -1 is the terminal's own.
    func number(_ color: Color) -> Int32 {
        switch color {
        case .default: return -1
        case .ansi(let n): return colors >= 16 ? Int32(n) : Int32(n % 8)
        case .indexed(let n):
            if colors >= 256 { return Int32(n) }
            return Int32(ColorApproximation.ansi(forIndexed: n) % UInt8(max(8, min(colors, 16))))
        case .rgb(let r, let g, let b):
            if colors >= 256 { return Int32(ColorApproximation.indexed(r, g, b)) }
            return Int32(ColorApproximation.ansi(r, g, b) % UInt8(max(8, min(colors, 16))))
        }
    }
}

/// Nearest colours in the xterm 256-colour and 16-colour palettes.
enum ColorApproximation {
    private static let levels: [Int] = [0, 95, 135, 175, 215, 255]

    static func indexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in levels.enumerated() where abs(l - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((levels[ri], levels[gi], levels[bi]), (Int(r), Int(g), Int(b)))
        let gray = min(23, max(0, (Int(r) + Int(g) + Int(b)) / 3 - 3) / 10)
        let grayValue = 8 + 10 * gray
        let grayDistance = distance((grayValue, grayValue, grayValue), (Int(r), Int(g), Int(b)))
        return UInt8(grayDistance < cubeDistance ? 232 + gray : cube)
    }

    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func ansi(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let target = (Int(r), Int(g), Int(b))
        var best = 0
        for (i, c) in ansiRGB.enumerated() where distance(c, target) < distance(ansiRGB[best], target) { best = i }
        return UInt8(best)
    }

    static func ansi(forIndexed n: UInt8) -> UInt8 {
        if n < 16 { return n }
        if n >= 232 {
            let v = UInt8(8 + 10 * Int(n - 232))
            return ansi(v, v, v)
        }
        let i = Int(n) - 16
        return ansi(UInt8(levels[i / 36]), UInt8(levels[(i / 6) % 6]), UInt8(levels[i % 6]))
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }
}
