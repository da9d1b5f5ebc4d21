import Foundation
import Grading
import JBPModel

// What the JSON API answers, key by key as api.md writes them.

struct LoginBody: Decodable {
    var name: String
    var password: String
}

struct LoginAnswer: Encodable {
    var trainer: String
    var token: String
}

struct NewSessionBody: Decodable {
    var title: String
    var startsOn: String
    var endsOn: String
    var homeworkDue: String?
    /// `Asia/Shanghai`; left out: the server's zone.
    var timeZone: String?

    enum CodingKeys: String, CodingKey {
        case title
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case homeworkDue = "homework_due"
        case timeZone = "time_zone"
    }
}

/// `PATCH /api/sessions/{id}`: what is left out stays; `"homework_due": null` (or "") removes the deadline.
struct SessionChangeBody: Decodable {
    var title: String?
    var startsOn: String?
    var endsOn: String?
    /// nil: not given; .some(nil): removed.
    var homeworkDue: String??
    /// nil: not given; "" or null: back to the server's zone.
    var timeZone: String?
    /// Shows or hides the leaderboard to trainees and on the big screen.
    var leaderboardVisible: Bool?

    enum CodingKeys: String, CodingKey {
        case title
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case homeworkDue = "homework_due"
        case timeZone = "time_zone"
        case leaderboardVisible = "leaderboard_visible"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        startsOn = try c.decodeIfPresent(String.self, forKey: .startsOn)
        endsOn = try c.decodeIfPresent(String.self, forKey: .endsOn)
        homeworkDue = c.contains(.homeworkDue) ? .some(try c.decodeIfPresent(String.self, forKey: .homeworkDue)) : nil
        timeZone = c.contains(.timeZone) ? (try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "") : nil
        leaderboardVisible = try c.decodeIfPresent(Bool.self, forKey: .leaderboardVisible)
    }
}

struct NewSessionAnswer: Encodable {
    var id: Int64
    var joinCode: String
    var joinURL: String

    enum CodingKeys: String, CodingKey {
        case id
        case joinCode = "join_code"
        case joinURL = "join_url"
    }
}

struct ExerciseStateView: Encodable {
    var id: String
    var title: String
    var kind: String
    var module: String?
    var open: Bool
    var revealed: Bool
    var attempts: Int
    var reveal: String
    /// When an exercise opened for a time closes (ISO 8601); null when not timed.
    var closesAt: String?

    enum CodingKeys: String, CodingKey {
        case id, title, kind, module, open, revealed, attempts, reveal
        case closesAt = "closes_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(module, forKey: .module)
        try c.encode(open, forKey: .open)
        try c.encode(revealed, forKey: .revealed)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(reveal, forKey: .reveal)
        try c.encode(closesAt, forKey: .closesAt)
    }
}

struct ModuleView: Encodable {
    var id: String
    var title: String
    var titleEn: String
    var order: Int
    var minutes: Int
    var exercises: [ExerciseStateView]

    enum CodingKeys: String, CodingKey {
        case id, title, order, minutes, exercises
        case titleEn = "title_en"
    }
}

struct SessionView: Encodable {
    var id: Int64
    var title: String
    var startsOn: String
    var endsOn: String
    var homeworkDue: String?
    /// The zone the session's times are in (the server's when none was set).
    var timeZone: String
    var joinCode: String
    var joinURL: String
    var trainees: Int
    /// Archived: read-only and hidden from the trainer's list until restored.
    var archived: Bool
    var modules: [ModuleView]
    var exercises: [ExerciseStateView]

    enum CodingKeys: String, CodingKey {
        case id, title, modules, exercises, trainees, archived
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case homeworkDue = "homework_due"
        case timeZone = "time_zone"
        case joinCode = "join_code"
        case joinURL = "join_url"
    }
}

struct ExerciseStateBody: Decodable {
    var open: Bool?
    var revealed: Bool?
    /// Seconds until the exercise closes by itself (with `open: true`).
    var closesIn: Double?

    enum CodingKeys: String, CodingKey {
        case open, revealed
        case closesIn = "closes_in"
    }
}

struct JoinBody: Decodable {
    var joinCode: String
    var name: String

    enum CodingKeys: String, CodingKey {
        case name
        case joinCode = "join_code"
    }
}

struct JoinAnswer: Encodable {
    var traineeId: Int64
    var token: String
    var sessionId: Int64
    /// What brings the trainee back on another device; present at join, absent at a re-entry.
    var reentryCode: String?

    enum CodingKeys: String, CodingKey {
        case token
        case traineeId = "trainee_id"
        case sessionId = "session_id"
        case reentryCode = "reentry_code"
    }
}

struct RejoinBody: Decodable {
    var joinCode: String
    var name: String
    var reentryCode: String

