import CourseMarkdown
import Foundation
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
                return Self.htmlPage(for: appError)
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
            return AppError(error.status, error.body ?? sentence(for: error.status), headers: error.headers)
        case is NIOTooManyBytesError:
            return AppError(.contentTooLarge, "The request body is larger than 1 MiB.")
        case let error as DecodingError:
            return AppError(.badRequest, describe(error))
        case let error as SubmissionRefusal:
            switch error {
            case .closed: return AppError(.conflict, "This exercise is closed.")
            case .noAttemptsLeft(let allowed): return AppError(.conflict, "No attempts left: this exercise allows \(allowed).")
            }
        case let error as any HTTPResponseError:
            return AppError(error.status, sentence(for: error.status))
        case let error as StoreUnavailable:
            // Nothing was stored; the client may send the same request again.
            logger.warning("Database unavailable: \(error.reason)")
            return AppError(.serviceUnavailable, unavailableSentence, headers: [.retryAfter: "5"])
        default:
            logger.error("Unexpected error: \(String(reflecting: error))")
            return AppError(.internalServerError, "Something went wrong on the server; the trainer can see it in the log.")
        }
    }

    /// The answer while the database cannot be reached: in both of the pages' languages, since it
    /// is the one error that can reach any page of either.
    static let unavailableSentence = "数据库暂时无法访问，请几秒后再试（The database is not answering; try again in a few seconds）。"

    static func sentence(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: return "There is nothing at this address."
        case 405: return "This address does not accept that method."
        case 413: return "The request body is larger than 1 MiB."
        default: return "The request failed: \(status.reasonPhrase)."
        }
    }

    /// One sentence for a body that could not be decoded.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return "The request is missing `\(at)`."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "`\(path(context.codingPath))` has the wrong type."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "The request body is not valid JSON." }
            return "`\(path(context.codingPath))` is not valid."
        @unknown default:
            return "The request body could not be read."
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        guard !request.uri.path.hasPrefix("/api/") else { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }

    static func htmlPage(for error: AppError) -> Response {
        let message = HTML.escape(error.message)
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
