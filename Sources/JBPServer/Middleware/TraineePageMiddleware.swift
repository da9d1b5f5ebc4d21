import Hummingbird

/// Trainee pages send a person who has not joined to the join page.
struct TraineePageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.trainee != nil else {
            if request.method == .get { return Response(status: .seeOther, headers: [.location: "/"]) }
            throw AppError(.unauthorized, "Join a session first.", zh: "请先加入课堂。")
        }
        return try await next(request, context)
    }
}
