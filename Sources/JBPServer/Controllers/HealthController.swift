import Hummingbird
import NIOCore

/// `GET /healthz`: the benchmarks' baseline; touches nothing else.
struct HealthController {
    private static let body = ByteBuffer(string: #"{"ok":true}"#)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.body))
        }
    }
}
