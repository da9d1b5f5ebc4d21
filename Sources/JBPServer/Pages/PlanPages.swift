import Charts
import Foundation
import Grading
import Hummingbird
import JBPModel

/// The homework pages of a trainee: the plan builder, the printable plan, the YAML export,
/// the ScoreCard with its check-ins, and the review charts of the trainee's case.
extension Pages {
    func addPlanRoutes(to trainee: RouterGroup<AppRequestContext>) {
        trainee.get("plan", use: planBuilder)
        trainee.get("plan/print", use: printablePlan)
        trainee.get("plan/jbp", use: jbpSheet)
        trainee.get("plan/quarters", use: quarterlyReview)
        trainee.post("plan/quarters/:quarter/figures", use: recordQuarterFigures)
        trainee.post("plan/next", use: startNextPeriod)
        trainee.get("plan/export.yaml", use: exportPlan)
        trainee.get("plan/scorecard", use: scorecardPage)
        trainee.post("plan/checkins", use: checkInForm)
        trainee.post("plan/checkins/:date/delete", use: deleteCheckInForm)
        trainee.get("charts/:exercise/:chart", use: reviewChart)
    }

    // MARK: The plan builder

    func planBuilder(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let desk: Classroom.Desk
        do {
            desk = try await classroom.desk(for: trainee)
        } catch let error as AppError where error.status == .conflict {
            // A plan for one's own distributor, who is not entered yet: that page first.
            flash(error.text(Language.ofPage(request)), for: context)
            return redirect("/t/my-case")
        }
        let t = words(request)
        let session = try await classroom.session(trainee.sessionId)
        let status = try await classroom.planStatus(trainee: trainee)
        let mine = try await classroom.exercises(for: trainee, onlyOpen: false, ids: [desk.exercise.id]).first
        let draft = status.draft.flatMap { JSONValue.parse($0.plan) } ?? status.submitted.flatMap { JSONValue.parse($0.raw)?["plan"] }
        var data = reviewData(desk.review, exercise: desk.exercise, variant: desk.variant, t: t, ownCase: desk.ownCase)
        data["exerciseId"] = desk.exercise.id
        data["exerciseTitle"] = desk.exercise.title
        data["bothOpen"] = try await classroom.planExercises(session: trainee.sessionId, openOnly: true).count > 1
        data["onOwnCase"] = desk.ownCase != nil
        data["promptHTML"] = desk.exercise.promptHTML
        data["traineeName"] = trainee.name
        data["caseId"] = desk.review.case.id
        data["canSubmit"] = mine?.canSubmit ?? false
        data["closed"] = !(mine?.state.open ?? false)
        data["draftSavedAt"] = status.draft.map { Dates.iso($0.updatedAt) } ?? ""
        data["metricsJSON"] = scriptJSON(PlanBuilder.metricsJSON(desk.review))
        data["draftJSON"] = scriptJSON(draft ?? .object(["case": .string(desk.review.case.id)]))
        data["wordsJSON"] = scriptJSON(.object(t.filter { $0.key.hasPrefix("pb_") }.mapValues(JSONValue.string)))
        // The plan is for the year after the class: twelve months from the first of the month after it ends.
        let period = PlanPeriod.after( session.endsOn.isEmpty ? session.startsOn : session.endsOn)
        data["defaultStart"] = period.start
        data["defaultEnd"] = period.end
        if let due = session.homeworkDue {
            data["homeworkDue"] = due
            if let deadline = Classroom.homeworkDeadline(session), Date() > deadline { data["pastDue"] = true }
        }
        if let submitted = status.submitted, let grade = status.grade {
            data["report"] = try await planReport(submitted, grade: grade, session: session, t: t, english: request.isEnglish(self))
        }
        return render("plan-builder", data, title: t["pb_title"]!, request: request, context: context)
    }

