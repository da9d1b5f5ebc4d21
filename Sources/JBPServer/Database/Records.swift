import Foundation

// Plain records: what the store keeps. No storage framework appears in their declarations,
// so that another store (PostgreSQL) can hand out the same values.

/// A trainer account. Only the bcrypt hash of the password is kept.
public struct Trainer: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var passwordHash: String
    public var createdAt: Date
    /// An admin sees every session; any other trainer only those they created or were added to.
    /// The first account is an admin.
    public var isAdmin: Bool = false
}

/// A class: one run of the course with its dates and join code.
public struct CourseSession: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    /// `YYYY-MM-DD`.
    public var startsOn: String
    /// `YYYY-MM-DD`.
    public var endsOn: String
    /// `YYYY-MM-DD` or an ISO 8601 date and time; nil when there is no homework deadline.
    public var homeworkDue: String?
    public var joinCode: String
    public var createdBy: Int64
    public var createdAt: Date
    /// The class's time zone (`Asia/Shanghai`): times on its pages, its deadlines and
    /// "today" for a check-in are in it. nil: the server's.
    public var timeZone: String? = nil
    /// When the trainer archived the session: read-only, hidden from the list, restorable. nil: in use.
    public var archivedAt: Date? = nil
    /// Whether trainees (and the big screen) see the leaderboard; the trainer always does.
    public var leaderboardVisible: Bool = false

    /// The zone the session's times are shown and its deadlines are read in.
    public var zone: TimeZone { timeZone.flatMap(TimeZone.init(identifier:)) ?? .current }
}

/// A group of trainees in a session (分组): kept for both days; its score is the sum of its
/// members' best scores.
public struct ClassGroup: Sendable, Equatable, Codable {
    public var id: Int64
    public var sessionId: Int64
    public var name: String
    /// 0 for the first group, in the order the trainer gave them.
    public var position: Int
    public var traineeIds: [Int64]
}

/// One saved version of a group's shared plan draft (the day-2 workshop): who saved it, which
/// sections of the plan it changed.
public struct GroupDraftVersion: Sendable, Equatable, Codable {
    public var sessionId: Int64
    public var exerciseId: String
    public var groupId: Int64
    /// 1, 2, 3 … per group and exercise.
    public var version: Int
    /// The whole plan as JSON text.
    public var plan: String
    public var traineeId: Int64
    /// The top-level sections this version changed (`goals`, `strategies` …), as JSON text.
    public var sections: String
    public var savedAt: Date
}

/// A group's review of another group's handed-in workshop plan: per check agree or not, and a comment.
public struct GroupReview: Sendable, Equatable, Codable {
    public var sessionId: Int64
    public var exerciseId: String
    public var reviewerGroup: Int64
    public var reviewedGroup: Int64
    /// Check id → true (the check's verdict holds) or false, as JSON text.
    public var marks: String
    public var comment: String?
    public var traineeId: Int64
    public var updatedAt: Date
}

/// A trainee's role in a role-play, as dealt within their group.
public struct RoleAssignment: Sendable, Equatable, Codable {
    public var sessionId: Int64
    public var exerciseId: String
    public var traineeId: Int64
    public var roleId: String
    public var groupId: Int64
}

/// One observer's marks of the player in a role-play: checklist item → done, and a comment.
public struct StoredObservation: Sendable, Equatable, Codable {
    public var sessionId: Int64
    public var exerciseId: String
    public var observerId: Int64
    public var playerId: Int64
    /// The marks as JSON text (`{"item": true}`).
    public var marks: String
    public var comment: String?
    public var updatedAt: Date
}

/// What the trainer has opened, closed or revealed of one exercise in one session.
public struct ExerciseState: Sendable, Equatable, Codable {
    public var sessionId: Int64
    public var exerciseId: String
    /// Whether trainees may answer now: opened, and not past `closesAt`.
    public var open: Bool
    public var revealed: Bool
    public var updatedAt: Date
    /// When an exercise opened for a time closes by itself (api.md "The classroom": `closes_in`);
    /// nil when it stays open until the trainer closes it.
    public var closesAt: Date? = nil

    /// The state as stored, read at `now`: an exercise opened for a time is closed from its
    /// `closesAt` on (no job has to close it: every reader sees the time).
    public init(sessionId: Int64, exerciseId: String, open: Bool, revealed: Bool, updatedAt: Date, closesAt: Date? = nil, now: Date = Date()) {
        self.sessionId = sessionId
        self.exerciseId = exerciseId
        self.open = open && closesAt.map { now < $0 } ?? open
        self.revealed = revealed
        self.updatedAt = updatedAt
        self.closesAt = closesAt
    }

    /// Closed because its time ran out (not by the trainer).
    public var timeIsUp: Bool { !open && closesAt != nil }

