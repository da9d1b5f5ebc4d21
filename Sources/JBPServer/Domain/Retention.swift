import Foundation
import Logging
import ServiceLifecycle

extension Classroom {
    /// Deletes the sessions that ended more than `days` days ago (`--retain-days`), each with
    /// everything in it; returns them. A session's last day is read in its own zone.
    public func purgeEnded(retainDays days: Int, now: Date = Date()) async throws -> [CourseSession] {
        var deleted: [CourseSession] = []
        for session in try await store.sessions() {
            // The end of the last day in the session's zone, then the days kept.
            guard let ended = Dates.deadline(session.endsOn, timeZone: session.zone) else { continue }
            let limit = ended.addingTimeInterval(Double(days) * 86_400)
            guard now > limit else { continue }
            if try await store.deleteSession(id: session.id) {
                deleted.append(session)
            }
        }
        return deleted
    }
}

/// `--retain-days N`: the server deletes the sessions that ended more than N days ago by itself,
/// at start and then every six hours, with a line in the log for each. With several instances each
/// runs it; deleting what another already deleted does nothing.
struct RetentionService: Service {
    let classroom: Classroom
    let days: Int
    let logger: Logger
    var every: Duration = .seconds(6 * 3600)

    func run() async throws {
        while !Task.isCancelled {
            do {
                for session in try await classroom.purgeEnded(retainDays: days) {
                    logger.notice(
                        "retention: deleted session \(session.id) \"\(session.title)\" (ended \(session.endsOn), kept \(days) days) and everything in it")
                }
            } catch {
                // The database may be away for a moment: the next round tries again.
                logger.warning("retention: could not purge ended sessions: \(error)")
            }
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
        }
    }
}
