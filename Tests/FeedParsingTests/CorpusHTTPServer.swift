import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The corpus served over HTTP by `Corpus/serve_corpus.py` on 127.0.0.1, so HTTP cases
/// reach the parser the way real feeds do: fetched with URLSession, with the served
/// Content-Type and URL. The server stops when this object's pipe closes.
final class CorpusHTTPServer {
    let port: Int
    private let process: Process
    private let input: Pipe

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Corpus.harness.appendingPathComponent("serve_corpus.py").path, Corpus.root.path]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CorpusHarnessError.serverDidNotStart
        }
        self.port = port
    }

    /// Fetches a corpus file; gives the body, the final URL and the response headers.
    func fetch(_ path: String) async throws -> (Data, URL, [String: String]) {
        guard let url = URL(string: "http://127.0.0.1:\(port)/tests/\(path)") else { throw CorpusHarnessError.badPath(path) }
        let (data, response) = try await URLSession.shared.data(from: url)
        var headers: [String: String] = [:]
        if let http = response as? HTTPURLResponse {
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
            }
        }
        return (data, response.url ?? url, headers)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

enum CorpusHarnessError: Error {
    case serverDidNotStart
    case badPath(String)
    case evaluatorFailed(String)
}
