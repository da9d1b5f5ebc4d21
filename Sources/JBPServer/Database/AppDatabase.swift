import Foundation
import GRDB

/// The one owner of the SQLite database: its writer, its migrations, and every query.
///
/// A file database is a `DatabasePool`, which GRDB always runs in WAL mode, with
/// `synchronous = FULL` so that a transaction that returned has reached the disk: an
/// acknowledged submission survives a power cut. Tests use an in-memory `DatabaseQueue`.
public struct AppDatabase: Sendable {
    /// The writer; readers go through it too (a pool reads concurrently).
    let writer: any DatabaseWriter
    /// Commits submissions in groups: one disk sync for every submission that arrived meanwhile.
    let batcher: SubmissionBatcher

    /// Opens (and migrates) the database file at `path`.
    public static func open(path: String) throws -> AppDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(writer: pool)
    }

    /// A fresh in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        self.batcher = SubmissionBatcher(writer: writer)
        // A file a newer jbp has migrated is not this binary's to write: refuse before touching it.
        let unknown = try writer.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            let known = Set(Self.migrator.migrations)
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").filter { !known.contains($0) }
        }
        guard unknown.isEmpty else { throw DatabaseIsNewer(unknownMigrations: unknown.sorted()) }
        try Self.migrator.migrate(writer)
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.prepareDatabase { db in
            // FULL: the WAL is synced at every commit, not only at checkpoints.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// The migrations, in order. Append only: never edit or reorder a shipped one, and never
    /// refer to app types here, so that an old database always migrates the same way.
    /// The migrations' names, in order (the PostgreSQL store has the same).
    public static var migrationNames: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2025-01 trainers") { db in
            try db.execute(sql: """
                CREATE TABLE trainer (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE trainer_token (
                    token_hash TEXT PRIMARY KEY,
                    trainer_id INTEGER NOT NULL REFERENCES trainer(id) ON DELETE CASCADE,
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("2025-01 sessions") { db in
            try db.execute(sql: """
                CREATE TABLE course_session (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT NOT NULL,
                    homework_due TEXT,
                    join_code TEXT NOT NULL UNIQUE,
                    created_by INTEGER NOT NULL REFERENCES trainer(id),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE exercise_state (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    open BOOLEAN NOT NULL DEFAULT 0,
                    revealed BOOLEAN NOT NULL DEFAULT 0,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (session_id, exercise_id)
                );
                """)
        }
        migrator.registerMigration("2025-01 trainees and submissions") { db in
            try db.execute(sql: """
                CREATE TABLE trainee (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    number INTEGER NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX trainee_session ON trainee(session_id);
                CREATE TABLE submission (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    trainee_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    variant INTEGER NOT NULL,
                    raw TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    trainee_grade TEXT NOT NULL,
                    score DOUBLE NOT NULL,
                    max_score DOUBLE NOT NULL,
                    needs_manual BOOLEAN NOT NULL,
                    created_at DATETIME NOT NULL,
                    graded_at DATETIME NOT NULL,
                    rubric_scores TEXT,
                    rubric_score DOUBLE,
                    override_score DOUBLE,
                    override_comment TEXT,
                    overridden_at DATETIME
                );
                CREATE INDEX submission_trainee ON submission(trainee_id, exercise_id);
                CREATE INDEX submission_session ON submission(session_id, exercise_id);
                """)
        }
        migrator.registerMigration("2025-01 plans and check-ins") { db in
            try db.execute(sql: """
                CREATE TABLE plan_draft (
                    trainee_id INTEGER PRIMARY KEY REFERENCES trainee(id) ON DELETE CASCADE,
                    plan TEXT NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE TABLE check_in (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    trainee_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    "values" TEXT NOT NULL,
                    result TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX check_in_trainee ON check_in(trainee_id);
                """)
        }
        migrator.registerMigration("2026-11 comments on plan checks") { db in
            // One comment per check of a submission: writing again replaces it.
            try db.execute(sql: """
                CREATE TABLE check_comment (
                    submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                    check_id TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    trainer_id INTEGER REFERENCES trainer(id) ON DELETE SET NULL,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (submission_id, check_id)
                );
                """)
        }
        migrator.registerMigration("2026-12 session time zone") { db in
            // NULL: the server's zone, as every session before this column was shown.
            try db.execute(sql: "ALTER TABLE course_session ADD COLUMN time_zone TEXT")
        }
        migrator.registerMigration("2026-12 attempt numbers") { db in
            // Each submission's attempt number (1, 2, …) for its trainee and exercise, so that the
            // attempts used are one index seek, not a count that grows with every submission.
            try db.execute(sql: """
                ALTER TABLE submission ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
                UPDATE submission SET attempt = (
                    SELECT COUNT(*) FROM submission AS earlier
                    WHERE earlier.trainee_id = submission.trainee_id AND earlier.exercise_id = submission.exercise_id
                      AND earlier.id <= submission.id);
                CREATE INDEX submission_attempt ON submission(trainee_id, exercise_id, attempt);
                """)
        }
        migrator.registerMigration("2026-12 identities") { db in
            // Trainers own sessions (the first account is an admin, and every session so far
            // belongs to its creator); a trainee may come back on other devices with a re-entry code.
            try db.execute(sql: """
                ALTER TABLE trainer ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT 0;
                UPDATE trainer SET is_admin = 1 WHERE id = (SELECT MIN(id) FROM trainer);
                CREATE TABLE session_trainer (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    trainer_id INTEGER NOT NULL REFERENCES trainer(id) ON DELETE CASCADE,
                    added_at DATETIME NOT NULL,
                    PRIMARY KEY (session_id, trainer_id)
                );
                CREATE INDEX session_trainer_trainer ON session_trainer(trainer_id);
                INSERT INTO session_trainer (session_id, trainer_id, added_at) SELECT id, created_by, created_at FROM course_session;
                ALTER TABLE trainee ADD COLUMN reentry_code TEXT;
                CREATE TABLE trainee_token (
                    token_hash TEXT PRIMARY KEY,
                    trainee_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX trainee_token_trainee ON trainee_token(trainee_id);
                """)
        }
        migrator.registerMigration("2026-12 archived sessions") { db in
            try db.execute(sql: "ALTER TABLE course_session ADD COLUMN archived_at DATETIME")
        }
        migrator.registerMigration("2026-12 own distributor") { db in
            try db.execute(sql: """
                CREATE TABLE own_case (
                    trainee_id INTEGER PRIMARY KEY REFERENCES trainee(id) ON DELETE CASCADE,
                    case_json TEXT NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("2026-12 timed exercises") { db in
            try db.execute(sql: "ALTER TABLE exercise_state ADD COLUMN closes_at DATETIME")
        }
        migrator.registerMigration("2026-12 groups and leaderboard") { db in
            try db.execute(sql: """
                ALTER TABLE course_session ADD COLUMN leaderboard_visible BOOLEAN NOT NULL DEFAULT 0;
                CREATE TABLE class_group (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE INDEX class_group_session ON class_group(session_id);
                CREATE TABLE group_member (
                    trainee_id INTEGER PRIMARY KEY REFERENCES trainee(id) ON DELETE CASCADE,
                    group_id INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE
                );
                CREATE INDEX group_member_group ON group_member(group_id);
                """)
        }
        migrator.registerMigration("2026-12 role-plays") { db in
            try db.execute(sql: """
                CREATE TABLE roleplay_role (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    trainee_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    role_id TEXT NOT NULL,
                    group_id INTEGER NOT NULL,
                    PRIMARY KEY (session_id, exercise_id, trainee_id)
                );
                CREATE TABLE observation (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    observer_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    player_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    marks TEXT NOT NULL,
                    comment TEXT,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (exercise_id, observer_id, player_id)
                );
                CREATE INDEX observation_player ON observation(player_id, exercise_id);
                """)
        }
        migrator.registerMigration("2026-12 plan workshop") { db in
            try db.execute(sql: """
                CREATE TABLE group_draft_version (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    group_id INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE,
                    version INTEGER NOT NULL,
                    plan TEXT NOT NULL,
                    trainee_id INTEGER NOT NULL,
                    sections TEXT NOT NULL,
                    saved_at DATETIME NOT NULL,
                    PRIMARY KEY (session_id, exercise_id, group_id, version)
                );
                CREATE TABLE group_review (
                    session_id INTEGER NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
                    exercise_id TEXT NOT NULL,
                    reviewer_group INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE,
                    reviewed_group INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE,
                    marks TEXT NOT NULL,
                    comment TEXT,
                    trainee_id INTEGER NOT NULL,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (session_id, exercise_id, reviewer_group)
                );
                """)
        }
        migrator.registerMigration("2026-12 quarter figures") { db in
            try db.execute(sql: """
                CREATE TABLE quarter_case (
                    trainee_id INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
                    period_start TEXT NOT NULL,
                    quarter INTEGER NOT NULL,
                    case_json TEXT NOT NULL,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (trainee_id, period_start, quarter)
                );
                """)
        }
        return migrator
    }

    /// `PRAGMA integrity_check`'s answer (`ok` when the file is sound).
    public func integrityCheck() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The journal mode in force (`wal` for a file database).
    public func journalMode() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The `synchronous` setting in force (2 = FULL).
    public func synchronousLevel() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}

// Reading records: columns are snake_case, properties camelCase. The records read on every
// trainee request decode by hand (Codable's key conversion was a tenth of a module page).
extension Trainer: FetchableRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}
extension CourseSession: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], title: row["title"], startsOn: row["starts_on"], endsOn: row["ends_on"], homeworkDue: row["homework_due"],
            joinCode: row["join_code"], createdBy: row["created_by"], createdAt: row["created_at"], timeZone: row["time_zone"],
            archivedAt: row["archived_at"], leaderboardVisible: row["leaderboard_visible"])
    }
}
extension ExerciseState: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            sessionId: row["session_id"], exerciseId: row["exercise_id"], open: row["open"], revealed: row["revealed"], updatedAt: row["updated_at"],
            closesAt: row["closes_at"])
    }
}
extension Trainee: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], sessionId: row["session_id"], name: row["name"], tokenHash: row["token_hash"], number: row["number"],
            createdAt: row["created_at"], reentryCode: row["reentry_code"])
    }
}
extension Submission: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], sessionId: row["session_id"], traineeId: row["trainee_id"], exerciseId: row["exercise_id"], variant: row["variant"],
            raw: row["raw"], grade: row["grade"], traineeGrade: row["trainee_grade"], score: row["score"], maxScore: row["max_score"],
            needsManual: row["needs_manual"], createdAt: row["created_at"], gradedAt: row["graded_at"], rubricScores: row["rubric_scores"],
            rubricScore: row["rubric_score"], overrideScore: row["override_score"], overrideComment: row["override_comment"],
            overriddenAt: row["overridden_at"])
    }
}
extension PlanDraft: FetchableRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}
extension QuarterCase: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            traineeId: row["trainee_id"], periodStart: row["period_start"], quarter: row["quarter"], caseJSON: row["case_json"],
            updatedAt: row["updated_at"])
    }
}
extension OwnCase: FetchableRecord {
    public init(row: Row) throws {
        self.init(traineeId: row["trainee_id"], caseJSON: row["case_json"], updatedAt: row["updated_at"])
    }
}
extension CheckIn: FetchableRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}
extension CheckComment: FetchableRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

