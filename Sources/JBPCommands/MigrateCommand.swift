import ArgumentParser
import Foundation
import JBPServer

/// `jbp migrate [--db FILE|URL]`: applies the database's pending migrations and exits, so that a
/// company upgrades its database once, before it restarts its instances one by one.
public struct MigrateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database's pending migrations and exit (a database a newer jbp migrated is refused).")

    @OptionGroup var database: DatabaseOption

    public init() {}

    public func run() async throws {
        try await reportingFailures {
            let location = try database.location()
            let before = try await Self.applied(location)
            let (store, _) = try await database.open(migrate: true)
            await store.close()
            let after = try await Self.applied(location)
            let new = after.filter { !before.contains($0) }
            print(new.isEmpty
                ? "\(location): up to date (\(after.count) migrations)"
                : "\(location): applied \(new.joined(separator: ", ")) (\(after.count) migrations in all)")
        }
    }

    /// The migrations applied so far (none for a database not created yet).
    static func applied(_ location: StoreLocation) async throws -> [String] {
        do {
            return try await appliedMigrations(location)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