    /// The graded report of a submitted plan: every check passed or failed and why, the trainer's comments, lateness.
    func planReport(_ submission: Submission, grade: Grade, session: CourseSession, t: [String: String], english: Bool) async throws -> [String: Any] {
        let comments = try await classroom.checkComments(submissions: [submission.id])[submission.id] ?? [:]
        let checks = grade.items.map { item -> [String: Any] in
            [
                "checkId": item.id, "checkName": t["check_" + item.id] ?? item.id, "correct": item.correct, "awarded": show(item.awarded),
                "points": show(item.points),
            ].merging(nonEmpty(["feedback": item.feedback, "comment": comments[item.id]]), uniquingKeysWith: { $1 })
        }
        var report: [String: Any] = [
            "submissionId": submission.id, "score": show(submission.effectiveScore), "maxScore": show(submission.maxScore),
            "submittedAt": Dates.shown(submission.createdAt, english: english, timeZone: session.zone), "checks": checks,
            "failedCount": grade.items.filter { !$0.correct }.count,
        ]
        if let late = classroom.lateness(of: submission, session: session) { report["late"] = Lateness.text(late, english: english) }
        if let comment = submission.overrideComment, !comment.isEmpty { report["overrideComment"] = comment }
        if !grade.formatErrors.isEmpty { report["formatErrors"] = grade.formatErrors }
        // A plan for one's own distributor keeps the grade it got; if the figures changed since,
        // it says so (the grade was given on the figures of then).
        if classroom.content.exercise(submission.exerciseId)?.ownCase == true,
           let own = try await classroom.store.ownCase(trainee: submission.traineeId), own.updatedAt > submission.createdAt {
            report["caseChanged"] = t["oc_caseChanged"]!
                .replacingOccurrences(of: "{date}", with: Dates.shown(own.updatedAt, english: english, timeZone: session.zone))
        }
        return report
    }

    /// The review of a case as the homework pages show it: key figures, the ranked opportunities,
    /// the three review charts and the case's tables.
    func reviewData(_ review: Review, exercise: CourseExercise, variant: Int, t: [String: String], ownCase: Case? = nil) -> [String: Any] {
        var data = reviewFigures(review, t: t)
        if let ownCase {
            if let tables = classroom.content.engine.tablesHTML(of: ownCase) { data["tablesHTML"] = tables }
        } else if let tables = classroom.content.engine.tablesHTML(for: exercise, variant: variant) {
            data["tablesHTML"] = tables
        }
        return data
    }

    /// The `plan-review` partial's data: the case's key figures, its opportunities ranked and its three charts.
    func reviewFigures(_ review: Review, t: [String: String]) -> [String: Any] {
        let result = review.result
        let figures: [(String, String)] = [
            (t["pb_revenue"]!, ChartFormat.money(result.revenue)), (t["pb_salesTarget"]!, ChartFormat.money(result.salesTarget)),
            (t["pb_netProfit"]!, ChartFormat.money(result.netProfit)), (t["pb_investment"]!, ChartFormat.money(result.investment)),
            ("ROI", ChartFormat.percent(result.roi)), (t["pb_targetROI"]!, ChartFormat.percent(result.targetROI)),
        ]
        let opportunities = review.opportunities.enumerated().map { index, opportunity -> [String: Any] in
            [
                "rank": index + 1, "area": opportunity.area.chineseName, "kind": opportunity.kind.chineseName,
                "amount": ChartFormat.money(opportunity.amount), "roiAfter": ChartFormat.percent(opportunity.roiAfter),
                "roiDelta": ChartFormat.signedPercent(opportunity.roiDelta), "top": index < 3,
            ]
        }
        let charts = [Charts.roiTree(review, id: "roi-tree"), Charts.gaps(review, id: "gaps"), Charts.waterfall(review, id: "waterfall")]
        return [
            "caseName": review.case.name, "figures": figures.map { ["label": $0.0, "value": $0.1] }, "opportunities": opportunities,
            "charts": charts.map { ["chartTitle": $0.title, "svg": $0.svg, "figuresHTML": $0.figuresHTML] },
        ]
    }

    // MARK: Printable plan and export

