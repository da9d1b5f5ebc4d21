import Foundation

/// A submission to store: graded already, not yet accepted.
public struct NewSubmission: Sendable {
    public var sessionId: Int64
    public var traineeId: Int64
    public var exerciseId: String
    public var variant: Int
    public var raw: String
    public var grade: String
    public var traineeGrade: String
    public var score: Double
    public var maxScore: Double
    public var needsManual: Bool
    /// Graded attempts the exercise allows; 0 = unlimited.
    public var attemptsAllowed: Int

    public init(
        sessionId: Int64, traineeId: Int64, exerciseId: String, variant: Int, raw: String, grade: String,
        traineeGrade: String, score: Double, maxScore: Double, needsManual: Bool, attemptsAllowed: Int
    ) {
        self.sessionId = sessionId
        self.traineeId = traineeId
        self.exerciseId = exerciseId
        self.variant = variant
        self.raw = raw
        self.grade = grade
        self.traineeGrade = traineeGrade
        self.score = score
        self.maxScore = maxScore
        self.needsManual = needsManual
        self.attemptsAllowed = attemptsAllowed
    }
}

/// Why a store refused to record a submission.
public enum SubmissionRefusal: Error, Sendable, Equatable {
    /// The trainer has not opened the exercise, or closed it.
    case closed
    /// The exercise was opened for a time, and the time is up.
    case timeUp(at: Date)
    /// Every allowed attempt is used.
    case noAttemptsLeft(allowed: Int)
}

/// A new automatic grade for a stored submission (a regrade).
public struct Regrade: Sendable {
    public var submissionId: Int64
    public var grade: String
    public var traineeGrade: String
    public var score: Double
    public var maxScore: Double
    public var needsManual: Bool

    public init(submissionId: Int64, grade: String, traineeGrade: String, score: Double, maxScore: Double, needsManual: Bool) {
        self.submissionId = submissionId
        self.grade = grade
        self.traineeGrade = traineeGrade
        self.score = score
        self.maxScore = maxScore
        self.needsManual = needsManual
    }
}

/// A name or code that is already taken.
public struct AlreadyExists: Error, Sendable, Equatable {
    public var what: String
}

/// The database cannot be reached, or did not answer within the store's deadline: the request is
/// answered 503 and may be sent again; the store reconnects by itself when the database is back.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "the database is unavailable: \(reason)" }
}

/// The database holds migrations this binary does not know: a newer jbp has migrated it, and an
/// older one must not write to it.
public struct DatabaseIsNewer: Error, Sendable, CustomStringConvertible {
    public var unknownMigrations: [String]
    public var description: String {
        "the database was migrated by a newer jbp (migrations unknown to this binary: "
            + unknownMigrations.joined(separator: ", ") + "); run the newer jbp, or restore a backup made before the upgrade"
    }
}

/// Everything the server keeps. Writes are named after what happens in a class;
/// the SQLite store (`AppDatabase`) and the PostgreSQL store (`PostgresStore`) implement it,
/// and every test of the server runs against both.
public protocol ClassroomStore: Sendable {
    /// Every row of every table, as text, table by table (each table's rows in a fixed order):
    /// tests compare one taken before and one after a refused request.
    func snapshot() async throws -> [String: [String]]
    /// Ends the store's connections (the PostgreSQL pool); the SQLite store closes with its last reference.
    func close() async

    // Trainers
    func createTrainer(name: String, passwordHash: String, admin: Bool) async throws -> Trainer
    func trainers() async throws -> [Trainer]
    /// Sets a trainer's password and ends every session they are signed in with.
    func setTrainerPassword(trainer: Int64, passwordHash: String) async throws
    func trainer(named name: String) async throws -> Trainer?
    func trainerCount() async throws -> Int
    func recordTrainerToken(hash: String, trainerId: Int64, expiresAt: Date) async throws
    func trainer(forTokenHash hash: String, at now: Date) async throws -> Trainer?

