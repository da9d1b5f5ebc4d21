import ArgumentParser
import Foundation
import JBPServer

/// `jbp backup [--db FILE] COPY`: a consistent copy of the SQLite database while the server runs
/// (SQLite's online backup: every page of one moment, WAL included). A PostgreSQL database is
/// backed up with PostgreSQL's own `pg_dump` (docs/deployment.md).
public struct BackupCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database consistently while the server runs (for PostgreSQL, use pg_dump).")

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The copy to write (a new file; an existing one is not overwritten).")
    var copy: String

    public init() {}

    public func run() async throws {
        try await reportingFailures {
            let location = try database.location()
            guard case .sqlite(let path) = location else {
                throw CommandFailure(
                    "\(location): jbp backup copies SQLite files; back up PostgreSQL with pg_dump (docs/deployment.md, \"Backups\")")
            }
            guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path): no such database file") }
            guard !FileManager.default.fileExists(atPath: copy) else {
                throw CommandFailure("\(copy): already exists; name a new file (a backup never overwrites)")
            }
            do {
                let pages = try AppDatabase.backup(from: path, to: copy) { done, total in
                    if total > 0 { Terminal.error("backup: \(done)/\(total) pages") }
                }
                print("\(path) → \(copy): \(pages) pages, integrity ok")
            } catch let error as BackupFailure {
                try? FileManager.default.removeItem(atPath: copy)
                throw CommandFailure(error.description)
            }
        }
    }
}
