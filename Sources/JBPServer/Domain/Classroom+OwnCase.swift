import Foundation
import Grading
import JBPModel

/// 我的经销商 (api.md "My own distributor"): a trainee's own distributor's figures, read as
/// strictly as any course case, its review, and the plan exercise with `case: own` graded on it.
extension Classroom {
    /// The trainee's own distributor and its review; nil before one is stored.
    public func ownDistributor(of trainee: Trainee) async throws -> (case: Case, review: Review)? {
        guard let stored = try await store.ownCase(trainee: trainee.id) else { return nil }
        // Stored only after the reader accepted it; read again so that a stored case always goes
        // through today's rules (a later version may refuse what an earlier one let through).
        let read = try Self.readOwnCase(stored.caseJSON, file: "我的经销商")
        return (read, try Self.review(of: read))
    }

    /// Checks and stores the trainee's own distributor (`PUT /api/me/case`).
    public func saveOwnDistributor(_ json: JSONValue, for trainee: Trainee) async throws -> (case: Case, review: Review) {
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        guard json.object != nil else {
            throw AppError(.unprocessableContent, "The case is a JSON object (model.md §1).", zh: "经销商数据应是一个 JSON 对象（model.md §1）。")
        }
        let read = try Self.readOwnCase(json.jsonString(), file: "case")
        let review = try Self.review(of: read)
        _ = try await store.saveOwnCase(trainee: trainee.id, caseJSON: read.json.jsonString())
        return (read, review)
    }

    /// Stores a case the template's reader has read already (the page's form).
    public func saveOwnDistributor(read: Case, for trainee: Trainee) async throws -> (case: Case, review: Review) {
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        let review = try Self.review(of: read)
        _ = try await store.saveOwnCase(trainee: trainee.id, caseJSON: read.json.jsonString())
        return (read, review)
    }

    /// Reads the filled-in case template (CSV, as `course/downloads/case-template.csv`) or a
    /// YAML case, then stores it as `saveOwnDistributor` does.
    public func importOwnDistributor(bytes: [UInt8], csv: Bool, for trainee: Trainee) async throws -> (case: Case, review: Review) {
        try Self.refuseIfArchived(try await session(trainee.sessionId))
        let read: Case
        do {
            if csv {
                read = try CaseTemplate.read(bytes: bytes, file: "case-template.csv")
            } else {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw ModelError(file: "case.yaml", path: "", message: "the file is not UTF-8 text", chinese: "文件不是 UTF-8 文本，请另存为 UTF-8")
                }
                read = try Case.read(text, file: "case.yaml")
            }
        } catch let error as ModelError {
            throw Self.refusal([error])
        }
        let review = try Self.review(of: read)
        _ = try await store.saveOwnCase(trainee: trainee.id, caseJSON: read.json.jsonString())
        return (read, review)
    }

    /// The case in `text`, or a 422 whose `format_errors` name each problem's key.
    static func readOwnCase(_ text: String, file: String) throws -> Case {
        do {
            return try Case.read(text, file: file)
        } catch {
            throw refusal([error])
        }
    }

    static func review(of read: Case) throws -> Review {
        do {
            return try Review(read, file: "我的经销商")
        } catch {
            throw refusal([error])
        }
    }

    /// One 422 for problems of a case, each `key：problem` in Chinese (the English in `message`).
    static func refusal(_ errors: [ModelError]) -> AppError {
        let chinese = errors.map { error in (error.path.isEmpty ? "" : error.path + "：") + (error.chinese ?? error.message) }
        let english = errors.map { error in (error.path.isEmpty ? "" : error.path + ": ") + error.message }
        return AppError(
            .unprocessableContent, "The case cannot be stored: " + english.joined(separator: "; "),
            zh: "经销商数据无法保存：" + chinese.joined(separator: "；"),
            details: ["format_errors": .array(chinese.map(JSONValue.string))])
    }

    /// The plan exercise a session hands out: the first plan exercise (in course order) that is
    /// open in the session; before any is open, the course's first. The trainer chooses in the
    /// control room by opening one (the course's 鸿运 plan, or the plan for one's own distributor).
    public func planExercise(session: Int64) async throws -> CourseExercise {
        try await planExercises(session: session).first!
    }

    /// The plan exercise one trainee works on. With one plan exercise open, that one. With both
    /// the course case's and the own distributor's open, the trainee's choice made by what they
    /// did: whoever has entered their own distributor plans for it, the others plan for the
    /// course case. (A trainee switches by entering their distributor; their earlier hand-ins stay.)
    public func planExercise(for trainee: Trainee) async throws -> CourseExercise {
        let open = try await planExercises(session: trainee.sessionId, openOnly: true)
        guard open.count > 1 else { return try await planExercise(session: trainee.sessionId) }
        let hasOwnCase = try await store.ownCase(trainee: trainee.id) != nil
        return open.first { $0.ownCase == hasOwnCase } ?? open[0]
    }

    /// The plan exercises a session can hand out as homework, in course order: every plan but a
    /// group workshop's, which is drafted in class.
    var homeworkPlans: [CourseExercise] {
        content.exercisesInOrder.filter { $0.kind == .plan && !$0.groupPlan }
    }

    /// The course's plan exercises in course order: the open ones first (all of them with
    /// `openOnly`, then possibly none), else the course's first; a 404 when the course has none.
    func planExercises(session: Int64, openOnly: Bool = false) async throws -> [CourseExercise] {
        let plans = homeworkPlans
        guard let first = plans.first else {
            throw AppError.notFound("This course has no plan exercise.", zh: "这门课程没有计划作业。")
        }
        let states = plans.count > 1 || openOnly ? try await store.exerciseStates(session: session) : [:]
        let open = plans.filter { states[$0.id]?.open == true }
        if openOnly { return open }
        return open.isEmpty ? [first] : open
    }

    /// The own case a submission of `exercise` is graded against: nil for a course case; a 409
    /// for `case: own` while the trainee has entered none.
    func ownCaseForGrading(_ exercise: CourseExercise, trainee: Int64) async throws -> Case? {
        guard exercise.ownCase else { return nil }
        guard let stored = try await store.ownCase(trainee: trainee) else {
            throw AppError.conflict(
                "This plan is graded against your own distributor's figures: enter them under My distributor (/t/my-case) first.",
                zh: "这份计划要对照你自己负责的经销商的数据评分：请先在「我的经销商」（/t/my-case）里录入他的数据。")
        }
        return try Self.readOwnCase(stored.caseJSON, file: "我的经销商")
    }
}