    // Sessions
    func createSession(
        title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?, joinCode: String, createdBy: Int64
    ) async throws -> CourseSession
    func session(id: Int64) async throws -> CourseSession?
    func session(joinCode: String) async throws -> CourseSession?
    func sessions() async throws -> [CourseSession]
    /// The sessions a trainer created or was added to.
    func sessionIDs(trainer: Int64) async throws -> Set<Int64>
    /// The trainers of a session (its creator first).
    func sessionTrainers(session: Int64) async throws -> [Int64]
    func addSessionTrainer(session: Int64, trainer: Int64) async throws
    /// Removes the session and everything in it; false when there was none.
    func deleteSession(id: Int64) async throws -> Bool
    /// Archives (now) or restores (nil) a session; nil when there is no such session.
    func setArchived(session: Int64, at: Date?) async throws -> CourseSession?
    /// Changes a session's title, dates and deadline; nil when there is no such session.
    func updateSession(id: Int64, title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?) async throws -> CourseSession?
    func exerciseStates(session: Int64) async throws -> [String: ExerciseState]
    /// Replaces the session's groups with these, in this order, in one transaction.
    func replaceGroups(session: Int64, groups: [(name: String, traineeIds: [Int64])]) async throws -> [ClassGroup]
    /// The session's groups in order, each with its members in joining order.
    func groups(session: Int64) async throws -> [ClassGroup]
    func setLeaderboardVisible(session: Int64, visible: Bool) async throws -> CourseSession?
    /// Replaces a role-play's roles in the session (a new deal).
    func replaceRoles(session: Int64, exercise: String, roles: [RoleAssignment]) async throws
    func roles(session: Int64, exercise: String) async throws -> [RoleAssignment]
    /// A group's draft versions of an exercise, oldest first.
    func groupDraftVersions(session: Int64, exercise: String, group: Int64) async throws -> [GroupDraftVersion]
    /// Adds a version; false when that version number was taken meanwhile (another member's save).
    func addGroupDraftVersion(_ version: GroupDraftVersion) async throws -> Bool
    /// Stores (or replaces) a group's review of another group's plan.
    func saveGroupReview(_ review: GroupReview) async throws
    func groupReviews(session: Int64, exercise: String) async throws -> [GroupReview]
    /// Stores (or replaces) one observer's marks of one player.
    func saveObservation(_ observation: StoredObservation) async throws
    /// The marks a trainee gave as an observer, and the workshop draft versions they saved (their export).
    func observations(byObserver trainee: Int64) async throws -> [StoredObservation]
    func groupDraftVersions(byTrainee trainee: Int64) async throws -> [GroupDraftVersion]
    /// The observations of a player in a role-play, oldest first.
    func observations(exercise: String, player: Int64) async throws -> [StoredObservation]
    /// Sets what is given; `closesAt` goes with `open` (nil: open until closed; cleared on closing)
    /// and is left as it is when only `revealed` changes.
    func setExerciseState(session: Int64, exercise: String, open: Bool?, revealed: Bool?, closesAt: Date?) async throws -> ExerciseState

    /// A session with its exercise states and (optionally) one trainee's submissions, read in one go:
    /// what every trainee page and submission needs.
    /// With `attemptsAt`, the trainee's submissions are only counted for that exercise, not read.
    func classroomSnapshot(session: Int64, trainee: Int64?, attemptsAt exercise: String?) async throws -> ClassroomSnapshot?

