// TerminalKit: cells, grids, display widths and text wrapping, with no terminal.
