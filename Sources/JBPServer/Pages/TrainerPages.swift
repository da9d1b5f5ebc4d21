import Charts
import Foundation
import Grading
import Hummingbird
import JBPModel

/// The trainer's pages: sign-in, sessions, the control room, dashboards, the roster, a trainee's work.
extension Pages {
    func addTrainerRoutes(to router: Router<AppRequestContext>) {
        router.get("/trainer/login") { request, context in
            render("trainer-login", [:], title: words(request)["trainerLogin"]!, request: request, context: context)
        }
        router.post("/trainer/login") { request, context in
            var request = request
            let form = try await request.csrfCheckedForm(LoginForm.self, context: context)
            do {
                let (_, token) = try await classroom.logIn(name: form.name ?? "", password: form.password ?? "", client: context.clientKey)
                var response = redirect("/trainer")
                response.setCookie(SetCookie.set(CookieName.trainer, token, maxAge: Int(classroom.trainerTokenLife)))
                return response
            } catch let error as AppError {
                return render(
                    "trainer-login", ["error": error.text(Language.ofPage(request)), "name": form.name ?? ""], title: words(request)["trainerLogin"]!,
                    request: request, context: context, status: error.status)
            }
        }

        let trainer = router.group("trainer").add(middleware: TrainerPageMiddleware())
            .add(middleware: TrainerScopeMiddleware(classroom: classroom, scope: nil))
        trainer.post("logout") { request, context in
            var request = request
            _ = try await request.csrfCheckedForm(context: context)
            var response = redirect("/trainer/login")
            response.setCookie(SetCookie.clear(CookieName.trainer))
            return response
        }
        trainer.get(use: sessionsPage)
        trainer.post("sessions", use: createSession)
        trainer.get("sessions/:id", use: controlRoom)
        trainer.post("sessions/:id", use: changeSession)
        trainer.get("sessions/:id/qr.svg", use: qrCode)
        trainer.post("sessions/:id/exercises/:exercise", use: setExerciseState)
        trainer.get("sessions/:id/exercises/:exercise", use: dashboard)
        trainer.get("sessions/:id/exercises/:exercise/live", use: dashboardLive)
        trainer.post("sessions/:id/exercises/:exercise/regrade", use: regrade)
        trainer.get("sessions/:id/roster", use: roster)
        trainer.get("sessions/:id/trainees/:trainee", use: traineeWork)
        trainer.post("sessions/:id/trainees/:trainee/reentry", use: reissueReentry)
        trainer.get("sessions/:id/trainees/:trainee/delete", use: confirmDeleteTrainee)
        trainer.post("sessions/:id/trainees/:trainee/delete", use: deleteTrainee)
        trainer.get("sessions/:id/delete", use: confirmDeleteSession)
        trainer.post("sessions/:id/archive", use: archiveSession)
        trainer.post("sessions/:id/trainees/:trainee/merge", use: mergeTrainee)
        trainer.post("sessions/:id/restore", use: restoreSession)
        trainer.post("sessions/:id/delete", use: deleteSession)
        trainer.post("sessions/:id/trainers", use: addSessionTrainer)
        trainer.get("password", use: passwordPage)
        trainer.post("password", use: changePassword)
        trainer.post("submissions/:id/override", use: override)
        trainer.post("submissions/:id/rubric", use: scoreRubric)
        addTrainerPlanRoutes(to: trainer)
        addClassroomTrainerRoutes(to: trainer)
        addScreenRoutes(to: trainer)
        addPrintableTrainerRoutes(to: trainer)
    }

    func sessionsPage(request: Request, context: AppRequestContext) async throws -> Response {
        // Archived sessions are hidden from the list; `?archived=1` lists them, to restore one.
        let showArchived = request.uri.query?.contains("archived=1") == true
        let all = try await classroom.sessions(for: try context.requireTrainer())
        let archivedCount = all.filter { $0.archivedAt != nil }.count
        let sessions = all.filter { ($0.archivedAt != nil) == showArchived }.map { session -> [String: Any] in
            ["id": session.id, "title": session.title, "startsOn": session.startsOn, "endsOn": session.endsOn, "joinCode": session.joinCode]
        }
        return render(
            "sessions", ["sessions": sessions, "hasSessions": !sessions.isEmpty, "showArchived": showArchived, "archivedCount": archivedCount,
                         "hasArchived": archivedCount > 0 && !showArchived, "serverZone": TimeZone.current.identifier, "zones": Self.zones.map { ["zone": $0] }], title: words(request)["sessions"]!, request: request,
            context: context)
    }

