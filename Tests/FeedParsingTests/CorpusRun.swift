import FeedParsing
import Foundation

/// Runs every corpus case through `FeedParser` and judges the results with feedparser's
/// own expectations, evaluated in one Python process.
struct CorpusRun {
    struct Verdict {
        let item: CorpusCase
        let passed: Bool
        let reason: String?
    }

    /// Every case parsed: the parse results mapped to feedparser's keys, by path.
    static func parseAll(_ cases: [CorpusCase], server: CorpusHTTPServer) async throws -> [String: [String: Any]] {
        var results: [String: [String: Any]] = [:]
        for item in cases where item.skipReason == nil {
            if item.http {
                let (data, url, headers) = try await server.fetch(item.path)
                let parsed = FeedParser.parse(data, url: url, contentType: headers["content-type"],
                                              contentLocation: headers["content-location"],
                                              contentLanguage: headers["content-language"])
                results[item.path] = CorpusResultJSON.result(parsed, headers: headers)
            } else {
                let raw = try Corpus.data(item)
                let parsed = item.isDecodedText
                    ? FeedParser.parse(Corpus.decodedText(raw), contentType: item.suite == "json" ? "application/json" : "application/xml; charset=utf-8")
                    : FeedParser.parse(raw)
                results[item.path] = CorpusResultJSON.result(parsed, headers: [:])
            }
        }
        return results
    }

    /// Evaluates each case's `Expect:` expression against its result.
    static func evaluate(_ cases: [CorpusCase], results: [String: [String: Any]], port: Int) throws -> [Verdict] {
        let input = cases.compactMap { item -> [String: Any]? in
            guard let result = results[item.path] else { return nil }
            return ["path": item.path, "expect": item.expect, "result": result]
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("byline-corpus-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Corpus.harness.appendingPathComponent("evaluate_expectations.py").path,
                             file.path, "--port", String(port)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CorpusHarnessError.evaluatorFailed(errorText) }

        var verdicts: [String: (Bool, String?)] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let path = object["path"] as? String else { continue }
            verdicts[path] = (object["ok"] as? Bool ?? false, object["error"] as? String)
        }
        return cases.compactMap { item in
            guard item.skipReason == nil else { return nil }
            let (passed, reason) = verdicts[item.path] ?? (false, "not evaluated")
            return Verdict(item: item, passed: passed, reason: reason)
        }
    }
}
