import CCurl
import Foundation

/// Runs a client's transfers side by side on one thread, through libcurl's multi
/// interface, as `curl --parallel` does.
///
/// A thread per transfer, each running libcurl's blocking easy interface, set up a fresh
/// handle, a multi handle of its own and its wake-up socket pair for every request, and
/// handed each result between threads twice: for an unchanged refetch of 100 feeds that
/// was more of the work than the requests. Here one thread waits on every socket at once,
/// handles are reset and reused, and connections and host names stay cached between
/// requests, so feeds on one host that keeps connections open share them.
///
/// At most `perHost` transfers to one host run at once, and at most a group's `limit` of
/// the transfers queued in one `TransferGroup`; the rest wait their turn, and a transfer's
/// time (its deadline) starts when it leaves the queue. A transfer waiting its turn starts
/// here the moment one ends, so a caller that queues a few more than may run at once keeps
/// every slot busy without a round trip through its own threads. The thread starts with
/// the first transfer and ends when it has had none for `idleSeconds`, or as soon as it is
/// idle once the client is closed.
final class TransferLoop: @unchecked Sendable {
    struct Job {
        let transfer: CurlTransfer
        let host: String
        var group: TransferGroup? = nil
        let done: @Sendable (Result<HTTPResponse, FetchFailure>) -> Void
    }

    private let perHost: Int
    private let idleSeconds: Double
    private let condition = NSCondition()
    // Under `condition`'s lock.
    private var queued: [Job] = []
    private var threadRunning = false
    private var closing = false
    /// The running thread's multi handle, for waking it from other threads.
    private var multi: UnsafeMutableRawPointer?

    /// Reset handles kept for the next transfers: no more than this many.
    private static let spareHandles = 16

    init(perHost: Int, idleSeconds: Double = 5) {
        self.perHost = max(1, perHost)
        self.idleSeconds = idleSeconds
    }

    /// Queues `job`; its `done` is called on the loop's thread when it ends.
    func run(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        queued.append(job)
        if threadRunning {
            wakeLocked()
        } else {
            threadRunning = true
            let thread = Thread { [self] in loop() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Makes the loop look at its transfers now: one was cancelled.
    func wake() {
        condition.lock()
        wakeLocked()
        condition.unlock()
    }

    /// The loop ends as soon as it has nothing to do, rather than waiting for more.
    func close() {
        condition.lock()
        closing = true
        wakeLocked()
        condition.unlock()
    }

    private func wakeLocked() {
        condition.signal()
        if let multi { curl_multi_wakeup(multi) }
    }

    // Used by the loop's thread alone (and `spare` under the lock as the thread ends).
    /// The transfers running, by easy handle.
    private var active: [UnsafeMutableRawPointer: Job] = [:]
    private var runningPerHost: [String: Int] = [:]
    private var runningPerGroup: [ObjectIdentifier: Int] = [:]
    private var spare: [UnsafeMutableRawPointer] = []

    private func loop() {
        // Once per process, and begun by `HTTPClient.prepare` before the first transfer.
        byline_curl_set_up()
        guard let multi = curl_multi_init() else {
            failQueued()
            return
        }
        condition.lock()
        self.multi = multi
        condition.unlock()
        while let starting = nextJobs() {
            for job in starting { start(job, in: multi) }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var handle: UnsafeMutableRawPointer?
            var code = CURLE_OK
            var ended = false
            while byline_curl_next_done(multi, &handle, &code) != 0, let handle {
                finish(handle, code, in: multi)
                ended = true
            }
            // Cancelled or overdue, and libcurl has not called back since to say so.
            for (handle, job) in active where job.transfer.shouldStop {
                finish(handle, CURLE_ABORTED_BY_CALLBACK, in: multi)
                ended = true
            }
            // A transfer that ended may have made room for one waiting its turn: that one
            // starts now, not when another socket next stirs.
            if ended && hasQueued() { continue }
            if !active.isEmpty {
                // libcurl says how long it may wait; at most a second, so deadlines and
                // cancellations are seen even when no socket stirs.
                var wait = -1
                curl_multi_timeout(multi, &wait)
                curl_multi_poll(multi, nil, 0, Int32(wait < 0 ? 1000 : min(wait, 1000)), nil)
            }
        }
        curl_multi_cleanup(multi)
    }

    /// The queued jobs that may start now (their host has room), waiting while there is
    /// nothing at all to do; nil when the loop should end (idle long enough, or closed).
    private func nextJobs() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        var idleSince: Date?
        while active.isEmpty && queued.isEmpty {
            let now = Date()
            idleSince = idleSince ?? now
            if closing || now.timeIntervalSince(idleSince ?? now) >= idleSeconds {
                // Under the lock: a transfer queued from now on starts a thread of its own,
                // which must find none of this one's handles.
                for handle in spare { curl_easy_cleanup(handle) }
                spare = []
                threadRunning = false
                multi = nil
                return nil
            }
            _ = condition.wait(until: (idleSince ?? now).addingTimeInterval(idleSeconds))
        }
        var starting: [Job] = []
        var waiting: [Job] = []
        var counts = runningPerHost
        var groupCounts = runningPerGroup
        for job in queued {
            let group = job.group.map { (key: ObjectIdentifier($0), limit: $0.limit) }
            if counts[job.host, default: 0] < perHost, group.map({ groupCounts[$0.key, default: 0] < $0.limit }) ?? true {
                counts[job.host, default: 0] += 1
                if let group { groupCounts[group.key, default: 0] += 1 }
                starting.append(job)
            } else {
                waiting.append(job)
            }
        }
        queued = waiting
        return starting
    }

    private func hasQueued() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return !queued.isEmpty
    }

    private func start(_ job: Job, in multi: UnsafeMutableRawPointer) {
        guard let handle = spare.popLast() ?? curl_easy_init() else {
            job.done(.failure(.other("could not start a transfer")))
            return
        }
        job.transfer.start(on: handle)
        guard curl_multi_add_handle(multi, handle) == CURLM_OK else {
            curl_easy_cleanup(handle)
            job.done(.failure(.other("could not start a transfer")))
            return
        }
        active[handle] = job
        runningPerHost[job.host, default: 0] += 1
        if let group = job.group { runningPerGroup[ObjectIdentifier(group), default: 0] += 1 }
    }

    private func finish(_ handle: UnsafeMutableRawPointer, _ code: CURLcode, in multi: UnsafeMutableRawPointer) {
        guard let job = active.removeValue(forKey: handle) else { return }
        curl_multi_remove_handle(multi, handle)
        let result = job.transfer.finish(code, handle: handle)
        runningPerHost[job.host, default: 1] -= 1
        if runningPerHost[job.host] == 0 { runningPerHost[job.host] = nil }
        if let group = job.group {
            let key = ObjectIdentifier(group)
            runningPerGroup[key, default: 1] -= 1
            if runningPerGroup[key] == 0 { runningPerGroup[key] = nil }
        }
        if spare.count < Self.spareHandles {
            curl_easy_reset(handle)
            spare.append(handle)
        } else {
            curl_easy_cleanup(handle)
        }
        job.done(result)
    }

    /// libcurl could not start at all: every waiting transfer fails, and the next one
    /// tries again.
    private func failQueued() {
        condition.lock()
        let failed = queued
        queued = []
        threadRunning = false
        condition.unlock()
        for job in failed { job.done(.failure(.other("could not start a transfer"))) }
    }
}