    func createSession(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(SessionForm.self, context: context)
        do {
            let session = try await classroom.createSession(
                title: form.title ?? "", startsOn: form.starts_on ?? "", endsOn: form.ends_on ?? "",
                homeworkDue: form.homework_due, timeZone: form.time_zone, by: try context.requireTrainer())
            return redirect("/trainer/sessions/\(session.id)")
        } catch let error as AppError {
            flash(error.text(Language.ofPage(request)), for: context)
            return redirect("/trainer")
        }
    }

    func controlRoom(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let states = try await classroom.states(session: session.id)
        let trainees = try await classroom.store.trainees(session: session.id)
        let t = words(request)
        let content = classroom.content
        func row(_ exercise: CourseExercise) -> [String: Any] {
            let state = states[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
            return [
                "id": exercise.id, "title": exercise.title, "kind": exercise.kind.rawValue, "open": state.open, "revealed": state.revealed,
                "sessionId": session.id, "timerChoices": Self.timerChoices, "isRoleplay": exercise.kind == .roleplay,
            ].merging(state.timerFields) { first, _ in first }
        }
        var placed = Set<String>()
        let modules = content.modules.map { module -> [String: Any] in
            let exercises = module.exerciseIDs.compactMap(content.exercise)
            placed.formUnion(exercises.map(\.id))
            return [
                "moduleTitle": request.isEnglish(self) ? module.titleEn : module.title, "order": module.order, "minutes": module.minutes, "moduleId": module.id,
                "exercises": exercises.map(row), "hasExercises": !exercises.isEmpty,
            ]
        }
        let unplaced = content.exercisesInOrder.filter { !placed.contains($0.id) }.map(row)
        let joinURL = context.baseURL(request) + "/join/" + session.joinCode
        return render(
            "session",
            [
                "session": sessionFields(session), "joinURL": joinURL, "qr": QRCode.svg(for: joinURL, title: t["scanToJoin"]) ?? "",
                "traineeCount": trainees.count, "modules": modules, "unplaced": unplaced, "hasUnplaced": !unplaced.isEmpty,
                "sessionTrainers": try await classroom.trainerNames(session: session.id).map { ["name": $0] },
            ],
            title: session.title, request: request, context: context)
    }

    /// The control room's form to change the title, dates or homework deadline.
    func changeSession(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(SessionForm.self, context: context)
        let id = try context.parameters.id("id")
        do {
            _ = try await classroom.updateSession(
                id, title: form.title, startsOn: form.starts_on, endsOn: form.ends_on, homeworkDue: .some(form.homework_due),
                timeZone: form.time_zone)
            flash(words(request)["sessionSaved"]!, for: context)
        } catch let error as AppError {
            flash(error.text(Language.ofPage(request)), for: context)
        }
        return redirect("/trainer/sessions/\(id)")
    }

    func qrCode(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        guard let svg = QRCode.svg(for: context.baseURL(request) + "/join/" + session.joinCode) else {
            throw AppError.notFound("The join link is too long for a QR code.", zh: "加入链接太长，无法生成二维码。")
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// The times an exercise can be opened for from the pages, in minutes (the API takes any).
    static var timerChoices: [[String: Any]] { [3, 5, 8, 10, 15, 20, 30].map { ["minutes": $0, "selected": $0 == 10] } }

    func setExerciseState(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(ExerciseStateForm.self, context: context)
        let sessionID = try context.parameters.id("id")
        let exercise = context.parameters.get("exercise") ?? ""
        let open: Bool? = form.open.map { $0 == "1" }
        let revealed: Bool? = form.revealed.map { $0 == "1" }
        var closesIn: Double?
        if let text = form.minutes?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let minutes = Double(text), minutes > 0, minutes * 60 <= Classroom.longestTimer else {
                throw AppError.badRequest("The time is a number of minutes from 1 to 1440.", zh: "限时应为 1 到 1440 之间的分钟数。")
            }
            closesIn = minutes * 60
        }
        _ = try await classroom.setState(session: sessionID, exercise: exercise, open: open, revealed: revealed, closesIn: closesIn)
        let back = form.back == "dashboard" ? "/trainer/sessions/\(sessionID)/exercises/\(exercise)" : "/trainer/sessions/\(sessionID)#ex-\(exercise)"
        return redirect(back)
    }

    func dashboard(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let exercise = try classroom.exercise(context.parameters.get("exercise") ?? "")
        let state = try await classroom.states(session: session.id)[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
        var data = try await liveData(session: session, exercise: exercise, request: request)
        data["session"] = sessionFields(session)
        data["exercise"] = [
            "id": exercise.id, "title": exercise.title, "kind": exercise.kind.rawValue, "open": state.open, "revealed": state.revealed,
            "timerChoices": Self.timerChoices, "isRoleplay": exercise.kind == .roleplay,
        ].merging(state.timerFields) { first, _ in first }
        data["liveURL"] = "/trainer/sessions/\(session.id)/exercises/\(exercise.id)/live"
        return render("dashboard", data, title: exercise.title, request: request, context: context)
    }

    func dashboardLive(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let exercise = try classroom.exercise(context.parameters.get("exercise") ?? "")
        var data = try await liveData(session: session, exercise: exercise, request: request)
        data["t"] = words(request)
        let html = library.render(data, withTemplate: "dashboard-live") ?? ""
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The figures of the live part of the dashboard.
    func liveData(session: CourseSession, exercise: CourseExercise, request: Request) async throws -> [String: Any] {
        let submissions = try await classroom.store.submissions(session: session.id, exercise: exercise.id)
        let stats = ResultsBook.stats(exercise: exercise, submissions: submissions)
        // Questions by their prompt; a role-play's checklist items by their text.
        let prompts = Dictionary(
            exercise.questions.map { ($0.id, $0.prompt) } + exercise.checklist.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        func bars(_ bins: [ExerciseStats.Bin]) -> [[String: Any]] {
            let top = max(1, bins.map(\.count).max() ?? 1)
            return bins.map { bin in
                ["from": show(bin.from), "to": show(bin.to), "count": bin.count, "width": Int((Double(bin.count) / Double(top) * 100).rounded())]
            }
        }
        let items = stats.items.map { item -> [String: Any] in
            let rate = item.correctRate.map { Int(($0 * 100).rounded()) }
            return [
                "id": item.id, "prompt": prompts[item.id] ?? "", "answered": item.answered, "rate": rate.map(String.init) ?? "–",
                "rateWidth": rate ?? 0,
                "misconceptions": item.misconceptions.sorted { $0.value > $1.value }.map { ["name": Self.misconceptionName($0.key), "count": $0.value] },
                "hasMisconceptions": !item.misconceptions.isEmpty, "histogram": bars(item.histogram ?? []),
                "hasHistogram": item.histogram != nil,
                // Item analysis (first attempts): facility in percent, discrimination to two decimals.
                "facility": item.facility.map { "\(Int(($0 * 100).rounded()))%" } ?? "–",
                "discrimination": item.discrimination.map { String(format: "%.2f", $0) } ?? "–",
                "weak": (item.discrimination ?? 1) < 0.2 && item.discrimination != nil,
            ]
        }
        // Each trainee's latest score, drawn as the score histogram (the same scores the mean is of).
        let latest = Dictionary(grouping: submissions, by: \.traineeId).compactMap { $0.value.last?.effectiveScore }
        let histogram = Charts.histogram(
            scores: latest, maxScore: stats.maxScore, title: "\(exercise.title) · \(words(request)["scoreSpread"]!)", id: "scores-\(exercise.id)")
        return [
            "submissions": stats.submissions, "trainees": stats.trainees, "mean": stats.meanScore.map(show) ?? "–",
            "maxScore": show(stats.maxScore), "scoreChart": histogram.svg, "scoreFigures": histogram.figuresHTML, "items": items,
            "firstAttempts": stats.firstAttempts, "indicative": stats.indicative, "isRoleplay": exercise.kind == .roleplay,
        ]
    }

    func regrade(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let sessionID = try context.parameters.id("id")
        let exercise = context.parameters.get("exercise") ?? ""
        let outcome = try await classroom.regrade(session: sessionID, exerciseID: exercise)
        let t = words(request)
        flash("\(outcome.regraded) \(t["regraded"]!), \(outcome.changed) \(t["changed"]!)", for: context)
        return redirect("/trainer/sessions/\(sessionID)/exercises/\(exercise)")
    }

    func roster(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let exercises = classroom.content.exercisesInOrder
        let rows = ResultsBook.results(
            trainees: try await classroom.store.trainees(session: session.id),
            submissions: try await classroom.store.submissions(session: session.id, exercise: nil))
        let t = words(request)
        let table = rows.map { row -> [String: Any] in
            [
                "traineeId": row.traineeId, "name": row.name, "total": show(row.total),
                "cells": exercises.map { exercise -> [String: Any] in
                    guard let result = row.exercises[exercise.id] else { return ["text": "", "pending": false] }
                    return [
                        "text": "\(show(result.bestScore))/\(show(result.maxScore))", "pending": result.awaitsTrainer,
                        "pendingText": t["awaitsTrainer"]!,
                    ]
                },
            ]
        }
        return render(
            "roster", ["session": sessionFields(session), "exercises": exercises.map { ["id": $0.id, "title": $0.title] }, "rows": table],
            title: t["roster"]!, request: request, context: context)
    }

    func traineeWork(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        let submissions = try await classroom.store.submissions(trainee: trainee.id, exercise: nil).reversed()
        let views = submissions.map { submission -> [String: Any] in
            let exercise = classroom.content.exercise(submission.exerciseId)
            let grade = Classroom.visibleGrade(of: submission, revealed: true)
            var view: [String: Any] = [
                "id": submission.id, "exercise": submission.exerciseId, "exerciseTitle": exercise?.title ?? submission.exerciseId,
                "createdAt": Dates.shown(submission.createdAt, english: request.isEnglish(self), timeZone: session.zone),
                "score": show(submission.effectiveScore), "maxScore": show(submission.maxScore),
                "automatic": show(submission.score), "overridden": submission.overrideScore != nil,
                "overrideScore": submission.overrideScore.map(show) ?? "", "overrideComment": submission.overrideComment ?? "",
                "awaitsTrainer": submission.awaitsTrainer, "items": gradeItems(grade, prompts: exercise?.questions ?? [], showExpected: true),
                "sessionId": session.id,
            ]
            let raw = JSONValue.parse(submission.raw)
            if let text = raw?["answers"]?["text"]?.string {
                view["answerHTML"] = classroom.content.renderTraineeMarkdown(text)  // safe mode: raw HTML dropped
            } else if let raw {
                view["answerJSON"] = raw.jsonString()
            }
            if let exercise, !exercise.rubric.isEmpty {
                let given = JSONValue.parse(submission.rubricScores ?? "")?.object ?? [:]
                view["rubric"] = exercise.rubric.map {
                    ["rubricId": $0.id, "text": $0.text, "points": show($0.points), "given": given[$0.id]?.number.map(show) ?? ""]
                }
                view["hasRubric"] = true
            }
            return view
        }
        let others = try await classroom.store.trainees(session: session.id).filter { $0.id != trainee.id }
        return render(
            "trainee-work",
            [
                "session": sessionFields(session), "trainee": ["id": trainee.id, "name": trainee.name, "reentryCode": trainee.reentryCode ?? "—"],
                "others": others.map { ["id": $0.id, "name": $0.name, "number": $0.number] }, "hasOthers": !others.isEmpty,
                "submissions": views, "hasSubmissions": !views.isEmpty,
            ],
            title: trainee.name, request: request, context: context)
    }

    func override(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(OverrideForm.self, context: context)
        let id = try context.parameters.id("id")
        // An empty score clears the override.
        let text = (form.score ?? "").trimmingCharacters(in: .whitespaces)
        let score = text.isEmpty ? nil : Double(text)
        guard text.isEmpty || score != nil else { throw AppError.badRequest("The score must be a number.", zh: "分数必须是数字。") }
        let submission = try await classroom.override(submission: id, score: score, comment: form.comment ?? "")
        let trainee = try await classroom.store.trainee(id: submission.traineeId)
        return redirect("/trainer/sessions/\(submission.sessionId)/trainees/\(trainee?.id ?? 0)#sub-\(id)")
    }

    func scoreRubric(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let id = try context.parameters.id("id")
        var scores: [String: Double] = [:]
        for (name, value) in form.pairs where name.hasPrefix("r.") && !value.isEmpty {
            guard let points = Double(value) else { throw AppError.badRequest("Rubric points must be numbers.", zh: "评分标准的分数必须是数字。") }
            scores[String(name.dropFirst(2))] = points
        }
        let submission = try await classroom.scoreRubric(submission: id, scores: scores)
        return redirect("/trainer/sessions/\(submission.sessionId)/trainees/\(submission.traineeId)#sub-\(id)")
    }

    /// Zones offered in the session form (any IANA name may be typed): where the course is taught.
    static let zones = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok",
                        "Asia/Jakarta", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "UTC"]

    func sessionFields(_ session: CourseSession) -> [String: Any] {
        [
            "id": session.id, "title": session.title, "startsOn": session.startsOn, "endsOn": session.endsOn,
            "joinCode": session.joinCode, "serverZone": TimeZone.current.identifier, "archived": session.archivedAt != nil,
            "zones": Self.zones.map { ["zone": $0] },
        ].merging(nonEmpty(["homeworkDue": session.homeworkDue, "timeZone": session.timeZone]), uniquingKeysWith: { $1 })
    }

    /// A grade's items for a template.
    func gradeItems(_ grade: Grade?, prompts: [Question], showExpected: Bool) -> [[String: Any]] {
        guard let grade else { return [] }
        let byID = Dictionary(prompts.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
        return grade.items.map { item in
            var view: [String: Any] = [
                // A plan's items are its checks: named by the grader, not by their ids.
                "itemId": item.id, "prompt": byID[item.id] ?? PlanCheck(rawValue: item.id)?.chineseName ?? item.id, "correct": item.correct, "awarded": show(item.awarded),
                "points": show(item.points),
            ].merging(nonEmpty(["given": readable(item.given), "feedback": item.feedback]), uniquingKeysWith: { $1 })
            // The slip is named in the feedback; the page says only that it is a common one (ids are the API's).
            if item.misconception != nil { view["misconception"] = true }
            // A figure's answer is in the feedback, written as the question asks (元, %, 天); a
            // ranking or a word is shown here in the trainee's words.
            if showExpected, let expected = item.expected, expected.number == nil || !item.feedback.contains("正确答案是") {
                view["expected"] = readable(expected)
            }
            return view
        }
    }
}

extension Request {
    func isEnglish(_ pages: Pages) -> Bool { pages.language(self).0 == .en }
}

extension Pages {
    /// A slip by its short Chinese name (the dashboard is projected to the class).
    static func misconceptionName(_ id: String) -> String {
        Misconception.catalogue.first { $0.id == id }?.chineseName ?? id
    }
}

/// An answer in the trainee's words: area ids and opportunity kinds by their Chinese names
/// (覆盖、库存、终端), numbers with thousands separators.
func readable(_ value: JSONValue?) -> String {
    guard let value else { return "" }
    func word(_ text: String) -> String {
        if let area = Area(rawValue: text) { return area.chineseName }
        if let kind = OpportunityKind(rawValue: text) { return kind.chineseName }
        return text
    }
    switch value {
    case .string(let text): return word(text)
    case .array(let items): return items.map { $0.string.map(word) ?? readable($0) }.joined(separator: "、")
    case .number(let number) where abs(number) >= 1000:
        return ChartFormat.money(number)
    default: return show(value)
    }
}
