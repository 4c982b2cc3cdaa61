import BylineCore

/// Link numbers past 9: the digits are typed one after another (`1` `2` follows link 12).
///
/// A digit that could still begin a longer link number waits for the next digit, with the
/// prompt in the status line; one that cannot (`3` in a story of 12 links) follows at
/// once, so stories with nine links or fewer work as before. Enter follows the number
/// typed so far, Esc forgets it. No timer is involved: `update` stays free of the clock.
extension AppState {
    mutating func typeLinkDigit(_ digit: Int, after typed: Int?) -> [Effect] {
        let number = (typed ?? 0) * 10 + digit
        let count = focus == .reader ? (readerPage?.links.count ?? 0) : 0
        if number == 0 { return [] }
        if number * 10 <= count {
            typedLinkNumber = number
            message = StatusMessage("Link \(number)… (another digit for \(number)0–\(min(count, number * 10 + 9)), Enter for \(number), Esc to cancel)")
            return []
        }
        return followLink(number)
    }

    /// The web address of the link Tab selected in the story being read.
    var selectedLinkURL: String? {
        guard focus == .reader, let number = reader?.selectedLink,
              let link = readerPage?.links.first(where: { $0.number == number }) else { return nil }
        return link.target.url
    }
}
