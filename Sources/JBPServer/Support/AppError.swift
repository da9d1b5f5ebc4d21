import Foundation
import Grading
import Hummingbird
import JBPModel

/// An error a client caused, answered as `{"error": "<one clear sentence>"}` with a 4xx status,
/// in the language of the page or of the API client's `Accept-Language` (Chinese by default).
public struct AppError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// The sentence in English.
    public var message: String
    /// The sentence in Chinese; nil only where the sentence is the same in both (a message
    /// passed through from the grader or the model, which choose their own language).
    public var chinese: String?
    /// Further members of the JSON answer (e.g. `format_errors`).
    public var details: [String: JSONValue]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, _ message: String, zh chinese: String? = nil, details: [String: JSONValue] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.message = message
        self.chinese = chinese
        self.details = details
        self.headers = headers
    }

    /// The same error with these headers added.
    func with(headers more: HTTPFields) -> AppError {
        var error = self
        for field in more { error.headers.append(field) }
        return error
    }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String {
        language == .zh ? (chinese ?? message) : message
    }

    /// The JSON body: `{"error": sentence, …details}`.
    public func body(_ language: Language) -> JSONValue {
        var members = details
        members["error"] = .string(text(language))
        return .object(members)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLanguage] = Language.ofAPI(request) == .zh ? "zh-CN" : "en"
        let body = self.body(Language.ofAPI(request))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.jsonString())))
    }

    static func notFound(_ message: String, zh: String) -> AppError { AppError(.notFound, message, zh: zh) }
    static func badRequest(_ message: String, zh: String) -> AppError { AppError(.badRequest, message, zh: zh) }
    static func conflict(_ message: String, zh: String) -> AppError { AppError(.conflict, message, zh: zh) }
    static func forbidden(_ message: String, zh: String) -> AppError { AppError(.forbidden, message, zh: zh) }

    /// 429 with `Retry-After`, for a client that guessed wrong too often.
    static func slowDown(seconds: TimeInterval) -> AppError {
        let wait = Int(seconds.rounded(.up))
        var headers = HTTPFields()
        headers[.retryAfter] = String(wait)
        return AppError(
            .tooManyRequests, "Too many wrong attempts from this address; try again in \(wait) seconds.", zh: "这个地址错误尝试太多次，请 \(wait) 秒后再试。",
            headers: headers)
    }
}

extension Language {
    /// The language an API client asks for in `Accept-Language`: English when English comes
    /// before Chinese in its preferences, Chinese (the course's language) otherwise.
    public static func ofAPI(_ request: Request) -> Language {
        accepted(request.headers[.acceptLanguage])
    }

    /// A page's language: `?lang=`, else the language cookie, else Chinese (as the pages choose it).
    public static func ofPage(_ request: Request) -> Language {
        if request.uri.query?.contains("lang=") == true, let asked = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) {
            return asked
        }
        if let cookie = request.cookies[CookieName.language]?.value, let language = Language(rawValue: cookie) { return language }
        return .zh
    }

    /// Reads an `Accept-Language` value (`en-US,en;q=0.9,zh;q=0.8`).
    public static func accepted(_ header: String?) -> Language {
        guard let header, !header.isEmpty else { return .zh }
        var best: (language: Language, q: Double)?
        for (index, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = pieces.first?.lowercased() ?? ""
            let language: Language? = tag.hasPrefix("zh") ? .zh : tag.hasPrefix("en") ? .en : nil
            guard let language else { continue }
            var q = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { q = Double(piece.dropFirst(2)) ?? 0 }
            // Equal weights: the one written first wins (a tiny penalty by position).
            let weighted = q - Double(index) * 1e-6
            if best == nil || weighted > best!.q { best = (language, weighted) }
        }
        return best?.language ?? .zh
    }
}
