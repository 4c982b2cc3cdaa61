import Testing
@testable import BylineFeeds

/// What a failed fetch says: the status a server answered, in the words HTTP gives it.
@Suite struct FetchFailureTests {
    @Test func aStatusIsNamedAsHTTPNamesIt() {
        #expect(FetchFailure.http(status: 404).description == "HTTP 404 Not Found")
        #expect(FetchFailure.http(status: 429).description == "HTTP 429 Too Many Requests")
        #expect(FetchFailure.http(status: 503).description == "HTTP 503 Service Unavailable")
        #expect(FetchFailure.http(status: 410).description == "HTTP 410 Gone")
    }

    @Test func aStatusWithoutAStandardNameSaysItsClass() {
        #expect(FetchFailure.http(status: 499).description == "HTTP 499 Client Error")
        #expect(FetchFailure.http(status: 599).description == "HTTP 599 Server Error")
    }
}
