import Hummingbird

/// What a route's `:id` names, for the check that the trainer may see it.
enum TrainerScope: Sendable {
    case session, submission, trainee
}

/// A trainer sees only their own sessions (an admin every one): for a route whose `:id` is a
/// session, a submission or a trainee, anything of another trainer's session is a 404 here, before
/// the handler runs, with the same sentence as for an id that names nothing. Routes without `:id`
/// (creating a session) pass through.
struct TrainerScopeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let classroom: Classroom
    /// nil for the trainer's pages, whose routes say it: `/trainer/sessions/:id/…`, `/trainer/submissions/:id/…`.
    let scope: TrainerScope?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let trainer = context.trainer, !trainer.isAdmin, context.parameters.get("id") != nil else {
            return try await next(request, context)
        }
        let id = try context.parameters.id("id")
        let session: Int64?
        let missing: AppError
        let path = request.uri.path
        let scope = self.scope
            ?? (path.hasPrefix("/trainer/submissions/") ? .submission : path.hasPrefix("/trainer/trainees/") ? .trainee : .session)
        switch scope {
        case .session:
            session = id
            missing = AppError.notFound("There is no session \(id).", zh: "没有编号为 \(id) 的课堂。")
        case .submission:
            session = try await classroom.store.submission(id: id)?.sessionId
            missing = AppError.notFound("There is no submission \(id).", zh: "没有编号为 \(id) 的提交。")
        case .trainee:
            session = try await classroom.store.trainee(id: id)?.sessionId
            missing = AppError.notFound("There is no trainee \(id).", zh: "没有编号为 \(id) 的学员。")
        }
        guard let session, try await classroom.mayTrain(trainer, session: session) else { throw missing }
        return try await next(request, context)
    }
}
