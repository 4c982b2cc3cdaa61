import FeedParsing
import Foundation

/// Finds the feed behind a URL a reader wants to subscribe to: the URL itself when it is
/// a feed, else the feed its page advertises.
public struct FeedFinder: Sendable {
    public var reader: FeedReader
    public var limits: FetchLimits

    public init(reader: FeedReader, limits: FetchLimits = FetchLimits()) {
        self.reader = reader
        self.limits = limits
    }

    /// A feed that was found and read.
    public struct Found: Equatable, Sendable {
        public var url: String
        public var title: String?

        public init(url: String, title: String?) {
            self.url = url
            self.title = title
        }
    }

    /// How many advertised feeds to try before giving up on a page.
    static let candidatesTried = 4

    public func find(_ address: String) async -> Result<Found, FetchFailure> {
        guard let url = URL(string: address) else { return .failure(.badURL(address)) }
        let client = HTTPClient(limits: limits)
        defer { client.close() }
        let response: HTTPResponse
        switch await client.get(url, accept: FeedDiscovery.feedAccept) {
        case .failure(let failure): return .failure(failure)
        case .success(let got): response = got
        }
        let fetchedAs = response.permanentlyMoved ? response.finalURL.absoluteString : address
        let direct = reader.read(response.body, response.finalURL, response.contentType)
        if case .success(let feed) = direct {
            // A document that parsed only by recovering from errors is refused: subscribing
            // to it would fetch a broken feed forever. The parser's line says where.
            // (A wrong Content-Type or a doubtful encoding is not: feeds read fine with those.)
            if let problem = feed.problem, let range = problem.range(of: "malformed XML at ") {
                let detail = problem[range.upperBound...].split(separator: ";").first.map(String.init) ?? ""
                return .failure(.malformed("XML at \(detail)"))
            }
            return .success(Found(url: fetchedAs, title: SafeText.clean(feed.title)))
        }

        let candidates = FeedDiscovery.feedLinks(inHTML: response.body, pageURL: response.finalURL)
        guard !candidates.isEmpty else {
            if Self.looksLikeHTML(response) { return .failure(.notAFeed("the page advertises no feed")) }
            if case .failure(let failure) = direct { return .failure(failure) }
            return .failure(.notAFeed("unknown content"))
        }
        var lastFailure = FetchFailure.notAFeed("the advertised feeds could not be read")
        for candidate in candidates.prefix(Self.candidatesTried) {
            guard let candidateURL = URL(string: candidate) else { continue }
            switch await client.get(candidateURL, accept: FeedDiscovery.feedAccept) {
            case .failure(let failure):
                lastFailure = failure
            case .success(let got):
                switch reader.read(got.body, got.finalURL, got.contentType) {
                case .success(let feed):
                    let feedURL = got.permanentlyMoved ? got.finalURL.absoluteString : candidate
                    return .success(Found(url: feedURL, title: SafeText.clean(feed.title)))
                case .failure(let failure):
                    lastFailure = failure
                }
            }
        }
        return .failure(lastFailure)
    }

    static func looksLikeHTML(_ response: HTTPResponse) -> Bool {
        if response.contentType?.lowercased().contains("html") == true { return true }
        let start = String(decoding: response.body.prefix(512), as: UTF8.self).lowercased()
        return start.contains("<html") || start.contains("<!doctype html")
    }
}