private func isUniqueViolation(_ error: any Error) -> Bool {
    guard let error = error as? DatabaseError else { return false }
    return error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
}

extension AppDatabase: ClassroomStore {
    // MARK: Trainers

    public func createTrainer(name: String, passwordHash: String, admin: Bool) async throws -> Trainer {
        do {
            return try await writer.write { db in
                try db.execute(
                    sql: "INSERT INTO trainer (name, password_hash, created_at, is_admin) VALUES (?, ?, ?, ?)",
                    arguments: [name, passwordHash, Date(), admin])
                return try Trainer.fetchOne(db, sql: "SELECT * FROM trainer WHERE id = ?", arguments: [db.lastInsertedRowID])!
            }
        } catch where isUniqueViolation(error) {
            throw AlreadyExists(what: "trainer \(name)")
        }
    }

    public func trainers() async throws -> [Trainer] {
        try await writer.read { db in try Trainer.fetchAll(db, sql: "SELECT * FROM trainer ORDER BY name") }
    }

    public func setTrainerPassword(trainer: Int64, passwordHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE trainer SET password_hash = ? WHERE id = ?", arguments: [passwordHash, trainer])
            try db.execute(sql: "DELETE FROM trainer_token WHERE trainer_id = ?", arguments: [trainer])
        }
    }

    public func trainer(named name: String) async throws -> Trainer? {
        try await writer.read { db in try Trainer.fetchOne(db, sql: "SELECT * FROM trainer WHERE name = ?", arguments: [name]) }
    }

    public func trainerCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trainer") ?? 0 }
    }

    public func recordTrainerToken(hash: String, trainerId: Int64, expiresAt: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO trainer_token (token_hash, trainer_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [hash, trainerId, Date(), expiresAt])
        }
    }

    public func trainer(forTokenHash hash: String, at now: Date) async throws -> Trainer? {
        try await writer.read { db in
            try Trainer.fetchOne(
                db,
                sql: """
                    SELECT trainer.* FROM trainer JOIN trainer_token ON trainer_token.trainer_id = trainer.id
                    WHERE trainer_token.token_hash = ? AND trainer_token.expires_at > ?
                    """,
                arguments: [hash, now])
        }
    }

    // MARK: Sessions

    public func updateSession(
        id: Int64, title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?
    ) async throws -> CourseSession? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE course_session SET title = ?, starts_on = ?, ends_on = ?, homework_due = ?, time_zone = ? WHERE id = ?",
                arguments: [title, startsOn, endsOn, homeworkDue, timeZone, id])
            return try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE id = ?", arguments: [id])
        }
    }

    public func createSession(
        title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?, joinCode: String, createdBy: Int64
    ) async throws -> CourseSession {
        do {
            return try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO course_session (title, starts_on, ends_on, homework_due, time_zone, join_code, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [title, startsOn, endsOn, homeworkDue, timeZone, joinCode, createdBy, Date()])
                let id = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO session_trainer (session_id, trainer_id, added_at) VALUES (?, ?, ?)", arguments: [id, createdBy, Date()])
                return try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE id = ?", arguments: [id])!
            }
        } catch where isUniqueViolation(error) {
            throw AlreadyExists(what: "join code \(joinCode)")
        }
    }

    public func session(id: Int64) async throws -> CourseSession? {
        try await writer.read { db in try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE id = ?", arguments: [id]) }
    }

    public func session(joinCode: String) async throws -> CourseSession? {
        try await writer.read { db in
            try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE join_code = ?", arguments: [joinCode])
        }
    }

    public func sessions() async throws -> [CourseSession] {
        try await writer.read { db in try CourseSession.fetchAll(db, sql: "SELECT * FROM course_session ORDER BY starts_on DESC, id DESC") }
    }

    public func sessionIDs(trainer: Int64) async throws -> Set<Int64> {
        Set(try await writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT session_id FROM session_trainer WHERE trainer_id = ?", arguments: [trainer])
        })
    }

    public func sessionTrainers(session: Int64) async throws -> [Int64] {
        try await writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT trainer_id FROM session_trainer WHERE session_id = ? ORDER BY added_at, trainer_id", arguments: [session])
        }
    }

    public func addSessionTrainer(session: Int64, trainer: Int64) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO session_trainer (session_id, trainer_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [session, trainer, Date()])
        }
    }

    public func deleteSession(id: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM course_session WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func setArchived(session: Int64, at: Date?) async throws -> CourseSession? {
        try await writer.write { db in
            try db.execute(sql: "UPDATE course_session SET archived_at = ? WHERE id = ?", arguments: [at, session])
            return try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE id = ?", arguments: [session])
        }
    }

    public func replaceGroups(session: Int64, groups: [(name: String, traineeIds: [Int64])]) async throws -> [ClassGroup] {
        try await writer.write { db in
            // The members go with their groups (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM class_group WHERE session_id = ?", arguments: [session])
            for (position, group) in groups.enumerated() {
                try db.execute(
                    sql: "INSERT INTO class_group (session_id, name, position) VALUES (?, ?, ?)", arguments: [session, group.name, position])
                let id = db.lastInsertedRowID
                for trainee in group.traineeIds {
                    try db.execute(sql: "INSERT INTO group_member (trainee_id, group_id) VALUES (?, ?)", arguments: [trainee, id])
                }
            }
            return try Self.groups(session: session, in: db)
        }
    }

    public func groups(session: Int64) async throws -> [ClassGroup] {
        try await writer.read { db in try Self.groups(session: session, in: db) }
    }

    static func groups(session: Int64, in db: Database) throws -> [ClassGroup] {
        let rows = try Row.fetchAll(
            db, sql: """
                SELECT class_group.id, class_group.name, class_group.position, group_member.trainee_id
                FROM class_group LEFT JOIN group_member ON group_member.group_id = class_group.id
                WHERE class_group.session_id = ? ORDER BY class_group.position, group_member.trainee_id
                """, arguments: [session])
        var groups: [ClassGroup] = []
        for row in rows {
            let id: Int64 = row["id"]
            if groups.last?.id != id {
                groups.append(ClassGroup(id: id, sessionId: session, name: row["name"], position: row["position"], traineeIds: []))
            }
            if let trainee: Int64 = row["trainee_id"] { groups[groups.count - 1].traineeIds.append(trainee) }
        }
        return groups
    }

    public func setLeaderboardVisible(session: Int64, visible: Bool) async throws -> CourseSession? {
        try await writer.write { db in
            try db.execute(sql: "UPDATE course_session SET leaderboard_visible = ? WHERE id = ?", arguments: [visible, session])
            return try CourseSession.fetchOne(db, sql: "SELECT * FROM course_session WHERE id = ?", arguments: [session])
        }
    }

    public func replaceRoles(session: Int64, exercise: String, roles: [RoleAssignment]) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM roleplay_role WHERE session_id = ? AND exercise_id = ?", arguments: [session, exercise])
            for role in roles {
                try db.execute(
                    sql: "INSERT INTO roleplay_role (session_id, exercise_id, trainee_id, role_id, group_id) VALUES (?, ?, ?, ?, ?)",
                    arguments: [session, exercise, role.traineeId, role.roleId, role.groupId])
            }
        }
    }

    public func roles(session: Int64, exercise: String) async throws -> [RoleAssignment] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM roleplay_role WHERE session_id = ? AND exercise_id = ? ORDER BY group_id, trainee_id", arguments: [session, exercise]
            ).map { row in
                RoleAssignment(sessionId: row["session_id"], exerciseId: row["exercise_id"], traineeId: row["trainee_id"], roleId: row["role_id"], groupId: row["group_id"])
            }
        }
    }

    public func groupDraftVersions(session: Int64, exercise: String, group: Int64) async throws -> [GroupDraftVersion] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM group_draft_version WHERE session_id = ? AND exercise_id = ? AND group_id = ? ORDER BY version",
                arguments: [session, exercise, group]
            ).map { row in
                GroupDraftVersion(
                    sessionId: row["session_id"], exerciseId: row["exercise_id"], groupId: row["group_id"], version: row["version"], plan: row["plan"],
                    traineeId: row["trainee_id"], sections: row["sections"], savedAt: row["saved_at"])
            }
        }
    }

    public func addGroupDraftVersion(_ v: GroupDraftVersion) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO group_draft_version (session_id, exercise_id, group_id, version, plan, trainee_id, sections, saved_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [v.sessionId, v.exerciseId, v.groupId, v.version, v.plan, v.traineeId, v.sections, v.savedAt])
            return db.changesCount > 0
        }
    }

    public func saveGroupReview(_ r: GroupReview) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO group_review (session_id, exercise_id, reviewer_group, reviewed_group, marks, comment, trainee_id, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (session_id, exercise_id, reviewer_group) DO UPDATE SET reviewed_group = excluded.reviewed_group,
                        marks = excluded.marks, comment = excluded.comment, trainee_id = excluded.trainee_id, updated_at = excluded.updated_at
                    """,
                arguments: [r.sessionId, r.exerciseId, r.reviewerGroup, r.reviewedGroup, r.marks, r.comment, r.traineeId, r.updatedAt])
        }
    }

    public func groupReviews(session: Int64, exercise: String) async throws -> [GroupReview] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM group_review WHERE session_id = ? AND exercise_id = ? ORDER BY reviewer_group", arguments: [session, exercise])
                .map { row in
                    GroupReview(
                        sessionId: row["session_id"], exerciseId: row["exercise_id"], reviewerGroup: row["reviewer_group"], reviewedGroup: row["reviewed_group"],
                        marks: row["marks"], comment: row["comment"], traineeId: row["trainee_id"], updatedAt: row["updated_at"])
                }
        }
    }

    public func observations(byObserver trainee: Int64) async throws -> [StoredObservation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM observation WHERE observer_id = ? ORDER BY updated_at", arguments: [trainee]).map { row in
                StoredObservation(
                    sessionId: row["session_id"], exerciseId: row["exercise_id"], observerId: row["observer_id"], playerId: row["player_id"],
                    marks: row["marks"], comment: row["comment"], updatedAt: row["updated_at"])
            }
        }
    }

    public func groupDraftVersions(byTrainee trainee: Int64) async throws -> [GroupDraftVersion] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM group_draft_version WHERE trainee_id = ? ORDER BY saved_at", arguments: [trainee]).map { row in
                GroupDraftVersion(
                    sessionId: row["session_id"], exerciseId: row["exercise_id"], groupId: row["group_id"], version: row["version"], plan: row["plan"],
                    traineeId: row["trainee_id"], sections: row["sections"], savedAt: row["saved_at"])
            }
        }
    }

    public func saveObservation(_ o: StoredObservation) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO observation (session_id, exercise_id, observer_id, player_id, marks, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (exercise_id, observer_id, player_id) DO UPDATE SET marks = excluded.marks, comment = excluded.comment, updated_at = excluded.updated_at
                    """,
                arguments: [o.sessionId, o.exerciseId, o.observerId, o.playerId, o.marks, o.comment, o.updatedAt])
        }
    }

    public func observations(exercise: String, player: Int64) async throws -> [StoredObservation] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM observation WHERE exercise_id = ? AND player_id = ? ORDER BY updated_at, observer_id", arguments: [exercise, player]
            ).map { row in
                StoredObservation(
                    sessionId: row["session_id"], exerciseId: row["exercise_id"], observerId: row["observer_id"], playerId: row["player_id"],
                    marks: row["marks"], comment: row["comment"], updatedAt: row["updated_at"])
            }
        }
    }

    public func exerciseStates(session: Int64) async throws -> [String: ExerciseState] {
        let states = try await writer.read { db in
            try ExerciseState.fetchAll(db, sql: "SELECT * FROM exercise_state WHERE session_id = ?", arguments: [session])
        }
        return Dictionary(states.map { ($0.exerciseId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func setExerciseState(session: Int64, exercise: String, open: Bool?, revealed: Bool?, closesAt: Date?) async throws -> ExerciseState {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO exercise_state (session_id, exercise_id, open, revealed, updated_at, closes_at)
                    VALUES (?1, ?2, COALESCE(?3, 0), COALESCE(?4, 0), ?5, ?6)
                    ON CONFLICT (session_id, exercise_id) DO UPDATE SET
                        open = COALESCE(?3, open), revealed = COALESCE(?4, revealed), updated_at = ?5,
                        closes_at = CASE WHEN ?3 IS NULL THEN closes_at ELSE ?6 END
                    """,
                arguments: [session, exercise, open, revealed, Date(), closesAt])
            return try ExerciseState.fetchOne(
                db, sql: "SELECT * FROM exercise_state WHERE session_id = ? AND exercise_id = ?", arguments: [session, exercise])!
        }
    }

    public func classroomSnapshot(session: Int64, trainee: Int64?, attemptsAt exercise: String?) async throws -> ClassroomSnapshot? {
        try await writer.read { db in
            // Cached statements: this runs for every trainee page and submission.
            let sessionQuery = try db.cachedStatement(sql: "SELECT * FROM course_session WHERE id = ?")
            guard let found = try CourseSession.fetchOne(sessionQuery, arguments: [session]) else { return nil }
            let states = try ExerciseState.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM exercise_state WHERE session_id = ?"), arguments: [session])
            var submissions: [Submission] = []
            var attempts = 0
            if let trainee, let exercise {
                attempts = try Self.attemptsUsed(trainee: trainee, exercise: exercise, in: db)
            } else if let trainee {
                submissions = try Submission.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM submission WHERE trainee_id = ? ORDER BY id"), arguments: [trainee])
            }
            return ClassroomSnapshot(
                session: found, states: Dictionary(states.map { ($0.exerciseId, $0) }, uniquingKeysWith: { first, _ in first }),
                submissions: submissions, attemptsUsed: attempts)
        }
    }

    // MARK: Trainees

    public func addTrainee(session: Int64, name: String, tokenHash: String, reentryCode: String?) async throws -> Trainee {
        try await writer.write { db in
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM trainee WHERE session_id = ?", arguments: [session]) ?? 1
            try db.execute(
                sql: "INSERT INTO trainee (session_id, name, token_hash, number, created_at, reentry_code) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [session, name, tokenHash, number, Date(), reentryCode])
            return try Trainee.fetchOne(db, sql: "SELECT * FROM trainee WHERE id = ?", arguments: [db.lastInsertedRowID])!
        }
    }

    public func trainee(forTokenHash hash: String) async throws -> Trainee? {
        try await writer.read { db in
            if let trainee = try Trainee.fetchOne(db, sql: "SELECT * FROM trainee WHERE token_hash = ?", arguments: [hash]) { return trainee }
            return try Trainee.fetchOne(
                db, sql: "SELECT trainee.* FROM trainee JOIN trainee_token ON trainee_token.trainee_id = trainee.id WHERE trainee_token.token_hash = ?",
                arguments: [hash])
        }
    }

    public func trainee(session: Int64, name: String, reentryCode: String) async throws -> Trainee? {
        try await writer.read { db in
            try Trainee.fetchOne(
                db, sql: "SELECT * FROM trainee WHERE session_id = ? AND name = ? AND reentry_code = ?", arguments: [session, name, reentryCode])
        }
    }

    public func addTraineeToken(trainee: Int64, tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO trainee_token (token_hash, trainee_id, created_at) VALUES (?, ?, ?)", arguments: [tokenHash, trainee, Date()])
        }
    }

    public func setReentryCode(trainee: Int64, code: String) async throws -> Trainee? {
        try await writer.write { db in
            try db.execute(sql: "UPDATE trainee SET reentry_code = ? WHERE id = ?", arguments: [code, trainee])
            return try Trainee.fetchOne(db, sql: "SELECT * FROM trainee WHERE id = ?", arguments: [trainee])
        }
    }

    public func mergeTrainee(_ from: Int64, into: Int64) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "UPDATE submission SET trainee_id = ? WHERE trainee_id = ?", arguments: [into, from])
            let moved = db.changesCount
            try db.execute(
                sql: """
                    UPDATE submission SET attempt = (
                        SELECT COUNT(*) FROM submission AS earlier
                        WHERE earlier.trainee_id = submission.trainee_id AND earlier.exercise_id = submission.exercise_id
                          AND earlier.id <= submission.id)
                    WHERE trainee_id = ?
                    """, arguments: [into])
            try db.execute(
                sql: "UPDATE plan_draft SET trainee_id = ?1 WHERE trainee_id = ?2 AND NOT EXISTS (SELECT 1 FROM plan_draft WHERE trainee_id = ?1)",
                arguments: [into, from])
            try db.execute(
                sql: "DELETE FROM check_in WHERE trainee_id = ?2 AND date IN (SELECT date FROM check_in WHERE trainee_id = ?1)", arguments: [into, from])
            try db.execute(sql: "UPDATE check_in SET trainee_id = ? WHERE trainee_id = ?", arguments: [into, from])
            try db.execute(
                sql: "UPDATE own_case SET trainee_id = ?1 WHERE trainee_id = ?2 AND NOT EXISTS (SELECT 1 FROM own_case WHERE trainee_id = ?1)",
                arguments: [into, from])
            // One person in two groups: the group of the trainee the merge keeps.
            try db.execute(
                sql: "UPDATE group_member SET trainee_id = ?1 WHERE trainee_id = ?2 AND NOT EXISTS (SELECT 1 FROM group_member WHERE trainee_id = ?1)",
                arguments: [into, from])
            // A quarter both have figures for keeps the one the merge keeps (`into`'s).
            try db.execute(
                sql: """
                    UPDATE quarter_case SET trainee_id = ?1 WHERE trainee_id = ?2 AND NOT EXISTS
                    (SELECT 1 FROM quarter_case AS mine WHERE mine.trainee_id = ?1 AND mine.period_start = quarter_case.period_start AND mine.quarter = quarter_case.quarter)
                    """,
                arguments: [into, from])
            try db.execute(
                sql: "INSERT INTO trainee_token (token_hash, trainee_id, created_at) SELECT token_hash, ?, created_at FROM trainee WHERE id = ?",
                arguments: [into, from])
            try db.execute(sql: "UPDATE trainee_token SET trainee_id = ? WHERE trainee_id = ?", arguments: [into, from])
            try db.execute(sql: "DELETE FROM trainee WHERE id = ?", arguments: [from])
            return moved
        }
    }

    public func deleteTrainee(id: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM trainee WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func trainee(id: Int64) async throws -> Trainee? {
        try await writer.read { db in try Trainee.fetchOne(db, sql: "SELECT * FROM trainee WHERE id = ?", arguments: [id]) }
    }

    public func trainees(session: Int64) async throws -> [Trainee] {
        try await writer.read { db in
            try Trainee.fetchAll(db, sql: "SELECT * FROM trainee WHERE session_id = ? ORDER BY number", arguments: [session])
        }
    }

    // MARK: Submissions

    public func recordSubmission(_ new: NewSubmission) async throws -> (submission: Submission, attemptsUsed: Int) {
        try await batcher.record(new)
    }

    /// Checks and inserts one submission inside the caller's transaction.
    static func insertSubmission(_ new: NewSubmission, in db: Database) throws -> (submission: Submission, attemptsUsed: Int) {
        let state = try ExerciseState.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM exercise_state WHERE session_id = ? AND exercise_id = ?"),
            arguments: [new.sessionId, new.exerciseId])
        guard let state, state.open else {
            if let state, state.timeIsUp, let at = state.closesAt { throw SubmissionRefusal.timeUp(at: at) }
            throw SubmissionRefusal.closed
        }
        let used = try attemptsUsed(trainee: new.traineeId, exercise: new.exerciseId, in: db)
        if new.attemptsAllowed > 0 && used >= new.attemptsAllowed {
            throw SubmissionRefusal.noAttemptsLeft(allowed: new.attemptsAllowed)
        }
        let now = Date()
        try db.cachedStatement(
            sql: """
                INSERT INTO submission (session_id, trainee_id, exercise_id, variant, raw, grade, trainee_grade,
                    score, max_score, needs_manual, created_at, graded_at, attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                new.sessionId, new.traineeId, new.exerciseId, new.variant, new.raw, new.grade, new.traineeGrade,
                new.score, new.maxScore, new.needsManual, now, now, used + 1,
            ])
        // Built from what was just written rather than read back: the grade texts are large.
        let stored = Submission(
            id: db.lastInsertedRowID, sessionId: new.sessionId, traineeId: new.traineeId, exerciseId: new.exerciseId, variant: new.variant,
            raw: new.raw, grade: new.grade, traineeGrade: new.traineeGrade, score: new.score, maxScore: new.maxScore,
            needsManual: new.needsManual, createdAt: now, gradedAt: now, rubricScores: nil, rubricScore: nil, overrideScore: nil,
            overrideComment: nil, overriddenAt: nil)
        return (stored, used + 1)
    }

    /// The attempts a trainee has used on an exercise: the number of its latest submission,
    /// one seek in `submission_attempt`.
    static func attemptsUsed(trainee: Int64, exercise: String, in db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT attempt FROM submission WHERE trainee_id = ? AND exercise_id = ? ORDER BY attempt DESC LIMIT 1"),
            arguments: [trainee, exercise]) ?? 0
    }

    public func submission(id: Int64) async throws -> Submission? {
        try await writer.read { db in try Submission.fetchOne(db, sql: "SELECT * FROM submission WHERE id = ?", arguments: [id]) }
    }

    public func submissions(trainee: Int64, exercise: String?) async throws -> [Submission] {
        try await writer.read { db in
            try Submission.fetchAll(
                db,
                sql: "SELECT * FROM submission WHERE trainee_id = ?1 AND (?2 IS NULL OR exercise_id = ?2) ORDER BY id",
                arguments: [trainee, exercise])
        }
    }

    public func submissions(session: Int64, exercise: String?) async throws -> [Submission] {
        try await writer.read { db in
            try Submission.fetchAll(
                db,
                sql: "SELECT * FROM submission WHERE session_id = ?1 AND (?2 IS NULL OR exercise_id = ?2) ORDER BY id",
                arguments: [session, exercise])
        }
    }

    public func overrideScore(submission: Int64, score: Double?, comment: String?) async throws -> Submission? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE submission SET override_score = ?, override_comment = ?, overridden_at = ? WHERE id = ?",
                arguments: [score, comment, score == nil ? nil : Date(), submission])
            return try Submission.fetchOne(db, sql: "SELECT * FROM submission WHERE id = ?", arguments: [submission])
        }
    }

    public func scoreRubric(submission: Int64, scores: String, total: Double) async throws -> Submission? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE submission SET rubric_scores = ?, rubric_score = ? WHERE id = ?",
                arguments: [scores, total, submission])
            return try Submission.fetchOne(db, sql: "SELECT * FROM submission WHERE id = ?", arguments: [submission])
        }
    }

    public func applyRegrades(_ regrades: [Regrade]) async throws -> Int {
        try await writer.write { db in
            var changed = 0
            let now = Date()
            for regrade in regrades {
                guard let old = try Double.fetchOne(db, sql: "SELECT score FROM submission WHERE id = ?", arguments: [regrade.submissionId])
                else { continue }
                if abs(old - regrade.score) > 1e-9 { changed += 1 }
                // Only the automatic columns: override_* and rubric_* are a person's and stay.
                try db.execute(
                    sql: """
                        UPDATE submission SET grade = ?, trainee_grade = ?, score = ?, max_score = ?, needs_manual = ?, graded_at = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        regrade.grade, regrade.traineeGrade, regrade.score, regrade.maxScore, regrade.needsManual, now,
                        regrade.submissionId,
                    ])
            }
            return changed
        }
    }

    // MARK: My own distributor

    public func saveOwnCase(trainee: Int64, caseJSON: String) async throws -> OwnCase {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO own_case (trainee_id, case_json, updated_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (trainee_id) DO UPDATE SET case_json = ?2, updated_at = ?3
                    """,
                arguments: [trainee, caseJSON, Date()])
            return try OwnCase.fetchOne(db, sql: "SELECT * FROM own_case WHERE trainee_id = ?", arguments: [trainee])!
        }
    }

    public func ownCase(trainee: Int64) async throws -> OwnCase? {
        try await writer.read { db in try OwnCase.fetchOne(db, sql: "SELECT * FROM own_case WHERE trainee_id = ?", arguments: [trainee]) }
    }

    public func ownCases(session: Int64) async throws -> [OwnCase] {
        try await writer.read { db in
            try OwnCase.fetchAll(
                db, sql: "SELECT own_case.* FROM own_case JOIN trainee ON trainee.id = own_case.trainee_id WHERE trainee.session_id = ?",
                arguments: [session])
        }
    }

    public func saveQuarterCase(_ quarter: QuarterCase) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO quarter_case (trainee_id, period_start, quarter, case_json, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (trainee_id, period_start, quarter) DO UPDATE SET case_json = ?4, updated_at = ?5
                    """,
                arguments: [quarter.traineeId, quarter.periodStart, quarter.quarter, quarter.caseJSON, quarter.updatedAt])
        }
    }

    public func quarterCases(trainee: Int64, periodStart: String) async throws -> [QuarterCase] {
        try await writer.read { db in
            try QuarterCase.fetchAll(
                db, sql: "SELECT * FROM quarter_case WHERE trainee_id = ? AND period_start = ? ORDER BY quarter",
                arguments: [trainee, periodStart])
        }
    }

    // MARK: Homework plan and follow-up

    public func saveDraft(trainee: Int64, plan: String) async throws -> PlanDraft {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO plan_draft (trainee_id, plan, updated_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (trainee_id) DO UPDATE SET plan = ?2, updated_at = ?3
                    """,
                arguments: [trainee, plan, Date()])
            return try PlanDraft.fetchOne(db, sql: "SELECT * FROM plan_draft WHERE trainee_id = ?", arguments: [trainee])!
        }
    }

    public func draft(trainee: Int64) async throws -> PlanDraft? {
        try await writer.read { db in try PlanDraft.fetchOne(db, sql: "SELECT * FROM plan_draft WHERE trainee_id = ?", arguments: [trainee]) }
    }

    public func recordCheckIn(
        trainee: Int64, submission: Int64, date: String, values: String, result: String
    ) async throws -> (checkIn: CheckIn, replaced: Bool) {
        try await writer.write { db in
            // One check-in per day: recording a day again corrects it (in one transaction,
            // so a failed insert leaves the old one in place).
            try db.execute(sql: "DELETE FROM check_in WHERE trainee_id = ? AND date = ?", arguments: [trainee, date])
            let replaced = db.changesCount > 0
            try db.execute(
                sql: "INSERT INTO check_in (trainee_id, submission_id, date, \"values\", result, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [trainee, submission, date, values, result, Date()])
            return (try CheckIn.fetchOne(db, sql: "SELECT * FROM check_in WHERE id = ?", arguments: [db.lastInsertedRowID])!, replaced)
        }
    }

    public func deleteCheckIn(trainee: Int64, date: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM check_in WHERE trainee_id = ? AND date = ?", arguments: [trainee, date])
            return db.changesCount > 0
        }
    }

    public func checkIns(trainee: Int64) async throws -> [CheckIn] {
        try await writer.read { db in
            try CheckIn.fetchAll(db, sql: "SELECT * FROM check_in WHERE trainee_id = ? ORDER BY date, id", arguments: [trainee])
        }
    }

    public func setCheckComment(submission: Int64, check: String, comment: String, trainer: Int64) async throws -> [CheckComment] {
        try await writer.write { db in
            if comment.isEmpty {
                try db.execute(sql: "DELETE FROM check_comment WHERE submission_id = ? AND check_id = ?", arguments: [submission, check])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO check_comment (submission_id, check_id, comment, trainer_id, updated_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (submission_id, check_id) DO UPDATE SET comment = excluded.comment,
                            trainer_id = excluded.trainer_id, updated_at = excluded.updated_at
                        """,
                    arguments: [submission, check, comment, trainer, Date()])
            }
            return try CheckComment.fetchAll(
                db, sql: "SELECT * FROM check_comment WHERE submission_id = ? ORDER BY check_id", arguments: [submission])
        }
    }

    public func checkComments(submissions: [Int64]) async throws -> [CheckComment] {
        guard !submissions.isEmpty else { return [] }
        return try await writer.read { db in
            try CheckComment.fetchAll(
                db, sql: "SELECT * FROM check_comment WHERE submission_id IN (\(databaseQuestionMarks(count: submissions.count))) ORDER BY check_id",
                arguments: StatementArguments(submissions))
        }
    }
}
