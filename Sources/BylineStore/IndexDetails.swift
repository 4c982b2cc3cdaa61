import BylineCore
import Foundation

/// The variable part of an index row, and the index's problem records, as `LineFields`.
enum IndexDetails {
    struct Fields {
        var title: String
        var kicker, source, author, published, url, headerID: String?
        var links: [RelatedLink]
    }

    // MARK: - Stories

    static func encode(_ entry: LibraryEntry, into out: inout [UInt8]) {
        encode(title: entry.title, kicker: entry.kicker, source: entry.source, author: entry.author, published: entry.published,
               url: entry.url, headerID: entry.headerID, links: entry.relatedLinks, into: &out)
    }

    /// A story's details from its fields, as `encode(_:into:)` writes an entry's.
    static func encode(title: String, kicker: String?, source: String?, author: String?, published: String?,
                       url: String?, headerID: String?, links: [RelatedLink], into out: inout [UInt8]) {
        LineFields.append(title, to: &out, first: true)
        // One call a field, not a loop over an array of them: an array built per story.
        LineFields.append(kicker, to: &out)
        LineFields.append(source, to: &out)
        LineFields.append(author, to: &out)
        LineFields.append(published, to: &out)
        LineFields.append(url, to: &out)
        LineFields.append(headerID, to: &out)
        LineFields.append(Int64(links.count), to: &out)
        for link in links {
            LineFields.append(link.url, to: &out)
            LineFields.append(link.title, to: &out)
        }
    }

    /// Nil for anything malformed, a link count beyond what the bytes can hold included.
    static func decode(_ bytes: [UInt8]) -> Fields? {
        var reader = LineFields.Reader(bytes, from: 0)
        guard reader.nextLine(), let title = reader.string() ?? nil, let kicker = reader.string(),
              let source = reader.string(), let author = reader.string(), let published = reader.string(),
              let url = reader.string(), let headerID = reader.string(),
              let linkCount = reader.integer(), linkCount >= 0, linkCount <= Int64(bytes.count / 2) else { return nil }
        var links: [RelatedLink] = []
        for _ in 0..<linkCount {
            guard let url = reader.string(), let title = reader.string() else { return nil }
            links.append(RelatedLink(title: title ?? "", url: url))
        }
        guard reader.atEndOfLine else { return nil }
        return Fields(title: title, kicker: kicker, source: source, author: author, published: published,
                      url: url, headerID: headerID, links: links)
    }

    // MARK: - Problems

    static func encode(_ problem: LibraryProblem, into out: inout [UInt8]) {
        LineFields.append(problem.id.path, to: &out, first: true)
        LineFields.append(problem.stamp.size, to: &out)
        LineFields.append(problem.stamp.modifiedSeconds, to: &out)
        LineFields.append(problem.stamp.modifiedNanoseconds, to: &out)
        let (kind, offset): (String, Int) = switch problem.problem {
        case .empty: ("empty", 0)
        case .noText: ("no-text", 0)
        case .containsNUL(let offset): ("nul", offset)
        case .invalidUTF8(let offset): ("utf8", offset)
        case .unreadable: ("unreadable", 0)  // never saved: see `LibraryIndex.isWorthKeeping`
        }
        LineFields.append(kind, to: &out)
        LineFields.append(Int64(offset), to: &out)
        out.append(LineFields.newline)
    }

    static func decodeProblem(_ reader: inout LineFields.Reader) -> LibraryProblem? {
        guard let path = reader.string() ?? nil, let size = reader.integer(), let seconds = reader.integer(),
              let nanoseconds = reader.integer(), let kind = reader.string() ?? nil,
              let offset = reader.integer(), offset >= 0 else { return nil }
        let problem: StoryFileProblem
        switch kind {
        case "empty": problem = .empty
        case "no-text": problem = .noText
        case "nul": problem = .containsNUL(offset: Int(offset))
        case "utf8": problem = .invalidUTF8(offset: Int(offset))
        default: return nil
        }
        return LibraryProblem(id: StoryID(path), problem: problem,
                              stamp: FileStamp(size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds))
    }
}
