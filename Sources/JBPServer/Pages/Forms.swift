import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept
/// (checkboxes send one field per ticked box).
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
        let type = headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError(.unsupportedMediaType, "Send the form as application/x-www-form-urlencoded.")
        }
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        let form = FormFields(body: String(buffer: buffer))
        guard let cookie = cookieValue(self, CookieName.csrf), !cookie.isEmpty, let field = form["_csrf"],
            Secrets.constantTimeEquals(cookie, field)
        else {
            throw AppError.forbidden("The form has expired or did not come from this site; reload the page and try again.")
        }
        return form
    }
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