    /// An answer to a closed exercise is refused: "time is up" when its timer closed it, else "closed".
    func refuseUnlessOpen() throws(SubmissionRefusal) {
        guard open else {
            if timeIsUp, let closesAt { throw .timeUp(at: closesAt) }
            throw .closed
        }
    }

    /// For a page: `closesAt` (ISO 8601) only while a timed exercise is open, and `timeIsUp`.
    /// The key is left out otherwise: Mustache takes an empty string for true.
    var timerFields: [String: Any] {
        var fields: [String: Any] = ["timeIsUp": timeIsUp]
        if open, let closesAt { fields["closesAt"] = Dates.iso(closesAt) }
        return fields
    }

    /// The state of an exercise the trainer has not touched: closed and hidden.
    public static func untouched(session: Int64, exercise: String) -> ExerciseState {
        ExerciseState(sessionId: session, exerciseId: exercise, open: false, revealed: false, updatedAt: Date(timeIntervalSince1970: 0))
    }
}

/// A trainee in a session, known by the hash of its token.
public struct Trainee: Sendable, Equatable, Codable {
    public var id: Int64
    public var sessionId: Int64
    public var name: String
    public var tokenHash: String
    /// 1 for the first trainee to join the session, 2 for the next…: the variant of its review exercises.
    public var number: Int
    public var createdAt: Date
    /// What brings this trainee back on another device (with the join code and the name); kept
    /// readable because the trainee's own pages show it. nil until one is issued.
    public var reentryCode: String? = nil
}

/// A stored submission: the raw answers as sent, the automatic grade, and what a person added.
public struct Submission: Sendable, Equatable, Codable {
    public var id: Int64
    public var sessionId: Int64
    public var traineeId: Int64
    public var exerciseId: String
    public var variant: Int
    /// The submission as the trainee sent it (`{"answers": …}` or `{"plan": …}`), as JSON text.
    public var raw: String
    /// The complete automatic grade (with expected values), as JSON text.
    public var grade: String
    /// The same grade as a trainee may see it before the reveal, as JSON text.
    public var traineeGrade: String
    /// The automatic score.
    public var score: Double
    public var maxScore: Double
    public var needsManual: Bool
    public var createdAt: Date
    public var gradedAt: Date
    /// Rubric points a trainer gave, by rubric item id, as JSON text.
    public var rubricScores: String?
    public var rubricScore: Double?
    /// A score a trainer set by hand; regrades never change it.
    public var overrideScore: Double?
    public var overrideComment: String?
    public var overriddenAt: Date?

    /// The score that counts: the trainer's override, else the automatic score plus rubric points.
    public var effectiveScore: Double {
        overrideScore ?? (score + (rubricScore ?? 0))
    }

    /// Whether the trainer still has rubric items to score.
    public var awaitsTrainer: Bool { needsManual && rubricScore == nil && overrideScore == nil }
}

/// The figures of a trainee's own distributor (我的经销商), as the case format of model.md §1.
public struct OwnCase: Sendable, Equatable, Codable {
    public var traineeId: Int64
    /// The case as JSON text, read and checked by the case reader before it was stored.
    public var caseJSON: String
    public var updatedAt: Date
}

/// A quarter's actual figures of the trainee's own distributor, for the quarterly business
/// review: a case (model.md §1) as it stood at the quarter's end, beside the plan's baselines.
public struct QuarterCase: Sendable, Equatable, Codable {
    public var traineeId: Int64
    /// The first day of the plan's period (`YYYY-MM-DD`): a plan handed in again keeps its
    /// quarters; the next period's plan has quarters of its own.
    public var periodStart: String
    /// 1 for the period's first three months.
    public var quarter: Int
    public var caseJSON: String
    public var updatedAt: Date
}

/// A trainee's saved (unsubmitted) homework plan.
public struct PlanDraft: Sendable, Equatable, Codable {
    public var traineeId: Int64
    /// The plan as JSON text.
    public var plan: String
    public var updatedAt: Date
}

/// A ScoreCard check-in of a submitted plan.
public struct CheckIn: Sendable, Equatable, Codable {
    public var id: Int64
    public var traineeId: Int64
    public var submissionId: Int64
    /// `YYYY-MM-DD`.
    public var date: String
    /// Each measure's actual value, as JSON text.
    public var values: String
    /// The model's answer (each measure's expected value, attainment and status), as JSON text.
    public var result: String
    public var createdAt: Date
}

/// A trainer's comment on one check of a graded plan (or any item of a grade), shown to its trainee.
public struct CheckComment: Sendable, Equatable, Codable {
    public var submissionId: Int64
    /// The grade item's id (`drivers`, `budget`, …).
    public var checkId: String
    public var comment: String
    public var trainerId: Int64?
    public var updatedAt: Date
}
