import Charts
import Foundation
import Grading
import Hummingbird
import JBPModel

/// The trainer's homework pages: the session's plans with their scores and failed checks and the
/// class's ScoreCard statuses; one trainee's plan with comments on its checks, an override and
/// the trainee's ScoreCard.
extension Pages {
    func addTrainerPlanRoutes(to trainer: RouterGroup<AppRequestContext>) {
        trainer.get("sessions/:id/plans", use: sessionPlans)
        trainer.get("sessions/:id/plans/:trainee", use: traineePlan)
        trainer.post("submissions/:id/comments", use: commentForm)
    }

    func sessionPlans(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let t = words(request)
        let english = request.isEnglish(self)
        let overviews = try await classroom.planOverviews(session: session.id)
        let rows = HomeworkBook.rows(overviews)
        let summary = HomeworkBook.summary(rows)
        let exercise = try await classroom.planExercise(session: session.id)
        // Each trainee's own distributor beside the plan (name, ROI, top opportunities): visible to
        // the session's trainers, as to the trainee.
        var distributors: [Int64: [String: Any]] = [:]
        for stored in try await classroom.store.ownCases(session: session.id) {
            guard let read = try? Classroom.readOwnCase(stored.caseJSON, file: "own"), let review = try? Review(read) else { continue }
            distributors[stored.traineeId] = [
                "distributorName": read.name, "distributorROI": ChartFormat.percent(review.result.roi),
                "topOpportunities": review.topOpportunities.prefix(3).map(\.area.chineseName).joined(separator: "、"),
            ]
        }
        // Each trainee's latest quarter: the quarter of the plan's period their last check-in is in.
        var periods: [Int64: JSONValue] = [:]
        for overview in overviews {
            if let submission = overview.submission { periods[overview.trainee.id] = JSONValue.parse(submission.raw)?["plan"] }
        }
        // With both plan exercises open, or earlier hand-ins of the other one, name each row's.
        let mixed = Set(rows.map(\.exerciseId)).count > 1
        let views = rows.map { row -> [String: Any] in
            var view: [String: Any] = [
                "traineeId": row.traineeId, "name": row.name, "submitted": row.submissionId != nil, "hasDraft": row.hasDraft,
                "score": row.score.map(show) ?? "", "maxScore": row.maxScore.map(show) ?? "", "submissions": row.submissions,
                "failed": row.failed.map { ["check": $0.check, "checkName": t["check_" + $0.check] ?? $0.check] },
                "lastCheckIn": row.lastCheckIn ?? "", "hasCheckIn": row.lastCheckIn != nil, "green": row.statuses.green, "amber": row.statuses.amber, "red": row.statuses.red,
                "sessionId": session.id,
            ]
            if mixed { view["rowExercise"] = classroom.content.exercise(row.exerciseId)?.title ?? row.exerciseId }
            if let late = row.lateSeconds { view["late"] = Lateness.text(late, english: english) }
            if let distributor = distributors[row.traineeId] { view["distributor"] = distributor }
            if let date = row.lastCheckIn, let plan = periods[row.traineeId],
               let quarter = Quarter.containing(date, in: Quarter.of(plan: plan, checkIns: [])) {
                view["quarter"] = "Q\(quarter.number)"
            }
            return view
        }
        let histogram = Charts.histogram(
            scores: rows.compactMap(\.score), maxScore: rows.compactMap(\.maxScore).first ?? 100, title: t["scoreSpread"]!, id: "plan-scores")
        return render(
            "trainer-plans",
            [
                "session": sessionFields(session), "exerciseTitle": exercise.title, "exerciseId": exercise.id, "rows": views,
                "summary": [
                    "trainees": summary.trainees, "submitted": summary.submitted, "late": summary.late,
                    "mean": summary.meanScore.map(show) ?? "–", "withCheckIns": summary.withCheckIns, "green": summary.statuses.green,
                    "amber": summary.statuses.amber, "red": summary.statuses.red,
                ],
                "histogram": ["svg": histogram.svg, "figuresHTML": histogram.figuresHTML],
            ],
            title: t["tp_plans"]!, request: request, context: context)
    }

    func traineePlan(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        let t = words(request)
        let desk = try await classroom.desk(for: trainee)
        let status = try await classroom.planStatus(trainee: trainee)
        var data = reviewData(desk.review, exercise: desk.exercise, variant: desk.variant, t: t, ownCase: desk.ownCase)
        data["session"] = sessionFields(session)
        data["trainee"] = ["id": trainee.id, "name": trainee.name]
        // The trainer reads the grade complete (with expected values), whatever the trainee may see yet.
        if let submitted = status.submitted, let grade = Grade(jsonText: submitted.grade) {
            var report = try await planReport(submitted, grade: grade, session: session, t: t, english: request.isEnglish(self))
            report["automatic"] = show(submitted.score)
            report["overrideScore"] = submitted.overrideScore.map(show) ?? ""
            report["overrideCommentText"] = submitted.overrideComment ?? ""
            data["report"] = report
            if let plan = JSONValue.parse(submitted.raw)?["plan"] {
                data["plan"] = planView(plan, review: desk.review, t: t)
                data["projection"] = projectionView(PlanBuilder.projection(desk.review, plan: plan), t: t)
                data.merge(scorecardData(plan: plan, checkIns: try await classroom.checkIns(trainee: trainee), t: t)) { $1 }
            }
        } else if let draft = status.draft.flatMap({ JSONValue.parse($0.plan) }) {
            data["plan"] = planView(draft, review: desk.review, t: t)
            data["draftOnly"] = true
        }
        return render("trainer-plan", data, title: trainee.name + t["tp_planOf"]!, request: request, context: context)
    }

    func commentForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let id = try context.parameters.id("id")
        let submission = try await classroom.submission(id)
        do {
            _ = try await classroom.comment(submission: id, check: form["check"] ?? "", comment: form["comment"] ?? "", by: try context.requireTrainer())
        } catch let error as AppError {
            flash(error.text(Language.ofPage(request)), for: context)
        }
        return redirect("/trainer/sessions/\(submission.sessionId)/plans/\(submission.traineeId)#check-\(form["check"] ?? "")")
    }
}
