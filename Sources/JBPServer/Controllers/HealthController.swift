import Hummingbird
import NIOCore

/// `GET /healthz`: the benchmarks' baseline; touches nothing else. With `floorBytes` (the
/// load test's `--bench-floor-bytes`), `GET /bench/floor` answers a fixed buffer of that size
/// as HTML: what the same server costs for a page of the module page's size that does no work.
struct HealthController {
    private static let body = ByteBuffer(string: #"{"ok":true}"#)
    var floorBytes: Int?
    /// `--metrics-token`: a Bearer token that may read `/metrics` without a trainer's account
    /// (for Prometheus's scraper); a signed-in trainer may read it always.
    var metricsToken: String?
    /// From SIGTERM on, `/healthz` answers 503 so that a load balancer stops sending here
    /// while the instance finishes what it holds.
    var draining: Draining
    private static let drainingBody = ByteBuffer(string: #"{"ok":false,"draining":true}"#)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { [draining] _, _ in
            draining.isDraining
                ? Response(status: .serviceUnavailable, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.drainingBody))
                : Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.body))
        }
        // `GET /metrics`: Prometheus's text format, for a trainer or the scraper's token.
        router.get("/metrics") { [metricsToken] request, context in
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            let scraper = metricsToken.map { token in bearer.map { Secrets.constantTimeEquals($0, token) } ?? false } ?? false
            guard context.trainer != nil || scraper else {
                throw AppError(.unauthorized, "Sign in as a trainer, or send the metrics token, to read the metrics.", zh: "请以讲师身份登录，或带上监控令牌，才能读取监控指标。")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ServerMetrics.text())))
        }
        if let floorBytes, floorBytes > 0 {
            let floor = ByteBuffer(repeating: UInt8(ascii: "x"), count: min(floorBytes, 8 << 20))
            router.get("/bench/floor") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: floor))
            }
        }
    }
}
