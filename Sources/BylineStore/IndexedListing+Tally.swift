import BylineCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sources view's counts read from the index's bytes: each row's `Source:` field is
/// compared as bytes and decoded once per source, and the read and starred sets are
/// matched against the path lookup's hashes, so counting 100,000 stories builds no string
/// per story (0.7 s of CPU when it did).
extension IndexedListing {
    public func tallySources(read: Set<StoryID>, starred: Set<StoryID>, skipping: [Int]) -> SourceTallies {
        var marks = [UInt8](repeating: 0, count: count)
        markRows(of: read, with: Self.readMark, in: &marks)
        markRows(of: starred, with: Self.starredMark, in: &marks)
        for row in skipping where row >= 0 && row < count { marks[row] |= Self.skippedMark }

        var sources = SourceFields()
        var tallies = SourceTallies()
        var bySource: [StoryTally] = []
        for row in 0..<count {
            let mark = marks[row]
            if mark & Self.skippedMark != 0 { continue }
            let unread = mark & Self.readMark == 0, isStarred = mark & Self.starredMark != 0
            let published = date(at: row)
            tallies.all.add(unread: unread, published: published)
            if isStarred { tallies.starred.add(unread: unread, published: published) }
            if let source = sources.source(of: sourceField(at: row)) {
                if source >= bySource.count { bySource.append(StoryTally()) }
                bySource[source].add(unread: unread, published: published)
            } else {
                // No `Source:`: listed under its folder, which only its path tells.
                tallies.bySource[SourceTallies.name(source: nil, id: id(at: row)), default: StoryTally()]
                    .add(unread: unread, published: published)
            }
            // The pages read are given back as the walk goes, so counting a large library
            // does not hold all of its index in memory at once.
            if row % Self.rowsBetweenReleases == Self.rowsBetweenReleases - 1 { releasePages() }
        }
        for (source, tally) in zip(sources.names, bySource) { tallies.bySource[source, default: StoryTally()].add(tally) }
        releasePages()
        return tallies
    }

    private static let readMark: UInt8 = 1, starredMark: UInt8 = 2, skippedMark: UInt8 = 4

    /// Sets `mark` on the rows of `ids`. A few are looked up one by one; many are found in
    /// one walk of the path lookup by hash, each match checked against the path's bytes.
    private func markRows(of ids: Set<StoryID>, with mark: UInt8, in marks: inout [UInt8]) {
        guard !ids.isEmpty else { return }
        if ids.count < count / 64 {
            for id in ids { if let row = row(of: id) { marks[row] |= mark } }
            return
        }
        var byHash: [UInt64: StoryID] = .init(minimumCapacity: ids.count)
        for id in ids {
            var path = id.path
            byHash[path.withUTF8 { StableHash.of($0) }] = id
        }
        forEachLookupEntry(.pathLookup) { hash, row in
            guard let id = byHash[hash] else { return }
            var path = id.path
            // Two paths with one hash: the set decides.
            if path.withUTF8({ pathBytes(at: row).elementsEqual($0) }) || ids.contains(self.id(at: row)) {
                marks[row] |= mark
            }
        }
    }

    /// The undecoded `Source:` field of `row`'s details (the third field); nil when the
    /// row is damaged, as `headline(at:)` reads it.
    private func sourceField(at row: Int) -> UnsafeRawBufferPointer? {
        let details = detailsBytes(at: row)
        guard let base = details.baseAddress else { return nil }
        // Where the first three fields end; fields escape their tabs, so a tab ends one.
        func tab(after start: Int) -> Int? {
            guard start < details.count, let found = memchr(base + start, Int32(LineFields.tab), details.count - start) else { return nil }
            return UnsafeRawPointer(found) - base
        }
        guard let titleEnd = tab(after: 0), let kickerEnd = tab(after: titleEnd + 1),
              let sourceEnd = tab(after: kickerEnd + 1), titleEnd > 0 else { return nil }
        // A title whose escapes are broken reads as a damaged row.
        if memchr(base, Int32(UInt8(ascii: "\\")), titleEnd) != nil,
           LineFields.string(ArraySlice(UnsafeRawBufferPointer(rebasing: details[0..<titleEnd]))) == nil { return nil }
        return UnsafeRawBufferPointer(rebasing: details[(kickerEnd + 1)..<sourceEnd])
    }
}

/// The distinct `Source:` fields met so far, by their bytes, each decoded once.
private struct SourceFields {
    /// Source names in the order first met; a number given out names one of them.
    private(set) var names: [String] = []
    /// Each field met: its bytes and the number of the source it names.
    private var fields: [(bytes: [UInt8], number: Int?)] = []
    private var byHash: [UInt64: Int] = [:]
    private var byName: [String: Int] = [:]

    /// The number of the source a field names; nil when it names none (missing or blank).
    mutating func source(of field: UnsafeRawBufferPointer?) -> Int? {
        guard let field, !field.isEmpty else { return nil }
        func same(_ known: [UInt8]) -> Bool {
            known.count == field.count && known.withUnsafeBytes { known in
                guard let a = known.baseAddress, let b = field.baseAddress else { return true }
                return memcmp(a, b, field.count) == 0
            }
        }
        let hash = StableHash.of(field)
        if let index = byHash[hash] {
            if same(fields[index].bytes) { return fields[index].number }
            // Two fields with one hash: found by their bytes.
            if let known = fields.first(where: { same($0.bytes) }) { return known.number }
        }
        // Fields that differ in bytes may name one source (spaces around it): numbered by name.
        var number: Int?
        if let name = SourceTallies.trimmedSource(LineFields.string(ArraySlice(field))) {
            number = byName[name] ?? names.count
            if number == names.count {
                byName[name] = names.count
                names.append(name)
            }
        }
        if byHash[hash] == nil { byHash[hash] = fields.count }
        fields.append((Array(field), number))
        return number
    }
}
