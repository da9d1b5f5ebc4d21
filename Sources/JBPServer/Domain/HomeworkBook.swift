import Foundation
import JBPModel

/// The trainer's view of a session's homework, computed from stored rows (pure):
/// each trainee's plan with its failed checks and lateness, and the class's ScoreCard statuses.
public enum HomeworkBook {
    /// One trainee's row.
    public struct PlanRow: Encodable, Sendable {
        public var traineeId: Int64
        public var name: String
        /// The plan exercise of the row (with both plan exercises open, each trainee's own).
        public var exerciseId: String
        public var submissionId: Int64?
        /// The score that counts (override, else automatic).
        public var score: Double?
        public var maxScore: Double?
        public var submissions: Int
        public var hasDraft: Bool
        public var lateSeconds: Double?
        /// The checks the plan failed, with the grader's message.
        public var failed: [FailedCheck]
        /// The latest check-in's date and how many measures were green, amber and red.
        public var lastCheckIn: String?
        public var statuses: StatusCount

        enum CodingKeys: String, CodingKey {
            case name, score, submissions, failed, statuses
            case traineeId = "trainee_id"
            case exerciseId = "exercise_id"
            case submissionId = "submission_id"
            case maxScore = "max_score"
            case hasDraft = "has_draft"
            case lateSeconds = "late_seconds"
            case lastCheckIn = "last_checkin"
        }
    }

    /// A failed check of a plan.
    public struct FailedCheck: Encodable, Sendable {
        public var check: String
        public var feedback: String
    }

    /// Measures by ScoreCard status (model.md §7).
    public struct StatusCount: Encodable, Sendable, Equatable {
        public var green = 0
        public var amber = 0
        public var red = 0

        /// Counts the statuses of a check-in evaluation (`measures[].status`).
        public static func of(_ result: JSONValue?) -> StatusCount {
            var count = StatusCount()
            for measure in result?["measures"]?.array ?? [] {
                switch measure["status"]?.string {
                case "green": count.green += 1
                case "amber": count.amber += 1
                case "red": count.red += 1
                default: break
                }
            }
            return count
        }

        static func + (a: StatusCount, b: StatusCount) -> StatusCount {
            StatusCount(green: a.green + b.green, amber: a.amber + b.amber, red: a.red + b.red)
        }
    }

    /// The whole class.
    public struct Summary: Encodable, Sendable {
        public var trainees: Int
        public var submitted: Int
        public var late: Int
        public var meanScore: Double?
        public var withCheckIns: Int
        /// Every trainee's latest check-in, measures counted by status.
        public var statuses: StatusCount

        enum CodingKeys: String, CodingKey {
            case trainees, submitted, late, statuses
            case meanScore = "mean_score"
            case withCheckIns = "with_checkins"
        }
    }

    public static func rows(_ overviews: [Classroom.PlanOverview]) -> [PlanRow] {
        overviews.map { overview in
            PlanRow(
                traineeId: overview.trainee.id, name: overview.trainee.name, exerciseId: overview.exercise.id, submissionId: overview.submission?.id,
                score: overview.submission?.effectiveScore, maxScore: overview.submission?.maxScore, submissions: overview.submissionsCount,
                hasDraft: overview.hasDraft, lateSeconds: overview.late?.rounded(),
                failed: (overview.grade?.items ?? []).filter { !$0.correct }.map { FailedCheck(check: $0.id, feedback: $0.feedback) },
                lastCheckIn: overview.latestCheckIn?.checkIn.date, statuses: StatusCount.of(overview.latestCheckIn?.result))
        }
    }

    public static func summary(_ rows: [PlanRow]) -> Summary {
        let scores = rows.compactMap(\.score)
        return Summary(
            trainees: rows.count, submitted: rows.filter { $0.submissionId != nil }.count, late: rows.filter { $0.lateSeconds != nil }.count,
            meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
            withCheckIns: rows.filter { $0.lastCheckIn != nil }.count, statuses: rows.map(\.statuses).reduce(StatusCount(), +))
    }
}

struct PlansAnswer: Encodable {
    var session: Int64
    var exercise: String
    var summary: HomeworkBook.Summary
    var plans: [HomeworkBook.PlanRow]
}
