import Foundation
import JBPServer
import Logging
import PostgresNIO

/// The store every server test runs on: a fresh in-memory SQLite database, or, when
/// `JBP_TEST_POSTGRES` names a PostgreSQL server (`postgres://USER@HOST:PORT/postgres`, as
/// `scripts/test` sets it for the suite's second run), a fresh database of its own on that server,
/// dropped when the test ends. So the same tests prove both stores.
enum TestStore {
    static let postgres: PostgresAddress? = {
        guard let url = ProcessInfo.processInfo.environment["JBP_TEST_POSTGRES"], !url.isEmpty,
              case .postgres(let address)? = try? StoreLocation(parsing: url)
        else { return nil }
        return address
    }()

    /// Which store this run tests, for messages.
    static var kind: String { postgres == nil ? "sqlite" : "postgres" }

    /// Runs `body` with a fresh, migrated store, and closes (and on PostgreSQL drops) it afterwards.
    @discardableResult
    static func with<T: Sendable>(_ body: (any ClassroomStore) async throws -> T) async throws -> T {
        guard let server = postgres else { return try await body(AppDatabase.inMemory()) }
        let name = "jbp_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin(server, "CREATE DATABASE \(name)")
        var address = server
        address.database = String(name)
        // A wide deadline: the suite creates a database per test, dozens at once on two cores; the
        // deadline itself is tested on its own (SeveralMachinesTests).
        let store = try await PostgresStore.open(address, logger: Logger(label: "test"), deadline: 60, maxConnections: 4)
        do {
            let value = try await body(store)
            await store.close()
            try await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
            return value
        } catch {
            await store.close()
            try? await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs one statement on the server's maintenance database.
    static func admin(_ server: PostgresAddress, _ sql: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.username, password: server.password, database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
