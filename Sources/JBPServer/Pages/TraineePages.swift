import Foundation
import Grading
import HTTPTypes
import Hummingbird
import JBPModel

/// The trainee's pages: joining, the course's modules with their exercise forms, grades, submissions.
extension Pages {
    func addTraineeRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { request, context in
            try await joinPage(request: request, context: context, code: "")
        }
        router.get("/join/:code") { request, context in
            try await joinPage(request: request, context: context, code: context.parameters.get("code") ?? "")
        }
        router.post("/join") { request, context in
            var request = request
            let form = try await request.csrfCheckedForm(JoinForm.self, context: context)
            do {
                let joined = try await classroom.join(code: form.join_code ?? "", name: form.name ?? "", client: context.clientKey)
                // The re-entry code is shown large once, right after joining (and always on the course page).
                var response = redirect("/t?joined=1")
                response.setCookie(SetCookie.set(CookieName.trainee, joined.token))
                return response
            } catch let error as AppError {
                return render(
                    "join", ["error": error.text(Language.ofPage(request)), "code": form.join_code ?? "", "name": form.name ?? ""],
                    title: words(request)["join"]!, request: request, context: context, status: error.status)
            }
        }

        router.get("/rejoin") { request, context in
            try await rejoinPage(request: request, context: context, code: "")
        }
        router.get("/rejoin/:code") { request, context in
            try await rejoinPage(request: request, context: context, code: context.parameters.get("code") ?? "")
        }
        router.post("/rejoin") { request, context in
            var request = request
            let form = try await request.csrfCheckedForm(RejoinForm.self, context: context)
            do {
                let joined = try await classroom.rejoin(
                    code: form.join_code ?? "", name: form.name ?? "", reentryCode: form.reentry_code ?? "", client: context.clientKey)
                var response = redirect("/t")
                response.setCookie(SetCookie.set(CookieName.trainee, joined.token))
                return response
            } catch let error as AppError {
                let t = words(request)
                // The page's own language: the classroom's sentence is the API's.
                let message = error.status == .tooManyRequests ? t["tooManyTries"]! : t["rejoinFailed"]!
                return render(
                    "rejoin", ["error": message, "code": form.join_code ?? "", "name": form.name ?? ""],
                    title: t["rejoinTitle"]!, request: request, context: context, status: error.status)
            }
        }

