import Foundation

/// One HTTP exchange's outcome, as fetching needs it.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Where the body came from, after redirects.
    public var finalURL: URL
    /// Set when every redirect on the way was permanent (301 or 308): the subscription
    /// should move to `finalURL`.
    public var permanentlyMoved: Bool
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    public var body: Data

    public var isNotModified: Bool { status == 304 }
}

/// A conditional GET's validators: sent back so an unchanged feed answers 304.
public struct Validators: Equatable, Sendable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Limits on one request.
public struct FetchLimits: Sendable {
    /// The longest one request may take, start to end.
    public var timeout: Double
    /// Bytes past this are not read; the response is refused.
    public var maxBytes: Int
    public var maxRedirects: Int
    /// The longest reading one document (parsing a feed and converting its items, or
    /// extracting a story page) may take before that document is given up.
    public var parseSeconds: Double

    public init(timeout: Double = 20, maxBytes: Int = 10 * 1024 * 1024, maxRedirects: Int = 10, parseSeconds: Double = 10) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
        self.parseSeconds = parseSeconds
    }
}
