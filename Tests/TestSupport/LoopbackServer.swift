import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: canned responses by path, with headers,
/// status, gzip bodies, delays and conditional GET. It picks a free port, serves each
/// connection on its own thread, and stops when `stop()` is called or it is released.
public final class LoopbackServer: @unchecked Sendable {
    /// What the server answers for one path.
    public struct Route: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        /// Sends the body gzip-encoded, with `Content-Encoding: gzip`.
        public var gzip: Bool
        /// Waits this long before answering.
        public var delay: Double
        /// Answers 304 when the request's If-None-Match matches (sends `ETag`).
        public var etag: String?
        /// Answers 304 when If-Modified-Since equals it (sends `Last-Modified`).
        public var lastModified: String?
        /// Sends this gzip bomb as the body (`Content-Encoding: gzip`, no length, made as
        /// it is sent) instead of `body`.
        public var bomb: GzipBomb?

        public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data(), gzip: Bool = false,
                    delay: Double = 0, etag: String? = nil, lastModified: String? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.gzip = gzip
            self.delay = delay
            self.etag = etag
            self.lastModified = lastModified
        }

        public init(status: Int = 200, contentType: String, body: String, gzip: Bool = false, delay: Double = 0,
                    etag: String? = nil, lastModified: String? = nil) {
            self.init(status: status, headers: ["Content-Type": contentType], body: Data(body.utf8), gzip: gzip,
                      delay: delay, etag: etag, lastModified: lastModified)
        }

        /// A redirect to `location` (absolute or a path on this server).
        public static func redirect(_ status: Int, to location: String) -> Route {
            Route(status: status, headers: ["Location": location])
        }
    }

    /// A request the server saw.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
    }

    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: Route] = [:]
    private var seen: [Request] = []
    private var inFlight = 0
    private var mostInFlight = 0
    private var stopped = false

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError("bind/listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func url(_ path: String) -> String { baseURL + path }

    public func route(_ path: String, _ route: Route) {
        lock.withLock { routes[path] = route }
    }

    /// The requests served so far, oldest first.
    public var requests: [Request] { lock.withLock { seen } }

    public func requests(for path: String) -> [Request] { requests.filter { $0.path == path } }

    /// The most requests the server was answering at one time so far.
    public var mostAtOnce: Int { lock.withLock { mostInFlight } }

    public func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if wasRunning {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0, !isStopped else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let thread = Thread { [weak self] in
                self?.serve(client)
                close(client)
            }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        guard let request = readRequest(client) else { return }
        lock.withLock {
            seen.append(request)
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
        }
        let route = lock.withLock { routes[request.path] } ?? Route(status: 404, contentType: "text/plain", body: "not found")
        if route.delay > 0 { Thread.sleep(forTimeInterval: route.delay) }
        // Counted out before the answer goes: a client may send its next request as soon
        // as it has this one's answer, before this thread would run again.
        lock.withLock { inFlight -= 1 }
        if let bomb = route.bomb {
            var head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n"
            for (name, value) in route.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
            guard send(Data((head + "\r\n").utf8), to: client) else { return }
            bomb.produce { send($0, to: client) }
            return
        }
        send(response(for: route, request: request), to: client)
    }

    private func response(for route: Route, request: Request) -> Data {
        var headers = route.headers
        if let etag = route.etag { headers["ETag"] = etag }
        if let date = route.lastModified { headers["Last-Modified"] = date }
        let etagMatches = route.etag != nil && request.headers["if-none-match"] == route.etag
        let dateMatches = route.lastModified != nil && request.headers["if-modified-since"] == route.lastModified
        var status = route.status
        var body = route.body
        if etagMatches || (route.etag == nil && dateMatches) {
            status = 304
            body = Data()
        } else if route.gzip {
            body = Gzip.wrap(body)
            headers["Content-Encoding"] = "gzip"
        }
        if let location = headers["Location"], location.hasPrefix("/") { headers["Location"] = baseURL + location }
        headers["Content-Length"] = "\(body.count)"
        headers["Connection"] = "close"
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Data(head.utf8) + body
    }

    private func readRequest(_ client: Int32) -> Request? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = [13, 10, 13, 10]
        while buffer.count < 65_536 {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            if let range = buffer.firstRange(of: end) {
                let text = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                let lines = text.components(separatedBy: "\r\n")
                let parts = lines.first?.split(separator: " ") ?? []
                guard parts.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                return Request(method: String(parts[0]), path: String(parts[1]), headers: headers)
            }
        }
        return nil
    }

    /// Sends all of `data`; false when the client has gone.
    @discardableResult
    private func send(_ data: Data, to client: Int32) -> Bool {
        data.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let count = Glibc.send(client, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { return false }
                sent += count
            }
            return true
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
