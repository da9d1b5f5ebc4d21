import Foundation
import Grading
import HummingbirdBcrypt
import JBPModel
import NIOPosix

/// The classroom's rules, between the controllers (which decode and answer) and the store
/// (which keeps): who may join, what is open, how many attempts are left, when expected values
/// show. Pages and the JSON API both call this, so they cannot disagree.
public struct Classroom: Sendable {
    public let store: any ClassroomStore
    public let content: CourseContent
    let limiter: FailureLimiter
    let bcryptCost: UInt8
    /// Who a token belongs to; told when a trainee is deleted, so that their token stops at once here.
    public let authenticator: Authenticator
    /// Trainer tokens live this long.
    let trainerTokenLife: TimeInterval = 30 * 24 * 3600

    public init(store: any ClassroomStore, content: CourseContent, limiter: FailureLimiter = FailureLimiter(), bcryptCost: UInt8 = 12) {
        self.store = store
        self.content = content
        self.limiter = limiter
        self.bcryptCost = bcryptCost
        self.authenticator = Authenticator(store: store)
        self.dummyHash = Bcrypt.hash(Secrets.password(), cost: bcryptCost)
    }

    /// A hash of a password nobody knows, at the real cost, checked for unknown names.
    let dummyHash: String

    // MARK: Trainers

    /// Adds a trainer account; a name already taken is refused.
    public func addTrainer(name: String, password: String) async throws -> Trainer {
        try await Self.addTrainer(name: name, password: password, store: store, cost: bcryptCost)
    }

    /// Adds a trainer account to a store (also used by `jbp trainer add`, which has no course).
    /// The first account of a store is an admin whatever `admin` says.
    public static func addTrainer(
        name: String, password: String, admin: Bool = false, store: any ClassroomStore, cost: UInt8 = 12
    ) async throws -> Trainer {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isValidName(name) else { throw AppError.badRequest("A trainer name is 1 to 40 printable characters.", zh: "讲师账号名应为 1 到 40 个可打印字符。") }
        let hash = try await passwordHash(password, cost: cost)
        let first = try await store.trainerCount() == 0
        do {
            return try await store.createTrainer(name: name, passwordHash: hash, admin: admin || first)
        } catch is AlreadyExists {
            throw AppError.conflict("There is already a trainer called \(name).", zh: "已经有名为 \(name) 的讲师账号。")
        }
    }

