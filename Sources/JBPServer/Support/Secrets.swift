import Crypto
import Foundation

/// Random tokens, join codes and the hashes the database keeps instead of tokens.
public enum Secrets {
    /// A token of 32 random bytes (256 bits), base64url, with a prefix that says whose it is.
    public static func token(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        // Four 64-bit draws rather than 32 one-byte ones: each draw is a system call.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return prefix + base64url(Data(bytes))
    }

    /// The SHA-256 of a token, hex: what the database stores, so a copy of the file lets nobody in.
    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters and digits nobody confuses when read aloud or off a projector (no 0/O, 1/I/L).
    public static let joinCodeAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A join code of 6 characters: 31⁶ ≈ 8.9 × 10⁸ codes, and wrong guesses are slowed down.
    public static func joinCode(length: Int = 6) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in joinCodeAlphabet.randomElement(using: &generator)! })
    }

    /// A join code as typed (lower case, spaces, dashes) in its canonical form.
    public static func normalizeJoinCode(_ typed: String) -> String {
        String(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    /// A password for a new trainer account: 16 characters from the join code alphabet, lower-cased.
    public static func password() -> String {
        joinCode(length: 16).lowercased()
    }

    /// Compares two strings in time that does not depend on where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
