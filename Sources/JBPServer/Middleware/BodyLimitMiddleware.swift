import Hummingbird

/// Refuses a body announced as larger than 1 MiB before reading any of it
/// (a body without a length is cut at 1 MiB while it is read).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > ServerLimits.maxBody {
            throw AppError(.contentTooLarge, "The request body is larger than 1 MiB.", zh: "请求内容超过 1 MiB。")
        }
        return try await next(request, context)
    }
}
