import Foundation
import Grading
import JBPModel

/// The day-2 plan workshop: each group drafts one OGSPM for a course case together (one shared
/// draft; each save records who changed which sections, and saves made at once are merged
/// section by section), hands it in for all its members, then reviews another group's plan
/// against the checks.
extension Classroom {
    /// The plan's top-level sections, as the edit log names them.
    static let planSections = ["period", "objective", "swot", "goals", "strategies", "plans", "measures", "total_budget", "projected_roi", "case"]

    /// The trainee's group, or a 409 saying the trainer forms them.
    func group(of trainee: Trainee) async throws -> ClassGroup {
        guard let group = try await store.groups(session: trainee.sessionId).first(where: { $0.traineeIds.contains(trainee.id) }) else {
            throw AppError.conflict("You are in no group yet: the trainer forms the groups.", zh: "你还没有分到小组：请等讲师分组。")
        }
        return group
    }

    /// The workshop exercise, or a 404 for anything that is not a group plan.
    func workshopExercise(_ id: String) throws -> CourseExercise {
        let exercise = try self.exercise(id)
        guard exercise.groupPlan else {
            throw AppError.notFound("\(exercise.id) is not a group workshop plan.", zh: "\(exercise.id) 不是小组工作坊的计划。")
        }
        return exercise
    }

    /// A group's shared draft: the latest version (nil before the first save) and every version's log line.
    public struct GroupDraft: Sendable {
        public var group: ClassGroup
        public var exercise: CourseExercise
        public var latest: GroupDraftVersion?
        public var versions: [GroupDraftVersion]
        public var plan: JSONValue { latest.flatMap { JSONValue.parse($0.plan) } ?? .object([:]) }
        public var version: Int { latest?.version ?? 0 }
    }

    public func groupDraft(trainee: Trainee, exercise id: String) async throws -> GroupDraft {
        let exercise = try workshopExercise(id)
        let group = try await group(of: trainee)
        let versions = try await store.groupDraftVersions(session: trainee.sessionId, exercise: exercise.id, group: group.id)
        return GroupDraft(group: group, exercise: exercise, latest: versions.last, versions: versions)
    }

    /// What a save did: the new version, the plan as merged, and whether others' sections were kept.
    public struct GroupSave: Sendable {
        public var version: Int
        public var plan: JSONValue
        /// True when others had saved since `base` and their sections are in `plan` but not in what was sent.
        public var merged: Bool
        public var base: Int
        /// The sections this save changed.
        public var sections: [String]
    }

    /// Saves the trainee's edit of the group's draft, made on version `base`: a section the trainee
    /// changed since `base` is theirs; any other section stays as the group has it now (so two
    /// members editing different sections at once both keep their work; the same section: the
    /// later save wins, and the log says who).
    public func saveGroupDraft(trainee: Trainee, exercise id: String, plan: JSONValue, base: Int?) async throws -> GroupSave {
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        guard let sent = plan.object else {
            throw AppError.badRequest("A plan is a JSON object (model.md §6).", zh: "计划应是一个 JSON 对象（model.md §6）。")
        }
        let exercise = try workshopExercise(id)
        let group = try await group(of: trainee)
        for _ in 0..<5 {
            let versions = try await store.groupDraftVersions(session: trainee.sessionId, exercise: exercise.id, group: group.id)
            let current = versions.last.flatMap { JSONValue.parse($0.plan)?.object } ?? [:]
            let baseVersion = base ?? versions.last?.version ?? 0
            guard baseVersion >= 0, baseVersion <= (versions.last?.version ?? 0) else {
                throw AppError(.unprocessableContent, "base_version \(baseVersion) is not a version of this draft.", zh: "base_version \(baseVersion) 不是这份草稿的版本。")
            }
            let basePlan = versions.first { $0.version == baseVersion }.flatMap { JSONValue.parse($0.plan)?.object } ?? [:]
            var merged = current
            for key in Set(sent.keys).union(basePlan.keys) where sent[key] != basePlan[key] {
                merged[key] = sent[key]
            }
            let changed = Set(merged.keys).union(current.keys).filter { merged[$0] != current[$0] }.sorted()
            let keptOthers = merged != sent
            if changed.isEmpty, let latest = versions.last {
                return GroupSave(version: latest.version, plan: .object(merged), merged: keptOthers, base: baseVersion, sections: [])
            }
            let next = (versions.last?.version ?? 0) + 1
            let record = GroupDraftVersion(
                sessionId: trainee.sessionId, exerciseId: exercise.id, groupId: group.id, version: next,
                plan: JSONValue.object(merged).jsonString(), traineeId: trainee.id,
                sections: JSONValue.array(changed.map(JSONValue.string)).jsonString(), savedAt: Date())
            // Another member saved the same version number first: merge again on top of theirs.
            if try await store.addGroupDraftVersion(record) {
                return GroupSave(version: next, plan: .object(merged), merged: keptOthers, base: keptOthers ? baseVersion : next, sections: changed)
            }
        }
        throw AppError.conflict("The group is saving very fast: try again in a moment.", zh: "组员同时保存太频繁，请稍后再试。")
    }

