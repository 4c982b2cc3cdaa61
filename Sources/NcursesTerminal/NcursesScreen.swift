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
    /// The grid on screen now, to draw only what the next one changes.
    private var shown: CellGrid?

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
        shown = nil
        TerminalRestorer.restore()
    }

    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Copies the grid to the screen.
    ///
    /// Only the cells that differ from the grid drawn last are handed to ncurses: its
    /// window still holds the rest, and a key usually changes a few rows of the screen.
    /// (A wide character changed over a narrow one always changes the cell it covers too,
    /// so every cell ncurses blanks in passing is one drawn again here.)
    public func draw(_ grid: CellGrid) {
        guard let window else { return }
        let previous = shown.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        if previous == nil { werase(window) }
        var cell = cchar_t()
        var lastStyle: Style?
        var pair: Int32 = 0
        var attributes = byline_a_normal()
        var scalars = [wchar_t](repeating: 0, count: 5)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let item = grid[x, y]
                if let previous, previous[x, y] == item { continue }
                if item.symbol.isEmpty { continue }  // the right half of a wide character
                if item.style != lastStyle {
                    lastStyle = item.style
                    pair = Int32(useColor ? palette.pair(for: item.style) : 0)
                    attributes = Self.attributes(item.style.attributes)
                }
                var count = 0
                for scalar in item.symbol.unicodeScalars.prefix(4) {
                    scalars[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                scalars[count] = 0
                scalars.withUnsafeBufferPointer { buffer in
                    _ = setcchar(&cell, buffer.baseAddress, attributes, 0, &pair)
                }
                // Writing the bottom-right cell reports an error after drawing it: ignore.
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
            }
        }
        wrefresh(window)
        shown = grid
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

    /// Waits up to `milliseconds` for a key or for `wakeUp` (a descriptor other threads
    /// write to) to be readable; nil when no key came.
    ///
    /// Keys ncurses has read already come first: they wait in its buffer, where the
    /// descriptor cannot show them.
    public func nextEvent(milliseconds: Int32, orWakeUp wakeUp: Int32) -> Event? {
        if let event = nextEvent(milliseconds: 0) { return event }
        guard wakeUp >= 0 else { return nextEvent(milliseconds: milliseconds) }
        var waiting = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeUp, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&waiting, nfds_t(waiting.count), milliseconds)
        // A signal (a resize among them) interrupts the wait: ncurses reports it as a key.
        if ready < 0 || waiting[0].revents != 0 { return nextEvent(milliseconds: 0) }
        return nil
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
