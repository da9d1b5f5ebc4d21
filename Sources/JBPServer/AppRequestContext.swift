import Hummingbird
import NIOCore

/// The per-request context: who is asking (trainer, trainee, or nobody) and from where.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address, for slowing down guessers.
    public let remoteAddress: SocketAddress?
    /// The trainer signed in by cookie or Bearer token, if any.
    public var trainer: Trainer?
    /// The trainee known by cookie or Bearer token, if any.
    public var trainee: Trainee?
    /// Whether the identity came from an `Authorization: Bearer` header (scripts) rather than a cookie.
    public var viaBearer = false
    /// The client's address as a trusted proxy forwarded it (`X-Forwarded-For`); nil when direct.
    public var clientAddress: String?
    /// Whether the client's connection is https (a trusted proxy said `X-Forwarded-Proto: https`).
    public var isHTTPS = false

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies over 1 MiB are refused with 413.
    public var maxUploadSize: Int { ServerLimits.maxBody }

    /// The client's address as a key for the failure limiter.
    public var clientKey: String { clientAddress ?? remoteAddress?.ipAddress ?? "local" }

    /// `http(s)://host:port` as the client reached us: where join links and QR codes should point.
    public func baseURL(_ request: Request) -> String {
        (isHTTPS ? "https://" : "http://") + (request.head.authority ?? "localhost")
    }

    /// The trainer; 401 for nobody, 403 for a trainee.
    public func requireTrainer() throws -> Trainer {
        if let trainer { return trainer }
        if trainee != nil { throw AppError(.forbidden, "Only a trainer may do this.", zh: "只有讲师可以这样做。") }
        throw AppError(.unauthorized, "Sign in as a trainer first.", zh: "请先以讲师身份登录。")
    }

    /// The trainee; 401 for nobody, 403 for a trainer who has not joined a session.
    public func requireTrainee() throws -> Trainee {
        if let trainee { return trainee }
        if trainer != nil { throw AppError(.forbidden, "Only a trainee who joined a session may do this.", zh: "只有加入了课堂的学员可以这样做。") }
        throw AppError(.unauthorized, "Join a session first.", zh: "请先加入课堂。")
    }
}

/// Sizes the server refuses to exceed.
public enum ServerLimits {
    /// Largest request body accepted (1 MiB).
    public static let maxBody = 1 << 20
}
