import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Whether the server has been asked to stop and is finishing what it holds.
///
/// Between SIGTERM and the moment the server stops reading its connections, `/healthz`
/// answers 503 so that a load balancer's health check takes the instance out of its pool.
public final class Draining: Sendable {
    private let state = Mutex(false)

    public init() {}

    /// True from the stop signal on.
    public var isDraining: Bool { state.withLock { $0 } }

    /// Marks the server as stopping (the drain does it on the stop signal).
    public func begin() { state.withLock { $0 = true } }
}

/// Keeps the server answering `seconds` after SIGTERM or SIGINT before it closes its idle
/// connections.
///
/// Why: when Hummingbird quiesces, it closes every keep-alive connection that has no request
/// in progress. A request the client had already written to such a connection but the event
/// loop had not yet read is then lost with a connection reset, although it was sent before the
/// signal (the cluster test's SIGTERM check caught one in 567 on a loaded machine). Serving on
/// for a moment first reads and answers everything that arrived before the signal; what a
/// client sends during the moment is answered too, and only what arrives at the very end can
/// meet the closed connection, as on any HTTP/1.1 server.
public struct DrainService: Service {
    let seconds: Double
    let draining: Draining
    let logger: Logger

    public init(seconds: Double, draining: Draining, logger: Logger) {
        self.seconds = seconds
        self.draining = draining
        self.logger = logger
    }

    public func run() async throws {
        // Returns when the group starts its graceful shutdown (or is cancelled).
        try? await gracefulShutdown()
        draining.begin()
        guard seconds > 0 else { return }
        logger.info("Stopping: answering for \(seconds) s more, then finishing the requests in progress")
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }
}

/// Runs the application until SIGTERM or SIGINT, then drains for `drainSeconds` (see
/// ``DrainService``), stops taking connections, finishes the requests in progress and returns.
public func runUntilStopped(_ app: some ApplicationProtocol, draining: Draining, drainSeconds: Double, logger: Logger) async throws {
    // A service group shuts its services down from the last to the first: the drain ends
    // before the application is asked to quiesce.
    let group = ServiceGroup(
        configuration: .init(
            services: [app, DrainService(seconds: drainSeconds, draining: draining, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    try await group.run()
}
