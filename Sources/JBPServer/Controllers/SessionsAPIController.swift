import Foundation
import Hummingbird
import JBPModel

/// Refuses anyone but a signed-in trainer (401).
struct RequireTrainerMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireTrainer()
        return try await next(request, context)
    }
}

/// Refuses anyone but a trainee (401).
struct RequireTraineeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireTrainee()
        return try await next(request, context)
    }
}

/// The trainer's API: sessions, exercise states, results, statistics, overrides, regrades, the grade sheet.
struct SessionsAPIController {
    let classroom: Classroom

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let sessions = api.group("sessions").add(middleware: RequireTrainerMiddleware())
            .add(middleware: TrainerScopeMiddleware(classroom: classroom, scope: .session))
        sessions.post(use: create)
        sessions.delete(":id", use: deleteSession)
        sessions.post(":id/archive") { _, context in
            _ = try await classroom.setArchived(try context.parameters.id("id"), true)
            return Response(status: .noContent)
        }
        sessions.post(":id/restore") { _, context in
            _ = try await classroom.setArchived(try context.parameters.id("id"), false)
            return Response(status: .noContent)
        }
        sessions.post(":id/trainers", use: addTrainer)
        sessions.get(":id", use: show)
        sessions.patch(":id", use: change)
        sessions.patch(":id/exercises/:exercise", use: setState)
        // A role-play's roles, dealt within each group.
        sessions.post(":id/exercises/:exercise/deal") { _, context in
            let dealt = try await classroom.deal(session: try context.parameters.id("id"), exercise: context.parameters.get("exercise") ?? "")
            return jsonResponse(.object(["roles": .array(dealt.map { role in
                .object(["trainee_id": .number(Double(role.traineeId)), "role": .string(role.roleId), "group_id": .number(Double(role.groupId))])
            })]))
        }
        sessions.get(":id/results", use: results)
        sessions.get(":id/exercises/:exercise/stats", use: stats)
        sessions.post(":id/regrade", use: regrade)
        sessions.get(":id/grades.csv", use: gradesCSV)
        sessions.get(":id/plans", use: plans)
        sessions.post(":id/groups", use: setGroups)
        sessions.get(":id/groups") { _, context in
            try jsonResponse(GroupsAnswer(try await classroom.store.groups(session: try await classroom.session(try context.parameters.id("id")).id)))
        }
        sessions.get(":id/leaderboard") { _, context in
            try jsonResponse(LeaderboardAnswer(try await classroom.leaderboard(session: try context.parameters.id("id"))))
        }

        let trainees = api.group("trainees").add(middleware: RequireTrainerMiddleware())
            .add(middleware: TrainerScopeMiddleware(classroom: classroom, scope: .trainee))
        trainees.post(":id/reentry", use: reissueReentry)
        trainees.delete(":id", use: deleteTrainee)
        trainees.post(":id/merge") { request, context in
            // The scope middleware checked the trainee of the path; `merge` refuses an `into` of another session.
            let body = try await request.decodeJSON(MergeBody.self, context: context)
            let merged = try await classroom.merge(trainee: try context.parameters.id("id"), into: body.into)
            return jsonResponse(JSONValue.object(["trainee_id": .number(Double(merged.trainee.id)), "moved_submissions": .number(Double(merged.moved))]))
        }

