import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GETs over HTTP(S) with URLSession, with the limits feeds need: a deadline per request,
/// a cap on the bytes read, conditional GET, and a record of permanent redirects.
///
/// One client shares its connections among many requests; `close()` it when done
/// (URLSession holds on to its delegate until then).
public final class HTTPClient: NSObject, @unchecked Sendable {
    public let limits: FetchLimits
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private var session: URLSession?

    public init(limits: FetchLimits = FetchLimits(), connectionsPerHost: Int = 8) {
        self.limits = limits
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        // Byline keeps its own validators; a URL cache would answer for the server.
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = limits.timeout
        configuration.timeoutIntervalForResource = limits.timeout
        configuration.httpMaximumConnectionsPerHost = connectionsPerHost
        configuration.httpCookieStorage = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    public func close() {
        lock.withLock { session }?.finishTasksAndInvalidate()
    }

    /// GETs `url`, sending `validators` so an unchanged resource answers 304.
    public func get(_ url: URL, validators: Validators = Validators(), accept: String = "*/*") async -> Result<HTTPResponse, FetchFailure> {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            return .failure(.badURL(url.absoluteString))
        }
        guard let session = lock.withLock({ session }) else { return .failure(.other("client closed")) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: limits.timeout)
        request.setValue("Byline/0.1 (terminal newsreader)", forHTTPHeaderField: "User-Agent")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let etag = validators.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let date = validators.lastModified { request.setValue(date, forHTTPHeaderField: "If-Modified-Since") }
        return await perform(request, in: session)
    }

    /// POSTs `body` to `url` (a sync server's API), under the same limits as a GET. The
    /// body is never logged or put in an error: it may hold a password.
    public func post(_ url: URL, body: Data, contentType: String = "application/json") async -> Result<HTTPResponse, FetchFailure> {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            return .failure(.badURL(url.absoluteString))
        }
        guard let session = lock.withLock({ session }) else { return .failure(.other("client closed")) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: limits.timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("Byline/0.1 (terminal newsreader)", forHTTPHeaderField: "User-Agent")
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return await perform(request, in: session)
    }

    private func perform(_ request: URLRequest, in session: URLSession) async -> Result<HTTPResponse, FetchFailure> {
        let task = session.dataTask(with: request)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.withLock { transfers[task.taskIdentifier] = Transfer(continuation: continuation) }
                task.resume()
                // The session's own time-outs count idle time; this one is the whole request.
                DispatchQueue.global().asyncAfter(deadline: .now() + limits.timeout) { [weak self, weak task] in
                    guard let self, let task else { return }
                    let running = self.lock.withLock { () -> Bool in
                        guard let transfer = self.transfers[task.taskIdentifier] else { return false }
                        transfer.timedOut = true
                        return true
                    }
                    if running { task.cancel() }
                }
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// The state of one request while it runs.
    final class Transfer {
        let continuation: CheckedContinuation<Result<HTTPResponse, FetchFailure>, Never>
        var body = Data()
        var redirects = 0
        var permanent = true
        var tooLarge = false
        var tooManyRedirects = false
        /// A redirect to something other than http(s), such as `file:`.
        var refusedRedirect: String?
        var timedOut = false

        init(continuation: CheckedContinuation<Result<HTTPResponse, FetchFailure>, Never>) {
            self.continuation = continuation
        }
    }

    private func transfer(_ task: URLSessionTask) -> Transfer? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    fileprivate func finish(_ task: URLSessionTask, error: Error?) {
        guard let transfer = lock.withLock({ transfers.removeValue(forKey: task.taskIdentifier) }) else { return }
        transfer.continuation.resume(returning: outcome(of: task, transfer: transfer, error: error))
    }

    private func outcome(of task: URLSessionTask, transfer: Transfer, error: Error?) -> Result<HTTPResponse, FetchFailure> {
        let host = task.originalRequest?.url?.host ?? "the server"
        if transfer.tooLarge { return .failure(.tooLarge(limit: limits.maxBytes)) }
        if transfer.timedOut { return .failure(.timedOut(seconds: limits.timeout)) }
        if transfer.tooManyRedirects { return .failure(.tooManyRedirects) }
        if let target = transfer.refusedRedirect { return .failure(.badURL(target)) }
        if let error { return .failure(Self.failure(error, host: host, timeout: limits.timeout)) }
        guard let response = task.response as? HTTPURLResponse, let finalURL = response.url ?? task.currentRequest?.url else {
            return .failure(.other("no HTTP response from \(host)"))
        }
        let status = response.statusCode
        guard (200..<300).contains(status) || status == 304 else { return .failure(.http(status: status)) }
        return .success(HTTPResponse(
            status: status, finalURL: finalURL, permanentlyMoved: transfer.redirects > 0 && transfer.permanent,
            etag: response.value(forHTTPHeaderField: "ETag"),
            lastModified: response.value(forHTTPHeaderField: "Last-Modified"),
            contentType: response.value(forHTTPHeaderField: "Content-Type"),
            body: transfer.body))
    }

    static func failure(_ error: Error, host: String, timeout: Double) -> FetchFailure {
        guard let error = error as? URLError else { return .other(error.localizedDescription) }
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound(host)
        case .cannotConnectToHost: return .refused(host)
        case .timedOut: return .timedOut(seconds: timeout)
        case .networkConnectionLost, .notConnectedToInternet: return .connectionLost
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .tls(error.localizedDescription)
        case .httpTooManyRedirects: return .tooManyRedirects
        case .unsupportedURL, .badURL: return .badURL(error.failingURL?.absoluteString ?? host)
        default: return .other(error.localizedDescription)
        }
    }
}

extension HTTPClient: URLSessionDataDelegate {
    /// A declared length past the limit is refused before any of the body is read.
    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if response.expectedContentLength > Int64(limits.maxBytes), let transfer = transfer(dataTask) {
            lock.withLock { transfer.tooLarge = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let transfer = transfer(dataTask) else { return }
        let over = lock.withLock { () -> Bool in
            transfer.body.append(data)
            if transfer.body.count > limits.maxBytes { transfer.tooLarge = true }
            return transfer.tooLarge
        }
        if over { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let transfer = transfer(task) else { completionHandler(nil); return }
        // FoundationNetworking rewrites a `file:` Location into a path on the same server,
        // so the header itself is checked too.
        let location = response.value(forHTTPHeaderField: "Location").flatMap { URL(string: $0) }
        let scheme = (location?.scheme ?? request.url?.scheme)?.lowercased()
        let follow = lock.withLock { () -> Bool in
            transfer.redirects += 1
            if response.statusCode != 301 && response.statusCode != 308 { transfer.permanent = false }
            if transfer.redirects > limits.maxRedirects { transfer.tooManyRedirects = true }
            if scheme != "http" && scheme != "https" { transfer.refusedRedirect = (location ?? request.url)?.absoluteString ?? "?" }
            return !transfer.tooManyRedirects && transfer.refusedRedirect == nil
        }
        if follow {
            completionHandler(request)
        } else {
            completionHandler(nil)
            task.cancel()
        }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        finish(task, error: error)
    }
}
