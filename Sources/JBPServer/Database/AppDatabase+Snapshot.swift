import GRDB

extension AppDatabase {
    /// Every row of every table, as text, table by table in a fixed order.
    ///
    /// The hostile-input and access tests take one before and one after a refused request:
    /// equal snapshots prove that the request stored and changed nothing.
    public func snapshot() async throws -> [String: [String]] {
        try await writer.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var rows: [String: [String]] = [:]
            for table in tables {
                rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid").map(\.description)
            }
            return rows
        }
    }
}

/// Why a backup did not complete; the half-written copy is removed by the caller.
public struct BackupFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension AppDatabase {
    /// Copies the database file at `path` into a new file `copy` with SQLite's online backup
    /// (a consistent copy while a server writes), then checks the copy's integrity. Returns its
    /// page count; `progress` hears (pages done, pages in all) along the way.
    public static func backup(from path: String, to copy: String, progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> Int {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: path, configuration: configuration)
            let destination = try DatabaseQueue(path: copy)
            try source.backup(to: destination, pagesPerStep: 1024) { step in
                progress(step.completedPageCount, step.totalPageCount)
            }
            let (check, pages) = try destination.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "", try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0)
            }
            try destination.close()
            guard check == "ok" else { throw BackupFailure(description: "\(copy): the copy failed its integrity check (\(check))") }
            return pages
        } catch let error as BackupFailure {
            throw error
        } catch let error as DatabaseError {
            throw BackupFailure(description: "\(path) → \(copy): \(error.message ?? "\(error.resultCode)")")
        }
    }
}
