import Foundation

/// Where the server keeps its data, as `--db` or `DATABASE_URL` names it: an SQLite file (the
/// classroom default) or a PostgreSQL database (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `--db`'s value. Anything with `://` is a URL and must be a PostgreSQL one;
    /// anything else is an SQLite file's path.
    public init(parsing text: String) throws(StoreLocationError) {
        guard let schemeEnd = text.range(of: "://") else {
            guard !text.isEmpty else { throw StoreLocationError("the database is empty: give a file path or postgres://USER:PASSWORD@HOST:PORT/DATABASE") }
            self = .sqlite(path: text)
            return
        }
        let scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw StoreLocationError("the scheme `\(scheme)` is not one jbp knows: use postgres://USER:PASSWORD@HOST:PORT/DATABASE, or a file path for SQLite")
        }
        self = .postgres(try PostgresAddress(parsing: String(text[schemeEnd.upperBound...])))
    }

    /// For logs and start-up lines: never the password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let address): return address.description
        }
    }
}

/// A PostgreSQL server and database, read from the part of a URL after `postgres://`.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// `?sslmode=require` (or `verify-full`): TLS to the database server, its certificate verified.
    public var requireTLS: Bool

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, requireTLS: Bool = false) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.requireTLS = requireTLS
    }

    /// Parses `USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]`, naming the part that is wrong.
    init(parsing rest: String) throws(StoreLocationError) {
        let usage = "postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        var rest = Substring(rest)
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw StoreLocationError("the user is missing: write \(usage)")
        }
        let userInfo = rest[..<at]
        let afterAt = rest[rest.index(after: at)...]
        let user: Substring
        var password: String?
        if let colon = userInfo.firstIndex(of: ":") {
            user = userInfo[..<colon]
            password = try Self.decoded(userInfo[userInfo.index(after: colon)...], part: "password")
        } else {
            user = userInfo
        }
        guard !user.isEmpty else { throw StoreLocationError("the user is missing before `@`: write \(usage)") }
        guard let slash = afterAt.firstIndex(of: "/") else {
            throw StoreLocationError("the database name is missing after the host: write \(usage)")
        }
        let hostPort = afterAt[..<slash]
        let database = try Self.decoded(afterAt[afterAt.index(after: slash)...], part: "database name")
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreLocationError("the database name `\(database)` is not a name: write \(usage)")
        }
        var host = hostPort
        var port = 5432
        // An IPv6 address is written in brackets: [::1]:5432.
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(after.dropFirst()) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = try Self.port(hostPort[hostPort.index(after: colon)...])
        }
        guard !host.isEmpty else { throw StoreLocationError("the host is missing after `@`: write \(usage)") }

        var requireTLS = false
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch key {
            case "sslmode":
                switch value {
                case "disable": requireTLS = false
                case "require", "verify-full": requireTLS = true
                default: throw StoreLocationError("sslmode `\(value)` is not one of disable, require, verify-full")
                }
            default:
                throw StoreLocationError("the URL parameter `\(key)` is not one jbp knows (only sslmode)")
            }
        }
        self.init(host: String(host), port: port, username: try Self.decoded(user, part: "user"), password: password, database: database, requireTLS: requireTLS)
    }

    private static func port(_ text: Substring) throws(StoreLocationError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw StoreLocationError("the port `\(text)` is not a number from 1 to 65535")
        }
        return port
    }

    private static func decoded(_ text: Substring, part: String) throws(StoreLocationError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw StoreLocationError("the \(part) has a broken %-escape")
        }
        return decoded
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}

/// A `--db` value that names nothing jbp can open; the message names the part that is wrong.
public struct StoreLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { "--db: " + message }
}