        let trainee = router.group("t").add(middleware: TraineePageMiddleware())
        trainee.get("reentry-qr.svg", use: reentryQR)
        trainee.get("my-data.json", use: myData)
        addOwnCaseRoutes(to: trainee)
        trainee.get(use: courseHome)
        trainee.get("modules/:module", use: modulePage)
        trainee.post("exercises/:exercise", use: submit)
        trainee.get("submissions", use: mySubmissions)
        addPlanRoutes(to: trainee)
        addClassroomTraineeRoutes(to: trainee)
        addPrintableTraineeRoutes(to: trainee)
        addWorkshopRoutes(to: trainee)
    }

    func joinPage(request: Request, context: AppRequestContext, code: String) async throws -> Response {
        var data: [String: Any] = ["code": Secrets.normalizeJoinCode(code)]
        if let trainee = context.trainee { data["joinedAs"] = trainee.name }
        return render("join", data, title: words(request)["join"]!, request: request, context: context)
    }

    func rejoinPage(request: Request, context: AppRequestContext, code: String) async throws -> Response {
        var data: [String: Any] = ["code": Secrets.normalizeJoinCode(code)]
        if let trainee = context.trainee { data["joinedAs"] = trainee.name }
        return render("rejoin", data, title: words(request)["rejoinTitle"]!, request: request, context: context)
    }

    /// The re-entry link with the join code filled in, as a QR code: scanned from one device's
    /// screen with the other, it opens the re-entry form there.
    func reentryQR(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let session = try await classroom.session(trainee.sessionId)
        guard let svg = QRCode.svg(for: context.baseURL(request) + "/rejoin/" + session.joinCode, title: words(request)["scanToRejoin"]) else {
            throw AppError.notFound("The re-entry link is too long for a QR code.", zh: "换设备链接太长，无法生成二维码。")
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// 「下载我的数据」: the same document as `GET /api/me/export`, as a file.
    func myData(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        var response = jsonResponse(try await classroom.export(trainee))
        response.headers[.contentDisposition] = "attachment; filename=\"jbp-my-data-\(trainee.id).json\""
        return response
    }

    func courseHome(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let session = try await classroom.session(trainee.sessionId)
        let reentryCode = try await classroom.reentryCode(of: trainee)
        let english = request.isEnglish(self)
        let open = try await classroom.exercises(for: trainee, onlyOpen: true)
        let modules = classroom.content.modules.map { module -> [String: Any] in
            let openHere = open.filter { $0.exercise.module == module.id || module.exerciseIDs.contains($0.exercise.id) }
            return [
                "id": module.id, "order": module.order, "moduleTitle": english ? module.titleEn : module.title, "minutes": module.minutes,
                "openCount": openHere.count, "hasOpen": !openHere.isEmpty,
            ]
        }
        // The trainee's group and its members (分组), when the trainer has formed groups.
        var myGroup: [String: Any] = [:]
        if let group = try await classroom.store.groups(session: session.id).first(where: { $0.traineeIds.contains(trainee.id) }) {
            let names = try await classroom.traineeNames(session: session.id)
            myGroup = ["name": group.name, "members": group.traineeIds.compactMap { names[$0] }.joined(separator: "、")]
        }
        let openList = open.map { mine -> [String: Any] in
            ["id": mine.exercise.id, "title": mine.exercise.title, "link": link(to: mine.exercise)]
        }
        return render(
            "course",
            [
                "traineeName": trainee.name, "sessionTitle": session.title, "courseTitle": english ? classroom.content.titleEn : classroom.content.title,
                "modules": modules, "open": openList, "hasOpen": !openList.isEmpty,
                "reentryCode": reentryCode, "justJoined": request.uri.queryParameters.get("joined") == "1",
                "rejoinURL": context.baseURL(request) + "/rejoin/" + session.joinCode, "joinCode": session.joinCode,
                "leaderboardVisible": session.leaderboardVisible, "myGroup": myGroup,
            ],
            title: english ? classroom.content.titleEn : classroom.content.title, request: request, context: context)
    }

    /// Where an exercise's form stands: its module page, or the course page.
    func link(to exercise: CourseExercise) -> String {
        if let module = classroom.content.modules.first(where: { $0.exerciseIDs.contains(exercise.id) }) {
            return "/t/modules/\(module.id)#ex-\(exercise.id)"
        }
        if let module = exercise.module, classroom.content.module(module) != nil { return "/t/modules/\(module)#ex-\(exercise.id)" }
        return "/t#ex-\(exercise.id)"
    }

    func modulePage(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        guard let module = classroom.content.module(context.parameters.get("module") ?? "") else {
            throw AppError.notFound("There is no such module.", zh: "没有这个模块。")
        }
        let english = request.isEnglish(self)
        let t = words(request)
        let mine = try await classroom.exercises(for: trainee, onlyOpen: false, ids: module.exerciseIDs)
        let byID = Dictionary(mine.map { ($0.exercise.id, $0) }, uniquingKeysWith: { first, _ in first })
        let flash = flashKey(context).flatMap { flashes.take($0) }
        let csrf = csrfToken(request)
        let language = language(request).0
        var body = ""
        for part in module.parts {
            switch part {
            case .html(let html):
                body += html  // trusted: rendered from the course's own Markdown at start-up
            case .exercise(let id):
                guard let exercise = byID[id] else { continue }
                if exercise.exercise.kind == .roleplay {
                    body += try await roleplayHTML(exercise, trainee: trainee, t: t, csrf: csrf, flash: flash)
                } else {
                    body += exerciseHTML(exercise, language: language, t: t, csrf: csrf, flash: flash)
                }
            }
        }
        let index = classroom.content.modules.firstIndex(of: module) ?? 0
        // The page around the module is the same at every visit of this trainee in this browser: kept,
        // with a hole where the module's body goes (rendering 50 kB through Mustache each time is slow).
        let frameKey = "module|\(module.id)|\(language)|\(trainee.id)|\(trainee.name)|\(context.trainer?.name ?? "")"
        let frame = renderCache.pieces(frameKey) {
            moduleFrame(module, index: index, english: english, trainee: trainee, request: request, context: context, csrf: RenderCache.hole2)
        }
        return htmlResponse(frame.filled(body, csrf), request: request, csrf: csrf)
    }

    /// The module page with a hole for the module's body.
    func moduleFrame(
        _ module: CourseModule, index: Int, english: Bool, trainee: Trainee, request: Request, context: AppRequestContext, csrf: String
    ) -> String {
        let modules = classroom.content.modules
        return renderPage(
            "module",
            [
                "moduleTitle": english ? module.titleEn : module.title, "minutes": module.minutes, "objectives": module.objectives,
                "moduleHTML": RenderCache.hole, "traineeName": trainee.name,
                "previous": index > 0 ? ["id": modules[index - 1].id, "moduleTitle": english ? modules[index - 1].titleEn : modules[index - 1].title] : false,
                "next": index + 1 < modules.count
                    ? ["id": modules[index + 1].id, "moduleTitle": english ? modules[index + 1].titleEn : modules[index + 1].title] : false,
            ],
            title: english ? module.titleEn : module.title, request: request, context: context, csrf: csrf)
    }

    /// An exercise where its block stands: the form (the same for every trainee with this variant
    /// and state, so rendered once and kept, with the CSRF token and the top of the section put in
    /// per request), then the trainee's latest grade (kept per submission).
    ///
    /// The top of the section is what the trainee must see first: after a refused submission,
    /// what to fix (each problem also goes beside its field, by the page's script); after a
    /// graded one, the score and the first wrong answer. The answers to put back in the form
    /// (the refused ones, or those of the latest submission for a second attempt) travel as JSON
    /// for the script, so the kept form stays the same for everyone.
    func exerciseHTML(_ mine: Classroom.TraineeExercise, language: Language, t: [String: String], csrf: String, flash: String?) -> String {
        let exercise = mine.exercise
        let formKey = "form|\(exercise.id)|\(mine.variant)|\(language)|\(mine.state.open)|\(mine.canSubmit)|\(mine.attemptsLeft ?? -1)|\(Self.wasOpened(mine))|\(mine.state.closesAt?.timeIntervalSince1970 ?? 0)"
        let form = renderCache.pieces(formKey) {
            var view = exerciseForm(mine, t: t)
            view["t"] = t
            view["csrf"] = RenderCache.hole
            view["top"] = RenderCache.hole2
            return library.render(view, withTemplate: "exercise-form") ?? ""
        }
        var refusal: ExerciseRefusal?
        if let flash, flash.hasPrefix(exercise.id + "\u{1F}") { refusal = ExerciseRefusal.decode(String(flash.dropFirst(exercise.id.count + 1))) }
        let top = exerciseTop(mine, refusal: refusal, t: t)
        var html = form.filled(csrf, top)
        let last = mine.submissions.last
        let resultKey = last.map { last in
            "result|\(exercise.id)|\(last.id)|\(mine.revealed)|\(language)|\(last.gradedAt.timeIntervalSince1970)|"
                + "\(last.effectiveScore)|\(last.overrideComment ?? "")|\(last.awaitsTrainer)"
        }
        if let resultKey {
            html += renderCache.pieces(resultKey) { exerciseResult(mine, t: t, error: nil) }.filled()
        } else {
            // Without a submission the section's end is the same for everyone (the solution once revealed).
            html += renderCache.pieces("result|none|\(exercise.id)|\(mine.revealed)|\(language)") { exerciseResult(mine, t: t, error: nil) }.filled()
        }
        return html
    }

    /// An exercise the trainer has touched and that is not open now was closed (rather than never opened).
    static func wasOpened(_ mine: Classroom.TraineeExercise) -> Bool {
        !mine.state.open && mine.state.updatedAt.timeIntervalSince1970 > 0
    }

    /// The top of an exercise's section: what to fix, or the latest score and first wrong answer;
    /// and the answers for the form, as JSON for the page's script.
    func exerciseTop(_ mine: Classroom.TraineeExercise, refusal: ExerciseRefusal?, t: [String: String]) -> String {
        let id = mine.exercise.id
        var html = ""
        var restore: [String: JSONValue] = [:]
        if let refusal {
            html += "<div class=\"notice error\" id=\"fix-\(id)\" role=\"alert\" data-test=\"error-\(id)\">\(escapeHTML(refusal.message))</div>"
            restore["values"] = .object(refusal.values.mapValues { .array($0.map(JSONValue.string)) })
            restore["errors"] = .object(refusal.errors.mapValues(JSONValue.string))
        } else if let last = mine.submissions.last {
            if let grade = mine.latestGrade {
                let prompts = Dictionary(mine.exercise.questions.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
                var line = "<b>\(escapeHTML(t["gradeTop"]!))：<span data-test=\"top-score-\(id)\">\(show(last.effectiveScore))</span> / \(show(grade.maxScore))</b>"
                if let wrong = grade.items.first(where: { !$0.correct }) {
                    let name = prompts[wrong.id] ?? Self.checkName(wrong.id, t: t)
                    line += "<br>\(escapeHTML(t["firstWrong"]!))：\(escapeHTML(name)) — \(escapeHTML(wrong.feedback))"
                }
                line += " <a href=\"#result-\(id)\">\(escapeHTML(t["fullReport"]!))</a>"
                html += "<div class=\"notice grade-top\" id=\"grade-\(id)\" data-test=\"grade-top-\(id)\">\(line)</div>"
            }
            // A second attempt starts from the previous answers.
            if let answers = JSONValue.parse(last.raw)?["answers"]?.object {
                restore["values"] = .object(Dictionary(uniqueKeysWithValues: answers.map { key, value in
                    ("a." + key, JSONValue.array(Self.fieldValues(value).map(JSONValue.string)))
                }))
            }
        }
        if !restore.isEmpty {
            html += "<script type=\"application/json\" data-restore=\"\(id)\">\(scriptJSON(.object(restore)))</script>"
        }
        return html
    }

    /// A check's name on a plan report, or the id itself for anything else.
    static func checkName(_ id: String, t: [String: String]) -> String { t["check_" + id] ?? id }

    /// An answer as the values of its form field (choices: one per key; a ranking: its areas joined).
    static func fieldValues(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .number(let number): return [JSONValue.number(number).jsonString()]
        case .array(let items):
            let texts = items.compactMap(\.string)
            return texts
        default: return []
        }
    }

    /// The grade, solution and message part of an exercise, closing its section.
    func exerciseResult(_ mine: Classroom.TraineeExercise, t: [String: String], error: String?) -> String {
        let exercise = mine.exercise
        var view: [String: Any] = ["id": exercise.id, "t": t]
        if let error { view["error"] = error }
        if let grade = mine.latestGrade {
            view["grade"] = [
                "score": show(mine.submissions.last?.effectiveScore ?? grade.score), "maxScore": show(grade.maxScore),
                "items": gradeItems(grade, prompts: exercise.questions, showExpected: mine.revealed),
                "awaitsTrainer": mine.submissions.last?.awaitsTrainer ?? false,
            ].merging(nonEmpty(["comment": mine.submissions.last?.overrideComment]), uniquingKeysWith: { $1 })
        }
        if mine.revealed, let solution = exercise.solutionHTML { view["solutionHTML"] = solution }
        return library.render(view, withTemplate: "exercise-result") ?? "</section>"
    }

    /// What the exercise form template needs.
    func exerciseForm(_ mine: Classroom.TraineeExercise, t: [String: String]) -> [String: Any] {
        let exercise = mine.exercise
        let engine = classroom.content.engine
        let questions = exercise.questions.map { question -> [String: Any] in
            [
                "qid": question.id, "prompt": question.prompt, "field": "a." + question.id, "points": show(question.points),
                "isNumber": question.input == .number, "isChoice": question.input == .choice, "isChoices": question.input == .choices,
                "isRanking": question.input == .ranking, "isSegment": question.input == .segment, "isText": question.input == .text,
                "choices": question.choices.map { ["key": $0.key, "text": $0.text, "field": "a." + question.id] },
                "segments": ["key", "potential", "advantaged", "general"].map { ["value": $0, "label": t["segment_" + $0]!] },
            ]
        }
        var view: [String: Any] = [
            "id": exercise.id, "title": exercise.title, "kind": exercise.kind.rawValue, "promptHTML": exercise.promptHTML,
            "open": mine.state.open, "canSubmit": mine.canSubmit, "questions": questions, "isPlan": exercise.kind == .plan,
            "planURL": exercise.groupPlan ? "/t/group-plan/\(exercise.id)" : "/t/plan", "groupPlan": exercise.groupPlan,
            "attemptsText": mine.attemptsLeft.map(String.init) ?? t["unlimited"]!, "noAttempts": mine.state.open && !mine.canSubmit,
            // A closed exercise keeps its form, disabled, so the answers stay in sight; one never opened shows none.
            "showForm": mine.canSubmit || Self.wasOpened(mine) || !mine.submissions.isEmpty, "wasOpen": Self.wasOpened(mine),
            "lastAttempt": mine.attemptsLeft == 1,
            // Opened for a time: the countdown (the page's script ticks it; the time is the server's).
        ].merging(mine.state.timerFields) { first, _ in first }
        if let tables = engine.tablesHTML(for: exercise, variant: mine.variant) { view["tablesHTML"] = tables }
        return view
    }

    func submit(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let trainee = try context.requireTrainee()
        let form = try await request.csrfCheckedForm(context: context)
        let exercise = try classroom.exercise(context.parameters.get("exercise") ?? "")
        if exercise.kind == .roleplay { return try await roleplayForm(form, exercise: exercise, trainee: trainee, request: request, context: context) }
        let t = words(request)
        let back = link(to: exercise)
        let anchor = back.split(separator: "#").first.map(String.init) ?? back
        // What was typed goes back into the form whatever happens to it.
        var values: [String: [String]] = [:]
        for question in exercise.questions {
            let typed = form.all("a." + question.id)
            if !typed.isEmpty { values["a." + question.id] = typed }
        }
        func refused(_ message: String, errors: [String: String] = [:]) -> Response {
            let refusal = ExerciseRefusal(message: message, errors: errors, values: values)
            flash(exercise.id + "\u{1F}" + refusal.encoded, for: context)
            return redirect(anchor + "#fix-\(exercise.id)")
        }
        let body = try submission(from: form, for: exercise)
        // A blank form costs no attempt.
        if body["answers"]?.object?.isEmpty ?? false { return refused(t["nothingAnswered"]!) }
        do {
            _ = try await classroom.submit(trainee: trainee, exerciseID: exercise.id, body: body)
        } catch let error as AppError {
            // The grader's format errors are `question id：problem`: each goes beside its field.
            var errors: [String: String] = [:]
            var general: [String] = []
            for problem in error.details["format_errors"]?.array?.compactMap(\.string) ?? [] {
                if let question = exercise.questions.first(where: { problem.hasPrefix($0.id + "：") || problem.hasPrefix($0.id + ": ") }) {
                    errors["a." + question.id] = String(problem.dropFirst(question.id.count + 1)).trimmingCharacters(in: .whitespaces)
                } else {
                    general.append(problem)
                }
            }
            guard !errors.isEmpty || !general.isEmpty else { return refused(error.text(Language.ofPage(request))) }
            let message = t["fixFields"]!.replacingOccurrences(of: "{n}", with: "\(errors.count + general.count)")
            return refused(([message] + general).joined(separator: " "), errors: errors)
        } catch let refusal as SubmissionRefusal {
            switch refusal {
            case .closed: return refused(t["refusedClosed"]!)
            case .timeUp: return refused(t["refusedTimeUp"]!)
            case .noAttemptsLeft: return refused(t["refusedNoAttempts"]!)
            }
        }
        return redirect(anchor + "#grade-\(exercise.id)")
    }

    /// Turns the form's fields (`a.<question id>`) into a submission as the API takes it.
    func submission(from form: FormFields, for exercise: CourseExercise) throws -> JSONValue {
        if exercise.kind == .plan {
            throw AppError.badRequest("A plan is handed in from the plan builder (/t/plan).", zh: "计划要在计划编辑器（/t/plan）里提交。")
        }
        var answers: [String: JSONValue] = [:]
        for question in exercise.questions {
            let field = "a." + question.id
            switch question.input {
            case .choices:
                let keys = form.all(field)
                if !keys.isEmpty { answers[question.id] = .array(keys.map(JSONValue.string)) }
            case .ranking:
                let text = form[field] ?? ""
                let areas = text.split(whereSeparator: { ",，、;； \n".contains($0) }).map { JSONValue.string(String($0)) }
                if !areas.isEmpty { answers[question.id] = .array(areas) }
            default:
                if let value = form[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                    answers[question.id] = .string(value)
                }
            }
        }
        return .object(["answers": .object(answers)])
    }

    func mySubmissions(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let mine = try await classroom.exercises(for: trainee, onlyOpen: false)
        let zone = try await classroom.session(trainee.sessionId).zone
        let rows = mine.flatMap { exercise in
            exercise.submissions.reversed().map { submission -> [String: Any] in
                let grade = Classroom.visibleGrade(of: submission, revealed: exercise.revealed)
                return [
                    "id": submission.id, "exerciseTitle": exercise.exercise.title, "link": link(to: exercise.exercise),
                    "createdAt": Dates.shown(submission.createdAt, english: request.isEnglish(self), timeZone: zone),
                    "score": show(submission.effectiveScore), "maxScore": show(submission.maxScore), "awaitsTrainer": submission.awaitsTrainer,
                    "items": gradeItems(grade, prompts: exercise.exercise.questions, showExpected: exercise.revealed),
                ].merging(nonEmpty(["comment": submission.overrideComment]), uniquingKeysWith: { $1 })
            }
        }
        return render(
            "my-submissions", ["rows": rows, "hasRows": !rows.isEmpty, "traineeName": trainee.name],
            title: words(request)["mySubmissions"]!, request: request, context: context)
    }
}

/// A refused exercise submission, kept for the page that follows: the sentence to show, each
/// field's problem and what was typed, so that no answer is lost (issue: "A refused submission
/// wipes every answer").
struct ExerciseRefusal: Codable, Sendable {
    var message: String
    var errors: [String: String]
    var values: [String: [String]]

    var encoded: String {
        (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? ""
    }

    /// The refusal from its flash; an older plain message becomes one without fields.
    static func decode(_ text: String) -> ExerciseRefusal {
        if let refusal = try? JSONDecoder().decode(ExerciseRefusal.self, from: Data(text.utf8)) { return refusal }
        return ExerciseRefusal(message: text, errors: [:], values: [:])
    }
}
