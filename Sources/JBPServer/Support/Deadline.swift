import Synchronization

/// The deadline was reached before the work finished.
struct DeadlinePassed: Error {}

/// Who of the work and the timer finished first, and the work's task (to cancel it).
private final class Race: Sendable {
    let state = Mutex<(done: Bool, work: Task<Void, Never>?, timer: Task<Void, Never>?)>((false, nil, nil))

    /// True for the first caller only.
    func claim() -> Bool {
        state.withLock { state in
            defer { state.done = true }
            return !state.done
        }
    }
}

/// Runs `body`, answering `DeadlinePassed` once `seconds` have passed even if `body` does not
/// notice its cancellation (a connection attempt stuck in a busy event loop): the caller is free
/// at the deadline, and `body` is cancelled and left to end on its own.
func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let race = Race()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            guard race.claim() else { return }
            continuation.resume(with: result)
            // No timer left sleeping for every query that answered in time.
            race.state.withLock { $0.timer }?.cancel()
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))) != nil, race.claim() else { return }
            continuation.resume(throwing: DeadlinePassed())
            race.state.withLock { $0.work }?.cancel()
        }
        race.state.withLock { state in
            state.work = work
            state.timer = timer
            // The work may have finished before the timer was stored.
            if state.done { timer.cancel() }
        }
    }
}
