import CCurl
import Foundation

/// One GET (or a sync server's POST) through libcurl: its options, its limits, and what
/// the response comes to. `TransferLoop` runs it, beside the client's other transfers.
///
/// The limits live in libcurl's callbacks, which run on the loop's thread as the bytes
/// arrive: the body callback refuses the chunk that would pass `maxBytes` (bytes after
/// decoding, so a gzip bomb stops at the cap), and the progress callback, which libcurl
/// calls at least once a second even when nothing arrives, stops a cancelled or overdue
/// transfer (the loop checks both too, whenever it wakes).
final class CurlTransfer: @unchecked Sendable {
    let url: URL
    let headers: [String]
    let limits: FetchLimits
    /// A POST's body; nil for a GET.
    let postBody: Data?
    private let lock = NSLock()
    private var cancelled = false
    private var deadline: UInt64 = 0

    // Written only by libcurl's callbacks on the loop's thread.
    private var body = Data()
    private var tooLarge = false
    private var overdue = false
    /// The status of each response on the way, redirects included.
    private var statuses: [Int] = []
    /// The last response's headers, names lowercased.
    private var responseHeaders: [String: String] = [:]
    private var lastLocation: String?
    /// What libcurl holds for the transfer while it runs: its request headers and the
    /// buffer it writes an error message into.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(url: URL, headers: [String], limits: FetchLimits, postBody: Data? = nil) {
        self.url = url
        self.headers = headers
        self.limits = limits
        self.postBody = postBody
    }

    /// Stops the transfer at libcurl's next callback.
    func cancel() {
        lock.withLock { cancelled = true }
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Whether the transfer should stop now: cancelled, or past its deadline.
    var shouldStop: Bool {
        if lock.withLock({ cancelled }) { return true }
        if DispatchTime.now().uptimeNanoseconds > deadline {
            overdue = true
            return true
        }
        return false
    }

    /// Sets `handle` (new, or reset since its last transfer) up for this transfer, whose
    /// time starts now. Called on the loop's thread, before the handle joins its multi.
    func start(on handle: UnsafeMutableRawPointer) {
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, limits.timeout) * 1e9)
        for header in headers { headerList = curl_slist_append(headerList, header) }
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        let milliseconds = Int(max(1, limits.timeout * 1000))
        byline_curl_set_string(handle, CURLOPT_URL, url.absoluteString)
        if let postBody {
            // COPYPOSTFIELDS copies the bytes at once, so they need not outlive this call.
            byline_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, postBody.count)
            postBody.withUnsafeBytes { bytes in
                _ = byline_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        byline_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        byline_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        byline_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        byline_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        byline_curl_set_long(handle, CURLOPT_MAXREDIRS, limits.maxRedirects)
        byline_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        byline_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        // An empty string asks for every encoding libcurl can decode; it inflates
        // chunk by chunk, and each chunk passes the cap in `receiveBody` below.
        byline_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        // A declared Content-Length past the cap is refused before the body is read.
        byline_curl_set_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBytes))
        byline_curl_set_string(handle, CURLOPT_USERAGENT, "Byline/0.1 (terminal newsreader)")
        byline_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList)
        byline_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        byline_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(data, size * count)
        }
        byline_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        byline_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(data, size * count)
        }
        byline_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        byline_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)
        byline_curl_set_progress_callback(handle) { context, _, _, _, _ in
            guard let context else { return 1 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().shouldStop ? 1 : 0
        }
        byline_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
    }

    /// What the transfer came to, once libcurl says it ended with `code` (or the loop
    /// stopped it): read from `handle` before the handle is reset for another transfer.
    func finish(_ code: CURLcode, handle: UnsafeMutableRawPointer) -> Result<HTTPResponse, FetchFailure> {
        let message = String(cString: errorBuffer)
        return outcome(code, handle: handle, message: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
    }

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if shouldStop { return 0 }
        if body.count + count > limits.maxBytes {
            tooLarge = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { body.append($0, count: count) }
        return count
    }

    /// One header line, read as bytes: Foundation's trimming and a string for every line
    /// made a twentieth of an unchanged refetch.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if shouldStop { return 0 }
        let line = Self.trimmed(UnsafeRawBufferPointer(start: data, count: count)[...], newlines: true)
        if line.starts(with: "HTTP/".utf8) {
            // A new response begins: after a redirect, or after a 100 Continue.
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            statuses.append(fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0)
            responseHeaders = [:]
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            // Header names are ASCII tokens: lowercased byte by byte.
            let name = String(decoding: line[..<colon].map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
            let value = String(decoding: Self.trimmed(line[(colon + 1)...], newlines: false), as: UTF8.self)
            responseHeaders[name] = value
            if name == "location" { lastLocation = value }
        }
        return count
    }

    /// `bytes` without the spaces and tabs (and line ends, when `newlines`) at either end.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, newlines: Bool) -> Slice<UnsafeRawBufferPointer> {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || newlines && (byte == 0x0D || byte == 0x0A) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
    }

    private func outcome(_ code: CURLcode, handle: UnsafeMutableRawPointer, message: String) -> Result<HTTPResponse, FetchFailure> {
        let host = url.host ?? "the server"
        if tooLarge || code == CURLE_FILESIZE_EXCEEDED { return .failure(.tooLarge(limit: limits.maxBytes)) }
        if overdue || code == CURLE_OPERATION_TIMEDOUT { return .failure(.timedOut(seconds: limits.timeout)) }
        if lock.withLock({ cancelled }) { return .failure(.other("cancelled")) }
        switch code {
        case CURLE_OK: break
        case CURLE_TOO_MANY_REDIRECTS: return .failure(.tooManyRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            // Only a redirect can lead off the web here: the first URL was checked.
            return .failure(.badURL(lastLocation ?? url.absoluteString))
        case CURLE_COULDNT_RESOLVE_HOST: return .failure(.hostNotFound(host))
        case CURLE_COULDNT_CONNECT: return .failure(.refused(host))
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: return .failure(.connectionLost)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .failure(.tls(message))
        case CURLE_BAD_CONTENT_ENCODING: return .failure(.other("the server's compressed body is damaged"))
        default: return .failure(.other(message))
        }
        var status = 0
        byline_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard status != 0 else { return .failure(.other("no HTTP response from \(host)")) }
        guard (200..<300).contains(status) || status == 304 else { return .failure(.http(status: status)) }
        var effective: UnsafeMutablePointer<CChar>?
        byline_curl_get_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.flatMap { URL(string: String(cString: $0)) } ?? url
        let redirects = statuses.filter { (300..<400).contains($0) && $0 != 304 }
        return .success(HTTPResponse(
            status: status, finalURL: finalURL,
            permanentlyMoved: !redirects.isEmpty && redirects.allSatisfy { $0 == 301 || $0 == 308 },
            etag: responseHeaders["etag"], lastModified: responseHeaders["last-modified"],
            contentType: responseHeaders["content-type"], body: body))
    }
}
