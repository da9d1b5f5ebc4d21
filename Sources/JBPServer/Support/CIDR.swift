#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An address range such as `10.0.0.0/8`, `127.0.0.1` (one address) or `::1/128`: the proxies
/// `--trust-proxy` names, whose `X-Forwarded-*` headers are believed.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
    /// The network's address bytes (4 for IPv4, 16 for IPv6).
    let bytes: [UInt8]
    let prefix: Int

    /// Parses `ADDRESS[/PREFIX]`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.address(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            prefix = given
        }
        self.bytes = bytes
        self.prefix = prefix
    }

    /// Whether `address` (text, as a peer's address is given) lies in the range. An IPv4 address
    /// written as IPv6 (`::ffff:10.0.0.1`) counts as its IPv4 self.
    public func contains(_ address: String) -> Bool {
        guard var other = Self.address(address) else { return false }
        if bytes.count == 4, other.count == 16, other[0..<10].allSatisfy({ $0 == 0 }), other[10] == 0xFF, other[11] == 0xFF {
            other = Array(other[12...])
        }
        guard other.count == bytes.count else { return false }
        var remaining = prefix
        for index in 0..<bytes.count where remaining > 0 {
            let take = min(8, remaining)
            let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
            if bytes[index] & mask != other[index] & mask { return false }
            remaining -= take
        }
        return true
    }

    public var description: String {
        var text = [UInt8](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let printed = bytes.withUnsafeBytes { raw in
            text.withUnsafeMutableBufferPointer { out in
                out.baseAddress!.withMemoryRebound(to: CChar.self, capacity: out.count) { inet_ntop(family, raw.baseAddress, $0, socklen_t(out.count)) }
            }
        }
        let address = printed == nil ? "?" : String(decoding: text.prefix { $0 != 0 }, as: UTF8.self)
        return "\(address)/\(prefix)"
    }

    /// The bytes of an IPv4 or IPv6 address in text; nil when it is neither.
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