    /// Hands in the group's plan for every member: graded once on the exercise's case, recorded as
    /// each member's submission (so the group's score counts for each, on the leaderboard too).
    public func submitGroupPlan(trainee: Trainee, exercise id: String, plan: JSONValue) async throws -> Grade {
        let exercise = try workshopExercise(id)
        let group = try await group(of: trainee)
        let session = try await self.session(trainee.sessionId)
        try Self.refuseIfArchived(session)
        let state = try await store.exerciseStates(session: session.id)[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
        try state.refuseUnlessOpen()
        // Graded as any plan (exercises.md's submission: the plan); stored with the group that wrote it.
        let (grade, hidden) = content.engine.grade(
            exercise, variant: 0, submission: JSONValue.object(["plan": plan]).withVariant(0, exercise: exercise.id), ownCase: nil)
        let body = JSONValue.object(["plan": plan, "group": .number(Double(group.id))])
        guard grade.gradable else {
            throw AppError(
                .unprocessableContent, "提交无法评分（不计入次数）：" + grade.formatErrors.joined(separator: "；"),
                details: ["format_errors": .array(grade.formatErrors.map(JSONValue.string))])
        }
        for member in group.traineeIds {
            _ = try await store.recordSubmission(
                NewSubmission(
                    sessionId: session.id, traineeId: member, exerciseId: exercise.id, variant: 0, raw: body.jsonString(),
                    grade: grade.json.jsonString(), traineeGrade: hidden.json.jsonString(), score: grade.score, maxScore: grade.maxScore,
                    needsManual: grade.needsManual, attemptsAllowed: exercise.attempts))
        }
        return grade
    }

    /// The group a group reviews: the next one in the trainer's order (the last reviews the first).
    func reviewedGroup(of group: ClassGroup, in groups: [ClassGroup]) -> ClassGroup? {
        let ordered = groups.filter { !$0.traineeIds.isEmpty }.sorted { $0.position < $1.position }
        guard ordered.count >= 2, let index = ordered.firstIndex(where: { $0.id == group.id }) else { return nil }
        return ordered[(index + 1) % ordered.count]
    }

    /// The plan the trainee's group reviews: that group, its last handed-in plan and grade (nil before it hands in).
    public func planToReview(trainee: Trainee, exercise id: String) async throws -> (group: ClassGroup, submission: Submission?, grade: Grade?) {
        let exercise = try workshopExercise(id)
        let mine = try await group(of: trainee)
        let groups = try await store.groups(session: trainee.sessionId)
        guard let target = reviewedGroup(of: mine, in: groups) else {
            throw AppError.conflict("Reviews need at least two groups.", zh: "互评至少要两个小组。")
        }
        let handedIn = try await store.submissions(session: trainee.sessionId, exercise: exercise.id)
            .filter { target.traineeIds.contains($0.traineeId) }.max { $0.id < $1.id }
        // The trainee's view: the reviewers plan the same case, and the full grade names the answers.
        return (target, handedIn, handedIn.flatMap { Grade(jsonText: $0.traineeGrade) })
    }

    /// The trainee's group's review of the group it reviews: per check, whether the reviewers agree
    /// with its verdict, and a comment. Refused before that group has handed in.
    public func reviewGroupPlan(trainee: Trainee, exercise id: String, marks: [String: Bool], comment: String?) async throws -> GroupReview {
        let exercise = try workshopExercise(id)
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        let mine = try await group(of: trainee)
        let target = try await planToReview(trainee: trainee, exercise: exercise.id)
        guard let grade = target.grade else {
            throw AppError.conflict("\(target.group.name) has not handed in its plan yet.", zh: "\(target.group.name)还没有提交计划，暂时不能互评。")
        }
        let checks = Set(grade.items.map(\.id))
        for key in marks.keys where !checks.contains(key) {
            throw AppError(.unprocessableContent, "\(key.prefix(40)) is not one of the plan's checks.", zh: "\(key.prefix(40)) 不是计划的检查项。")
        }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (text?.count ?? 0) <= 2000 else { throw AppError(.unprocessableContent, "A review is at most 2,000 characters.", zh: "互评意见最多 2000 字。") }
        let review = GroupReview(
            sessionId: trainee.sessionId, exerciseId: exercise.id, reviewerGroup: mine.id, reviewedGroup: target.group.id,
            marks: JSONValue.object(marks.mapValues(JSONValue.bool)).jsonString(), comment: text?.isEmpty == true ? nil : text,
            traineeId: trainee.id, updatedAt: Date())
        try await store.saveGroupReview(review)
        return review
    }

    /// The reviews of the trainee's group's plan.
    public func reviewsOfMyGroup(trainee: Trainee, exercise id: String) async throws -> [GroupReview] {
        let exercise = try workshopExercise(id)
        let mine = try await group(of: trainee)
        return try await store.groupReviews(session: trainee.sessionId, exercise: exercise.id).filter { $0.reviewedGroup == mine.id }
    }
}
