import Hummingbird
import Logging

/// `--log-requests`: one structured line per answered request, with its method, path, status,
/// time and client (the forwarded one behind a trusted proxy). Hummingbird's `LogRequestsMiddleware`
/// logs the request before it is answered, so it cannot say the status; this one logs after.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next(request, context)
        let elapsed = clock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "ms": "\((milliseconds * 10).rounded() / 10)", "client": "\(context.clientKey)",
            ])
        return response
    }
}
