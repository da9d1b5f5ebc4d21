import Foundation
import Grading
import JBPModel

extension Classroom {

    /// Saves the trainee's draft plan: no grade, no attempt.
    public func saveDraft(trainee: Trainee, plan: JSONValue) async throws -> PlanDraft {
        _ = try await planExercise(for: trainee)
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        guard plan.object != nil else { throw AppError.badRequest("A plan is a JSON object (model.md §6).", zh: "计划应是一个 JSON 对象（model.md §6）。") }
        return try await store.saveDraft(trainee: trainee.id, plan: plan.jsonString())
    }

    /// The draft, the last submitted plan and its grade as the trainee may see it.
    public func planStatus(trainee: Trainee) async throws -> (draft: PlanDraft?, submitted: Submission?, grade: Grade?) {
        let draft = try await store.draft(trainee: trainee.id)
        guard let exercise = try await handedInPlanExercise(for: trainee),
              let mine = try await exercises(for: trainee, onlyOpen: false, ids: [exercise.id]).first else {
            return (draft, nil, nil)
        }
        return (draft, mine.submissions.last, mine.latestGrade)
    }

    /// Records a ScoreCard check-in of the submitted plan and returns each measure's status
    /// (model.md §7). A second check-in on the same day replaces the first: that is how a
    /// trainee corrects a mistyped value (`replaced` is then true). The messages are the
    /// trainee's, so in Chinese, each naming the field.
    public func checkIn(trainee: Trainee, date: String, values: JSONValue) async throws -> (result: JSONValue, replaced: Bool) {
        // nil before any hand-in: then there is nothing to check in against (the 409 below).
        let exercise = try await handedInPlanExercise(for: trainee)
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        guard Dates.day(date) != nil else { throw AppError.badRequest("The check-in date \"\(date.prefix(40))\" must be written YYYY-MM-DD, e.g. 2027-03-31.", zh: "检查日期“\(date.prefix(40))”应写成 YYYY-MM-DD，如 2027-03-31。") }
        guard let members = values.object, !members.isEmpty else {
            throw AppError.badRequest("values must be each measure's actual value (measure → number), at least one.", zh: "values 应为各衡量指标的实际值（衡量指标 → 数字），至少填一项。")
        }
        for (id, value) in members where value.number == nil {
            throw AppError.badRequest("The actual value of measure \(id.prefix(40)) must be a number.", zh: "衡量指标 \(id.prefix(40)) 的实际值应为数字。")
        }
        guard let exercise, let submitted = try await store.submissions(trainee: trainee.id, exercise: exercise.id).last,
            let plan = JSONValue.parse(submitted.raw)?["plan"]
        else {
            throw AppError.conflict("Hand in a plan before recording a ScoreCard check-in.", zh: "请先提交计划，再记录 ScoreCard 检查。")
        }
        // A check-in follows the plan's year: outside its period there is no glide path to compare with.
        if let start = plan["period"]?["start"]?.string, let end = plan["period"]?["end"]?.string,
           Dates.day(start) != nil, Dates.day(end) != nil, date < start || date > end {
            throw AppError(.unprocessableContent, "The check-in date \(date) is outside the plan's period (\(start) to \(end)): the ScoreCard follows check-ins within the period only.", zh: "检查日期 \(date) 不在计划期间（\(start) 至 \(end)）内：ScoreCard 只跟进计划期间内的检查。")
        }
        let result: JSONValue
        do {
            result = try content.engine.checkIn(plan: plan, date: date, values: values)
        } catch {
            throw AppError(.unprocessableContent, error.message)
        }
        let stored = try await store.recordCheckIn(
            trainee: trainee.id, submission: submitted.id, date: date, values: values.jsonString(), result: result.jsonString())
        return (result, stored.replaced)
    }

    /// Removes the trainee's check-in of `date` (one recorded by mistake), or 404.
    public func deleteCheckIn(trainee: Trainee, date: String) async throws {
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        guard Dates.day(date) != nil else { throw AppError.badRequest("The check-in date \"\(date.prefix(40))\" must be written YYYY-MM-DD.", zh: "检查日期“\(date.prefix(40))”应写成 YYYY-MM-DD。") }
        guard try await store.deleteCheckIn(trainee: trainee.id, date: date) else {
            throw AppError.notFound("There is no check-in on \(date).", zh: "\(date) 没有检查记录。")
        }
    }

    /// The plan exercise whose hand-in the trainee follows up: the one they work on if they
    /// handed it in, else the plan they handed in last (a trainee whose trainer moved the class
    /// from the course case to their own distributors keeps following the plan they made); nil
    /// before any hand-in.
    func handedInPlanExercise(for trainee: Trainee) async throws -> CourseExercise? {
        let current = try await planExercise(for: trainee)
        if try await !store.submissions(trainee: trainee.id, exercise: current.id).isEmpty { return current }
        var latest: (exercise: CourseExercise, at: Date)?
        for other in homeworkPlans where other.id != current.id {
            if let last = try await store.submissions(trainee: trainee.id, exercise: other.id).last,
               latest.map({ last.createdAt > $0.at }) ?? true {
                latest = (other, last.createdAt)
            }
        }
        return latest?.exercise
    }

