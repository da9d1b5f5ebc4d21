import Foundation
import Synchronization

/// Slows down repeated wrong join codes and passwords from one client address.
///
/// The first `freeFailures` failures within `window` cost nothing; after that the address
/// must wait 2, 4, 8 … seconds (at most `maxDelay`) after its latest failure before trying
/// again, right or wrong. Answering 429 at once, rather than sleeping, keeps a guesser from
/// tying up connections. Kept in memory: a restart forgets, which only helps a guesser by one
/// window.
public final class FailureLimiter: Sendable {
    private struct Record {
        var failures: [Date]
    }

    private let state = Mutex<[String: Record]>([:])
    let freeFailures: Int
    let window: TimeInterval
    let maxDelay: TimeInterval
    private let maxEntries = 10_000

    public init(freeFailures: Int = 5, window: TimeInterval = 15 * 60, maxDelay: TimeInterval = 300) {
        self.freeFailures = freeFailures
        self.window = window
        self.maxDelay = maxDelay
    }

    /// Seconds `client` must still wait before another attempt, or nil when it may try now.
    public func waitTime(for client: String, now: Date = Date()) -> TimeInterval? {
        state.withLock { records in
            guard let record = records[client] else { return nil }
            let recent = record.failures.filter { now.timeIntervalSince($0) < window }
            guard recent.count >= freeFailures, let last = recent.last else { return nil }
            let delay = min(maxDelay, pow(2, Double(recent.count - freeFailures + 1)))
            let remaining = last.addingTimeInterval(delay).timeIntervalSince(now)
            return remaining > 0 ? remaining : nil
        }
    }

    /// Counts a wrong attempt from `client`.
    public func recordFailure(for client: String, now: Date = Date()) {
        state.withLock { records in
            if records.count >= maxEntries {
                // Forget addresses whose failures are all outside the window; bounded memory under a flood.
                records = records.filter { _, record in record.failures.contains { now.timeIntervalSince($0) < window } }
                if records.count >= maxEntries { records.removeAll() }
            }
            var record = records[client] ?? Record(failures: [])
            record.failures = record.failures.filter { now.timeIntervalSince($0) < window }
            record.failures.append(now)
            if record.failures.count > 64 { record.failures.removeFirst(record.failures.count - 64) }
            records[client] = record
        }
    }
}
