import Foundation
import Grading
import JBPModel

/// Role-plays (api.md "The classroom"): roles dealt within each group, each member's card
/// private to them, the observers' checklist marks, and the player's grade, the mean of them.
extension Classroom {
    /// Deals the role-play's roles within each group: one player per group (someone who has not
    /// played it yet where there is one, so a second deal rotates), the other roles in the
    /// exercise's order to the others, and the observer's role to any more members. Replaces
    /// an earlier deal; marks already given stay with the players they were given to. A group
    /// with fewer members than roles is a 422 naming it, and nothing is dealt.
    public func deal(session id: Int64, exercise exerciseID: String) async throws -> [RoleAssignment] {
        let session = try await self.session(id)
        try Self.refuseIfArchived(session)
        let exercise = try self.exercise(exerciseID)
        guard exercise.kind == .roleplay, exercise.roles.count >= 2 else {
            throw AppError.conflict("\(exercise.id) is not a role-play: there are no roles to deal.", zh: "\(exercise.id) 不是角色扮演，没有角色可发。")
        }
        let groups = try await store.groups(session: id).filter { !$0.traineeIds.isEmpty }
        guard !groups.isEmpty else {
            throw AppError.conflict("Form groups first: roles are dealt within each group.", zh: "请先分组：角色在每个小组内分配。")
        }
        // Every part needs a player: a group smaller than the roles cannot play it (nothing is dealt).
        if let small = groups.first(where: { $0.traineeIds.count < exercise.roles.count }) {
            let parts = exercise.roles.map(\.name).joined(separator: "、")
            throw AppError(
                .unprocessableContent,
                "\(small.name) has \(small.traineeIds.count) member(s); this role-play needs at least \(exercise.roles.count) (\(parts)): move someone into it or deal fewer groups.",
                zh: "\(small.name)只有 \(small.traineeIds.count) 人，这个角色扮演至少要 \(exercise.roles.count) 人（\(parts)）：请调一位同学进来，或少分几组。")
        }
        let played = Set(try await store.submissions(session: id, exercise: exercise.id).map(\.traineeId))
        let extra = exercise.roles.last(where: \.observer) ?? exercise.roles[exercise.roles.count - 1]
        var dealt: [RoleAssignment] = []
        for group in groups {
            var members = group.traineeIds.shuffled()
            if let fresh = members.firstIndex(where: { !played.contains($0) }) { members.swapAt(0, fresh) }
            for (index, trainee) in members.enumerated() {
                let role = index < exercise.roles.count ? exercise.roles[index] : extra
                dealt.append(RoleAssignment(sessionId: id, exerciseId: exercise.id, traineeId: trainee, roleId: role.id, groupId: group.id))
            }
        }
        try await store.replaceRoles(session: id, exercise: exercise.id, roles: dealt)
        return dealt
    }

    /// A trainee's part in a role-play: their role (with its card), whether they are the one
    /// scored, and who that is in their group.
    public struct MyRole: Sendable {
        public var role: RoleView
        public var isPlayer: Bool
        public var player: Trainee?
        public var groupId: Int64
    }

    /// The trainee's role in the role-play, or nil before the trainer dealt (or when the trainee
    /// is in no group).
    public func myRole(trainee: Trainee, exercise: CourseExercise) async throws -> MyRole? {
        guard exercise.kind == .roleplay, let scored = exercise.roles.first else { return nil }
        let roles = try await store.roles(session: trainee.sessionId, exercise: exercise.id)
        guard let mine = roles.first(where: { $0.traineeId == trainee.id }),
              let role = exercise.roles.first(where: { $0.id == mine.roleId }) else { return nil }
        let playerId = roles.first { $0.groupId == mine.groupId && $0.roleId == scored.id }?.traineeId
        let player = try await playerId.asyncMap { try await store.trainee(id: $0) } ?? nil
        return MyRole(role: role, isPlayer: playerId == trainee.id, player: player, groupId: mine.groupId)
    }

    /// What an observer's marks did: the player marked, and how many observers have marked them.
    public struct Observed: Sendable {
        public var player: Trainee
        public var observers: Int
        public var grade: Grade
    }

