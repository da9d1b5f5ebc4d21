import Foundation
import HummingbirdBcrypt
import JBPModel
import NIOPosix

/// Identities that last (api.md): a trainee's re-entry on another device, trainers who own their
/// sessions, and deleting what a trainer or trainee asks to be gone.
extension Classroom {
    /// A re-entry code is this long, of the join code's alphabet.
    static let reentryCodeLength = 8

    // MARK: Re-entry

    /// The same trainee on a new device: the join code, the name as joined (trimmed) and the
    /// re-entry code must all match. A wrong triple is a 404 and, repeated, slowed down per address.
    public func rejoin(code: String, name: String, reentryCode: String, client: String) async throws -> (trainee: Trainee, token: String, session: CourseSession) {
        if let wait = limiter.waitTime(for: "join:" + client) { throw AppError.slowDown(seconds: wait) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let normalizedCode = Secrets.normalizeJoinCode(code)
        let normalizedReentry = Secrets.normalizeJoinCode(reentryCode)
        guard normalizedCode.count <= 16, normalizedReentry.count == Self.reentryCodeLength, Self.isValidName(name),
              let session = try await store.session(joinCode: normalizedCode),
              let trainee = try await store.trainee(session: session.id, name: name, reentryCode: normalizedReentry)
        else {
            limiter.recordFailure(for: "join:" + client)
            throw AppError.notFound("No trainee of a session with this join code has this name and re-entry code.", zh: "没有找到这位学员：课堂代码、名字和换设备码要和加入时的一致。")
        }
        let token = Secrets.token(prefix: TokenPrefix.trainee)
        try await store.addTraineeToken(trainee: trainee.id, tokenHash: Secrets.hash(token))
        return (trainee, token, session)
    }

    /// The trainee's re-entry code, issued now if the trainee joined before codes existed.
    public func reentryCode(of trainee: Trainee) async throws -> String {
        // Read afresh: the request's trainee may be another instance's cached copy from before a reissue.
        if let code = try await store.trainee(id: trainee.id)?.reentryCode { return code }
        return try await reissueReentryCode(trainee: trainee.id)
    }

    /// A new re-entry code for a trainee who lost theirs; the old one stops working.
    @discardableResult
    public func reissueReentryCode(trainee id: Int64) async throws -> String {
        let code = Secrets.joinCode(length: Self.reentryCodeLength)
        guard try await store.setReentryCode(trainee: id, code: code) != nil else { throw AppError.notFound("There is no trainee \(id).", zh: "没有编号为 \(id) 的学员。") }
        // The trainee's cached record holds the old code: their own pages must show the new one.
        authenticator.forgetTrainee(id)
        return code
    }

    // MARK: Trainers who own their sessions

    /// Whether the trainer may see and change the session: an admin always, anyone else only a
    /// session they created or were added to.
    public func mayTrain(_ trainer: Trainer, session: Int64) async throws -> Bool {
        if trainer.isAdmin { return true }
        return try await store.sessionIDs(trainer: trainer.id).contains(session)
    }

    /// The sessions a trainer sees, newest first.
    public func sessions(for trainer: Trainer) async throws -> [CourseSession] {
        let all = try await store.sessions()
        guard !trainer.isAdmin else { return all }
        let mine = try await store.sessionIDs(trainer: trainer.id)
        return all.filter { mine.contains($0.id) }
    }

    /// The session, or 404 when there is none or it is another trainer's: a trainer cannot even
    /// learn that someone else's session exists.
    public func session(_ id: Int64, for trainer: Trainer) async throws -> CourseSession {
        let session = try await self.session(id)
        guard try await mayTrain(trainer, session: id) else { throw AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。") }
        return session
    }

    /// Adds another trainer account to a session.
    public func addTrainer(named name: String, toSession session: Int64) async throws -> Trainer {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let trainer = try await store.trainer(named: name) else { throw AppError.notFound("There is no trainer called \(name).", zh: "没有名为 \(name) 的讲师账号。") }
        try await store.addSessionTrainer(session: session, trainer: trainer.id)
        return trainer
    }

    /// The names of a session's trainers, its creator first.
    public func trainerNames(session: Int64) async throws -> [String] {
        let ids = try await store.sessionTrainers(session: session)
        let byID = Dictionary(try await store.trainers().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Sets a trainer's password (their own, or as an admin another's) and ends their sign-ins.
    public func setPassword(of trainer: Trainer, to password: String) async throws {
        try await store.setTrainerPassword(trainer: trainer.id, passwordHash: try await Self.passwordHash(password, cost: bcryptCost))
        authenticator.forgetTrainers()
    }

    /// Sets a trainer's password in a store (`jbp trainer passwd`, which has no course).
    public static func setPassword(name: String, password: String, store: any ClassroomStore, cost: UInt8 = 12) async throws {
        guard let trainer = try await store.trainer(named: name) else { throw AppError.notFound("There is no trainer called \(name).", zh: "没有名为 \(name) 的讲师账号。") }
        try await store.setTrainerPassword(trainer: trainer.id, passwordHash: try await passwordHash(password, cost: cost))
    }

    /// The bcrypt hash of a new password (at least 8 characters), made off the cooperative pool:
    /// bcrypt takes a quarter of a second on purpose. Every way a password is set goes through here.
    static func passwordHash(_ password: String, cost: UInt8) async throws -> String {
        guard password.count >= 8 else { throw AppError.badRequest("A password has at least 8 characters.", zh: "密码至少 8 个字符。") }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a trainer's current password (changing one's own password asks for it).
    public func checkPassword(of trainer: Trainer, _ password: String) async throws -> Bool {
        try await verifyPassword(password, hash: trainer.passwordHash)
    }

    /// Merges two trainees of one person (joined twice) in one session: everything of `from` goes
    /// to `into` and `from` is removed; the best score rules as before. Both devices go on as `into`.
    public func merge(trainee from: Int64, into: Int64) async throws -> (trainee: Trainee, moved: Int) {
        guard from != into else {
            throw AppError.badRequest("A trainee cannot be merged into themselves.", zh: "不能把学员合并到他自己。")
        }
        guard let source = try await store.trainee(id: from) else { throw AppError.notFound("There is no trainee \(from).", zh: "没有编号为 \(from) 的学员。") }
        guard let target = try await store.trainee(id: into), target.sessionId == source.sessionId else {
            throw AppError.notFound("There is no trainee \(into) in this session.", zh: "这个课堂里没有编号为 \(into) 的学员。")
        }
        try Self.refuseIfArchived(try await session(source.sessionId))
        let moved = try await store.mergeTrainee(from, into: into)
        authenticator.forgetTrainee(from)
        return (target, moved)
    }

    // MARK: Archiving

    /// Refuses any change to an archived session: it can be read, not changed, until restored.
    static func refuseIfArchived(_ session: CourseSession) throws {
        guard session.archivedAt != nil else { return }
        throw AppError.conflict(
            "This session is archived: it can be read but not changed; a trainer can restore it.",
            zh: "这个课堂已归档：只能查看，不能修改；讲师可以把它恢复。")
    }

    /// Archives a session (read-only, hidden from the list) or restores it.
    public func setArchived(_ id: Int64, _ archived: Bool) async throws -> CourseSession {
        guard let session = try await store.setArchived(session: id, at: archived ? Date() : nil) else {
            throw AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。")
        }
        return session
    }

    // MARK: Deleting

    /// Deletes a trainee and everything of theirs; their tokens stop working at once here.
    public func deleteTrainee(_ id: Int64) async throws {
        guard try await store.deleteTrainee(id: id) else { throw AppError.notFound("There is no trainee \(id).", zh: "没有编号为 \(id) 的学员。") }
        authenticator.forgetTrainee(id)
    }

    /// Deletes a session and everything in it.
    public func deleteSession(_ id: Int64) async throws {
        let trainees = try await store.trainees(session: id)
        guard try await store.deleteSession(id: id) else { throw AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。") }
        for trainee in trainees { authenticator.forgetTrainee(trainee.id) }
    }

    /// What deleting a session or a trainee takes with it, for the confirmation page.
    public func deletionCounts(session: Int64, trainee: Int64? = nil) async throws -> (trainees: Int, submissions: Int, checkIns: Int) {
        let trainees = try await store.trainees(session: session).filter { trainee == nil || $0.id == trainee }
        var submissions = 0
        var checkIns = 0
        for person in trainees {
            submissions += try await store.submissions(trainee: person.id, exercise: nil).count
            checkIns += try await store.checkIns(trainee: person.id).count
        }
        return (trainees.count, submissions, checkIns)
    }

    // MARK: A copy of one's own data

    /// Everything stored about a trainee, as one JSON document (PIPL / GDPR: a copy of one's data).
    public func export(_ cached: Trainee) async throws -> JSONValue {
        let trainee = try await store.trainee(id: cached.id) ?? cached
        let session = try await self.session(trainee.sessionId)
        let submissions = try await store.submissions(trainee: trainee.id, exercise: nil)
        let comments = try await store.checkComments(submissions: submissions.map(\.id))
        let draft = try await store.draft(trainee: trainee.id)
        let checkIns = try await store.checkIns(trainee: trainee.id)
        let own = try await store.ownCase(trainee: trainee.id)
        func date(_ date: Date) -> JSONValue { .string(Dates.iso(date)) }
        func parsed(_ text: String?) -> JSONValue { text.flatMap(JSONValue.parse) ?? .null }
        let person: JSONValue = .object([
            "id": .number(Double(trainee.id)), "name": .string(trainee.name), "number": .number(Double(trainee.number)),
            "joined_at": date(trainee.createdAt), "reentry_code": trainee.reentryCode.map(JSONValue.string) ?? .null,
        ])
        let course: JSONValue = .object([
            "id": .number(Double(session.id)), "title": .string(session.title), "starts_on": .string(session.startsOn),
            "ends_on": .string(session.endsOn), "homework_due": session.homeworkDue.map(JSONValue.string) ?? .null,
        ])
        var work: [JSONValue] = []
        for submission in submissions {
            var said: [JSONValue] = []
            for comment in comments where comment.submissionId == submission.id {
                said.append(.object(["check": .string(comment.checkId), "comment": .string(comment.comment), "at": date(comment.updatedAt)]))
            }
            let fields: [String: JSONValue] = [
                "id": .number(Double(submission.id)), "exercise_id": .string(submission.exerciseId),
                "variant": .number(Double(submission.variant)), "submitted_at": date(submission.createdAt),
                "answers": parsed(submission.raw), "grade": parsed(submission.traineeGrade), "score": .number(submission.effectiveScore),
                "override_comment": submission.overrideComment.map(JSONValue.string) ?? .null, "comments": .array(said),
            ]
            work.append(.object(fields))
        }
        var followUp: [JSONValue] = []
        for checkIn in checkIns {
            let fields: [String: JSONValue] = [
                "date": .string(checkIn.date), "values": parsed(checkIn.values), "result": parsed(checkIn.result),
                "submission_id": .number(Double(checkIn.submissionId)),
            ]
            followUp.append(.object(fields))
        }
        let plan: JSONValue = draft.map { .object(["plan": parsed($0.plan), "saved_at": date($0.updatedAt)]) } ?? .null
        // The quarters' figures of every plan period the trainee handed in.
        var periods: Set<String> = []
        for submission in submissions where content.exercise(submission.exerciseId)?.kind == .plan {
            if let start = JSONValue.parse(submission.raw)?["plan"]?["period"]?["start"]?.string { periods.insert(start) }
        }
        var quarters: [JSONValue] = []
        for start in periods.sorted() {
            for record in try await store.quarterCases(trainee: trainee.id, periodStart: start) {
                quarters.append(.object([
                    "period_start": .string(start), "quarter": .number(Double(record.quarter)),
                    "case": parsed(record.caseJSON), "recorded_at": date(record.updatedAt),
                ]))
            }
        }
        // What the trainee did in class for others: role-play marks given, workshop edits saved.
        let marksGiven: [JSONValue] = try await store.observations(byObserver: trainee.id).map { o in
            .object([
                "exercise_id": .string(o.exerciseId), "player_id": .number(Double(o.playerId)), "marks": parsed(o.marks),
                "comment": o.comment.map(JSONValue.string) ?? .null, "at": date(o.updatedAt),
            ])
        }
        let edits: [JSONValue] = try await store.groupDraftVersions(byTrainee: trainee.id).map { v in
            .object([
                "exercise_id": .string(v.exerciseId), "group_id": .number(Double(v.groupId)), "version": .number(Double(v.version)),
                "sections": parsed(v.sections), "plan": parsed(v.plan), "saved_at": date(v.savedAt),
            ])
        }
        return .object([
            "exported_at": date(Date()), "trainee": person, "session": course, "submissions": .array(work), "plan_draft": plan,
            "roleplay_marks_given": .array(marksGiven), "group_plan_edits": .array(edits),
            "check_ins": .array(followUp), "own_distributor": own.flatMap { JSONValue.parse($0.caseJSON) } ?? .null,
            "quarter_figures": .array(quarters),
        ])
    }
}
