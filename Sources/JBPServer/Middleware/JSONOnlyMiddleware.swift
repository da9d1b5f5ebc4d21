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
            // The case template's import takes the file as it is: CSV or YAML, types a cross-site
            // form cannot send either (only text/plain, form-urlencoded and multipart are "simple").
            let isImport = request.uri.path == "/api/me/case/import"
                && ["text/csv", "application/yaml", "application/x-yaml", "text/yaml"].contains(where: type.hasPrefix)
            guard type.hasPrefix("application/json") || isImport else {
                throw AppError(.unsupportedMediaType, "Send the request as JSON with Content-Type: application/json.", zh: "请以 JSON 发送请求（Content-Type: application/json）。")
            }
        default:
            break
        }
        return try await next(request, context)
    }
}
