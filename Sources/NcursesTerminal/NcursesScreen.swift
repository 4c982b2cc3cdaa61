import CNcursesw
import Glibc
import TerminalKit

/// The terminal, through ncurses: shows a `CellGrid` and reads keys.
///
/// The only type in Byline that talks to ncurses. It copies finished grids to the screen
/// (ncurses sends only the cells that changed) and turns `wget_wch` codes into `Key`s.
public final class NcursesScreen {
    public enum Event: Equatable {
        case key(Key)
        case resized(width: Int, height: Int)
    }

    private var window: UnsafeMutablePointer<WINDOW>?
    private var palette = ColorPalette(colors: 8)
    private var useColor = false

    public init() {}

    /// Takes over the terminal. Call `stop()` on every way out; `TerminalRestorer` does it
    /// on signals and crashes too.
    public func start() throws {
        setlocale(LC_ALL, "")
        TerminalRestorer.cursesStarting()
        guard let window = initscr() else { throw TerminalError.cannotStart }
        self.window = window
        TerminalRestorer.cursesStarted()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        // Clicks select and the wheel scrolls; no delay, so a click is not mistaken for
        // the start of a double click. (Shift still lets the terminal select text.)
        mousemask(byline_mouse_mask(), nil)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
            useColor = true
            palette = ColorPalette(colors: Int(byline_colors()))
        }
    }

    /// Gives the terminal back as it was.
    public func stop() {
        guard window != nil else { return }
        window = nil
        TerminalRestorer.restore()
    }

    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Copies the grid to the screen.
    public func draw(_ grid: CellGrid) {
        guard let window else { return }
        werase(window)
        var cell = cchar_t()
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let item = grid[x, y]
                if item.symbol.isEmpty { continue }  // the right half of a wide character
                var scalars = item.symbol.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
                scalars.append(0)
                var pair = Int32(useColor ? palette.pair(for: item.style) : 0)
                let attributes = Self.attributes(item.style.attributes)
                scalars.withUnsafeBufferPointer { buffer in
                    _ = setcchar(&cell, buffer.baseAddress, attributes, 0, &pair)
                }
                // Writing the bottom-right cell reports an error after drawing it: ignore.
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
            }
        }
        wrefresh(window)
    }

    /// Repaints every cell on the next draw, for a screen another program scribbled on.
    public func invalidate() {
        guard let window else { return }
        clearok(window, true)
    }

    /// Waits up to `milliseconds` for a key; nil when none came.
    public func nextEvent(milliseconds: Int32) -> Event? {
        guard let window else { return nil }
        wtimeout(window, milliseconds)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == KEY_CODE_YES {
            if Int32(code) == KEY_RESIZE {
                let size = self.size
                return .resized(width: size.width, height: size.height)
            }
            if Int32(code) == KEY_MOUSE {
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                let x = Int(event.x), y = Int(event.y)
                if byline_is_wheel_up(event.bstate) != 0 { return .key(.wheel(x: x, y: y, lines: -3)) }
                if byline_is_wheel_down(event.bstate) != 0 { return .key(.wheel(x: x, y: y, lines: 3)) }
                if byline_is_click(event.bstate) != 0 { return .key(.click(x: x, y: y)) }
                return nil
            }
            return KeyCodes.functionKey(Int32(code)).map(Event.key)
        }
        guard result == OK else { return nil }
        return KeyCodes.character(UInt32(code)).map(Event.key)
    }

    /// Leaves curses mode for another program (a browser) and comes back after it.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        guard window != nil else { return try body() }
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            invalidate()
        }
        return try body()
    }

    private static func attributes(_ attributes: Attributes) -> attr_t {
        var value = byline_a_normal()
        if attributes.contains(.bold) { value |= byline_a_bold() }
        if attributes.contains(.dim) { value |= byline_a_dim() }
        if attributes.contains(.italic) { value |= byline_a_italic() }
        if attributes.contains(.underline) { value |= byline_a_underline() }
        if attributes.contains(.reverse) { value |= byline_a_reverse() }
        return value
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case cannotStart
    public var description: String { "cannot start the terminal screen (is TERM set?)" }
}
