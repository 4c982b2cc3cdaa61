import Foundation

/// Which library the reader shows, and where `R` saves the stories it fetches.
///
/// Part of the state, so switching library is a change `update` makes (and a test sees)
/// rather than something the run loop does behind its back.
public struct LibraryPlace: Equatable, Sendable {
    public var folder: URL
    /// The library shown, or the reader's own library while the bundled seeds stand in
    /// for it because it is empty: fetching fills it, and the reader then switches to it.
    public var fetchesInto: URL

    public init(folder: URL, fetchesInto: URL? = nil) {
        self.folder = folder.standardizedFileURL
        self.fetchesInto = (fetchesInto ?? folder).standardizedFileURL
    }
}