    /// On an empty database, creates the account `trainer` and returns its new password (shown once).
    public func createFirstTrainerIfNeeded() async throws -> String? {
        guard try await store.trainerCount() == 0 else { return nil }
        let password = Secrets.password()
        _ = try await addTrainer(name: "trainer", password: password)
        return password
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        // Off the cooperative pool: bcrypt takes a quarter of a second on purpose.
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks a trainer's password and hands out a new token. Wrong passwords are slowed down per address.
    public func logIn(name: String, password: String, client: String) async throws -> (trainer: Trainer, token: String) {
        if let wait = limiter.waitTime(for: "login:" + client) { throw AppError.slowDown(seconds: wait) }
        let trainer = try await store.trainer(named: name)
        // Verify against a dummy hash for unknown names too, so timing does not tell which names exist.
        let hash = trainer?.passwordHash ?? dummyHash
        let matches = try await verifyPassword(password, hash: hash)
        guard let trainer, matches else {
            limiter.recordFailure(for: "login:" + client)
            throw AppError(.unauthorized, "Wrong trainer name or password.", zh: "讲师账号或密码不对。")
        }
        let token = Secrets.token(prefix: TokenPrefix.trainer)
        try await store.recordTrainerToken(hash: Secrets.hash(token), trainerId: trainer.id, expiresAt: Date().addingTimeInterval(trainerTokenLife))
        return (trainer, token)
    }


    // MARK: Sessions

    /// Creates a session with a fresh join code.
    public func createSession(
        title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String? = nil, by trainer: Trainer
    ) async throws -> CourseSession {
        let zone = try Self.checkedZone(timeZone)
        let (title, due) = try Self.checkedSession(
            title: title, startsOn: startsOn, endsOn: endsOn, homeworkDue: homeworkDue, zone: zone.flatMap(TimeZone.init(identifier:)) ?? .current)
        for _ in 0..<10 {
            do {
                return try await store.createSession(
                    title: title, startsOn: startsOn, endsOn: endsOn, homeworkDue: due, timeZone: zone, joinCode: Secrets.joinCode(),
                    createdBy: trainer.id)
            } catch is AlreadyExists {
                continue  // a join code collided; draw another
            }
        }
        throw AppError(.serviceUnavailable, "Could not find a free join code; try again.", zh: "没能生成未被占用的课堂代码，请再试一次。")
    }

    /// Changes a session's title, dates or homework deadline (a trainer extends the deadline);
    /// what is not given stays, an empty `homework_due` removes the deadline. Same rules as creating.
    /// `timeZone`: nil keeps the session's; an empty text goes back to the server's zone.
    public func updateSession(
        _ id: Int64, title: String?, startsOn: String?, endsOn: String?, homeworkDue: String??, timeZone: String? = nil
    ) async throws -> CourseSession {
        let session = try await self.session(id)
        try Self.refuseIfArchived(session)
        let zone = try timeZone.map(Self.checkedZone) ?? session.timeZone
        let (newTitle, due) = try Self.checkedSession(
            title: title ?? session.title, startsOn: startsOn ?? session.startsOn, endsOn: endsOn ?? session.endsOn,
            homeworkDue: homeworkDue ?? session.homeworkDue, zone: zone.flatMap(TimeZone.init(identifier:)) ?? .current)
        guard
            let updated = try await store.updateSession(
                id: id, title: newTitle, startsOn: startsOn ?? session.startsOn, endsOn: endsOn ?? session.endsOn, homeworkDue: due,
                timeZone: zone)
        else { throw AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。") }
        return updated
    }

    /// A session's fields checked: the title trimmed, the deadline (nil for none).
    /// A time zone as the trainer wrote it (`Asia/Shanghai`), nil for blank (the server's zone).
    static func checkedZone(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count <= 64, TimeZone(identifier: text) != nil else {
            throw AppError.badRequest("time_zone must be a time zone name such as Asia/Shanghai (found \"\(text.prefix(64))\").", zh: "time_zone 应是时区名称，例如 Asia/Shanghai（收到的是“\(text.prefix(64))”）。")
        }
        return text
    }

    static func checkedSession(
        title: String, startsOn: String, endsOn: String, homeworkDue: String?, zone: TimeZone = .current
    ) throws -> (title: String, due: String?) {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200, !title.contains(where: { $0.isControlLike }) else {
            throw AppError.badRequest("A session title is 1 to 200 characters.", zh: "课堂名称应为 1 到 200 个字符。")
        }
        guard let start = Dates.day(startsOn) else { throw AppError.badRequest("starts_on must be a date written YYYY-MM-DD.", zh: "开始日期（starts_on）应写成 YYYY-MM-DD。") }
        guard let end = Dates.day(endsOn) else { throw AppError.badRequest("ends_on must be a date written YYYY-MM-DD.", zh: "结束日期（ends_on）应写成 YYYY-MM-DD。") }
        guard end >= start else { throw AppError.badRequest("ends_on must not be before starts_on.", zh: "结束日期不能早于开始日期。") }
        let due = homeworkDue.flatMap { $0.isEmpty ? nil : $0 }
        if let due, Dates.deadline(due, timeZone: zone) == nil {
            throw AppError.badRequest("homework_due must be a date (YYYY-MM-DD) or an ISO 8601 date and time.", zh: "作业截止（homework_due）应是日期（YYYY-MM-DD）或 ISO 8601 日期时间。")
        }
        return (title, due)
    }

    /// The session, or 404.
    public func session(_ id: Int64) async throws -> CourseSession {
        guard let session = try await store.session(id: id) else { throw AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。") }
        return session
    }

    /// The exercise, or 404.
    public func exercise(_ id: String) throws -> CourseExercise {
        guard let exercise = content.exercise(id) else { throw AppError.notFound("There is no exercise called \(id).", zh: "没有名为 \(id) 的练习。") }
        return exercise
    }

    /// Every exercise's state in the session, untouched ones closed.
    public func states(session: Int64) async throws -> [String: ExerciseState] {
        let stored = try await store.exerciseStates(session: session)
        var states: [String: ExerciseState] = [:]
        for exercise in content.exercises {
            states[exercise.id] = stored[exercise.id] ?? .untouched(session: session, exercise: exercise.id)
        }
        return states
    }

    /// Opens, closes, reveals or hides an exercise in a session.
    /// Opens, closes or reveals an exercise. With `closesIn` (seconds, with `open: true`) it closes
    /// by itself that long after now; opening without it, or closing, clears the time.
    public func setState(session: Int64, exercise: String, open: Bool?, revealed: Bool?, closesIn: Double? = nil) async throws -> ExerciseState {
        try Self.refuseIfArchived(try await self.session(session))
        _ = try self.exercise(exercise)
        guard open != nil || revealed != nil else { throw AppError.badRequest("Say `open` or `revealed` (true or false).", zh: "请说明 `open` 或 `revealed`（true 或 false）。") }
        var closesAt: Date?
        if let closesIn {
            guard open == true else {
                throw AppError.badRequest("closes_in goes with open: true (it is how long the exercise stays open).", zh: "closes_in 要和 open: true 一起用（表示练习开放多长时间）。")
            }
            guard closesIn.isFinite, closesIn > 0, closesIn <= Self.longestTimer else {
                throw AppError.badRequest(
                    "closes_in is a number of seconds above 0 and at most \(Int(Self.longestTimer)) (a day).",
                    zh: "closes_in 应为大于 0、不超过 \(Int(Self.longestTimer)) 的秒数（一天）。")
            }
            closesAt = Date().addingTimeInterval(closesIn)
        }
        return try await store.setExerciseState(session: session, exercise: exercise, open: open, revealed: revealed, closesAt: closesAt)
    }

    /// The longest time an exercise can be opened for: a day (a longer one is a homework deadline).
    static let longestTimer: Double = 86_400

    // MARK: Trainees

    /// Joins a session by its code. A wrong code is a 404 and, repeated, slowed down per address.
    public func join(code: String, name: String, client: String) async throws -> (trainee: Trainee, token: String, session: CourseSession) {
        if let wait = limiter.waitTime(for: "join:" + client) { throw AppError.slowDown(seconds: wait) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidName(name) else { throw AppError.badRequest("A name is 1 to 40 printable characters.", zh: "名字应为 1 到 40 个可打印字符。") }
        let normalized = Secrets.normalizeJoinCode(code)
        guard normalized.count <= 16, let session = try await store.session(joinCode: normalized) else {
            limiter.recordFailure(for: "join:" + client)
            throw AppError.notFound("There is no session with this join code.", zh: "没有使用这个代码的课堂。")
        }
        try Self.refuseIfArchived(session)
        let token = Secrets.token(prefix: TokenPrefix.trainee)
        let trainee = try await store.addTrainee(
            session: session.id, name: name, tokenHash: Secrets.hash(token), reentryCode: Secrets.joinCode(length: Self.reentryCodeLength))
        return (trainee, token, session)
    }

    /// A trainee of the session, or 404 (also for a trainee of another session).
    public func trainee(_ id: Int64, in session: Int64) async throws -> Trainee {
        guard let trainee = try await store.trainee(id: id), trainee.sessionId == session else {
            throw AppError.notFound("There is no trainee \(id) in this session.", zh: "这个课堂里没有编号为 \(id) 的学员。")
        }
        return trainee
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && !name.contains(where: { $0.isControlLike })
    }

    // MARK: Exercises for a trainee

    /// The variant of an exercise a trainee works on: its join number for exercises with variants, else 0.
    public func variant(of exercise: CourseExercise, for trainee: Trainee) -> Int {
        exercise.variants ? max(1, trainee.number) : 0
    }

    /// Whether the trainee may see expected values and the solution of an exercise now.
    public func isRevealed(
        _ exercise: CourseExercise, state: ExerciseState, session: CourseSession, attemptsUsed: Int, now: Date = Date()
    ) -> Bool {
        if state.revealed { return true }
        switch exercise.reveal {
        case .manual:
            return false
        case .afterSubmit:
            // With limited attempts, only once all are used: otherwise the next attempt would copy them.
            return exercise.attempts == 0 ? attemptsUsed > 0 : attemptsUsed >= exercise.attempts
        case .afterDeadline:
            guard let due = session.homeworkDue.flatMap({ Dates.deadline($0, timeZone: session.zone) })
                ?? Dates.deadline(session.endsOn, timeZone: session.zone) else { return false }
            return now >= due
        }
    }

    /// One exercise as a trainee sees it: its variant, attempts and latest grade.
    public struct TraineeExercise: Sendable {
        public var exercise: CourseExercise
        public var state: ExerciseState
        public var variant: Int
        public var attemptsUsed: Int
        public var revealed: Bool
        public var submissions: [Submission]

        /// nil when unlimited.
        public var attemptsLeft: Int? {
            exercise.attempts == 0 ? nil : max(0, exercise.attempts - attemptsUsed)
        }

        /// The trainee may submit now.
        public var canSubmit: Bool { state.open && (attemptsLeft ?? 1) > 0 }

        /// The latest submission's grade as this trainee may see it.
        public var latestGrade: Grade? {
            submissions.last.flatMap { Classroom.visibleGrade(of: $0, revealed: revealed) }
        }
    }

    /// The exercises of a trainee's session with their states, optionally only the open ones.
    public func exercises(for trainee: Trainee, onlyOpen: Bool, ids: [String]? = nil) async throws -> [TraineeExercise] {
        guard let snapshot = try await store.classroomSnapshot(session: trainee.sessionId, trainee: trainee.id, attemptsAt: nil) else {
            throw AppError.notFound("There is no session \(trainee.sessionId).", zh: "没有编号为 \(trainee.sessionId) 的课堂。")
        }
        let session = snapshot.session
        let states = snapshot.states
        let submissions = Dictionary(grouping: snapshot.submissions, by: \.exerciseId)
        let wanted = ids.map { $0.compactMap(content.exercise) } ?? content.exercisesInOrder
        return wanted.compactMap { exercise in
            let state = states[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
            if onlyOpen && !state.open { return nil }
            let mine = submissions[exercise.id] ?? []
            return TraineeExercise(
                exercise: exercise, state: state, variant: variant(of: exercise, for: trainee), attemptsUsed: mine.count,
                revealed: isRevealed(exercise, state: state, session: session, attemptsUsed: mine.count), submissions: mine)
        }
    }

    /// The grade of a stored submission as its trainee may see it.
    static func visibleGrade(of submission: Submission, revealed: Bool) -> Grade? {
        Grade(jsonText: revealed ? submission.grade : submission.traineeGrade)
    }

    // MARK: Submitting

    /// What a submission returns: the stored row and the grade as the trainee may see it.
    public struct Outcome: Sendable {
        public var submission: Submission
        public var grade: Grade
        public var attemptsLeft: Int?
        /// How late a plan came (seconds), from the session read for this submission.
        public var lateSeconds: TimeInterval?
    }

    /// Grades a submission and stores it durably before returning. An unreadable submission is a
    /// 422 that costs no attempt and stores nothing; a closed exercise or no attempts left is a 409.
    public func submit(trainee: Trainee, exerciseID: String, body: JSONValue) async throws -> Outcome {
        let exercise = try self.exercise(exerciseID)
        if exercise.groupPlan {
            throw AppError.conflict(
                "This plan is written and handed in by your group together: use the group plan page (/t/group-plan/\(exercise.id)).",
                zh: "这份计划由小组一起写、一起提交：请在「小组计划」页面（/t/group-plan/\(exercise.id)）提交。")
        }
        guard let snapshot = try await store.classroomSnapshot(session: trainee.sessionId, trainee: trainee.id, attemptsAt: exercise.id) else {
            throw AppError.notFound("There is no session \(trainee.sessionId).", zh: "没有编号为 \(trainee.sessionId) 的课堂。")
        }
        let session = snapshot.session
        try Self.refuseIfArchived(session)
        guard let members = body.object else { throw AppError.badRequest("A submission is a JSON object with `answers` or `plan`.", zh: "提交应是带 `answers` 或 `plan` 的 JSON 对象。") }
        let submission: JSONValue
        switch exercise.kind {
        case .plan:
            guard let plan = members["plan"], plan.object != nil else { throw AppError.badRequest("A plan submission is {\"plan\": {…}}.", zh: "计划的提交格式是 {\"plan\": {…}}。") }
            submission = .object(["plan": plan])
        default:
            guard let answers = members["answers"], let given = answers.object else {
                throw AppError.badRequest("A submission is {\"answers\": {question id: answer}}.", zh: "提交格式是 {\"answers\": {题号: 答案}}。")
            }
            // A blank form costs no attempt (a phone's Enter key, a slip of the thumb).
            guard given.values.contains(where: { value in
                if case .string(let text) = value { return !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                if case .array(let items) = value { return !items.isEmpty }
                return value != .null
            }) else {
                throw AppError.badRequest("No answer is given: nothing was stored and no attempt is used.", zh: "没有填写任何答案：没有保存，也不计提交次数。")
            }
            submission = .object(["answers": answers])
        }
        if let named = members["exercise"]?.string, named != exercise.id {
            throw AppError.badRequest("The submission names exercise \(named) but was sent to \(exercise.id).", zh: "提交写的是练习 \(named)，却发到了练习 \(exercise.id)。")
        }
        let state = snapshot.states[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
        try state.refuseUnlessOpen()
        // Refused before grading when every attempt is used (the transaction checks again).
        if exercise.attempts > 0 && snapshot.attemptsUsed >= exercise.attempts {
            throw SubmissionRefusal.noAttemptsLeft(allowed: exercise.attempts)
        }

        let variant = variant(of: exercise, for: trainee)
        let graded = submission.withVariant(variant, exercise: exercise.id)
        let own = try await ownCaseForGrading(exercise, trainee: trainee.id)
        let (grade, hidden) = ServerMetrics.timeGrading(kind: exercise.kind.rawValue) {
            content.engine.grade(exercise, variant: variant, submission: graded, ownCase: own)
        }
        guard grade.gradable else {
            throw AppError(
                .unprocessableContent, "提交无法评分（不计入次数）：" + grade.formatErrors.joined(separator: "；"),
                details: ["format_errors": .array(grade.formatErrors.map(JSONValue.string))])
        }
        let (stored, used) = try await store.recordSubmission(
            NewSubmission(
                sessionId: session.id, traineeId: trainee.id, exerciseId: exercise.id, variant: variant,
                raw: submission.jsonString(), grade: grade.json.jsonString(), traineeGrade: hidden.json.jsonString(), score: grade.score, maxScore: grade.maxScore,
                needsManual: grade.needsManual, attemptsAllowed: exercise.attempts))
        let revealed = isRevealed(exercise, state: state, session: session, attemptsUsed: used)
        // The session and its states were read once, in the snapshot: lateness comes from it too.
        return Outcome(
            submission: stored, grade: revealed ? grade : hidden,
            attemptsLeft: exercise.attempts == 0 ? nil : max(0, exercise.attempts - used),
            lateSeconds: lateness(of: stored, session: session))
    }

    /// A trainee's own submission, or 404 (also for another trainee's).
    public func ownSubmission(_ id: Int64, of trainee: Trainee) async throws -> Submission {
        guard let submission = try await store.submission(id: id), submission.traineeId == trainee.id else {
            throw AppError.notFound("There is no submission \(id) of yours.", zh: "你没有编号为 \(id) 的提交。")
        }
        return submission
    }

    // MARK: Trainer's view of results

    /// A submission of the session, or 404.
    public func submission(_ id: Int64) async throws -> Submission {
        guard let submission = try await store.submission(id: id) else { throw AppError.notFound("There is no submission \(id).", zh: "没有编号为 \(id) 的提交。") }
        return submission
    }

    /// Sets a manual score with a comment; later regrades leave it alone.
    /// A nil score clears the override: the automatic grade (and rubric points) count again.
    public func override(submission id: Int64, score: Double?, comment: String) async throws -> Submission {
        let submission = try await self.submission(id)
        try Self.refuseIfArchived(try await session(submission.sessionId))
        if let score {
            guard score.isFinite, score >= 0, score <= submission.maxScore else {
                throw AppError.badRequest("The score must be between 0 and \(Self.format(submission.maxScore)).", zh: "分数应在 0 到 \(Self.format(submission.maxScore)) 之间。")
            }
        }
        guard comment.count <= 2000 else { throw AppError.badRequest("A comment is at most 2000 characters.", zh: "评语最多 2000 个字符。") }
        guard let updated = try await store.overrideScore(submission: id, score: score, comment: score == nil ? nil : comment) else {
            throw AppError.notFound("There is no submission \(id).", zh: "没有编号为 \(id) 的提交。")
        }
        return updated
    }

    /// Scores the rubric items of a text exercise's submission.
    public func scoreRubric(submission id: Int64, scores: [String: Double]) async throws -> Submission {
        let submission = try await self.submission(id)
        try Self.refuseIfArchived(try await session(submission.sessionId))
        let exercise = try self.exercise(submission.exerciseId)
        guard !exercise.rubric.isEmpty else { throw AppError.badRequest("Exercise \(exercise.id) has no rubric to score.", zh: "练习 \(exercise.id) 没有需要讲师打分的评分标准。") }
        var total = 0.0
        for (id, points) in scores {
            guard let item = exercise.rubric.first(where: { $0.id == id }) else {
                throw AppError.badRequest("The rubric of \(exercise.id) has no item \(id).", zh: "练习 \(exercise.id) 的评分标准里没有 \(id) 这一项。")
            }
            guard points.isFinite, points >= 0, points <= item.points else {
                throw AppError.badRequest("Rubric item \(id) is worth 0 to \(Self.format(item.points)) points.", zh: "评分项 \(id) 的分值是 0 到 \(Self.format(item.points)) 分。")
            }
            total += points
        }
        let text = JSONValue.object(scores.mapValues(JSONValue.number)).jsonString()
        guard let updated = try await store.scoreRubric(submission: id, scores: text, total: total) else {
            throw AppError.notFound("There is no submission \(id).", zh: "没有编号为 \(id) 的提交。")
        }
        return updated
    }

    /// Grades every stored submission of the exercise in the session again from its raw answers.
    /// Returns (how many were regraded, how many scores changed).
    public func regrade(session: Int64, exerciseID: String) async throws -> (regraded: Int, changed: Int) {
        try Self.refuseIfArchived(try await self.session(session))
        let exercise = try self.exercise(exerciseID)
        let stored = try await store.submissions(session: session, exercise: exercise.id)
        var regrades: [Regrade] = []
        for submission in stored {
            guard let raw = JSONValue.parse(submission.raw) else { continue }
            let graded = raw.withVariant(submission.variant, exercise: exercise.id)
            // An own-distributor plan is regraded on the case its trainee has now; without one it keeps its grade.
            var own: Case?
            if exercise.ownCase {
                guard let found = try? await ownCaseForGrading(exercise, trainee: submission.traineeId) else { continue }
                own = found
            }
            let (grade, hidden) = ServerMetrics.timeGrading(kind: exercise.kind.rawValue) {
                content.engine.grade(exercise, variant: submission.variant, submission: graded, ownCase: own)
            }
            // A submission the fixed engine can no longer read keeps its old grade: a regrade never loses a score.
            guard grade.gradable else { continue }
            regrades.append(
                Regrade(
                    submissionId: submission.id, grade: grade.json.jsonString(), traineeGrade: hidden.json.jsonString(), score: grade.score, maxScore: grade.maxScore,
                    needsManual: grade.needsManual))
        }
        let changed = try await store.applyRegrades(regrades)
        return (regrades.count, changed)
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

extension JSONValue {
    /// The submission as the grader reads it (exercises.md): with its exercise and variant.
    func withVariant(_ variant: Int, exercise: String) -> JSONValue {
        guard var members = object else { return self }
        members["exercise"] = .string(exercise)
        members["variant"] = .number(Double(variant))
        return .object(members)
    }
}

extension Character {
    /// Control and format characters (including bidi overrides) that have no place in a name.
    var isControlLike: Bool {
        unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }
}
