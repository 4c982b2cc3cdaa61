import BylineFeeds
import Foundation
import Testing
import TestSupport

/// One client's requests run side by side on a thread of its own, which ends when the client
/// is closed and idle: what a reader of feeds would notice of that.
@Suite("HTTP requests side by side on one client")
struct HTTPClientTests {
    private func body(_ result: Result<HTTPResponse, FetchFailure>) -> String? {
        guard case .success(let response) = result else { return nil }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// The bodies of `count` requests made at once to `/0`, `/1`, …, by request number.
    private func answers(_ count: Int, from server: LoopbackServer, client: HTTPClient,
                         group requests: TransferGroup? = nil) async -> [Int: String] {
        await withTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<count {
                group.addTask { (index, self.body(await client.get(URL(string: server.url("/\(index)"))!, group: requests))) }
            }
            var answers: [Int: String] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
    }

    /// The reader's `R` and following a link close their client when done; a request made
    /// after that, once the client's thread has ended, is still answered.
    @Test func aClosedClientStillAnswersALaterRequest() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/page", LoopbackServer.Route(contentType: "text/plain", body: "the page"))
        let client = HTTPClient(limits: FetchLimits(timeout: 10))
        #expect(body(await client.get(URL(string: server.url("/page"))!)) == "the page")
        client.close()
        try await Task.sleep(for: .milliseconds(300))
        #expect(body(await client.get(URL(string: server.url("/page"))!)) == "the page")
    }

    /// A request given up (its task cancelled, as when the reader leaves a page loading)
    /// ends as cancelled rather than waiting for the server, and one beside it still lands.
    @Test func aCancelledRequestEndsAsCancelledWhileAnotherLands() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/slow", LoopbackServer.Route(contentType: "text/plain", body: "too late", delay: 20))
        server.route("/quick", LoopbackServer.Route(contentType: "text/plain", body: "quick"))
        let client = HTTPClient(limits: FetchLimits(timeout: 30))
        defer { client.close() }
        let slow = Task { await client.get(URL(string: server.url("/slow"))!) }
        #expect(body(await client.get(URL(string: server.url("/quick"))!)) == "quick")
        slow.cancel()
        let given = await slow.value
        guard case .failure(let failure) = given else {
            Issue.record("the cancelled request was answered: \(String(describing: body(given)))")
            return
        }
        #expect(failure == .other("cancelled"))
    }

    /// Many requests to one host at once, more than it may take together: each is answered
    /// with its own body.
    @Test func requestsBeyondTheHostsLimitWaitTheirTurnAndEachGetsItsOwnAnswer() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        for index in 0..<20 {
            server.route("/\(index)", LoopbackServer.Route(contentType: "text/plain", body: "answer \(index)", delay: 0.05))
        }
        let client = HTTPClient(limits: FetchLimits(timeout: 10), connectionsPerHost: 3)
        defer { client.close() }
        let answers = await answers(20, from: server, client: client)
        #expect(answers == Dictionary(uniqueKeysWithValues: (0..<20).map { ($0, "answer \($0)") }))
    }

    /// A fetch's feeds queue ahead of their turn in one group: no more of them run at once
    /// than the group allows (`--jobs`), though the host would take more, and each is
    /// answered with its own body.
    @Test func aGroupsRequestsRunNoMoreAtOnceThanItsLimit() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        for index in 0..<8 {
            server.route("/\(index)", LoopbackServer.Route(contentType: "text/plain", body: "answer \(index)", delay: 0.15))
        }
        let client = HTTPClient(limits: FetchLimits(timeout: 10), connectionsPerHost: 8)
        defer { client.close() }
        let feeds = TransferGroup(limit: 2)
        let answers = await answers(8, from: server, client: client, group: feeds)
        #expect(answers == Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, "answer \($0)") }))
        #expect(server.mostAtOnce == 2)
    }
}
