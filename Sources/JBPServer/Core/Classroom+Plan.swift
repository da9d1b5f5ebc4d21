import Foundation

extension Classroom {
    /// The course's homework plan exercise (kind `plan`), or 404.
    public func planExercise() throws -> CourseExercise {
        guard let exercise = content.exercisesInOrder.first(where: { $0.kind == .plan }) else {
            throw AppError.notFound("This course has no plan exercise.")
        }
        return exercise
    }

    /// Saves the trainee's draft plan: no grade, no attempt.
    public func saveDraft(trainee: Trainee, plan: JSONValue) async throws -> PlanDraft {
        _ = try planExercise()
        guard plan.object != nil else { throw AppError.badRequest("A plan is a JSON object (model.md §6).") }
        return try await store.saveDraft(trainee: trainee.id, plan: plan.jsonString())
    }

    /// The draft, the last submitted plan and its grade as the trainee may see it.
    public func planStatus(trainee: Trainee) async throws -> (draft: PlanDraft?, submitted: Submission?, grade: GradeReport?) {
        let exercise = try planExercise()
        let draft = try await store.draft(trainee: trainee.id)
        guard let mine = try await exercises(for: trainee, onlyOpen: false, ids: [exercise.id]).first else {
            return (draft, nil, nil)
        }
        return (draft, mine.submissions.last, mine.latestGrade)
    }

    /// Records a ScoreCard check-in of the submitted plan and returns each measure's status (model.md §7).
    public func checkIn(trainee: Trainee, date: String, values: JSONValue) async throws -> JSONValue {
        let exercise = try planExercise()
        guard Dates.day(date) != nil else { throw AppError.badRequest("date must be a date written YYYY-MM-DD.") }
        guard let members = values.object, !members.isEmpty else {
            throw AppError.badRequest("values maps each measure id to its actual value.")
        }
        for (id, value) in members where value.number == nil {
            throw AppError.badRequest("The value of measure \(id) must be a number.")
        }
        guard let submitted = try await store.submissions(trainee: trainee.id, exercise: exercise.id).last,
            let plan = JSONValue.parse(submitted.raw)?["plan"]
        else {
            throw AppError.conflict("Submit your plan before recording check-ins.")
        }
        let result: JSONValue
        do {
            result = try content.engine.checkIn(plan: plan, date: date, values: values)
        } catch {
            throw AppError(.unprocessableContent, error.message)
        }
        _ = try await store.recordCheckIn(
            trainee: trainee.id, submission: submitted.id, date: date, values: values.jsonString(), result: result.jsonString())
        return result
    }
}
