import Hummingbird
import NIOCore

/// `GET /healthz`: the benchmarks' baseline; touches nothing else. With `floorBytes` (the
/// load test's `--bench-floor-bytes`), `GET /bench/floor` answers a fixed buffer of that size
/// as HTML: what the same server costs for a page of the module page's size that does no work.
struct HealthController {
    private static let body = ByteBuffer(string: #"{"ok":true}"#)
    var floorBytes: Int?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.body))
        }
        if let floorBytes, floorBytes > 0 {
            let floor = ByteBuffer(repeating: UInt8(ascii: "x"), count: min(floorBytes, 8 << 20))
            router.get("/bench/floor") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: floor))
            }
        }
    }
}