    // MARK: The plan builder

    /// The homework as one trainee works on it: the exercise, the trainee's variant and the review of its case.
    public struct Desk: Sendable {
        public var exercise: CourseExercise
        public var variant: Int
        public var review: Review
        /// The trainee's own distributor, for a `case: own` exercise.
        public var ownCase: Case? = nil
    }

    /// The trainee's plan exercise with the review of its case, or 404.
    /// For `case: own`, the review of the trainee's own distributor (a 409 saying to enter it first).
    public func desk(for trainee: Trainee) async throws -> Desk {
        let exercise = try await planExercise(for: trainee)
        let variant = variant(of: exercise, for: trainee)
        if let own = try await ownCaseForGrading(exercise, trainee: trainee.id) {
            return Desk(exercise: exercise, variant: 0, review: try Self.review(of: own), ownCase: own)
        }
        guard let review = content.engine.review(for: exercise, variant: variant) else {
            throw AppError.notFound("The plan exercise \(exercise.id) has no case to plan for.", zh: "计划作业 \(exercise.id) 没有对应的案例。")
        }
        return Desk(exercise: exercise, variant: variant, review: review)
    }

    /// The live projection of a draft onto the trainee's case (the engine's figures).
    public func projection(trainee: Trainee, plan: JSONValue) async throws -> JSONValue {
        guard plan.object != nil else { throw AppError.badRequest("A plan is a JSON object (model.md §6).", zh: "计划应是一个 JSON 对象（model.md §6）。") }
        return PlanBuilder.projection(try await desk(for: trainee).review, plan: plan)
    }

    /// Reads a plan written as YAML for the builder; a text that is not a plan is a 422 naming the place.
    public func importPlan(yaml: String) throws -> JSONValue {
        guard yaml.utf8.count <= 512 * 1024 else { throw AppError(.contentTooLarge, "A plan file is at most 512 kB.", zh: "计划文件最多 512 kB。") }
        do {
            return try PlanBuilder.plan(fromYAML: yaml)
        } catch {
            throw AppError(.unprocessableContent, "The plan file cannot be read: \(error.description)", zh: "计划文件无法读取：\(error.description)")
        }
    }

    /// The plan to export: the draft, else the last submitted plan; 404 when there is neither.
    public func planToExport(trainee: Trainee) async throws -> JSONValue {
        let status = try await planStatus(trainee: trainee)
        if let draft = status.draft.flatMap({ JSONValue.parse($0.plan) }) { return draft }
        if let submitted = status.submitted.flatMap({ JSONValue.parse($0.raw)?["plan"] }) { return submitted }
        throw AppError.notFound("There is no plan yet: write one in the plan builder first.", zh: "还没有计划：请先在计划编辑器里写一份。")
    }

    /// The homework deadline of a session: `homework_due` (a day means the end of that day in the
    /// server's time zone); a session without one has no deadline and nothing is late.
    public static func homeworkDeadline(_ session: CourseSession) -> Date? {
        session.homeworkDue.flatMap { Dates.deadline($0, timeZone: session.zone) }
    }

    /// How late a plan submission came, in seconds; nil when on time or not a plan.
    public func lateness(of submission: Submission, session: CourseSession) -> TimeInterval? {
        guard content.exercise(submission.exerciseId)?.kind == .plan, let due = Self.homeworkDeadline(session) else { return nil }
        let late = submission.createdAt.timeIntervalSince(due)
        return late > 0 ? late : nil
    }

    // MARK: Follow-up

    /// One check-in as stored, with the model's statuses.
    public struct CheckInView: Sendable {
        public var checkIn: CheckIn
        /// The model's evaluation: `date`, `fraction`, `measures` [{id, goal, kpi, actual, expected, attainment, status}].
        public var result: JSONValue
    }

    /// The trainee's check-ins, oldest first, of the plan they last submitted.
    public func checkIns(trainee: Trainee) async throws -> [CheckInView] {
        try await store.checkIns(trainee: trainee.id).map { CheckInView(checkIn: $0, result: JSONValue.parse($0.result) ?? .null) }
    }

    /// The trainer's comments on the checks of the given submissions, by submission and check id.
    public func checkComments(submissions: [Int64]) async throws -> [Int64: [String: String]] {
        var comments: [Int64: [String: String]] = [:]
        for comment in try await store.checkComments(submissions: submissions) {
            comments[comment.submissionId, default: [:]][comment.checkId] = comment.comment
        }
        return comments
    }