    /// An observer's marks of their group's player (`{observations: {player id: {item: bool}},
    /// comments: {player id: text}}`): stored (a second time replaces the first), and the
    /// player's grade made again from every observer's marks. Refused with a sentence, storing
    /// nothing, when the exercise is closed, the trainee has no role or is the player, the
    /// marks name someone else, or an item is unknown or missing.
    public func observe(trainee: Trainee, exercise: CourseExercise, body: JSONValue) async throws -> Observed {
        let session = try await self.session(trainee.sessionId)
        try Self.refuseIfArchived(session)
        let state = try await store.exerciseStates(session: session.id)[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
        try state.refuseUnlessOpen()
        guard let mine = try await myRole(trainee: trainee, exercise: exercise) else {
            throw AppError.conflict("You have no role in this role-play yet: the trainer deals the roles.", zh: "你在这个角色扮演里还没有角色：请等讲师分配角色。")
        }
        guard !mine.isPlayer, let player = mine.player else {
            throw AppError.conflict(
                "You play the part that is scored: your observers mark you.", zh: "你是被观察、被评分的一方：由你组里的观察员给你打分。")
        }
        guard let observations = body["observations"]?.object else {
            throw AppError.badRequest(
                "A role-play is scored by its observers: send observations (the player's id → each checklist item true or false).",
                zh: "角色扮演由观察员评分：请提交 observations（被观察者编号 → 每个检查项 true 或 false）。")
        }
        let key = String(player.id)
        guard observations.count == 1, let marksValue = observations[key], let marksObject = marksValue.object else {
            throw AppError(
                .unprocessableContent, "observations names whom you observe: \(player.name), id \(player.id), and only them.",
                zh: "observations 要写你观察的学员：\(player.name)（编号 \(player.id)），只写这一位。")
        }
        var marks: [String: Bool] = [:]
        for (item, value) in marksObject {
            guard case .bool(let done) = value else {
                throw AppError(.unprocessableContent, "Checklist item \(item.prefix(40)) is marked true or false.", zh: "检查项 \(item.prefix(40)) 应标为 true 或 false。")
            }
            marks[item] = done
        }
        let problems = content.engine.roleplayProblems(exercise, marks: marks)
        guard problems.isEmpty else {
            throw AppError(
                .unprocessableContent, "The marks cannot be taken: " + problems.joined(separator: " "), zh: "评分没有保存：" + problems.joined(),
                details: ["format_errors": .array(problems.map(JSONValue.string))])
        }
        var comment = body["comments"]?[key]?.string?.trimmingCharacters(in: .whitespacesAndNewlines)
        if comment?.isEmpty == true { comment = nil }
        guard (comment?.count ?? 0) <= 1000 else {
            throw AppError(.unprocessableContent, "A comment is at most 1,000 characters.", zh: "点评最多 1000 个字。")
        }
        try await store.saveObservation(StoredObservation(
            sessionId: session.id, exerciseId: exercise.id, observerId: trainee.id, playerId: player.id,
            marks: JSONValue.object(marks.mapValues(JSONValue.bool)).jsonString(), comment: comment, updatedAt: Date()))
        let grade = try await regradePlayer(player, exercise: exercise, session: session)
        return Observed(player: player, observers: grade.observers, grade: grade.grade)
    }

    /// The observations of a player, each with its observer.
    public func observations(of player: Trainee, exercise: CourseExercise) async throws -> [(observer: Trainee?, observation: RoleplayGrading.Observation)] {
        var found: [(observer: Trainee?, observation: RoleplayGrading.Observation)] = []
        for stored in try await store.observations(exercise: exercise.id, player: player.id) {
            let marks = (JSONValue.parse(stored.marks)?.object ?? [:]).compactMapValues { value -> Bool? in
                if case .bool(let done) = value { return done } else { return nil }
            }
            found.append((try await store.trainee(id: stored.observerId),
                          RoleplayGrading.Observation(observer: String(stored.observerId), marks: marks, comment: stored.comment)))
        }
        return found
    }

    /// The player's grade from all their observers' marks, stored as the player's one submission
    /// of the role-play (made at the first marks, graded again at each later one).
    private func regradePlayer(_ player: Trainee, exercise: CourseExercise, session: CourseSession) async throws -> (grade: Grade, observers: Int) {
        let observations = try await observations(of: player, exercise: exercise).map(\.observation)
        guard let grade = content.engine.roleplayGrade(exercise, observations: observations) else {
            throw AppError.conflict("\(exercise.id) is not a role-play.", zh: "\(exercise.id) 不是角色扮演。")
        }
        let text = grade.json.jsonString()
        let raw = JSONValue.object(["observers": .number(Double(observations.count))]).jsonString()
        if let existing = try await store.submissions(trainee: player.id, exercise: exercise.id).last {
            _ = try await store.applyRegrades([
                Regrade(submissionId: existing.id, grade: text, traineeGrade: text, score: grade.score, maxScore: grade.maxScore, needsManual: false),
            ])
        } else {
            _ = try await store.recordSubmission(
                NewSubmission(
                    sessionId: session.id, traineeId: player.id, exerciseId: exercise.id, variant: 0, raw: raw, grade: text, traineeGrade: text,
                    score: grade.score, maxScore: grade.maxScore, needsManual: false, attemptsAllowed: 0))
        }
        return (grade, observations.count)
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
