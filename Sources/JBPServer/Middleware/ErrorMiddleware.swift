import CourseMarkdown
import Foundation
import Grading
import Hummingbird
import Logging
import NIOCore

/// Turns every error into `{"error": "<one clear sentence>"}` with the right status (or, for a
/// person's browser on a page, a small HTML page with the same sentence). Anything a client
/// can send ends as a 4xx; only a fault of the server itself is a 500, and it is logged.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.appError(for: error, logger: context.logger)
            if Self.wantsHTML(request) {
                return Self.htmlPage(for: appError, language: Language.ofPage(request))
            }
            return try appError.response(from: request, context: context)
        }
    }

    /// The client-facing error for any error thrown below.
    static func appError(for error: any Error, logger: Logger) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as HTTPError:
            if let body = error.body { return AppError(error.status, body, headers: error.headers) }
            return sentence(for: error.status).with(headers: error.headers)
        case is NIOTooManyBytesError:
            return AppError(.contentTooLarge, "The request body is larger than 1 MiB.", zh: "请求内容超过 1 MiB。")
        case let error as DecodingError:
            return describe(error)
        case let error as SubmissionRefusal:
            switch error {
            case .closed: return AppError(.conflict, "This exercise is closed.", zh: "这个练习已关闭。")
            case .timeUp(let at):
                return AppError(
                    .conflict, "Time is up: this exercise closed at \(Dates.iso(at)); the answer was not taken.",
                    zh: "时间到了：这个练习已于 \(Dates.iso(at)) 截止，这次提交没有被接受。")
            case .noAttemptsLeft(let allowed): return AppError(.conflict, "No attempts left: this exercise allows \(allowed).", zh: "提交次数已用完：这个练习最多可提交 \(allowed) 次。")
            }
        case let error as any HTTPResponseError:
            return sentence(for: error.status)
        case let error as StoreUnavailable:
            // Nothing was stored; the client may send the same request again.
            logger.warning("Database unavailable: \(error.reason)")
            return AppError(
                .serviceUnavailable, "The database is not answering; try again in a few seconds.", zh: "数据库暂时无法访问，请几秒后再试。",
                headers: [.retryAfter: "5"])
        default:
            logger.error("Unexpected error: \(String(reflecting: error))")
            return AppError(.internalServerError, "Something went wrong on the server; the trainer can see it in the log.", zh: "服务器出错了，讲师可以在日志里看到原因。")
        }
    }

    static func sentence(for status: HTTPResponse.Status) -> AppError {
        switch status.code {
        case 404: return AppError(status, "There is nothing at this address.", zh: "这个地址没有内容。")
        case 405: return AppError(status, "This address does not accept that method.", zh: "这个地址不接受这种请求方法。")
        case 413: return AppError(status, "The request body is larger than 1 MiB.", zh: "请求内容超过 1 MiB。")
        default: return AppError(status, "The request failed: \(status.reasonPhrase).", zh: "请求失败：\(status.code) \(status.reasonPhrase)。")
        }
    }

    /// One sentence for a body that could not be decoded, in both languages.
    static func describe(_ error: DecodingError) -> AppError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return AppError(.badRequest, "The request is missing `\(at)`.", zh: "请求缺少 `\(at)`。")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let at = path(context.codingPath)
            return AppError(.badRequest, "`\(at)` has the wrong type.", zh: "`\(at)` 的类型不对。")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return AppError(.badRequest, "The request body is not valid JSON.", zh: "请求内容不是有效的 JSON。") }
            let at = path(context.codingPath)
            return AppError(.badRequest, "`\(at)` is not valid.", zh: "`\(at)` 无效。")
        @unknown default:
            return AppError(.badRequest, "The request body could not be read.", zh: "请求内容无法读取。")
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        guard !request.uri.path.hasPrefix("/api/") else { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }

    static func htmlPage(for error: AppError, language: Language) -> Response {
        let message = HTML.escape(error.text(language))
        let html = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(error.status.code)</title><link rel="stylesheet" href="/static/app.css"></head>
            <body><main class="page"><h1>\(error.status.code)</h1><p class="error">\(message)</p>
            <p><a href="/">⟵ 首页 Home</a></p></main></body></html>
            """
        var headers = error.headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
