import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
/// Hand-written on purpose, for the forms whose names are not known in advance: an
/// exercise's answers (`a.<question id>`), a check-in's values (`m.<measure id>`) and a
/// rubric's scores, where a multiple-choice question sends one field per ticked box under
/// the same name. Hummingbird's `URLEncodedFormDecoder` needs a Decodable type of fixed keys
/// (and `name[]` for repeats), so it reads the other forms (`csrfCheckedForm(_:context:)`).
struct FormFields: Sendable {
    var pairs: [(String, String)]

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    init(pairs: [(String, String)]) { self.pairs = pairs }

    /// Parses a form body.
    init(body text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (name, value)
        }
    }

    static func decode(_ text: Substring) -> String {
        let plus = text.replacingOccurrences(of: "+", with: " ")
        return plus.removingPercentEncoding ?? plus
    }
}

extension Request {
    /// Reads a form body (at most 1 MiB) and checks its CSRF token against the cookie.
    mutating func csrfCheckedForm(context: AppRequestContext) async throws -> FormFields {
        FormFields(body: try await csrfCheckedBody(context: context))
    }

    /// Reads a form of fixed fields with Hummingbird's decoder, after the CSRF check; a field
    /// left out is nil (or its default), a form that does not decode is a 400.
    mutating func csrfCheckedForm<Form: Decodable>(_ type: Form.Type, context: AppRequestContext) async throws -> Form {
        let body = try await csrfCheckedBody(context: context)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: body)
        } catch {
            throw AppError.badRequest("The form could not be read; reload the page and try again.", zh: "表单无法读取，请刷新页面后再试。")
        }
    }

    /// The body of a form whose `_csrf` field matches the CSRF cookie.
    private mutating func csrfCheckedBody(context: AppRequestContext) async throws -> String {
        let type = headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError(.unsupportedMediaType, "Send the form as application/x-www-form-urlencoded.", zh: "请以 application/x-www-form-urlencoded 格式提交表单。")
        }
        let body = String(buffer: try await collectBody(upTo: context.maxUploadSize))
        guard let cookie = self.cookies[CookieName.csrf]?.value, !cookie.isEmpty, let field = FormFields(body: body)["_csrf"],
            Secrets.constantTimeEquals(cookie, field)
        else {
            throw AppError.forbidden("The form has expired or did not come from this site; reload the page and try again.", zh: "表单已过期或不是从本站提交的，请刷新页面后再试。")
        }
        return body
    }
}

/// The trainer's login form.
struct LoginForm: Decodable {
    var name: String?
    var password: String?
}

/// The join form of the home page and of a join link.
struct JoinForm: Decodable {
    var join_code: String?
    var name: String?
}

/// The re-entry form: the same trainee on another device.
struct RejoinForm: Decodable {
    var join_code: String?
    var name: String?
    var reentry_code: String?
}

/// A session's form: creating one, or changing it in the control room.
struct SessionForm: Decodable {
    var title: String?
    var starts_on: String?
    var ends_on: String?
    var homework_due: String?
    var time_zone: String?
}

/// An exercise's open/reveal buttons (each sends one of the two), and where to go back to.
struct ExerciseStateForm: Decodable {
    var open: String?
    var revealed: String?
    var back: String?
    /// With `open=1`: minutes until the exercise closes by itself.
    var minutes: String?
}

/// The trainer's override of a submission's score: an empty score clears it.
struct OverrideForm: Decodable {
    var score: String?
    var comment: String?
}

/// Text for HTML outside Mustache (the few pieces put in per request): `& < > " '` escaped.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
