import Testing
@testable import BylineFeeds

/// `Arrivals` hands a fetch's downloads, parsed feeds and stories to the task that
/// saves them: a value taken must be let go at once, or a fetch holds every feed it
/// read until it ends.
@Suite struct ArrivalsTests {
    /// Stands for a feed's download: something large whose release can be seen.
    final class Download: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    @Test func aValueTakenIsLetGoWhileOthersStillWait() async {
        let arrivals = Arrivals<Download>()
        weak var taken: Download?
        do {
            let first = Download(1)
            taken = first
            arrivals.send(first)
        }
        arrivals.send(Download(2))
        arrivals.send(Download(3))
        let value = await arrivals.next()
        #expect(value.number == 1)
        _ = consume value
        // The queue is not empty, and the first download is gone.
        #expect(taken == nil)
        #expect(await arrivals.next().number == 2)
        #expect(await arrivals.next().number == 3)
    }

    @Test func valuesComeInTheOrderSentWhileTheQueueNeverEmpties() async {
        let arrivals = Arrivals<Download>()
        var next = 0
        var received: [Int] = []
        // Two sent for every one taken, then the rest: the queue stays long, and the
        // slots already taken are dropped from its front along the way.
        for _ in 0..<300 {
            arrivals.send(Download(next)); next += 1
            arrivals.send(Download(next)); next += 1
            received.append(await arrivals.next().number)
        }
        while received.count < next { received.append(await arrivals.next().number) }
        #expect(received == Array(0..<600))
    }

    @Test func aWaiterIsHandedTheNextValueSent() async {
        let arrivals = Arrivals<Download>()
        async let value = arrivals.next()
        try? await Task.sleep(for: .milliseconds(20))
        arrivals.send(Download(7))
        #expect(await value.number == 7)
    }
}