    // Trainees
    func addTrainee(session: Int64, name: String, tokenHash: String, reentryCode: String?) async throws -> Trainee
    /// The trainee a token belongs to: the one it joined with, or one added by a re-entry.
    func trainee(forTokenHash hash: String) async throws -> Trainee?
    /// The trainee of a session with this name and re-entry code (a re-entry on a new device).
    func trainee(session: Int64, name: String, reentryCode: String) async throws -> Trainee?
    /// Another device's token for a trainee.
    func addTraineeToken(trainee: Int64, tokenHash: String) async throws
    /// Replaces a trainee's re-entry code (the old one stops working); nil when there is no such trainee.
    func setReentryCode(trainee: Int64, code: String) async throws -> Trainee?
    /// Removes the trainee and everything of theirs; false when there was none.
    func deleteTrainee(id: Int64) async throws -> Bool
    /// Moves everything of trainee `from` to trainee `into` (one person who joined twice) and
    /// removes `from`: submissions (attempts renumbered in order), the draft where `into` has none,
    /// check-ins on days `into` has none, and `from`'s devices. Returns the submissions moved.
    func mergeTrainee(_ from: Int64, into: Int64) async throws -> Int
    func trainee(id: Int64) async throws -> Trainee?
    func trainees(session: Int64) async throws -> [Trainee]

    // Submissions
    /// Stores a graded submission durably, checking inside one transaction that the exercise
    /// is open and an attempt is left. Returns it with its id, and the trainee's attempts at the
    /// exercise counting this one.
    func recordSubmission(_ new: NewSubmission) async throws -> (submission: Submission, attemptsUsed: Int)
    func submission(id: Int64) async throws -> Submission?
    /// Oldest first.
    func submissions(trainee: Int64, exercise: String?) async throws -> [Submission]
    /// Oldest first.
    func submissions(session: Int64, exercise: String?) async throws -> [Submission]
    /// Sets the manual score and comment; nil for both clears them.
    func overrideScore(submission: Int64, score: Double?, comment: String?) async throws -> Submission?
    func scoreRubric(submission: Int64, scores: String, total: Double) async throws -> Submission?
    /// Replaces automatic grades; overrides and rubric points stay. Returns how many scores changed.
    func applyRegrades(_ regrades: [Regrade]) async throws -> Int

    // My own distributor
    /// Stores (or replaces) the trainee's own distributor's case.
    func saveOwnCase(trainee: Int64, caseJSON: String) async throws -> OwnCase
    func ownCase(trainee: Int64) async throws -> OwnCase?
    /// The own cases of a session's trainees (the trainer's plans page).
    func ownCases(session: Int64) async throws -> [OwnCase]
    /// Stores (or replaces) one quarter's figures of the trainee's distributor.
    func saveQuarterCase(_ quarter: QuarterCase) async throws
    /// The quarters' figures of the plan period starting `periodStart`, by quarter.
    func quarterCases(trainee: Int64, periodStart: String) async throws -> [QuarterCase]

    // Homework plan and follow-up
    func saveDraft(trainee: Int64, plan: String) async throws -> PlanDraft
    func draft(trainee: Int64) async throws -> PlanDraft?
    /// Records a check-in; one on the same day is replaced (a correction), and `replaced` says so.
    func recordCheckIn(trainee: Int64, submission: Int64, date: String, values: String, result: String) async throws -> (checkIn: CheckIn, replaced: Bool)
    /// Removes the trainee's check-in of `date`; false when there was none.
    func deleteCheckIn(trainee: Int64, date: String) async throws -> Bool
    func checkIns(trainee: Int64) async throws -> [CheckIn]
    /// Sets (or, with an empty comment, removes) the trainer's comment on one check of a submission;
    /// returns the submission's comments.
    func setCheckComment(submission: Int64, check: String, comment: String, trainer: Int64) async throws -> [CheckComment]
    /// The comments on the given submissions.
    func checkComments(submissions: [Int64]) async throws -> [CheckComment]
}

extension ClassroomStore {
    public func close() async {}
}

/// A consistent view of a session for one trainee.
public struct ClassroomSnapshot: Sendable {
    public var session: CourseSession
    /// By exercise id; untouched exercises are missing (closed).
    public var states: [String: ExerciseState]
    /// The trainee's submissions, oldest first (empty when no trainee was asked for, or only a count).
    public var submissions: [Submission]
    /// The trainee's submissions of the exercise asked about (0 when none was).
    public var attemptsUsed: Int
}
