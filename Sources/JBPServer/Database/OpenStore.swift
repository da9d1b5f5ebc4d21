import Foundation
import GRDB
import Logging
import PostgresNIO

/// Why a store could not be opened, in one line a person can act on (`jbp serve` prints it and exits 1).
public struct StoreOpenFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Opens the store `location` names and applies its pending migrations (unless `migrate` is
/// false, for a check). Every failure is one `StoreOpenFailure` line naming the database:
/// unreachable, refused credentials, a file that cannot be opened, a database a newer jbp migrated.
public func openStore(_ location: StoreLocation, migrate: Bool = true, logger: Logger = Logger(label: "jbp.store")) async throws(StoreOpenFailure) -> any ClassroomStore {
    switch location {
    case .sqlite(let path):
        do {
            return try AppDatabase.open(path: path)
        } catch let error as DatabaseIsNewer {
            throw StoreOpenFailure(description: "\(path): \(error)")
        } catch let error as DatabaseError {
            throw StoreOpenFailure(description: "\(path): cannot open the SQLite database (\(error.message ?? "\(error.resultCode)"))")
        } catch {
            throw StoreOpenFailure(description: "\(path): cannot open the SQLite database (\(error))")
        }
    case .postgres(let address):
        do {
            return try await PostgresStore.open(address, logger: logger, migrate: migrate)
        } catch let error as DatabaseIsNewer {
            throw StoreOpenFailure(description: "\(address): \(error)")
        } catch let error as Unreachable {
            throw StoreOpenFailure(description: "cannot reach the database \(address): \(reason(error.underlying))")
        } catch {
            throw StoreOpenFailure(description: "\(address): \(reason(error))")
        }
    }
}

/// The database could not be connected to at all; `underlying` says why.
struct Unreachable: Error {
    var underlying: any Error
}

/// Connects once to `address` and closes again, within five seconds; `Unreachable` otherwise.
func checkReachable(_ address: PostgresAddress, logger: Logger) async throws {
    // With TLS required, the pool's own (TLS) connection is the check.
    guard !address.requireTLS else { return }
    let configuration = PostgresConnection.Configuration(
        host: address.host, port: address.port, username: address.username, password: address.password, database: address.database,
        tls: .disable)
    do {
        try await withDeadline(seconds: 5) {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        }
    } catch is DeadlinePassed {
        throw Unreachable(underlying: StoreUnavailable(reason: "no answer within 5 s"))
    } catch {
        throw Unreachable(underlying: error)
    }
}

/// A PostgreSQL failure in a few words: the server's own message where it sent one.
func reason(_ error: any Error) -> String {
    if let error = error as? PSQLError {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying {
            // NIO's connection errors nest the reason deep inside; say it as a person would.
            let text = String(describing: underlying)
            for (phrase, said) in [
                ("Connection refused", "connection refused (is PostgreSQL running on that host and port?)"),
                ("No route to host", "no route to host"), ("Network is unreachable", "network unreachable"),
                ("getaddrinfo", "unknown host"), ("Name or service not known", "unknown host"), ("timed out", "connection timed out"),
            ] where text.contains(phrase) {
                return said
            }
            return "\(error.code): \(text)"
        }
        return "\(error.code)"
    }
    return "\(error)"
}

/// The names of the migrations applied to the database so far, without changing it (none for a
/// database that does not exist yet).
public func appliedMigrations(_ location: StoreLocation) async throws(StoreOpenFailure) -> [String] {
    switch location {
    case .sqlite(let path):
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try await queue.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
        } catch {
            throw StoreOpenFailure(description: "\(path): cannot read the SQLite database (\(error))")
        }
    case .postgres(let address):
        let store: PostgresStore
        do {
            store = try await PostgresStore.open(address, logger: Logger(label: "jbp.store"), migrate: false)
        } catch let error as Unreachable {
            throw StoreOpenFailure(description: "cannot reach the database \(address): \(reason(error.underlying))")
        } catch {
            throw StoreOpenFailure(description: "\(address): \(reason(error))")
        }
        do {
            let names = try await store.appliedMigrations()
            await store.close()
            return names
        } catch let error as PSQLError where PostgresStore.sqlState(error) == "42P01" {
            await store.close()
            return []  // no migration table yet: a new database
        } catch {
            await store.close()
            throw StoreOpenFailure(description: "\(address): \(reason(error))")
        }
    }
}
