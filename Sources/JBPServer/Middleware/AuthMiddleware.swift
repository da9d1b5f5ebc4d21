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

/// Finds who a token belongs to, remembering recent answers so that a page view or a
/// submission does not cost a database read just to know its trainee.
public final class Authenticator: Sendable {
    let store: any ClassroomStore
    private let trainees = Mutex<[String: Trainee]>([:])
    private let trainers = Mutex<[String: (trainer: Trainer, checkedAt: Date)]>([:])
    /// Trainer tokens expire; a cached answer is trusted this long.
    let trainerCacheLife: TimeInterval = 60
    let maxCached = 20_000

    init(store: any ClassroomStore) {
        self.store = store
    }

    func trainee(token: String) async throws -> Trainee? {
        // Kept by the token itself (memory only): a hit costs no hashing.
        if let cached = trainees.withLock({ $0[token] }) { return cached }
        guard let trainee = try await store.trainee(forTokenHash: Secrets.hash(token)) else { return nil }
        trainees.withLock { cache in
            if cache.count >= maxCached { cache.removeAll() }
            cache[token] = trainee
        }
        return trainee
    }

    func trainer(token: String, now: Date = Date()) async throws -> Trainer? {
        let hash = Secrets.hash(token)
        if let cached = trainers.withLock({ $0[hash] }), now.timeIntervalSince(cached.checkedAt) < trainerCacheLife {
            return cached.trainer
        }
        guard let trainer = try await store.trainer(forTokenHash: hash, at: now) else {
            trainers.withLock { _ = $0.removeValue(forKey: hash) }
            return nil
        }
        trainers.withLock { cache in
            if cache.count >= maxCached { cache.removeAll() }
            cache[hash] = (trainer, now)
        }
        return trainer
    }
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
            guard context.trainer != nil || context.trainee != nil else {
                throw AppError(.unauthorized, "The Bearer token is not valid.")
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
