import Hummingbird

/// Cross-site forms cannot send `application/json` without a preflight, so an API call that
/// changes something must say it is JSON; that is what makes cookie-authenticated API calls
/// safe without a CSRF token (api.md).
struct JSONOnlyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .post, .put, .patch, .delete:
            let type = request.headers[.contentType]?.lowercased() ?? ""
            guard type.hasPrefix("application/json") else {
                throw AppError(.unsupportedMediaType, "Send the request as JSON with Content-Type: application/json.", zh: "请以 JSON 发送请求（Content-Type: application/json）。")
            }
        default:
            break
        }
        return try await next(request, context)
    }
}