    enum CodingKeys: String, CodingKey {
        case name
        case joinCode = "join_code"
        case reentryCode = "reentry_code"
    }
}

struct AddTrainerBody: Decodable {
    var name: String
}

struct MergeBody: Decodable {
    var into: Int64
}

struct MyExerciseView: Encodable {
    var id: String
    var kind: String
    var title: String
    var module: String?
    var promptHTML: String
    var questions: [Question]
    var rubric: [RubricItem]
    var variant: Int
    var data: JSONValue?
    var attemptsAllowed: Int
    var attemptsUsed: Int
    var attemptsLeft: Int?
    var revealed: Bool
    /// For review and plan exercises: the URLs of the `roi_tree`, `gaps` and `waterfall` SVGs of the variant.
    var charts: [String: String]?
    /// When the exercise, opened for a time, closes by itself (ISO 8601); null when not timed.
    var closesAt: String?
    /// A role-play's part for this trainee: their role and card only, whom the group observes, the checklist.
    var roleplay: Roleplay?

    struct Roleplay: Encodable {
        struct Role: Encodable {
            var id: String
            var name: String
            var cardHTML: String
            enum CodingKeys: String, CodingKey {
                case id, name
                case cardHTML = "card_html"
            }
        }
        struct Player: Encodable {
            var traineeId: Int64
            var name: String
            enum CodingKeys: String, CodingKey {
                case name
                case traineeId = "trainee_id"
            }
        }
        struct Item: Encodable {
            var id: String
            var text: String
            var points: Double
        }
        var role: Role?
        var isPlayer: Bool
        var player: Player?
        var checklist: [Item]
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, module, questions, rubric, variant, data, revealed, charts, role, player, checklist
        case isPlayer = "is_player"
        case closesAt = "closes_at"
        case promptHTML = "prompt_html"
        case attemptsAllowed = "attempts_allowed"
        case attemptsUsed = "attempts_used"
        case attemptsLeft = "attempts_left"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(module, forKey: .module)
        try c.encode(promptHTML, forKey: .promptHTML)
        try c.encode(questions, forKey: .questions)
        try c.encode(rubric, forKey: .rubric)
        try c.encode(variant, forKey: .variant)
        try c.encode(data ?? .null, forKey: .data)
        try c.encode(attemptsAllowed, forKey: .attemptsAllowed)
        try c.encode(attemptsUsed, forKey: .attemptsUsed)
        try c.encode(attemptsLeft, forKey: .attemptsLeft)  // null = unlimited
        try c.encode(revealed, forKey: .revealed)
        try c.encodeIfPresent(charts, forKey: .charts)
        try c.encode(closesAt, forKey: .closesAt)
        if let roleplay {
            try c.encode(roleplay.role, forKey: .role)
            try c.encode(roleplay.isPlayer, forKey: .isPlayer)
            try c.encode(roleplay.player, forKey: .player)
            try c.encode(roleplay.checklist, forKey: .checklist)
        }
    }
}

/// A grade with its submission id (and attempts left), as a submission answers.
struct SubmittedGradeView: Encodable {
    var submissionId: Int64
    var grade: Grade
    var attemptsLeft: Int?

    enum CodingKeys: String, CodingKey {
        case submissionId = "submission_id"
        case attemptsLeft = "attempts_left"
    }

    func encode(to encoder: any Encoder) throws {
        try grade.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(submissionId, forKey: .submissionId)
        try c.encode(attemptsLeft, forKey: .attemptsLeft)
    }
}

/// A stored submission as its trainee or the trainer sees it.
struct SubmissionView: Encodable {
    var submissionId: Int64
    var traineeId: Int64
    var exercise: String
    var variant: Int
    var createdAt: String
    var score: Double
    var maxScore: Double
    var automaticScore: Double
    var rubricScore: Double?
    var overrideScore: Double?
    var overrideComment: String?
    var grade: Grade?
    var answers: JSONValue?

    enum CodingKeys: String, CodingKey {
        case exercise, variant, score, grade, answers
        case submissionId = "submission_id"
        case traineeId = "trainee_id"
        case createdAt = "created_at"
        case maxScore = "max_score"
        case automaticScore = "automatic_score"
        case rubricScore = "rubric_score"
        case overrideScore = "override_score"
        case overrideComment = "override_comment"
    }

    init(_ submission: Submission, grade: Grade?) {
        submissionId = submission.id
        traineeId = submission.traineeId
        exercise = submission.exerciseId
        variant = submission.variant
        createdAt = Dates.iso(submission.createdAt)
        score = submission.effectiveScore
        maxScore = submission.maxScore
        automaticScore = submission.score
        rubricScore = submission.rubricScore
        overrideScore = submission.overrideScore
        overrideComment = submission.overrideComment
        self.grade = grade
        answers = JSONValue.parse(submission.raw)
    }
}