    func printablePlan(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let desk = try await classroom.desk(for: trainee)
        let t = words(request)
        let status = try await classroom.planStatus(trainee: trainee)
        // Without a plan yet, the sheet prints empty: a template to fill in by hand at the meeting.
        let plan = (try? await classroom.planToExport(trainee: trainee)) ?? .object([:])
        var data = reviewData(desk.review, exercise: desk.exercise, variant: desk.variant, t: t, ownCase: desk.ownCase)
        data["traineeName"] = trainee.name
        data["exerciseTitle"] = desk.exercise.title
        data["version"] = status.draft != nil ? t["pb_versionDraft"]! : status.submitted != nil ? t["pb_versionSubmitted"]! : ""
        data["plan"] = planView(plan, review: desk.review, t: t)
        data["projection"] = projectionView(PlanBuilder.projection(desk.review, plan: plan), t: t)
        return render("plan-print", data, title: t["pb_printTitle"]!, request: request, context: context)
    }

    /// 联合生意计划书: the handed-in plan on one A4 page for the meeting with the distributor's
    /// boss: O, G with baselines and targets, S with the maker's budget, P by who commits
    /// (厂家承诺 / 经销商承诺 / 双方), M, the projected ROI, and a signature line for each side.
    func jbpSheet(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let desk = try await classroom.desk(for: trainee)
        let t = words(request)
        let status = try await classroom.planStatus(trainee: trainee)
        // The plan handed in; before one is, the draft (marked as such).
        var plan = status.submitted.flatMap { JSONValue.parse($0.raw)?["plan"] } ?? .object([:])
        if status.submitted == nil, let draft = try? await classroom.planToExport(trainee: trainee) { plan = draft }
        var view = planView(plan, review: desk.review, t: t)
        let tasks = (view["plans"] as? [[String: Any]]) ?? []
        let parties = (plan["plans"]?.array ?? []).map { $0["party"]?.string ?? "" }
        let groups: [(String, String)] = [("maker", t["jbp_maker"]!), ("distributor", t["jbp_distributor"]!), ("joint", t["jbp_joint"]!)]
        view["commitments"] = groups.compactMap { party, heading -> [String: Any]? in
            let mine = zip(tasks, parties).filter { $0.1 == party }.map(\.0)
            return mine.isEmpty ? nil : ["heading": heading, "tasks": mine]
        }
        let projection = projectionView(PlanBuilder.projection(desk.review, plan: plan), t: t)
        return render(
            "jbp-sheet",
            [
                "plan": view, "projection": projection, "caseName": desk.review.case.name, "traineeName": trainee.name,
                "handedIn": status.submitted != nil,
            ], title: t["jbp_title"]!, request: request, context: context)
    }

    /// 季度生意回顾: each quarter of the plan's period with its check-ins against the plan (the
    /// quarter's last check-in: expected, actual, status per measure), the trend charts, and the
    /// way to the next period's plan. Printable.
    func quarterlyReview(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let t = words(request)
        let status = try await classroom.planStatus(trainee: trainee)
        let session = try await classroom.session(trainee.sessionId)
        var data: [String: Any] = ["traineeName": trainee.name]
        if let submitted = status.submitted, let plan = JSONValue.parse(submitted.raw)?["plan"] {
            let checkIns = try await classroom.checkIns(trainee: trainee)
            let today = Dates.today(timeZone: session.zone)
            let card = scorecardData(plan: plan, checkIns: checkIns, t: t)
            let rowsByDate = Dictionary(
                ((card["checkIns"] as? [[String: Any]]) ?? []).compactMap { row in (row["date"] as? String).map { ($0, row) } },
                uniquingKeysWith: { first, _ in first })
            let quarters = Quarter.of(plan: plan, checkIns: checkIns)
            let figures = try await classroom.quarterFigures(trainee: trainee, plan: plan)
            let hasOwnCase = try await classroom.store.ownCase(trainee: trainee.id) != nil
            data["submitted"] = true
            data["trends"] = card["trends"]
            data["quarters"] = quarters.filter { $0.start <= today || !$0.checkIns.isEmpty }.map { quarter -> [String: Any] in
                var view: [String: Any] = [
                    "number": quarter.number, "start": quarter.start, "end": quarter.end, "count": quarter.checkIns.count,
                    "current": quarter.start <= today && today <= quarter.end, "hasCheckIns": !quarter.checkIns.isEmpty,
                ]
                if let last = quarter.last, let row = rowsByDate[last.checkIn.date] { view["last"] = row }
                if let fresh = figures[quarter.number] { view["figures"] = quarterFiguresView(fresh.review, recorded: fresh.record, plan: plan) }
                view["canRecord"] = hasOwnCase
                return view
            }
            data["hasQuarters"] = !(data["quarters"] as? [Any] ?? []).isEmpty
        }
        return render("quarterly", data, title: t["qr_title"]!, request: request, context: context)
    }

