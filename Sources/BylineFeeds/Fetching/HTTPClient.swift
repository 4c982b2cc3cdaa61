import CCurl
import Foundation

/// GETs over HTTP(S) with libcurl, with the limits feeds need: a deadline per request,
/// a cap on the bytes held, conditional GET, and a record of permanent redirects.
///
/// Why libcurl and not URLSession: on Linux, URLSession always lets libcurl inflate gzip
/// and hands the body over on its delegate queue, so a cap or a deadline checked there
/// runs behind the decoder — a 10 MB gzip bomb inflated to gigabytes before it could be
/// stopped. Here every inflated chunk passes `CurlTransfer`'s cap on libcurl's own thread,
/// which stops the transfer the moment the cap is passed, and libcurl enforces the deadline
/// itself, so memory stays near `maxBytes` whatever the server sends.
///
/// A client's requests run side by side on one thread of its own (`TransferLoop`), at most
/// `connectionsPerHost` to one host at once, sharing connections and looked-up hosts.
public final class HTTPClient: Sendable {
    public let limits: FetchLimits
    private let transfers: TransferLoop

    public init(limits: FetchLimits = FetchLimits(), connectionsPerHost: Int = 8) {
        self.limits = limits
        transfers = TransferLoop(perHost: connectionsPerHost)
        Self.prepare()
    }

    /// Starts loading and setting up libcurl on a thread of its own, once per process.
    /// libcurl is loaded on first use (see `lazy.c`), and loading it with the twenty
    /// libraries it brings and setting up TLS takes some 7 ms: started as a fetch begins,
    /// that happens beside reading the subscriptions and feed states instead of before
    /// the first request, which waits for it only if it is not yet done.
    public static func prepare() { byline_curl_prepare() }

    /// Lets the client's thread, and the connections it keeps open, go as soon as no
    /// request is running, rather than a few seconds later. A request after this still runs.
    public func close() { transfers.close() }

    /// GETs `url`, sending `validators` so an unchanged resource answers 304; one of
    /// `group`'s requests, when given (it waits while the group's limit are running).
    public func get(_ url: URL, validators: Validators = Validators(), accept: String = "*/*",
                    group: TransferGroup? = nil) async -> Result<HTTPResponse, FetchFailure> {
        switch transfer(get: url, validators: validators, accept: accept) {
        case .failure(let failure): return .failure(failure)
        case .success(let (transfer, host)): return await run(transfer, host: host, group: group)
        }
    }

    /// Queues a GET as `get` does, without a task waiting for it: `done` receives the
    /// answer on the client's own thread (or at once, for a URL it cannot fetch). For a
    /// fetch of many feeds, most of them answering 304, where a task resumed per answer
    /// cost more than the request. Returns what stops the request, for a cancelled fetch.
    func get(_ url: URL, validators: Validators, accept: String, group: TransferGroup?,
             done: @escaping @Sendable (Result<HTTPResponse, FetchFailure>) -> Void) -> (@Sendable () -> Void) {
        switch transfer(get: url, validators: validators, accept: accept) {
        case .failure(let failure):
            done(.failure(failure))
            return {}
        case .success(let (transfer, host)):
            let transfers = self.transfers
            transfers.run(TransferLoop.Job(transfer: transfer, host: host, group: group, done: done))
            return {
                transfer.cancel()
                transfers.wake()
            }
        }
    }

    /// A GET of `url` with its request headers, and the host it goes to.
    private func transfer(get url: URL, validators: Validators, accept: String) -> Result<(CurlTransfer, String), FetchFailure> {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host else {
            return .failure(.badURL(url.absoluteString))
        }
        var headers = ["Accept: \(accept)"]
        if let etag = validators.etag { headers.append("If-None-Match: \(etag)") }
        if let date = validators.lastModified { headers.append("If-Modified-Since: \(date)") }
        // A header value with a line break would inject headers of its own.
        headers = headers.filter { !$0.contains(where: { $0 == "\r" || $0 == "\n" }) }
        return .success((CurlTransfer(url: url, headers: headers, limits: limits), host))
    }

    /// POSTs `body` to `url` (a sync server's API), under the same limits as a GET. The
    /// body is never logged or put in an error: it may hold a password.
    public func post(_ url: URL, body: Data, contentType: String = "application/json") async -> Result<HTTPResponse, FetchFailure> {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host else {
            return .failure(.badURL(url.absoluteString))
        }
        let headers = ["Content-Type: \(contentType)", "Accept: application/json"]
            .filter { !$0.contains(where: { $0 == "\r" || $0 == "\n" }) }
        return await run(CurlTransfer(url: url, headers: headers, limits: limits, postBody: body), host: host)
    }

    private func run(_ transfer: CurlTransfer, host: String, group: TransferGroup? = nil) async -> Result<HTTPResponse, FetchFailure> {
        let transfers = self.transfers
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfers.run(TransferLoop.Job(transfer: transfer, host: host, group: group) { continuation.resume(returning: $0) })
            }
        } onCancel: {
            transfer.cancel()
            transfers.wake()
        }
    }
}
