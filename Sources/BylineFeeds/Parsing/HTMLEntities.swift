import CLibXML2

/// HTML's named character references (the HTML 4 table feedparser uses), read from
/// libxml2's own table so Byline carries no copy of it.
enum HTMLEntities {
    /// The code point a named reference stands for (`hellip` → U+2026), when HTML defines it.
    static func codePoint(named name: String) -> UInt32? {
        if name == "apos" { return 39 }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return entity.pointee.value
    }

    static func isDefined(_ name: String) -> Bool { codePoint(named: name) != nil }
}
