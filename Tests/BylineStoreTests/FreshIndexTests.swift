import BylineCore
import Foundation
import Synchronization
import Testing
@testable import BylineStore

/// A library opened with no index is indexed from its files in compact form
/// (`FreshIndex`); what it lists, resolves and remembers must be what the index
/// `IndexWriter` writes of the same files holds, or a library would read differently
/// after its index was deleted.
@Suite struct FreshIndexTests {
    /// Stories that tie on date (and on having none), share titles, name each other,
    /// and files that are not stories.
    func awkwardLibrary() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        try temp.write("a/same-day-b.txt", "Title: Bravo\nPublished: 2024-05-01T10:00:00Z\nURL: https://www.Example.org/b/\n\nText.\n\nREAD MORE: Alpha\n")
        try temp.write("b/same-day-a.txt", "Title: Alpha\nPublished: 2024-05-01T10:00:00Z\nRelated: https://example.org/b Bravo\nRelated: Bravo\n\nText.\n")
        try temp.write("c/same-title-2.txt", "Title: Alpha\nPublished: 2024-05-01T10:00:00Z\n\nText.\n")
        try temp.write("undated-z.txt", "Title: Zulu\n\nText.\n")
        try temp.write("undated-e.txt", "Title: Éclair “sweet”\n\nText.\n\nREAD MORE: Zulu\n\nREAD MORE: zulu!\n")
        try temp.write("undated-e2.txt", "Title: Eclair\n\nText.\n")
        try temp.write("headerless.txt", "Fast News\n\nA story without a header. It goes on.\n\nSource: Somewhere\n")
        try temp.write("crlf.txt", "\u{FEFF}Title: Windows\r\nPublished: 2023-01-01\r\nID: urn:w\r\n\r\nText.\r\n")
        try temp.write("far.txt", "Title: Far future\nPublished: 9999-12-31T23:59:59-23:59\n\nText.\n")
        try temp.write("empty.txt", "")
        try temp.write("binary.txt", bytes: [0x54, 0x00, 0x41])
        try temp.write("latin1.txt", bytes: Array("Title: caf".utf8) + [0xE9, 0x0A])
        for index in 0..<150 {
            try temp.write("many/\(index).txt", "Title: Story \(index % 7)\nPublished: 2024-0\(1 + index % 9)-01\nURL: https://x.org/\(index % 11)\n\nText.\n")
        }
        return temp
    }

    @Test func holdsWhatTheWholeIndexWriterWrites() throws {
        let temp = try awkwardLibrary()
        let files = try StoryFolderScan.run(root: temp.folder.path)
        let records = StoryFileReading.records(root: temp.folder.path, files: files)
        let (entries, problems) = LibraryIndex.split(records)
        let expected = try IndexedListing(IndexBytes(copying: IndexWriter(old: nil, adding: entries, problems: problems).bytes()))

        let fresh = try #require(FreshIndex(spillingIn: [NSTemporaryDirectory()]))
        for file in files { fresh.add(file) }
        fresh.read(root: temp.folder.path, progress: nil)
        #expect(!fresh.failed)
        let kept = fresh.problems.sorted { $0.id < $1.id }.filter(LibraryIndex.isWorthKeeping)
        let bytes = fresh.bytes(problems: kept)
        let built = try IndexedListing(IndexBytes(copying: bytes))

        // Byte for byte: the same rows, blobs in list order, lookups and problems.
        #expect(bytes == IndexWriter(old: nil, adding: entries, problems: problems).bytes())

        #expect(built.count == expected.count)
        #expect((0..<built.count).map(built.entry(at:)) == (0..<expected.count).map(expected.entry(at:)))
        #expect(built.problems == expected.problems)
        #expect(built.problems.count == 3)
        #expect(built.hasDates == expected.hasDates)
        for section in [IndexLayout.Section.pathLookup, .linkLookup] {
            var builtTable: [String] = [], expectedTable: [String] = []
            built.forEachLookupEntry(section) { builtTable.append("\($0) \($1)") }
            expected.forEachLookupEntry(section) { expectedTable.append("\($0) \($1)") }
            #expect(builtTable == expectedTable, "\(section)")
        }
        for link in [RelatedLink(title: "alpha"), RelatedLink(title: "", url: "https://example.org/b"),
                     RelatedLink(title: "Story 3"), RelatedLink(title: "ÉCLAIR: sweet")] {
            #expect(built.resolve(link) == expected.resolve(link))
            #expect(built.resolve(link) != nil)
        }
    }

    /// Without an index, headers, `Related` and `READ MORE` lines and headerless files'
    /// titles are read as bytes, and the folder walk takes no `stat` of a plain file (it
    /// is stamped as it is read): the index must still be the one written of every file
    /// parsed whole, as the reader parses a story it opens.
    @Test func filesReadAsBytesIndexAsTheirWholeParse() throws {
        let temp = try awkwardLibrary()
        try temp.write("h/plain.txt", "Headerless, with a title line\n\nBody.\n\nREAD MORE: Alpha\n\nSource: Closing\n")
        try temp.write("h/wrapped.txt", "\n  Title on a wrapped paragraph \nits second line\n\nread more: [Bravo](https://example.org/b)\n")
        try temp.write("h/kicker.txt", "World\n\nA kicker, then the lead. It goes on.\n\nREAD MORE: Zulu\n")
        try temp.write("h/kicker2.txt", " Analysis \r\n\r\nA lead over\r\ntwo lines! Then more.\r\n\r\nSource: Closing\r\n")
        try temp.write("h/crlf.txt", "Windows headerless\r\n\r\nBody.\r\n\r\nREAD MORE : Eclair\r\n")
        try temp.write("h/greek.txt", "Ελλάδα: ένας τίτλος χωρίς κεφαλίδα\n\nΚείμενο.\n\nREAD MORE: Éclair “sweet”\n")
        try temp.write("h/marks.txt", " \u{301}A mark after a space\n\nREAD MORE:\u{301} joined\n\nREAD MORE\u{301}: also joined\n")
        try temp.write("r/related.txt", "Title: Related\nRelated: https://example.org/b Bravo “quoted” Ελλάδα\nRelated: HTTPS://x.org/5\n"
                       + "Related: https://x.org/6 \u{301}joined\nRelated: ftp://x.org/7 Not web\nRelated: Story 3\n\nText.\n")
        try temp.write("r/crlf.txt", "Title: Related, Windows\r\nRelated: https://x.org/8 Eight\r\nRelated:\r\n  https://x.org/9 Folded\r\n\r\nText.\r\n")
        let files = try StoryFolderScan.run(root: temp.folder.path)
        let records: [LibraryIndex.Record] = try files.map { file in
            let bytes = try Array(Data(contentsOf: temp.folder.appendingPathComponent(file.path)))
            let id = StoryID(file.path)
            switch StoryFileParser.parse(bytes) {
            case .success(let story): return .story(LibraryEntry(id: id, story: story, stamp: file.stamp))
            case .failure(let problem): return .problem(LibraryProblem(id: id, problem: problem, stamp: file.stamp))
            }
        }
        let (entries, problems) = LibraryIndex.split(records)

        let fresh = try #require(FreshIndex(spillingIn: [NSTemporaryDirectory()]))
        var skipped: [StoryFolderScan.Skipped] = []
        try StoryFolderScan.visit(root: temp.folder.path, skipped: &skipped, statingFiles: false) { fresh.add($0) }
        #expect(fresh.slots.allSatisfy { $0.stamp == StoryFolderScan.unknownStamp })
        fresh.read(root: temp.folder.path, progress: nil)
        #expect(!fresh.failed)
        #expect(fresh.slots.map(\.stamp) == files.map(\.stamp))
        let kept = fresh.problems.sorted { $0.id < $1.id }.filter(LibraryIndex.isWorthKeeping)
        #expect(fresh.bytes(problems: kept) == IndexWriter(old: nil, adding: entries, problems: problems).bytes())
    }

    /// The blobs are put together in list order a part at a time, from windows of the
    /// spill files: however small the parts and windows, and whether written to a file
    /// (at each section's offset, on several threads) or to memory, the index is the same.
    @Test func anIndexGatheredInSmallPartsIsTheSame() throws {
        let temp = try awkwardLibrary()
        let fresh = try #require(FreshIndex(spillingIn: [NSTemporaryDirectory()]))
        for file in try StoryFolderScan.run(root: temp.folder.path) { fresh.add(file) }
        fresh.read(root: temp.folder.path, progress: nil)
        let kept = fresh.problems.sorted { $0.id < $1.id }.filter(LibraryIndex.isWorthKeeping)
        let whole = fresh.bytes(problems: kept)

        for (part, window) in [(1, 1), (100, 10), (700, 5000), (5000, 300)] {
            fresh.gathering = FreshIndex.Gathering(part: part, window: window)
            #expect(fresh.bytes(problems: kept) == whole, "part \(part), window \(window)")
            let file = temp.folder.appendingPathComponent("written-index")
            let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            #expect(fd >= 0)
            #expect(fresh.write(problems: kept, to: fd) == 0)
            close(fd)
            #expect(try Array(Data(contentsOf: file)) == whole, "part \(part), window \(window)")
        }
    }

    /// A folder copied in is walked without a string built per file: ASCII names are
    /// handed over as bytes, the rest as paths. Between them they are every story file
    /// the ordinary walk finds, hidden files and other names left out alike.
    @Test func aWalkByNameBytesFindsWhatTheOrdinaryWalkFinds() throws {
        let temp = try awkwardLibrary()
        try temp.write("Upper/LOUD.TXT", "Title: Loud\n\nText.\n")
        try temp.write("Upper/.hidden.txt", "Title: Hidden\n\nText.\n")
        try temp.write("Upper/notes.md", "Not a story.\n")
        try temp.write("Ελλάδα/νέα.txt", "Title: Νέα\n\nText.\n")
        let expected = try StoryFolderScan.run(root: temp.folder.path).map(\.path).sorted()

        var byName: [String] = [], byPath: [String] = []
        var skipped: [StoryFolderScan.Skipped] = []
        try StoryFolderScan.visit(root: temp.folder.path, skipped: &skipped, statingFiles: false,
                                  eachName: { prefix, name in byName.append(prefix + String(decoding: name, as: UTF8.self)) },
                                  each: { byPath.append($0.path) })

        #expect((byName + byPath).sorted() == expected)
        #expect(byName.contains("Upper/LOUD.TXT"))
        #expect(byPath == ["Ελλάδα/νέα.txt"])
        #expect(!expected.contains("Upper/.hidden.txt"))
    }

    @Test func aLibraryWithNoIndexIsListedAndItsIndexSaved() throws {
        let temp = try awkwardLibrary()

        let first = try temp.library.load()
        let second = try temp.library.load()

        #expect(first.report.index == .missing)
        #expect(first.report.parsed == 162)
        #expect(first.listing.count == 159)
        #expect(first.problems.map(\.id.path) == ["binary.txt", "empty.txt", "latin1.txt"])
        #expect(second.report == LoadReport(index: .used, parsed: 0, reused: 162))
        #expect(second.entries == first.entries)
        // Equal dates: by title, then by path.
        let sameDay = ["a/same-day-b.txt", "b/same-day-a.txt", "c/same-title-2.txt"]
        #expect(first.entries.map(\.id.path).filter(sameDay.contains) == ["b/same-day-a.txt", "c/same-title-2.txt", "a/same-day-b.txt"])
        // No date: after every dated story, by title as strings compare.
        let undated = ["Zulu", "Éclair “sweet”", "Eclair"]
        #expect(first.entries.suffix(4).map(\.title).filter(undated.contains) == undated.sorted())
        // A date past year 9999 is kept as none, as the index reads it back.
        #expect(first.entries.first { $0.id.path == "far.txt" }?.publishedDate == nil)
    }

    @Test func progressIsToldAsFilesAreRead() throws {
        let temp = try awkwardLibrary()
        let told = Mutex<[Int]>([])

        _ = try temp.library.load { done, total in
            #expect(total == 162)
            told.withLock { $0.append(done) }
        }

        let counts = told.withLock { $0 }
        #expect(!counts.isEmpty)
        #expect(counts.max() == 162)
    }
}