    /// A quarter's fresh review beside the plan: the distributor's ROI and top opportunities at
    /// the quarter's end, and each goal's baseline, target and value now, with whether it moved
    /// toward the target.
    func quarterFiguresView(_ review: Review, recorded: QuarterCase, plan: JSONValue) -> [String: Any] {
        let goals = (plan["goals"]?.array ?? []).compactMap { goal -> [String: Any]? in
            guard let key = goal["metric"]?.string, let metric = Metric(key) else { return nil }
            let now = review.value(of: metric)
            let unit = metric.unit.rawValue
            var row: [String: Any] = [
                "id": goal["id"]?.string ?? "", "metric": metric.chineseName,
                "baseline": FollowUp.show(goal["baseline"]?.number, unit: unit), "target": FollowUp.show(goal["target"]?.number, unit: unit),
                "now": FollowUp.show(now, unit: unit),
            ]
            if let now, let baseline = goal["baseline"]?.number, now != baseline {
                row[metric.direction.isBetter(now, than: baseline) ? "better" : "worse"] = true
            }
            return row
        }
        return [
            "name": review.case.name, "recordedAt": Dates.dayText(recorded.updatedAt), "roi": ChartFormat.percent(review.result.roi),
            "top": review.topOpportunities.prefix(3).map(\.area.chineseName).joined(separator: "、"), "goals": goals,
        ]
    }

    func recordQuarterFigures(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let trainee = try context.requireTrainee()
        guard let number = context.parameters.get("quarter").flatMap(Int.init), (1...8).contains(number) else {
            throw AppError.notFound("There is no such quarter.", zh: "没有这个季度。")
        }
        try await classroom.recordQuarterFigures(trainee: trainee, quarter: number)
        flash(words(request)["qr_figuresRecorded"]!.replacing("{n}", with: String(number)), for: context)
        return redirect("/t/plan/quarters#quarter-\(number)")
    }

    func startNextPeriod(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let trainee = try context.requireTrainee()
        _ = try await classroom.startNextPeriod(trainee: trainee)
        flash(words(request)["qr_nextStarted"]!, for: context)
        return redirect("/t/plan")
    }

