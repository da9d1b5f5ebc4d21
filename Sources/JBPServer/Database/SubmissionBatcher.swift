import GRDB
import Synchronization

/// Group commit for submissions.
///
/// With `synchronous = FULL` every commit waits for the disk (about 1.5 ms here), which would
/// cap the server near 650 submissions a second. Submissions that arrive while a commit is in
/// flight wait together and are written in the next transaction, each in its own savepoint (so
/// one refusal does not undo the others); every caller is answered only after that transaction
/// has committed, so an acknowledged submission is on disk all the same.
final class SubmissionBatcher: Sendable {
    private struct Waiting: Sendable {
        var submission: NewSubmission
        var continuation: CheckedContinuation<(submission: Submission, attemptsUsed: Int), any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// The most submissions one transaction writes; the rest wait for the next.
    private let maxBatch = 512

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Records one submission; returns once it is committed.
    func record(_ submission: NewSubmission) async throws -> (submission: Submission, attemptsUsed: Int) {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state -> Bool in
                state.waiting.append(Waiting(submission: submission, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = Array(state.waiting.prefix(maxBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let submissions = batch.map(\.submission)
            do {
                let results = try await writer.write { db in
                    submissions.map { submission in
                        Result<(submission: Submission, attemptsUsed: Int), any Error> {
                            var stored: (submission: Submission, attemptsUsed: Int)?
                            try db.inSavepoint {
                                stored = try AppDatabase.insertSubmission(submission, in: db)
                                return .commit
                            }
                            return stored!
                        }
                    }
                }
                for (waiting, result) in zip(batch, results) { waiting.continuation.resume(with: result) }
            } catch {
                // The transaction did not commit: nobody's submission was stored.
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
