import Foundation
import Hummingbird
import JBPModel

/// An error a client caused, answered as `{"error": "<one clear sentence>"}` with a 4xx status.
public struct AppError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Further members of the JSON answer (e.g. `format_errors`).
    public var details: [String: JSONValue]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, details: [String: JSONValue] = [:], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The JSON body: `{"error": message, …details}`.
    public var body: JSONValue {
        var members = details
        members["error"] = .string(message)
        return .object(members)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.jsonString())))
    }

    static func notFound(_ message: String) -> AppError { AppError(.notFound, message) }
    static func badRequest(_ message: String) -> AppError { AppError(.badRequest, message) }
    static func conflict(_ message: String) -> AppError { AppError(.conflict, message) }
    static func forbidden(_ message: String) -> AppError { AppError(.forbidden, message) }

    /// 429 with `Retry-After`, for a client that guessed wrong too often.
    static func slowDown(seconds: TimeInterval) -> AppError {
        let wait = Int(seconds.rounded(.up))
        var headers = HTTPFields()
        headers[.retryAfter] = String(wait)
        return AppError(.tooManyRequests, "Too many wrong attempts from this address; try again in \(wait) seconds.", headers: headers)
    }
}