    /// A plan's sections as the printable plan and the trainer's page show them.
    func planView(_ plan: JSONValue, review: Review, t: [String: String]) -> [String: Any] {
        let metrics = Dictionary(PlanBuilder.metrics(review).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        func rows(_ key: String) -> [JSONValue] { plan[key]?.array ?? [] }
        func text(_ value: JSONValue?) -> String { show(value).isEmpty ? "—" : show(value) }
        func figure(_ value: JSONValue?, metric: String?) -> String {
            guard let number = value?.number else { return text(value) }
            return FollowUp.show(number, unit: metric.flatMap { metrics[$0]?.unit })
        }
        let swot = [("strengths", "pb_strengths"), ("weaknesses", "pb_weaknesses"), ("opportunities", "pb_opportunitiesSWOT"), ("threats", "pb_threats")]
            .map { key, label -> [String: Any] in ["swotName": t[label]!, "items": (plan["swot"]?[key]?.array ?? []).map(text)] }
        let goals = rows("goals").map { goal -> [String: Any] in
            let metric = goal["metric"]?.string
            return [
                "id": text(goal["id"]), "metric": metric.flatMap { metrics[$0]?.name } ?? text(goal["metric"]),
                "baseline": figure(goal["baseline"], metric: metric), "target": figure(goal["target"], metric: metric),
                "deadline": text(goal["deadline"]),
            ]
        }
        let goalMetric = Dictionary(rows("goals").compactMap { goal in goal["id"]?.string.map { ($0, goal["metric"]?.string) } }, uniquingKeysWith: { first, _ in first })
        let strategies = rows("strategies").map { strategy -> [String: Any] in
            ["id": text(strategy["id"]), "title": text(strategy["title"]), "goals": text(strategy["goals"]), "budget": figure(strategy["budget"], metric: "revenue")]
        }
        let plans = rows("plans").map { task -> [String: Any] in
            [
                "id": text(task["id"]), "strategy": text(task["strategy"]), "task": text(task["task"]), "owner": text(task["owner"]),
                "resources": text(task["resources"]),
                "party": task["party"]?.string.flatMap { t["pb_party_" + $0] } ?? text(task["party"]),
                "cost": task["cost"] == nil ? "—" : figure(task["cost"], metric: "revenue"), "due": text(task["due"]),
            ]
        }
        let measures = rows("measures").map { measure -> [String: Any] in
            let metric = measure["kpi"]?.string ?? measure["goal"]?.string.flatMap { goalMetric[$0] ?? nil }
            return [
                "id": text(measure["id"]), "goal": text(measure["goal"]), "kpi": metric.flatMap { metrics[$0]?.name } ?? text(measure["kpi"]),
                "target": figure(measure["target"], metric: metric), "frequency": t["pb_freq_" + text(measure["frequency"])] ?? text(measure["frequency"]),
                "owner": text(measure["owner"]),
            ]
        }
        return [
            "objective": text(plan["objective"]), "periodStart": text(plan["period"]?["start"]), "periodEnd": text(plan["period"]?["end"]),
            "swot": swot, "goals": goals, "strategies": strategies, "plans": plans, "measures": measures,
            "totalBudget": figure(plan["total_budget"], metric: "revenue"), "projectedROI": plan["projected_roi"]?.number.map { ChartFormat.percent($0) } ?? "",
        ]
    }

    /// The engine's projection as rows of figures: today, projected, change.
    func projectionView(_ projection: JSONValue, t: [String: String]) -> [String: Any] {
        let current = projection["current"], projected = projection["projected"]
        func money(_ key: String, _ label: String) -> [String: Any] {
            let (now, then) = (current?[key]?.number ?? 0, projected?[key]?.number ?? 0)
            return ["label": t[label]!, "now": ChartFormat.money(now), "then": ChartFormat.money(then), "change": ChartFormat.money(then - now)]
        }
        let roiNow = current?["roi"]?.number ?? 0
        let roiThen = projected?["roi"]?.number
        return [
            "rows": [money("revenue", "pb_revenue"), money("plan_costs", "pb_planCosts"), money("net_profit", "pb_netProfit"),
                     money("investment", "pb_investment")],
            "roiNow": ChartFormat.percent(roiNow), "roiThen": roiThen.map { ChartFormat.percent($0) } ?? "—",
            "roiChange": roiThen.map { ChartFormat.signedPercent($0 - roiNow) } ?? "—",
            "targetROI": ChartFormat.percent(projection["target_roi"]?.number ?? 0), "meetsTarget": projection["meets_target"] == .bool(true),
        ]
    }

    func exportPlan(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let plan = try await classroom.planToExport(trainee: trainee)
        let name = (plan["case"]?.string).map { "plan-\(Self.fileSafe($0)).yaml" } ?? "plan.yaml"
        return Response(
            status: .ok,
            headers: [.contentType: "application/yaml; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: PlanBuilder.yaml(plan))))
    }

    /// Letters, digits, `-` and `_` only: a file name that no header or path can misread.
    static func fileSafe(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        return kept.isEmpty ? "case" : String(String.UnicodeScalarView(kept.prefix(60)))
    }

    // MARK: The ScoreCard

    /// `GET /t/plan/scorecard[?edit=YYYY-MM-DD]`: with `edit`, the form holds that day's check-in to correct.
    func scorecardPage(request: Request, context: AppRequestContext) async throws -> Response {
        try await scorecard(request: request, context: context, editing: request.uri.queryParameters.get("edit").map { String($0) })
    }

    /// What the check-in form holds: the day and each measure's text as typed.
    struct CheckInEntry {
        var date: String
        var values: [String: String]
    }

    /// The ScoreCard page. A refused check-in comes back with `kept` (what was typed) and
    /// its `error` beside the form, so nothing typed is lost.
    func scorecard(
        request: Request, context: AppRequestContext, editing: String? = nil, kept: CheckInEntry? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let trainee = try context.requireTrainee()
        let t = words(request)
        let planStatus = try await classroom.planStatus(trainee: trainee)
        let session = try await classroom.session(trainee.sessionId)
        var data: [String: Any] = ["traineeName": trainee.name, "today": Dates.today(timeZone: session.zone)]
        if let submitted = planStatus.submitted, let plan = JSONValue.parse(submitted.raw)?["plan"] {
            data["submitted"] = true
            let checkIns = try await classroom.checkIns(trainee: trainee)
            var entry = kept
            if entry == nil, let editing, let old = checkIns.first(where: { $0.checkIn.date == editing }) {
                let values = JSONValue.parse(old.checkIn.values)?.object ?? [:]
                entry = CheckInEntry(date: editing, values: values.compactMapValues { $0.number.flatMap(JSONValue.numberText) })
            }
            data.merge(scorecardData(plan: plan, checkIns: checkIns, t: t, entry: entry)) { $1 }
            if let entry {
                data["today"] = entry.date
                if checkIns.contains(where: { $0.checkIn.date == entry.date }) {
                    data["correcting"] = t["pb_correcting"]!.replacingOccurrences(of: "{d}", with: entry.date)
                }
            }
            if let error { data["formError"] = error }
        }
        return render("scorecard", data, title: t["pb_scorecard"]!, request: request, context: context, status: status)
    }

    /// The check-in form's measures, every check-in's statuses and the trend charts.
    func scorecardData(plan: JSONValue, checkIns: [Classroom.CheckInView], t: [String: String], entry: CheckInEntry? = nil) -> [String: Any] {
        let measures = FollowUp.measures(of: plan) ?? []
        let units = Dictionary(measures.map { ($0.id, $0.unit) }, uniquingKeysWith: { first, _ in first })
        let fields = measures.map { measure -> [String: Any] in
            [
                "id": measure.id, "name": measure.name, "target": FollowUp.show(measure.target, unit: measure.unit),
                "frequency": t["pb_freq_" + (measure.frequency ?? "")] ?? measure.frequency ?? "", "owner": measure.owner ?? "",
                "hint": t["pb_unit_" + (measure.unit ?? "")] ?? "", "value": entry?.values[measure.id] ?? "",
            ]
        }
        let rows = checkIns.reversed().map { view -> [String: Any] in
            let results = (view.result["measures"]?.array ?? []).map { measure -> [String: Any] in
                let id = measure["id"]?.string ?? ""
                let statusName = measure["status"]?.string ?? ""
                return [
                    "id": id, "name": measures.first { $0.id == id }?.name ?? id,
                    "expected": FollowUp.show(measure["expected"]?.number, unit: units[id] ?? nil),
                    "actual": FollowUp.show(measure["actual"]?.number, unit: units[id] ?? nil),
                    "attainment": measure["attainment"]?.number.map { ChartFormat.percent($0, decimals: 1) } ?? "—",
                    "status": statusName, "statusName": t["status_" + statusName] ?? statusName,
                ]
            }
            let counts = HomeworkBook.StatusCount.of(view.result)
            return ["date": view.checkIn.date, "measures": results, "green": counts.green, "amber": counts.amber, "red": counts.red]
        }
        let trends = FollowUp.trends(plan: plan, checkIns: checkIns.map { ($0.checkIn.date, JSONValue.parse($0.checkIn.values) ?? .null) })
        return [
            "fields": fields, "checkIns": rows, "hasCheckIns": !rows.isEmpty,
            "trends": trends.map { ["chartTitle": $0.title, "svg": $0.svg, "figuresHTML": $0.figuresHTML] },
        ]
    }

    func checkInForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let trainee = try context.requireTrainee()
        let form = try await request.csrfCheckedForm(context: context)
        let t = words(request)
        let date = (form["date"] ?? "").trimmingCharacters(in: .whitespaces)
        var typed: [String: String] = [:]
        var values: [String: JSONValue] = [:]
        var problems: [String] = []
        for (key, value) in form.pairs where key.hasPrefix("m.") {
            let id = String(key.dropFirst(2))
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            typed[id] = value
            guard !text.isEmpty else { continue }
            guard case .success(let number) = NumberReader.read(text) else {
                problems.append(t["pb_notNumber"]!.replacingOccurrences(of: "{m}", with: id).replacingOccurrences(of: "{v}", with: text))
                continue
            }
            values[id] = .number(number)
        }
        let kept = CheckInEntry(date: date, values: typed)
        // Every unreadable value at once, and the form as it was typed.
        guard problems.isEmpty else {
            return try await scorecard(request: request, context: context, kept: kept, error: problems.joined(separator: " "),
                                       status: .unprocessableContent)
        }
        do {
            let recorded = try await classroom.checkIn(trainee: trainee, date: date, values: .object(values))
            flash(recorded.replaced ? t["pb_checkInCorrected"]!.replacingOccurrences(of: "{d}", with: date) : t["pb_checkInSaved"]!,
                  for: context)
        } catch let error as AppError {
            return try await scorecard(request: request, context: context, kept: kept, error: error.text(Language.ofPage(request)), status: error.status)
        }
        return redirect("/t/plan/scorecard")
    }

    /// The delete button of a check-in card.
    func deleteCheckInForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let trainee = try context.requireTrainee()
        _ = try await request.csrfCheckedForm(context: context)
        let date = context.parameters.get("date") ?? ""
        do {
            try await classroom.deleteCheckIn(trainee: trainee, date: date)
            flash(words(request)["pb_checkInDeleted"]!.replacingOccurrences(of: "{d}", with: date), for: context)
        } catch let error as AppError {
            flash(error.text(Language.ofPage(request)), for: context)
        }
        return redirect("/t/plan/scorecard")
    }

    // MARK: Charts

    /// `GET /t/charts/{exercise}/{roi_tree|gaps|waterfall}.svg`: a review chart of the trainee's variant.
    func reviewChart(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let exercise = try classroom.exercise(context.parameters.get("exercise") ?? "")
        let name = context.parameters.get("chart") ?? ""
        guard name.hasSuffix(".svg"), let chart = ReviewChart(rawValue: String(name.dropLast(4))) else {
            throw AppError.notFound("There is no chart \(name); the charts are roi_tree.svg, gaps.svg and waterfall.svg.", zh: "没有图表 \(name)；图表有 roi_tree.svg、gaps.svg 和 waterfall.svg。")
        }
        if exercise.ownCase {
            return svgResponse(chart.draw(try await classroom.desk(for: trainee).review).svg)
        }
        guard let review = classroom.content.engine.review(for: exercise, variant: classroom.variant(of: exercise, for: trainee)) else {
            throw AppError.notFound("Exercise \(exercise.id) has no case to chart.", zh: "练习 \(exercise.id) 没有可以画图的案例。")
        }
        return svgResponse(chart.draw(review).svg)
    }

    func svgResponse(_ svg: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "private, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: svg)))
    }
}

extension ReviewChart {
    /// The chart drawn from the review.
    func draw(_ review: Review) -> Chart {
        switch self {
        case .roiTree: return Charts.roiTree(review)
        case .gaps: return Charts.gaps(review)
        case .waterfall: return Charts.waterfall(review)
        }
    }
}

/// JSON to put inside `<script type="application/json">`: `<` written as `\u003c`, so that no
/// text in it (a trainee's `</script>`) can end the element.
func scriptJSON(_ value: JSONValue) -> String {
    value.jsonString().replacingOccurrences(of: "<", with: "\\u003c")
}
