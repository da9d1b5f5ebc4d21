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
