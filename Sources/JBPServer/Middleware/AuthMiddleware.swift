import Foundation
import Hummingbird
import HummingbirdAuth
import Synchronization

/// Names of the cookies the server sets.
public enum CookieName {
    public static let trainer = "jbp_trainer"
    public static let trainee = "jbp_trainee"
    public static let csrf = "jbp_csrf"
    public static let language = "jbp_lang"
}

/// Prefixes that tell a Bearer token's owner at a glance.
public enum TokenPrefix {
    public static let trainer = "trainer_"
    public static let trainee = "trainee_"
}

/// Reads the trainer and trainee from `Authorization: Bearer …` or the cookies and puts them
/// in the context. Refuses nothing itself: routes ask for the identity they need.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // HummingbirdAuth reads `Authorization: Bearer …`; Hummingbird reads the cookies.
        if let bearer = request.headers.bearer {
            let token = bearer.token.trimmingCharacters(in: .whitespaces)
            context.viaBearer = true
            if token.hasPrefix(TokenPrefix.trainer) {
                context.trainer = try await authenticator.trainer(token: token)
            } else if token.hasPrefix(TokenPrefix.trainee) {
                context.trainee = try await authenticator.trainee(token: token)
            }
            // Prometheus's scraper sends `--metrics-token`, which is no account's: `/metrics` checks it.
            guard context.trainer != nil || context.trainee != nil || request.uri.path == "/metrics" else {
                throw AppError(.unauthorized, "The Bearer token is not valid.", zh: "Bearer 令牌无效。")
            }
        } else {
            if let token = request.cookies[CookieName.trainer]?.value, token.hasPrefix(TokenPrefix.trainer) {
                context.trainer = try await authenticator.trainer(token: token)
            }
            if let token = request.cookies[CookieName.trainee]?.value, token.hasPrefix(TokenPrefix.trainee) {
                context.trainee = try await authenticator.trainee(token: token)
            }
        }
        return try await next(request, context)
    }
}
