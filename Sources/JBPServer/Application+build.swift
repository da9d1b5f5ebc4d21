import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// What `jbp serve` (and the tests) build a server from.
public struct AppArguments: Sendable {
    /// Address to listen on; loopback unless told otherwise.
    public var host: String
    public var port: Int
    /// The SQLite file; nil for an in-memory database (tests).
    public var databasePath: String?
    /// The course, loaded, checked and rendered once before the server starts.
    public var content: CourseContent
    /// A store to use instead of opening `databasePath` (tests that look inside it).
    public var store: (any ClassroomStore)?
    /// bcrypt's cost; tests lower it to keep the suite fast.
    public var bcryptCost: UInt8
    /// How many wrong join codes or passwords an address may send before it is slowed down.
    public var freeFailures: Int
    public var logLevel: Logger.Level
    /// With a size, `GET /bench/floor` answers that many fixed bytes and does nothing else: the
    /// floor a module page of that size is measured against (`scripts/load-test`). Off by default.
    public var floorBytes: Int?
    /// Where the first trainer's password and the address are printed.
    public var announce: @Sendable (String) -> Void
    /// `--trust-proxy`: the reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies: [CIDR]
    /// `--metrics-token`: lets Prometheus read `/metrics` without a trainer's account.
    public var metricsToken: String?
    /// `--log-requests`: one structured log line per request (method, path, status, time).
    public var logRequests: Bool
    /// `--retain-days`: sessions that ended more than this many days ago are deleted by the server.
    public var retainDays: Int?
    /// Set from SIGTERM on (``runUntilStopped(_:draining:drainSeconds:logger:)``): `/healthz` then answers 503.
    public var draining: Draining

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String? = nil, content: CourseContent,
        store: (any ClassroomStore)? = nil, bcryptCost: UInt8 = 12, freeFailures: Int = 5, logLevel: Logger.Level = .info,
        floorBytes: Int? = nil, announce: @escaping @Sendable (String) -> Void = { print($0) },
        trustedProxies: [CIDR] = [], metricsToken: String? = nil, logRequests: Bool = false, retainDays: Int? = nil,
        draining: Draining = Draining()
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.content = content
        self.store = store
        self.bcryptCost = bcryptCost
        self.freeFailures = freeFailures
        self.logLevel = logLevel
        self.floorBytes = floorBytes
        self.announce = announce
        self.trustedProxies = trustedProxies
        self.metricsToken = metricsToken
        self.logRequests = logRequests
        self.retainDays = retainDays
        self.draining = draining
    }
}

/// The machine's IPv4 addresses other than loopback, as a phone on the same network would use them.
func networkAddresses() -> [String] {
    let devices = (try? System.enumerateDevices()) ?? []
    let addresses = devices.compactMap { device -> String? in
        guard case .v4 = device.address, let ip = device.address?.ipAddress, !ip.hasPrefix("127.") else { return nil }
        return ip
    }
    return Array(Set(addresses)).sorted()
}

/// Builds the whole server: database, classroom rules, middleware, API and pages.
/// `jbp serve` runs what this returns; the tests call it with an in-memory database.
public func buildApplication(_ args: AppArguments) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "jbp")
    logger.logLevel = args.logLevel

    let store: any ClassroomStore
    if let given = args.store {
        store = given
    } else if let path = args.databasePath {
        store = try AppDatabase.open(path: path)
    } else {
        store = try AppDatabase.inMemory()
    }
    let classroom = Classroom(
        store: store, content: args.content, limiter: FailureLimiter(freeFailures: args.freeFailures), bcryptCost: args.bcryptCost)
    let firstPassword = try await classroom.createFirstTrainerIfNeeded()
    let pages = try await Pages.load(classroom: classroom)

    let router = Router(context: AppRequestContext.self)
    // The order a request meets them: counted and timed, given the security headers, its client
    // read from a trusted proxy, and only then anything that can fail.
    _ = ServerMetrics.registry
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProxyMiddleware(trusted: args.trustedProxies))
    // After the proxy (the client's own address), before errors become answers (their status).
    if args.logRequests { router.add(middleware: RequestLogMiddleware()) }
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: AuthMiddleware(authenticator: classroom.authenticator))

    HealthController(floorBytes: args.floorBytes, metricsToken: args.metricsToken, draining: args.draining).addRoutes(to: router)
    let api = router.group("api").add(middleware: JSONOnlyMiddleware())
    TrainerAPIController(classroom: classroom).addRoutes(to: api)
    JoinAPIController(classroom: classroom).addRoutes(to: api)
    SessionsAPIController(classroom: classroom).addRoutes(to: api)
    MeAPIController(classroom: classroom).addRoutes(to: api)
    pages.addRoutes(to: router)

    let announce = args.announce
    let host = args.host
    var services: [any Service] = []
    if let days = args.retainDays {
        services.append(RetentionService(classroom: classroom, days: days, logger: logger))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(args.host, port: args.port), serverName: "jbp"),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? 0
            announce("jbp serve: http://\(host):\(port)/  (trainer pages: http://\(host):\(port)/trainer)")
            // Listening on every interface: say which addresses phones in the room can reach, since the
            // join link and QR code are made from the address the trainer's browser uses.
            let reachable = (host == "0.0.0.0" || host == "::") ? networkAddresses() : []
            if !reachable.isEmpty {
                announce("Trainees join at: " + reachable.map { "http://\($0):\(port)/" }.joined(separator: "  ")
                    + "  (open the trainer pages at one of these, so that the QR code points there)")
            }
            if let firstPassword {
                announce("First start: created the trainer account `trainer` with the password \(firstPassword) (shown only this once).")
            }
        },
        logger: logger)
}