        let submissions = api.group("submissions").add(middleware: RequireTrainerMiddleware())
            .add(middleware: TrainerScopeMiddleware(classroom: classroom, scope: .submission))
        submissions.post(":id/override", use: override)
        submissions.post(":id/rubric", use: scoreRubric)
        submissions.post(":id/comments", use: comment)
    }

    /// The homework of the session: each trainee's plan, failed checks, lateness and ScoreCard statuses.
    func plans(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let rows = HomeworkBook.rows(try await classroom.planOverviews(session: session.id))
        return try jsonResponse(
            PlansAnswer(session: session.id, exercise: try await classroom.planExercise(session: session.id).id, summary: HomeworkBook.summary(rows), plans: rows))
    }

    /// A comment on one check of a submission (an empty comment removes it).
    func comment(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(CheckCommentBody.self, context: context)
        let comments = try await classroom.comment(
            submission: try context.parameters.id("id"), check: body.check, comment: body.comment, by: try context.requireTrainer())
        return try jsonResponse(["comments": comments])
    }

    func create(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewSessionBody.self, context: context)
        let session = try await classroom.createSession(
            title: body.title, startsOn: body.startsOn, endsOn: body.endsOn, homeworkDue: body.homeworkDue, timeZone: body.timeZone,
            by: try context.requireTrainer())
        return try jsonResponse(
            NewSessionAnswer(id: session.id, joinCode: session.joinCode, joinURL: Self.joinURL(session, request: request, context: context)), status: .created)
    }

    func show(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let states = try await classroom.states(session: session.id)
        let trainees = try await classroom.store.trainees(session: session.id).count
        let content = classroom.content
        func view(_ exercise: CourseExercise) -> ExerciseStateView {
            let state = states[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
            return ExerciseStateView(
                id: exercise.id, title: exercise.title, kind: exercise.kind.rawValue, module: exercise.module, open: state.open,
                revealed: state.revealed, attempts: exercise.attempts, reveal: exercise.reveal.rawValue,
                closesAt: state.closesAt.map(Dates.iso))
        }
        let modules = content.modules.map { module in
            ModuleView(
                id: module.id, title: module.title, titleEn: module.titleEn, order: module.order, minutes: module.minutes,
                exercises: module.exerciseIDs.compactMap(content.exercise).map(view))
        }
        return try jsonResponse(
            SessionView(
                id: session.id, title: session.title, startsOn: session.startsOn, endsOn: session.endsOn, homeworkDue: session.homeworkDue,
                timeZone: session.zone.identifier, joinCode: session.joinCode, joinURL: Self.joinURL(session, request: request, context: context), trainees: trainees,
                archived: session.archivedAt != nil, modules: modules,
                exercises: content.exercisesInOrder.map(view)))
    }

    /// Sets the session's groups: `{groups: [{name, trainee_ids}]}` by hand or `{count}` at random.
    func setGroups(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(GroupsBody.self, context: context)
        let groups = try await classroom.setGroups(
            session: try context.parameters.id("id"),
            groups: body.groups.map { $0.map { Classroom.GroupRequest(name: $0.name, traineeIds: $0.traineeIds) } }, count: body.count)
        return try jsonResponse(GroupsAnswer(groups))
    }

    /// Changes the session's title, dates or homework deadline (say, an extended deadline), or
    /// shows or hides the leaderboard.
    func change(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(SessionChangeBody.self, context: context)
        let dates = body.title != nil || body.startsOn != nil || body.endsOn != nil || body.homeworkDue != nil || body.timeZone != nil
        guard dates || body.leaderboardVisible != nil else {
            throw AppError.badRequest(
                "Nothing to change: send title, starts_on, ends_on, homework_due, time_zone or leaderboard_visible.",
                zh: "没有要修改的内容：请提供 title、starts_on、ends_on、homework_due、time_zone 或 leaderboard_visible。")
        }
        let id = try context.parameters.id("id")
        var session = try await classroom.session(id)
        if dates {
            session = try await classroom.updateSession(
                id, title: body.title, startsOn: body.startsOn, endsOn: body.endsOn, homeworkDue: body.homeworkDue, timeZone: body.timeZone)
        }
        if let visible = body.leaderboardVisible { session = try await classroom.setLeaderboardVisible(session: id, visible: visible) }
        return try jsonResponse(
            ["id": .number(Double(session.id)), "title": .string(session.title), "starts_on": .string(session.startsOn),
             "ends_on": .string(session.endsOn), "homework_due": session.homeworkDue.map(JSONValue.string) ?? .null,
             "time_zone": .string(session.zone.identifier), "leaderboard_visible": .bool(session.leaderboardVisible)] as [String: JSONValue])
    }

    func setState(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(ExerciseStateBody.self, context: context)
        let state = try await classroom.setState(
            session: try context.parameters.id("id"), exercise: context.parameters.get("exercise") ?? "", open: body.open, revealed: body.revealed,
            closesIn: body.closesIn)
        return try jsonResponse([
            "exercise": JSONValue.string(state.exerciseId), "open": .bool(state.open), "revealed": .bool(state.revealed),
            "closes_at": state.closesAt.map { .string(Dates.iso($0)) } ?? .null,
        ])
    }

    func results(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let rows = ResultsBook.results(
            trainees: try await classroom.store.trainees(session: session.id),
            submissions: try await classroom.store.submissions(session: session.id, exercise: nil))
        return try jsonResponse(ResultsAnswer(session: session.id, exercises: classroom.content.exercisesInOrder.map(\.id), trainees: rows))
    }

    func stats(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let exercise = try classroom.exercise(context.parameters.get("exercise") ?? "")
        let submissions = try await classroom.store.submissions(session: session.id, exercise: exercise.id)
        return try jsonResponse(ResultsBook.stats(exercise: exercise, submissions: submissions))
    }

    func regrade(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(RegradeBody.self, context: context)
        let outcome = try await classroom.regrade(session: try context.parameters.id("id"), exerciseID: body.exercise)
        return try jsonResponse(RegradeAnswer(exercise: body.exercise, regraded: outcome.regraded, changed: outcome.changed))
    }

    func gradesCSV(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let rows = ResultsBook.results(
            trainees: try await classroom.store.trainees(session: session.id),
            submissions: try await classroom.store.submissions(session: session.id, exercise: nil))
        let csv = ResultsBook.gradesCSV(exercises: classroom.content.exercisesInOrder, results: rows)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"grades-session-\(session.id).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    func override(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(OverrideBody.self, context: context)
        let submission = try await classroom.override(submission: try context.parameters.id("id"), score: body.score, comment: body.comment ?? "")
        return try jsonResponse(SubmissionView(submission, grade: Classroom.visibleGrade(of: submission, revealed: true)))
    }

    func scoreRubric(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(RubricBody.self, context: context)
        let submission = try await classroom.scoreRubric(submission: try context.parameters.id("id"), scores: body.scores)
        return try jsonResponse(SubmissionView(submission, grade: Classroom.visibleGrade(of: submission, revealed: true)))
    }

    func deleteSession(request: Request, context: AppRequestContext) async throws -> Response {
        try await classroom.deleteSession(try context.parameters.id("id"))
        return Response(status: .noContent)
    }

    func addTrainer(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(AddTrainerBody.self, context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        _ = try await classroom.addTrainer(named: body.name, toSession: session.id)
        return jsonResponse(JSONValue.object(["trainers": .array(try await classroom.trainerNames(session: session.id).map(JSONValue.string))]))
    }

    func reissueReentry(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try await classroom.reissueReentryCode(trainee: try context.parameters.id("id"))
        return jsonResponse(JSONValue.object(["reentry_code": .string(code)]))
    }

    func deleteTrainee(request: Request, context: AppRequestContext) async throws -> Response {
        try await classroom.deleteTrainee(try context.parameters.id("id"))
        return Response(status: .noContent)
    }

    static func joinURL(_ session: CourseSession, request: Request, context: AppRequestContext) -> String {
        context.baseURL(request) + "/join/" + session.joinCode
    }
}
