import HTTPTypes
import Hummingbird

/// Behind a reverse proxy: believes `X-Forwarded-For` and `X-Forwarded-Proto` only from the
/// addresses `--trust-proxy` names (api.md), so that rate limits count the client and not the
/// proxy, join links say https, and cookies are `Secure` when the client's connection is https.
/// From anyone else the headers are ignored: a client cannot choose its own address.
public struct ProxyMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let trusted: [CIDR]

    public init(trusted: [CIDR]) { self.trusted = trusted }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if !trusted.isEmpty, let peer = context.remoteAddress?.ipAddress, trusted.contains(where: { $0.contains(peer) }) {
            context.clientAddress = Self.client(forwardedFor: request.headers[values: .xForwardedFor], peer: peer, trusted: trusted)
            if let proto = request.headers[.xForwardedProto]?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() {
                context.isHTTPS = proto == "https"
            }
        }
        var response = try await next(request, context)
        if context.isHTTPS {
            // Every cookie the server sets travels only over https once the client's side is https.
            let cookies = response.headers[values: .setCookie]
            if !cookies.isEmpty {
                response.headers[values: .setCookie] = cookies.map { $0.contains("; Secure") ? $0 : $0 + "; Secure" }
            }
        }
        return response
    }

    /// The client: the right-most address of `X-Forwarded-For` that is not itself a trusted proxy
    /// (addresses further left were written by the client and prove nothing).
    public static func client(forwardedFor values: [String], peer: String, trusted: [CIDR]) -> String {
        let hops = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where CIDR.address(hop) != nil {
            if !trusted.contains(where: { $0.contains(hop) }) { return hop }
        }
        return hops.first(where: { CIDR.address($0) != nil }) ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
}