struct SubmissionsAnswer: Encodable {
    var submissions: [SubmissionView]
}

struct PlanBody: Decodable {
    var plan: JSONValue
}

struct CaseBody: Decodable {
    var `case`: JSONValue
}

struct PlanAnswer: Encodable {
    /// The plan exercise the trainee works on (with both plan exercises open, their own choice).
    var exercise: String
    var draft: JSONValue?
    var draftSavedAt: String?
    var submitted: JSONValue?
    var submissionId: Int64?
    var grade: Grade?
    /// The session's homework deadline as set by the trainer, if any.
    var homeworkDue: String?
    /// How many seconds after the deadline the submitted plan came; nil when on time.
    var lateSeconds: Double?
    /// The trainer's comments on the submitted plan's checks, by check id.
    var comments: [String: String]
    /// The ScoreCard check-ins of the submitted plan, oldest first (the model's evaluations).
    var checkins: [JSONValue]

    enum CodingKeys: String, CodingKey {
        case exercise, draft, submitted, grade, comments, checkins
        case draftSavedAt = "draft_saved_at"
        case submissionId = "submission_id"
        case homeworkDue = "homework_due"
        case lateSeconds = "late_seconds"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exercise, forKey: .exercise)
        try c.encode(draft ?? .null, forKey: .draft)
        try c.encode(draftSavedAt, forKey: .draftSavedAt)
        try c.encode(submitted ?? .null, forKey: .submitted)
        try c.encode(submissionId, forKey: .submissionId)
        try c.encode(grade, forKey: .grade)
        try c.encode(homeworkDue, forKey: .homeworkDue)
        try c.encode(lateSeconds, forKey: .lateSeconds)
        try c.encode(comments, forKey: .comments)
        try c.encode(checkins, forKey: .checkins)
    }
}

struct PlanImportBody: Decodable {
    var yaml: String
}

struct CheckCommentBody: Decodable {
    var check: String
    var comment: String
}

struct CheckInBody: Decodable {
    var date: String
    var values: JSONValue
}

struct ResultsAnswer: Encodable {
    var session: Int64
    var exercises: [String]
    var trainees: [TraineeResults]
}

struct OverrideBody: Decodable {
    /// `null` clears the override; the key must be there (a body without it is a mistake, not a clearing).
    var score: Double?
    var comment: String?

    enum CodingKeys: String, CodingKey { case score, comment }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.contains(.score) else {
            throw DecodingError.keyNotFound(
                CodingKeys.score, .init(codingPath: [], debugDescription: "score is required (a number, or null to clear the override)"))
        }
        score = try c.decodeIfPresent(Double.self, forKey: .score)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
    }
}

struct RubricBody: Decodable {
    var scores: [String: Double]
}

struct RegradeBody: Decodable {
    var exercise: String
}

struct RegradeAnswer: Encodable {
    var exercise: String
    var regraded: Int
    var changed: Int
}

/// `POST /api/sessions/{id}/groups`: by hand, or `count` dealt at random.
struct GroupsBody: Decodable {
    struct Group: Decodable {
        var name: String
        var traineeIds: [Int64]
        enum CodingKeys: String, CodingKey {
            case name
            case traineeIds = "trainee_ids"
        }
    }
    var groups: [Group]?
    var count: Int?
}

/// `{"groups": [{"id", "name", "trainee_ids"}]}`.
struct GroupsAnswer: Encodable {
    struct Group: Encodable {
        var id: Int64
        var name: String
        var traineeIds: [Int64]
        enum CodingKeys: String, CodingKey {
            case id, name
            case traineeIds = "trainee_ids"
        }
    }
    var groups: [Group]

    init(_ groups: [ClassGroup]) {
        self.groups = groups.map { Group(id: $0.id, name: $0.name, traineeIds: $0.traineeIds) }
    }
}

/// The leaderboard: `{"groups": [{"id", "name", "score"}], "trainees": [{"trainee_id", "name", "score"}], "visible"}`.
struct LeaderboardAnswer: Encodable {
    struct GroupRow: Encodable {
        var id: Int64
        var name: String
        var score: Double
        var members: Int
    }
    struct TraineeRow: Encodable {
        var traineeId: Int64
        var name: String
        var score: Double
        enum CodingKeys: String, CodingKey {
            case name, score
            case traineeId = "trainee_id"
        }
    }
    var groups: [GroupRow]
    var trainees: [TraineeRow]
    var visible: Bool

    init(_ board: Classroom.Leaderboard) {
        groups = board.groups.map { GroupRow(id: $0.subject.id, name: $0.subject.name, score: $0.score, members: $0.subject.traineeIds.count) }
        trainees = board.trainees.map { TraineeRow(traineeId: $0.subject.id, name: $0.subject.name, score: $0.score) }
        visible = board.visible
    }
}