    /// Sets the trainer's comment on one check (grade item) of a submission; an empty comment removes it.
    public func comment(submission id: Int64, check: String, comment: String, by trainer: Trainer) async throws -> [String: String] {
        let submission = try await self.submission(id)
        try Self.refuseIfArchived(try await session(submission.sessionId))
        guard let grade = Grade(jsonText: submission.grade), grade.items.contains(where: { $0.id == check }) else {
            throw AppError.badRequest("Submission \(id) has no check \(check).", zh: "提交 \(id) 没有检查项 \(check)。")
        }
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 2000 else { throw AppError.badRequest("A comment is at most 2000 characters.", zh: "评语最多 2000 个字符。") }
        let all = try await store.setCheckComment(submission: id, check: check, comment: text, trainer: trainer.id)
        return Dictionary(all.map { ($0.checkId, $0.comment) }, uniquingKeysWith: { $1 })
    }

    // MARK: The trainer's view of the homework

    /// One trainee's homework as the trainer sees it.
    public struct PlanOverview: Sendable {
        public var trainee: Trainee
        /// The plan exercise of the row: the one the trainee handed in (see
        /// ``handedInPlanExercise(for:)``), else the one they work on.
        public var exercise: CourseExercise
        /// The last submitted plan, with its complete grade.
        public var submission: Submission?
        public var grade: Grade?
        public var late: TimeInterval?
        public var submissionsCount: Int
        public var hasDraft: Bool
        /// The latest check-in's statuses, by measure id.
        public var latestCheckIn: CheckInView?
    }

    /// Every trainee of the session with their homework and follow-up, in joining order. Each
    /// row shows the plan the trainee works on, or, where they handed in none, the plan they
    /// handed in last (after the trainer moved the class from one plan exercise to the other,
    /// earlier hand-ins stay on the page with their exercise named).
    public func planOverviews(session id: Int64) async throws -> [PlanOverview] {
        let session = try await self.session(id)
        let plans = homeworkPlans
        let open = try await planExercises(session: id, openOnly: true)
        let bothOpen = open.count > 1
        // The session's exercise: the open one, else the course's first (planExercise(session:)).
        let sessionPlan = open.first ?? plans[0]
        var byExercise: [String: [Int64: [Submission]]] = [:]
        for plan in plans {
            byExercise[plan.id] = Dictionary(grouping: try await store.submissions(session: id, exercise: plan.id), by: \.traineeId)
        }
        let trainees = try await store.trainees(session: id)
        var overviews: [PlanOverview] = []
        for trainee in trainees {
            // Without both open, every row is the session's exercise; with both, the trainee's own.
            let working = bothOpen ? try await planExercise(for: trainee) : sessionPlan
            var exercise = working
            var mine = byExercise[working.id]?[trainee.id] ?? []
            if mine.isEmpty,
               let other = plans.compactMap({ plan in byExercise[plan.id]?[trainee.id]?.last.map { (plan, $0) } })
                .max(by: { $0.1.createdAt < $1.1.createdAt }) {
                exercise = other.0
                mine = byExercise[other.0.id]?[trainee.id] ?? []
            }
            let last = mine.last
            let checkIns = try await store.checkIns(trainee: trainee.id)
            overviews.append(
                PlanOverview(
                    trainee: trainee, exercise: exercise, submission: last, grade: last.flatMap { Grade(jsonText: $0.grade) },
                    late: last.flatMap { lateness(of: $0, session: session) }, submissionsCount: mine.count,
                    hasDraft: try await store.draft(trainee: trainee.id) != nil,
                    latestCheckIn: checkIns.last.map { CheckInView(checkIn: $0, result: JSONValue.parse($0.result) ?? .null) }))
        }
        return overviews
    }
}

/// How long, in words a trainee reads: 2 天 3 小时, 45 分钟.
enum Lateness {
    static func text(_ seconds: TimeInterval, english: Bool = false) -> String {
        let minutes = Int((seconds / 60).rounded(.up))
        let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60)
        var parts: [String] = []
        if days > 0 { parts.append(english ? "\(days) d" : "\(days) 天") }
        if hours > 0 { parts.append(english ? "\(hours) h" : "\(hours) 小时") }
        if mins > 0 && days == 0 { parts.append(english ? "\(mins) min" : "\(mins) 分钟") }
        return parts.isEmpty ? (english ? "1 min" : "1 分钟") : parts.joined(separator: " ")
    }
}

/// The homework plan's default period.
public enum PlanPeriod {
    /// Twelve months from the first day of the month after `day` (YYYY-MM-DD): a class ending
    /// 2026-12-08 plans 2027-01-01 to 2027-12-31; one ending 2026-03-15, 2026-04-01 to 2027-03-31.
    public static func after(_ day: String) -> (start: String, end: String) {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return ("", "") }
        var (year, month) = (parts[0], parts[1] + 1)
        if month > 12 { (year, month) = (year + 1, 1) }
        let start = String(format: "%04d-%02d-01", year, month)
        // The day before the same date a year later.
        var (endYear, endMonth) = (year + 1, month - 1)
        if endMonth == 0 { (endYear, endMonth) = (year, 12) }
        let lastDay = [31, (endYear % 4 == 0 && endYear % 100 != 0) || endYear % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][endMonth - 1]
        return (start, String(format: "%04d-%02d-%02d", endYear, endMonth, lastDay))
    }
}
