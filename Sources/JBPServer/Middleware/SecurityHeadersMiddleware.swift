import HTTPTypes
import Hummingbird

/// The headers a company's security review asks for, on every answer: only the server's own
/// scripts and styles run (no inline script, so an injected `<script>` or `onclick` does nothing),
/// no page may be framed (clickjacking), no content-type sniffing, and no address leaks to
/// other sites in `Referer`.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// `style-src-attr 'unsafe-inline'`: the pages' bars and charts set their widths in `style`
    /// attributes; `<style>` elements and other sites' styles stay refused.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
