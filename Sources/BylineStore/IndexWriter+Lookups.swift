import BylineCore

/// The lookup tables of a merged index, streamed: the old table's entries, read in order,
/// are still in order with their rows moved (a kept row keeps its place among the kept
/// ones), so the few added entries are merged into them as they are read, and neither
/// table (4.8 MB of entries at 100,000 stories) is ever held or sorted whole.
extension IndexWriter {
    /// A lookup table's order: by hash, then row, so the first match is the newest story.
    static func precedes(_ a: (UInt64, UInt32), _ b: (UInt64, UInt32)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    /// Writes `section`'s table: the old one's entries of kept rows and `adding`.
    func writeLookup(_ section: IndexLayout.Section, adding: [(UInt64, UInt32)], _ placement: Placement, to out: inout Output) {
        let adding = adding.sorted(by: Self.precedes)
        var next = 0
        func write(_ entry: (UInt64, UInt32), to out: inout Output) {
            out.appendLittleEndian(entry.0)
            out.appendLittleEndian(entry.1)
        }
        guard let old else {
            for entry in adding { write(entry, to: &out) }
            return
        }
        guard Self.isInOrder(section, of: old) else {
            // A damaged table: sorted afresh, as a whole.
            var all = adding
            forEachKeptEntry(section, of: old, placement) { all.append($0) }
            for entry in all.sorted(by: Self.precedes) { write(entry, to: &out) }
            return
        }
        forEachKeptEntry(section, of: old, placement) { entry in
            while next < adding.count, Self.precedes(adding[next], entry) {
                write(adding[next], to: &out)
                next += 1
            }
            write(entry, to: &out)
        }
        for entry in adding[next...] { write(entry, to: &out) }
    }

    /// Every (hash, new row) of `old`'s table whose row is kept, in the table's order.
    private func forEachKeptEntry(_ section: IndexLayout.Section, of old: IndexedListing, _ placement: Placement,
                                  _ body: ((UInt64, UInt32)) -> Void) {
        Self.forEachEntry(section, of: old) { hash, row in
            guard row < placement.newRowOfOld.count else { return }
            let newRow = placement.newRowOfOld[row]
            if newRow != .max { body((hash, newRow)) }
        }
    }

    /// Whether `old`'s table is in order, as every writer leaves it (a damaged file may not be).
    private static func isInOrder(_ section: IndexLayout.Section, of old: IndexedListing) -> Bool {
        var previous: (UInt64, UInt32)?, inOrder = true
        forEachEntry(section, of: old) { hash, row in
            let entry = (hash, UInt32(row))
            if let previous, precedes(entry, previous) { inOrder = false }
            previous = entry
        }
        return inOrder
    }

    /// Every (hash, row) of `old`'s table, read through a window.
    private static func forEachEntry(_ section: IndexLayout.Section, of old: IndexedListing, _ body: (UInt64, Int) -> Void) {
        var window = IndexFileWindow(old)
        let table = old.sectionRange(section)
        for at in stride(from: table.lowerBound, to: table.upperBound - IndexLayout.lookupEntrySize + 1, by: IndexLayout.lookupEntrySize) {
            window.with(at..<(at + IndexLayout.lookupEntrySize)) { entry in
                body(entry.littleEndian(at: 0, as: UInt64.self), Int(entry.littleEndian(at: 8, as: UInt32.self)))
            }
        }
    }
}
