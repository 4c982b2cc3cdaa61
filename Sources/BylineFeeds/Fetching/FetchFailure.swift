import Foundation

/// Why a feed could not be fetched, in words a reader can act on.
public enum FetchFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case hostNotFound(String)
    case refused(String)
    case timedOut(seconds: Double)
    case connectionLost
    case tls(String)
    case tooManyRedirects
    case tooLarge(limit: Int)
    case http(status: Int)
    /// The response is not a feed (a web page, an image …); the reason says what it is.
    case notAFeed(String)
    /// The response looks like a feed but cannot be read; the reason names the place.
    case malformed(String)
    case badURL(String)
    /// Reading the document took longer than its budget (`FetchLimits.parseSeconds`).
    case tooSlow(seconds: Double)
    case other(String)

    public var description: String {
        switch self {
        case .hostNotFound(let host): "DNS: cannot find host \(host)"
        case .refused(let host): "connection refused by \(host)"
        case .timedOut(let seconds): "timed out after \(Self.seconds(seconds))"
        case .connectionLost: "connection lost"
        case .tls(let reason): "TLS: \(reason)"
        case .tooManyRedirects: "too many redirects"
        case .tooLarge(let limit): "response larger than \(Self.megabytes(limit)), stopped reading"
        case .http(let status): "HTTP \(status) \(HTTPStatusPhrase.phrase(status))"
        case .notAFeed(let reason): "not a feed: \(reason)"
        case .malformed(let reason): "malformed feed: \(reason)"
        case .badURL(let url): "not an http(s) URL: \(url)"
        case .tooSlow(let seconds): "reading it took longer than \(Self.seconds(seconds)); given up"
        case .other(let reason): reason
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / (1024 * 1024)) MB" : "\(bytes) bytes"
    }
}
