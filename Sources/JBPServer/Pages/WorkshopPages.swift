import Foundation
import Grading
import Hummingbird
import JBPModel

/// The day-2 plan workshop on the trainee's phone or laptop: the group's shared draft in the
/// plan builder (who changed what), its hand-in, the reviews of it, and the review of another
/// group's plan against the checks.
extension Pages {
    func addWorkshopRoutes(to trainee: RouterGroup<AppRequestContext>) {
        trainee.get("group-plan/:exercise", use: groupPlanPage)
        trainee.get("group-plan/:exercise/review", use: groupReviewPage)
        trainee.post("group-plan/:exercise/review", use: groupReviewForm)
    }

    func groupPlanPage(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let t = words(request)
        let draft = try await classroom.groupDraft(trainee: trainee, exercise: context.parameters.get("exercise") ?? "")
        let exercise = draft.exercise
        guard let review = classroom.content.engine.review(for: exercise, variant: 0) else {
            throw AppError.notFound("The workshop has no case to plan for.", zh: "工作坊没有对应的案例。")
        }
        let session = try await classroom.session(trainee.sessionId)
        let names = try await classroom.traineeNames(session: session.id)
        let state = try await classroom.states(session: session.id)[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
        var data = reviewData(review, exercise: exercise, variant: 0, t: t)
        data["exerciseId"] = exercise.id
        data["exerciseTitle"] = exercise.title
        data["promptHTML"] = exercise.promptHTML
        data["traineeName"] = trainee.name
        data["groupName"] = draft.group.name
        data["members"] = draft.group.traineeIds.compactMap { names[$0] }.joined(separator: "、")
        data["caseId"] = review.case.id
        data["canSubmit"] = state.open
        data["closed"] = !state.open
        data["draftSavedAt"] = draft.latest.map { Dates.iso($0.savedAt) } ?? ""
        data["metricsJSON"] = scriptJSON(PlanBuilder.metricsJSON(review))
        let plan = draft.latest == nil ? JSONValue.object(["case": .string(review.case.id)]) : draft.plan
        data["draftJSON"] = scriptJSON(plan)
        data["wordsJSON"] = scriptJSON(.object(t.filter { $0.key.hasPrefix("pb_") }.mapValues(JSONValue.string)))
        let period = PlanPeriod.after(session.endsOn.isEmpty ? session.startsOn : session.endsOn)
        data["defaultStart"] = period.start
        data["defaultEnd"] = period.end
        data["groupMode"] = true
        data["draftURL"] = "/api/me/group-plan/\(exercise.id)"
        data["projectionURL"] = "/api/me/group-plan/\(exercise.id)/projection"
        data["submitURL"] = "/api/me/group-plan/\(exercise.id)/submit"
        data["version"] = draft.version
        data["edits"] = draft.versions.suffix(12).reversed().map { version -> [String: Any] in
            let sections = (JSONValue.parse(version.sections)?.array ?? []).compactMap(\.string).map(PlanWords.sectionName)
            return [
                "version": version.version, "who": names[version.traineeId] ?? "?", "sections": sections.joined(separator: "、"),
                "at": Dates.shown(version.savedAt, english: request.isEnglish(self), timeZone: session.zone),
            ]
        }
        // The group's hand-in (every member has it) and the reviews of it.
        if let handedIn = try await classroom.store.submissions(trainee: trainee.id, exercise: exercise.id).last,
           let grade = Grade(jsonText: handedIn.traineeGrade) ?? Grade(jsonText: handedIn.grade) {
            data["report"] = try await planReport(handedIn, grade: grade, session: session, t: t, english: request.isEnglish(self))
        }
        let groups = try await classroom.store.groups(session: session.id)
        let groupNames = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.name) })
        let reviews = try await classroom.reviewsOfMyGroup(trainee: trainee, exercise: exercise.id).map { review -> [String: Any] in
            let marks = JSONValue.parse(review.marks)?.object ?? [:]
            return [
                "by": groupNames[review.reviewerGroup] ?? "?", "comment": review.comment ?? "",
                "disagreed": marks.filter { $0.value == .bool(false) }.keys.sorted().map { t["check_" + $0] ?? $0 }.joined(separator: "、"),
                "agreed": marks.filter { $0.value == .bool(true) }.count,
            ]
        }
        data["reviews"] = reviews
        data["hasReviews"] = !reviews.isEmpty
        return render("group-plan", data, title: exercise.title, request: request, context: context)
    }

    func groupReviewPage(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let t = words(request)
        let exerciseID = context.parameters.get("exercise") ?? ""
        let exercise = try classroom.workshopExercise(exerciseID)
        let target = try await classroom.planToReview(trainee: trainee, exercise: exercise.id)
        var data: [String: Any] = ["exerciseId": exercise.id, "exerciseTitle": exercise.title, "groupName": target.group.name]
        if let submission = target.submission, let grade = target.grade, let plan = JSONValue.parse(submission.raw)?["plan"],
           let review = classroom.content.engine.review(for: exercise, variant: 0) {
            data["plan"] = planView(plan, review: review, t: t)
            data["score"] = show(grade.score)
            data["maxScore"] = show(grade.maxScore)
            data["checks"] = grade.items.map { item -> [String: Any] in
                ["checkId": item.id, "checkName": t["check_" + item.id] ?? item.id, "correct": item.correct, "feedback": item.feedback]
            }
        }
        return render("group-review", data, title: t["ws_reviewTitle"]!, request: request, context: context)
    }

    /// The review form: `a.<check>` = 1 (agree with the check's verdict) or 0, and `comment`.
    func groupReviewForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let trainee = try context.requireTrainee()
        let exercise = context.parameters.get("exercise") ?? ""
        var marks: [String: Bool] = [:]
        for (key, value) in form.pairs where key.hasPrefix("a.") {
            if value == "1" { marks[String(key.dropFirst(2))] = true }
            if value == "0" { marks[String(key.dropFirst(2))] = false }
        }
        _ = try await classroom.reviewGroupPlan(trainee: trainee, exercise: exercise, marks: marks, comment: form["comment"])
        flash(words(request)["ws_reviewSaved"]!, for: context)
        return redirect("/t/group-plan/\(exercise)")
    }
}
