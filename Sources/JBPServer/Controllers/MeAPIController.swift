import Foundation
import HTTPTypes
import Hummingbird
import JBPModel

/// The trainee's API (`/api/me/…`): only ever the caller's own work.
struct MeAPIController {
    let classroom: Classroom

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let me = api.group("me").add(middleware: RequireTraineeMiddleware())
        me.get("exercises", use: exercises)
        me.post("exercises/:exercise/submissions", use: submit)
        me.get("submissions", use: submissions)
        me.get("export", use: export)
        me.put("case", use: saveCase)
        me.get("case", use: ownCase)
        me.post("case/import", use: importCase)
        me.put("plan", use: saveDraft)
        me.get("plan", use: plan)
        me.post("plan/checkins", use: checkIn)
        me.delete("plan/checkins/:date", use: deleteCheckIn)
        me.post("plan/projection", use: projection)
        me.post("plan/import", use: importPlan)
        // The day-2 workshop: the group's shared draft, its hand-in, and the review of another group's.
        me.get("group-plan/:exercise") { [classroom] _, context in
            let trainee = try context.requireTrainee()
            let draft = try await classroom.groupDraft(trainee: trainee, exercise: context.parameters.get("exercise") ?? "")
            return jsonResponse(.object(try await Self.groupDraftFields(classroom, draft, me: trainee)))
        }
        me.put("group-plan/:exercise") { [classroom] request, context in
            let trainee = try context.requireTrainee()
            let body = try await request.jsonValue(context: context)
            guard let plan = body["plan"] else {
                throw AppError.badRequest("Send the plan as {\"plan\": {…}, \"base_version\": N}.", zh: "请以 {\"plan\": {…}, \"base_version\": N} 的形式提交计划。")
            }
            let base: Int?
            switch body["base_version"] {
            case nil, .null?: base = nil
            case .number(let n)? where n == n.rounded() && n >= 0 && n < 1e9: base = Int(n)
            default: throw AppError.badRequest("base_version is the whole number of the version the edit was made on.", zh: "base_version 应为这次修改所基于的版本号（整数）。")
            }
            let exercise = context.parameters.get("exercise") ?? ""
            let saved = try await classroom.saveGroupDraft(trainee: trainee, exercise: exercise, plan: plan, base: base)
            let draft = try await classroom.groupDraft(trainee: trainee, exercise: exercise)
            var answer = try await Self.groupDraftFields(classroom, draft, me: trainee)
            answer["version"] = .number(Double(saved.version))
            answer["plan"] = saved.plan
            answer["merged"] = .bool(saved.merged)
            answer["based_on"] = .number(Double(saved.base))
            answer["sections"] = .array(saved.sections.map(JSONValue.string))
            answer["draft_saved_at"] = .string(Dates.iso(Date()))
            return jsonResponse(.object(answer))
        }
        me.post("group-plan/:exercise/projection") { [classroom] request, context in
            _ = try context.requireTrainee()
            let exercise = try classroom.workshopExercise(context.parameters.get("exercise") ?? "")
            let body = try await request.jsonValue(context: context)
            guard let review = classroom.content.engine.review(for: exercise, variant: 0), let plan = body["plan"], plan.object != nil else {
                throw AppError.badRequest("A plan is a JSON object (model.md §6).", zh: "计划应是一个 JSON 对象（model.md §6）。")
            }
            return jsonResponse(PlanBuilder.projection(review, plan: plan))
        }
        me.post("group-plan/:exercise/submit") { [classroom] request, context in
            let trainee = try context.requireTrainee()
            let body = try await request.jsonValue(context: context)
            guard let plan = body["plan"], plan.object != nil else {
                throw AppError.badRequest("A plan is a JSON object (model.md §6).", zh: "计划应是一个 JSON 对象（model.md §6）。")
            }
            let grade = try await classroom.submitGroupPlan(trainee: trainee, exercise: context.parameters.get("exercise") ?? "", plan: plan)
            return jsonResponse(grade.json(leavingOutMissingExpected: true), status: .created)
        }
        me.get("group-plan/:exercise/review") { [classroom] _, context in
            let trainee = try context.requireTrainee()
            let exercise = context.parameters.get("exercise") ?? ""
            let target = try await classroom.planToReview(trainee: trainee, exercise: exercise)
            return jsonResponse(.object([
                "group": .object(["id": .number(Double(target.group.id)), "name": .string(target.group.name)]),
                "plan": target.submission.flatMap { JSONValue.parse($0.raw)?["plan"] } ?? .null,
                "grade": target.grade.map { $0.json(leavingOutMissingExpected: true) } ?? .null,
            ]))
        }
        me.post("group-plan/:exercise/review") { [classroom] request, context in
            let trainee = try context.requireTrainee()
            let body = try await request.jsonValue(context: context)
            var marks: [String: Bool] = [:]
            for (key, value) in body["marks"]?.object ?? [:] {
                guard case .bool(let agree) = value else {
                    throw AppError.badRequest("Each check's mark is true (the verdict holds) or false.", zh: "每个检查项的意见应为 true（认同）或 false（不认同）。")
                }
                marks[key] = agree
            }
            let review = try await classroom.reviewGroupPlan(
                trainee: trainee, exercise: context.parameters.get("exercise") ?? "", marks: marks, comment: body["comment"]?.string)
            return jsonResponse(.object(["reviewed_group": .number(Double(review.reviewedGroup)), "checks": .number(Double(marks.count))]), status: .created)
        }
        // The leaderboard while the trainer shows it (404 while hidden).
        me.get("leaderboard") { [classroom] _, context in
            try jsonResponse(LeaderboardAnswer(try await classroom.leaderboard(for: try context.requireTrainee())))
        }
    }

    /// The group's draft as the API answers it: the group, the version, the plan, who changed what.
    static func groupDraftFields(_ classroom: Classroom, _ draft: Classroom.GroupDraft, me: Trainee) async throws -> [String: JSONValue] {
        let names = try await classroom.traineeNames(session: me.sessionId)
        // The latest edit by someone else, in a sentence for the "load their edits" notice.
        var others = ""
        if let last = draft.versions.last(where: { $0.traineeId != me.id }) {
            let sections = (JSONValue.parse(last.sections)?.array ?? []).compactMap(\.string).map { PlanWords.sectionName($0) }
            others = "\(names[last.traineeId] ?? "?") 改了 \(sections.joined(separator: "、"))（第 \(last.version) 版）"
        }
        return [
            "others_text": .string(others),
            "exercise": .string(draft.exercise.id),
            "group": .object([
                "id": .number(Double(draft.group.id)), "name": .string(draft.group.name),
                "trainee_ids": .array(draft.group.traineeIds.map { .number(Double($0)) }),
            ]),
            "version": .number(Double(draft.version)), "plan": draft.plan,
            "edits": .array(draft.versions.map { version in
                .object([
                    "version": .number(Double(version.version)), "trainee_id": .number(Double(version.traineeId)),
                    "name": .string(names[version.traineeId] ?? ""),
                    "sections": JSONValue.parse(version.sections) ?? .array([]), "saved_at": .string(Dates.iso(version.savedAt)),
                ])
            }),
        ]
    }


    /// Where a review or plan exercise's charts are drawn for the caller's variant.
    static func chartURLs(_ exercise: CourseExercise) -> [String: String]? {
        guard exercise.kind == .review || exercise.kind == .plan else { return nil }
        return Dictionary(uniqueKeysWithValues: ReviewChart.allCases.map { ($0.rawValue, "/t/charts/\(exercise.id)/\($0.rawValue).svg") })
    }

    func exercises(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let engine = classroom.content.engine
        var views: [MyExerciseView] = []
        for mine in try await classroom.exercises(for: trainee, onlyOpen: true) {
            var view = MyExerciseView(
                id: mine.exercise.id, kind: mine.exercise.kind.rawValue, title: mine.exercise.title, module: mine.exercise.module,
                promptHTML: mine.exercise.promptHTML, questions: mine.exercise.questions, rubric: mine.exercise.rubric, variant: mine.variant,
                data: engine.data(for: mine.exercise, variant: mine.variant), attemptsAllowed: mine.exercise.attempts,
                attemptsUsed: mine.attemptsUsed, attemptsLeft: mine.attemptsLeft, revealed: mine.revealed,
                charts: engine.review(for: mine.exercise, variant: mine.variant) == nil ? nil : Self.chartURLs(mine.exercise),
                closesAt: mine.state.closesAt.map(Dates.iso))
            if mine.exercise.kind == .roleplay {
                // Only the trainee's own card: another role's stays private to its player.
                let part = try await classroom.myRole(trainee: trainee, exercise: mine.exercise)
                view.roleplay = MyExerciseView.Roleplay(
                    role: part.map { .init(id: $0.role.id, name: $0.role.name, cardHTML: $0.role.cardHTML) },
                    isPlayer: part?.isPlayer ?? false,
                    player: part?.player.map { .init(traineeId: $0.id, name: $0.name) },
                    checklist: mine.exercise.checklist.map { .init(id: $0.id, text: $0.text, points: $0.points) })
            }
            views.append(view)
        }
        return try jsonResponse(["exercises": views])
    }

    func submit(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let body = try await request.jsonValue(context: context)
        let exerciseID = context.parameters.get("exercise") ?? ""
        // A role-play's observer sends marks of their group's player: the player's grade is made from them.
        if let exercise = classroom.content.exercise(exerciseID), exercise.kind == .roleplay {
            let observed = try await classroom.observe(trainee: trainee, exercise: exercise, body: body)
            return jsonResponse(
                .object(["player_id": .number(Double(observed.player.id)), "observers": .number(Double(observed.observers))]), status: .created)
        }
        let outcome = try await classroom.submit(trainee: trainee, exerciseID: exerciseID, body: body)
        var members = outcome.grade.json(leavingOutMissingExpected: true).object ?? [:]
        members["submission_id"] = .number(Double(outcome.submission.id))
        members["attempts_left"] = outcome.attemptsLeft.map { .number(Double($0)) } ?? .null
        if let late = outcome.lateSeconds { members["late_seconds"] = .number(late.rounded()) }
        return jsonResponse(.object(members), status: .created)
    }

    /// `{"case", "review"}`: the own distributor as stored and its review as `jbp review --json` prints it.
    static func caseAnswer(_ own: (case: Case, review: Review)) -> Response {
        jsonResponse(JSONValue.object(["case": own.case.json, "review": own.review.json]))
    }

    func saveCase(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let body = try await request.decodeJSON(CaseBody.self, context: context)
        return Self.caseAnswer(try await classroom.saveOwnDistributor(body.case, for: trainee))
    }

    func ownCase(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        guard let own = try await classroom.ownDistributor(of: trainee) else {
            throw AppError.notFound(
                "No distributor of yours is entered yet: PUT /api/me/case or the page /t/my-case.",
                zh: "还没有录入你的经销商：请在「我的经销商」页面（/t/my-case）录入。")
        }
        return Self.caseAnswer(own)
    }

    func importCase(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let csv = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
        return Self.caseAnswer(try await classroom.importOwnDistributor(bytes: Array(buffer.readableBytesView), csv: csv, for: trainee))
    }

    /// `GET /api/me/export`: everything stored about the trainee, as a file to keep.
    func export(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        var response = jsonResponse(try await classroom.export(trainee))
        response.headers[HTTPField.Name.contentDisposition] = "attachment; filename=\"jbp-my-data-\(trainee.id).json\""
        return response
    }

    func submissions(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let mine = try await classroom.exercises(for: trainee, onlyOpen: false)
        let views = mine.flatMap { exercise in
            exercise.submissions.map { SubmissionView($0, grade: Classroom.visibleGrade(of: $0, revealed: exercise.revealed)) }
        }.sorted { $0.submissionId < $1.submissionId }
        return try jsonResponse(SubmissionsAnswer(submissions: views))
    }

    func saveDraft(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let body = try await request.decodeJSON(PlanBody.self, context: context)
        let draft = try await classroom.saveDraft(trainee: trainee, plan: body.plan)
        return try jsonResponse(["draft": JSONValue.parse(draft.plan) ?? .null, "draft_saved_at": .string(Dates.iso(draft.updatedAt))])
    }

    func plan(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let status = try await classroom.planStatus(trainee: trainee)
        let session = try await classroom.session(trainee.sessionId)
        let comments = try await classroom.checkComments(submissions: status.submitted.map { [$0.id] } ?? [])
        return try jsonResponse(
            PlanAnswer(
                exercise: try await classroom.planExercise(for: trainee).id, draft: status.draft.flatMap { JSONValue.parse($0.plan) }, draftSavedAt: status.draft.map { Dates.iso($0.updatedAt) },
                submitted: status.submitted.flatMap { JSONValue.parse($0.raw)?["plan"] }, submissionId: status.submitted?.id,
                grade: status.grade, homeworkDue: session.homeworkDue,
                lateSeconds: status.submitted.flatMap { classroom.lateness(of: $0, session: session)?.rounded() },
                comments: status.submitted.flatMap { comments[$0.id] } ?? [:],
                checkins: try await classroom.checkIns(trainee: trainee).map(\.result)))
    }

    /// The projection of the posted plan onto the caller's case, from the engine.
    func projection(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let body = try await request.decodeJSON(PlanBody.self, context: context)
        return jsonResponse(try await classroom.projection(trainee: trainee, plan: body.plan))
    }

    /// A plan written as YAML (model.md §6), read for the builder: `{"plan": {…}}`.
    func importPlan(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireTrainee()
        let body = try await request.decodeJSON(PlanImportBody.self, context: context)
        return jsonResponse(.object(["plan": try classroom.importPlan(yaml: body.yaml)]))
    }

    func checkIn(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let body = try await request.decodeJSON(CheckInBody.self, context: context)
        let recorded = try await classroom.checkIn(trainee: trainee, date: body.date, values: body.values)
        // 201 for a new day, 200 when it corrected that day's check-in.
        return jsonResponse(recorded.result, status: recorded.replaced ? .ok : .created)
    }

    /// `DELETE /api/me/plan/checkins/{date}`: 204, or 404 when that day has none.
    func deleteCheckIn(request: Request, context: AppRequestContext) async throws -> Response {
        try await classroom.deleteCheckIn(trainee: try context.requireTrainee(), date: context.parameters.get("date") ?? "")
        return Response(status: .noContent)
    }
}

/// The plan's sections in the words of the builder (the edit log and its notice).
enum PlanWords {
    static func sectionName(_ key: String) -> String {
        switch key {
        case "period": return "计划期间"
        case "objective": return "目的"
        case "swot": return "SWOT"
        case "goals": return "目标"
        case "strategies": return "策略"
        case "plans": return "行动计划"
        case "measures": return "ScoreCard"
        case "total_budget": return "总预算"
        case "projected_roi": return "预计 ROI"
        case "case": return "案例"
        default: return key
        }
    }
}
