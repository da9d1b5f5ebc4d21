import Hummingbird

/// Trainer pages send a person without a trainer cookie to the sign-in page.
struct TrainerPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.trainer != nil else {
            if request.method == .get { return Response(status: .seeOther, headers: [.location: "/trainer/login"]) }
            throw AppError(.unauthorized, "Sign in as a trainer first.", zh: "请先以讲师身份登录。")
        }
        return try await next(request, context)
    }
}
