import Foundation
import Logging
import PostgresNIO

/// The company store: everything `AppDatabase` keeps, in PostgreSQL, so that several `jbp serve`
/// on several machines act as one server.
///
/// Every write that must see a consistent class (a trainee's attempt number, a session's trainee
/// numbers) locks the row it counts under (`FOR UPDATE`), so that two instances answering at the
/// same moment still number one after the other. Each call has a deadline: a database that went
/// away turns into `StoreUnavailable` (503) within `deadline` seconds, never a hang, and the pool
/// reconnects by itself when it is back.
public final class PostgresStore: ClassroomStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    /// The server and database this store works on.
    public let address: PostgresAddress
    /// Seconds a call may take before it is answered as unavailable.
    let deadline: Double
    private let runner: Task<Void, Never>

    /// Connects to the database, checks that it answers (within `deadline` seconds), and applies
    /// the pending migrations. Throws `StoreUnavailable` with the reason when it cannot be reached.
    /// `maxConnections` is the pool's size on this instance (PostgreSQL's own limit is shared by all).
    public static func open(
        _ address: PostgresAddress, logger: Logger = Logger(label: "jbp.postgres"), deadline: Double = 5, migrate: Bool = true,
        maxConnections: Int = 20
    ) async throws -> PostgresStore {
        // One direct connection first: its failure says why (refused, unknown host, bad password),
        // where the pool would only retry quietly until the deadline.
        try await checkReachable(address, logger: logger)
        let store = PostgresStore(address: address, logger: logger, deadline: deadline, maxConnections: maxConnections)
        do {
            try await store.run { connection in try await connection.query("SELECT 1", logger: store.logger) }
            if migrate { try await store.migrate() }
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    private init(address: PostgresAddress, logger: Logger, deadline: Double, maxConnections: Int) {
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.username, password: address.password, database: address.database,
            tls: address.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.connectTimeout = .milliseconds(Int64(max(1, deadline) * 1000))
        configuration.options.maximumConnections = maxConnections
        configuration.options.minimumConnections = 0
        // The pool logs every failed connection attempt at `info`: while the database is away that
        // is a line every few milliseconds. Its own log says only what is worse; requests say the rest.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.logger = logger
        self.address = address
        self.deadline = deadline
        // The pool works only while `run()` runs: it is the store's, and ends with `close()`.
        let client = self.client
        self.runner = Task { await client.run() }
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    // MARK: Running queries

    /// Runs `body` on a pooled connection within the deadline; a connection fault becomes
    /// `StoreUnavailable`, a constraint violation stays a `PSQLError` for the caller to name.
    @discardableResult
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withDeadline(seconds: deadline) { [client] in
            try await Self.mapFaults { try await client.withConnection(body) }
        }
    }

    /// Runs `body` in one transaction on a pooled connection, within the deadline. Written here
    /// rather than with the client's `withTransaction`, which wraps every error in its own type:
    /// a refusal thrown inside (`SubmissionRefusal.closed`) must reach the caller as it is.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await run { [logger] connection in
            try await connection.query("BEGIN", logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                // A failed rollback leaves the connection broken; the pool then closes it.
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }

    /// Runs `body`, answering `StoreUnavailable` if it takes longer than `seconds`.
    func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await JBPServer.withDeadline(seconds: seconds, body)
        } catch is DeadlinePassed {
            throw StoreUnavailable(reason: "no answer from \(address.host):\(address.port) within \(Int(seconds)) s")
        }
    }

    private static func mapFaults<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo == nil {
            // No answer from the server itself: the connection failed or was lost.
            throw StoreUnavailable(reason: String(describing: error.code))
        } catch let error as PSQLError where unavailableStates.contains(where: Self.sqlState(error).hasPrefix) {
            throw StoreUnavailable(reason: error.serverInfo?[.message] ?? "the server is shutting down")
        }
    }

    /// SQLSTATE classes that say the database cannot serve now, not that a query was wrong:
    /// connection exceptions (08), refused credentials (28), a database that is gone (3D000),
    /// too many connections (53300) and the server shutting down or starting (57P).
    static let unavailableStates = ["08", "28", "3D000", "53300", "57P"]

    static func sqlState(_ error: PSQLError) -> String { error.serverInfo?[.sqlState] ?? "" }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return sqlState(error) == "23505"
    }

    /// The rows of a query, each read into a record.
    static func all<T>(_ rows: PostgresRowSequence, _ read: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        var out: [T] = []
        for try await row in rows { out.append(try read(row.makeRandomAccess())) }
        return out
    }

    static func first<T>(_ rows: PostgresRowSequence, _ read: (PostgresRandomAccessRow) throws -> T) async throws -> T? {
        for try await row in rows { return try read(row.makeRandomAccess()) }
        return nil
    }

    // MARK: Trainers

    public func createTrainer(name: String, passwordHash: String, admin: Bool) async throws -> Trainer {
        do {
            return try await run { [logger] connection in
                let rows = try await connection.query(
                    "INSERT INTO trainer (name, password_hash, created_at, is_admin) VALUES (\(name), \(passwordHash), \(Date()), \(admin)) RETURNING *",
                    logger: logger)
                return try await Self.first(rows, Trainer.init(postgres:))!
            }
        } catch where Self.isUniqueViolation(error) {
            throw AlreadyExists(what: "trainer \(name)")
        }
    }

    public func trainers() async throws -> [Trainer] {
        try await run { [logger] connection in
            try await Self.all(try await connection.query("SELECT * FROM trainer ORDER BY name", logger: logger), Trainer.init(postgres:))
        }
    }

    public func setTrainerPassword(trainer: Int64, passwordHash: String) async throws {
        try await transaction { [logger] connection in
            try await connection.query("UPDATE trainer SET password_hash = \(passwordHash) WHERE id = \(trainer)", logger: logger)
            try await connection.query("DELETE FROM trainer_token WHERE trainer_id = \(trainer)", logger: logger)
        }
    }

    public func trainer(named name: String) async throws -> Trainer? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM trainer WHERE name = \(name)", logger: logger), Trainer.init(postgres:))
        }
    }

    public func trainerCount() async throws -> Int {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT COUNT(*) FROM trainer", logger: logger)) { try $0[0].decode(Int.self) } ?? 0
        }
    }

    public func recordTrainerToken(hash: String, trainerId: Int64, expiresAt: Date) async throws {
        try await run { [logger] connection in
            try await connection.query(
                "INSERT INTO trainer_token (token_hash, trainer_id, created_at, expires_at) VALUES (\(hash), \(trainerId), \(Date()), \(expiresAt))",
                logger: logger)
        }
    }

    public func trainer(forTokenHash hash: String, at now: Date) async throws -> Trainer? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    """
                    SELECT trainer.* FROM trainer JOIN trainer_token ON trainer_token.trainer_id = trainer.id
                    WHERE trainer_token.token_hash = \(hash) AND trainer_token.expires_at > \(now)
                    """, logger: logger), Trainer.init(postgres:))
        }
    }

    // MARK: Sessions

    public func createSession(
        title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?, joinCode: String, createdBy: Int64
    ) async throws -> CourseSession {
        do {
            return try await transaction { [logger] connection in
                let rows = try await connection.query(
                    """
                    INSERT INTO course_session (title, starts_on, ends_on, homework_due, time_zone, join_code, created_by, created_at)
                    VALUES (\(title), \(startsOn), \(endsOn), \(homeworkDue), \(timeZone), \(joinCode), \(createdBy), \(Date())) RETURNING *
                    """, logger: logger)
                let session = try await Self.first(rows, CourseSession.init(postgres:))!
                try await connection.query(
                    "INSERT INTO session_trainer (session_id, trainer_id, added_at) VALUES (\(session.id), \(createdBy), \(Date()))", logger: logger)
                return session
            }
        } catch where Self.isUniqueViolation(error) {
            throw AlreadyExists(what: "join code \(joinCode)")
        }
    }

    public func session(id: Int64) async throws -> CourseSession? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM course_session WHERE id = \(id)", logger: logger), CourseSession.init(postgres:))
        }
    }

    public func session(joinCode: String) async throws -> CourseSession? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query("SELECT * FROM course_session WHERE join_code = \(joinCode)", logger: logger), CourseSession.init(postgres:))
        }
    }

    public func sessions() async throws -> [CourseSession] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query("SELECT * FROM course_session ORDER BY starts_on DESC, id DESC", logger: logger), CourseSession.init(postgres:))
        }
    }

    public func updateSession(
        id: Int64, title: String, startsOn: String, endsOn: String, homeworkDue: String?, timeZone: String?
    ) async throws -> CourseSession? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    """
                    UPDATE course_session SET title = \(title), starts_on = \(startsOn), ends_on = \(endsOn), homework_due = \(homeworkDue),
                        time_zone = \(timeZone) WHERE id = \(id) RETURNING *
                    """, logger: logger), CourseSession.init(postgres:))
        }
    }

    public func sessionIDs(trainer: Int64) async throws -> Set<Int64> {
        Set(try await run { [logger] connection in
            try await Self.all(try await connection.query("SELECT session_id FROM session_trainer WHERE trainer_id = \(trainer)", logger: logger)) {
                try $0[0].decode(Int64.self)
            }
        })
    }

    public func sessionTrainers(session: Int64) async throws -> [Int64] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT trainer_id FROM session_trainer WHERE session_id = \(session) ORDER BY added_at, trainer_id", logger: logger)
            ) { try $0[0].decode(Int64.self) }
        }
    }

    public func addSessionTrainer(session: Int64, trainer: Int64) async throws {
        try await run { [logger] connection in
            try await connection.query(
                "INSERT INTO session_trainer (session_id, trainer_id, added_at) VALUES (\(session), \(trainer), \(Date())) ON CONFLICT DO NOTHING",
                logger: logger)
        }
    }

    public func deleteSession(id: Int64) async throws -> Bool {
        try await run { [logger] connection in
            !(try await Self.all(try await connection.query("DELETE FROM course_session WHERE id = \(id) RETURNING id", logger: logger)) {
                try $0[0].decode(Int64.self)
            }).isEmpty
        }
    }

    public func setArchived(session: Int64, at: Date?) async throws -> CourseSession? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query("UPDATE course_session SET archived_at = \(at) WHERE id = \(session) RETURNING *", logger: logger),
                CourseSession.init(postgres:))
        }
    }

    public func replaceGroups(session: Int64, groups: [(name: String, traineeIds: [Int64])]) async throws -> [ClassGroup] {
        try await transaction { [logger] connection in
            try await connection.query("DELETE FROM class_group WHERE session_id = \(session)", logger: logger)
            for (position, group) in groups.enumerated() {
                let id = try await Self.first(
                    try await connection.query(
                        "INSERT INTO class_group (session_id, name, position) VALUES (\(session), \(group.name), \(position)) RETURNING id",
                        logger: logger)
                ) { try $0[0].decode(Int64.self) }!
                for trainee in group.traineeIds {
                    try await connection.query("INSERT INTO group_member (trainee_id, group_id) VALUES (\(trainee), \(id))", logger: logger)
                }
            }
            return try await Self.groups(session: session, on: connection, logger: logger)
        }
    }

    public func groups(session: Int64) async throws -> [ClassGroup] {
        try await run { [logger] connection in try await Self.groups(session: session, on: connection, logger: logger) }
    }

    static func groups(session: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [ClassGroup] {
        let rows = try await Self.all(
            try await connection.query(
                """
                SELECT class_group.id, class_group.name, class_group.position, group_member.trainee_id
                FROM class_group LEFT JOIN group_member ON group_member.group_id = class_group.id
                WHERE class_group.session_id = \(session) ORDER BY class_group.position, group_member.trainee_id
                """, logger: logger)
        ) { row in
            (try row[0].decode(Int64.self), try row[1].decode(String.self), Int(try row[2].decode(Int32.self)), try row[3].decode(Int64?.self))
        }
        var groups: [ClassGroup] = []
        for (id, name, position, trainee) in rows {
            if groups.last?.id != id { groups.append(ClassGroup(id: id, sessionId: session, name: name, position: position, traineeIds: [])) }
            if let trainee { groups[groups.count - 1].traineeIds.append(trainee) }
        }
        return groups
    }

    public func setLeaderboardVisible(session: Int64, visible: Bool) async throws -> CourseSession? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    "UPDATE course_session SET leaderboard_visible = \(visible) WHERE id = \(session) RETURNING *", logger: logger),
                CourseSession.init(postgres:))
        }
    }

    public func replaceRoles(session: Int64, exercise: String, roles: [RoleAssignment]) async throws {
        try await transaction { [logger] connection in
            try await connection.query("DELETE FROM roleplay_role WHERE session_id = \(session) AND exercise_id = \(exercise)", logger: logger)
            for role in roles {
                try await connection.query(
                    """
                    INSERT INTO roleplay_role (session_id, exercise_id, trainee_id, role_id, group_id)
                    VALUES (\(session), \(exercise), \(role.traineeId), \(role.roleId), \(role.groupId))
                    """, logger: logger)
            }
        }
    }

    public func roles(session: Int64, exercise: String) async throws -> [RoleAssignment] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT session_id, exercise_id, trainee_id, role_id, group_id FROM roleplay_role WHERE session_id = \(session) AND exercise_id = \(exercise) ORDER BY group_id, trainee_id",
                    logger: logger)
            ) { row in
                RoleAssignment(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), traineeId: try row[2].decode(Int64.self),
                    roleId: try row[3].decode(String.self), groupId: try row[4].decode(Int64.self))
            }
        }
    }

    public func groupDraftVersions(session: Int64, exercise: String, group: Int64) async throws -> [GroupDraftVersion] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT session_id, exercise_id, group_id, version, plan, trainee_id, sections, saved_at FROM group_draft_version
                    WHERE session_id = \(session) AND exercise_id = \(exercise) AND group_id = \(group) ORDER BY version
                    """, logger: logger)
            ) { row in
                GroupDraftVersion(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), groupId: try row[2].decode(Int64.self),
                    version: Int(try row[3].decode(Int32.self)), plan: try row[4].decode(String.self), traineeId: try row[5].decode(Int64.self),
                    sections: try row[6].decode(String.self), savedAt: try row[7].decode(Date.self))
            }
        }
    }

    public func addGroupDraftVersion(_ v: GroupDraftVersion) async throws -> Bool {
        try await run { [logger] connection in
            !(try await Self.all(
                try await connection.query(
                    """
                    INSERT INTO group_draft_version (session_id, exercise_id, group_id, version, plan, trainee_id, sections, saved_at)
                    VALUES (\(v.sessionId), \(v.exerciseId), \(v.groupId), \(v.version), \(v.plan), \(v.traineeId), \(v.sections), \(v.savedAt))
                    ON CONFLICT DO NOTHING RETURNING version
                    """, logger: logger)
            ) { try $0[0].decode(Int32.self) }).isEmpty
        }
    }

    public func saveGroupReview(_ r: GroupReview) async throws {
        try await run { [logger] connection in
            try await connection.query(
                """
                INSERT INTO group_review (session_id, exercise_id, reviewer_group, reviewed_group, marks, comment, trainee_id, updated_at)
                VALUES (\(r.sessionId), \(r.exerciseId), \(r.reviewerGroup), \(r.reviewedGroup), \(r.marks), \(r.comment), \(r.traineeId), \(r.updatedAt))
                ON CONFLICT (session_id, exercise_id, reviewer_group) DO UPDATE SET reviewed_group = excluded.reviewed_group,
                    marks = excluded.marks, comment = excluded.comment, trainee_id = excluded.trainee_id, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func groupReviews(session: Int64, exercise: String) async throws -> [GroupReview] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT session_id, exercise_id, reviewer_group, reviewed_group, marks, comment, trainee_id, updated_at FROM group_review
                    WHERE session_id = \(session) AND exercise_id = \(exercise) ORDER BY reviewer_group
                    """, logger: logger)
            ) { row in
                GroupReview(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), reviewerGroup: try row[2].decode(Int64.self),
                    reviewedGroup: try row[3].decode(Int64.self), marks: try row[4].decode(String.self), comment: try row[5].decode(String?.self),
                    traineeId: try row[6].decode(Int64.self), updatedAt: try row[7].decode(Date.self))
            }
        }
    }

    public func observations(byObserver trainee: Int64) async throws -> [StoredObservation] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT session_id, exercise_id, observer_id, player_id, marks, comment, updated_at FROM observation
                    WHERE observer_id = \(trainee) ORDER BY updated_at
                    """, logger: logger)
            ) { row in
                StoredObservation(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), observerId: try row[2].decode(Int64.self),
                    playerId: try row[3].decode(Int64.self), marks: try row[4].decode(String.self), comment: try row[5].decode(String?.self),
                    updatedAt: try row[6].decode(Date.self))
            }
        }
    }

    public func groupDraftVersions(byTrainee trainee: Int64) async throws -> [GroupDraftVersion] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT session_id, exercise_id, group_id, version, plan, trainee_id, sections, saved_at FROM group_draft_version
                    WHERE trainee_id = \(trainee) ORDER BY saved_at
                    """, logger: logger)
            ) { row in
                GroupDraftVersion(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), groupId: try row[2].decode(Int64.self),
                    version: Int(try row[3].decode(Int32.self)), plan: try row[4].decode(String.self), traineeId: try row[5].decode(Int64.self),
                    sections: try row[6].decode(String.self), savedAt: try row[7].decode(Date.self))
            }
        }
    }

    public func saveObservation(_ o: StoredObservation) async throws {
        try await run { [logger] connection in
            try await connection.query(
                """
                INSERT INTO observation (session_id, exercise_id, observer_id, player_id, marks, comment, updated_at)
                VALUES (\(o.sessionId), \(o.exerciseId), \(o.observerId), \(o.playerId), \(o.marks), \(o.comment), \(o.updatedAt))
                ON CONFLICT (exercise_id, observer_id, player_id) DO UPDATE SET marks = excluded.marks, comment = excluded.comment, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func observations(exercise: String, player: Int64) async throws -> [StoredObservation] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT session_id, exercise_id, observer_id, player_id, marks, comment, updated_at FROM observation
                    WHERE exercise_id = \(exercise) AND player_id = \(player) ORDER BY updated_at, observer_id
                    """, logger: logger)
            ) { row in
                StoredObservation(
                    sessionId: try row[0].decode(Int64.self), exerciseId: try row[1].decode(String.self), observerId: try row[2].decode(Int64.self),
                    playerId: try row[3].decode(Int64.self), marks: try row[4].decode(String.self), comment: try row[5].decode(String?.self),
                    updatedAt: try row[6].decode(Date.self))
            }
        }
    }

    public func exerciseStates(session: Int64) async throws -> [String: ExerciseState] {
        let states = try await run { [logger] connection in
            try await Self.all(
                try await connection.query("SELECT * FROM exercise_state WHERE session_id = \(session)", logger: logger), ExerciseState.init(postgres:))
        }
        return Dictionary(states.map { ($0.exerciseId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func setExerciseState(session: Int64, exercise: String, open: Bool?, revealed: Bool?, closesAt: Date?) async throws -> ExerciseState {
        try await run { [logger] connection in
            let now = Date()
            let rows = try await connection.query(
                """
                INSERT INTO exercise_state (session_id, exercise_id, open, revealed, updated_at, closes_at)
                VALUES (\(session), \(exercise), COALESCE(\(open), FALSE), COALESCE(\(revealed), FALSE), \(now), \(closesAt))
                ON CONFLICT (session_id, exercise_id) DO UPDATE SET
                    open = COALESCE(\(open), exercise_state.open), revealed = COALESCE(\(revealed), exercise_state.revealed), updated_at = \(now),
                    closes_at = CASE WHEN \(open)::BOOLEAN IS NULL THEN exercise_state.closes_at ELSE \(closesAt)::TIMESTAMPTZ END
                RETURNING *
                """, logger: logger)
            return try await Self.first(rows, ExerciseState.init(postgres:))!
        }
    }

    public func classroomSnapshot(session: Int64, trainee: Int64?, attemptsAt exercise: String?) async throws -> ClassroomSnapshot? {
        // One transaction, so that the session, its states and the submissions are one moment's.
        try await transaction { [logger] connection in
            guard let found = try await Self.first(
                try await connection.query("SELECT * FROM course_session WHERE id = \(session)", logger: logger), CourseSession.init(postgres:))
            else { return nil }
            let states = try await Self.all(
                try await connection.query("SELECT * FROM exercise_state WHERE session_id = \(session)", logger: logger), ExerciseState.init(postgres:))
            var submissions: [Submission] = []
            var attempts = 0
            if let trainee, let exercise {
                attempts = try await Self.attemptsUsed(trainee: trainee, exercise: exercise, on: connection, logger: logger)
            } else if let trainee {
                submissions = try await Self.all(
                    try await connection.query("SELECT * FROM submission WHERE trainee_id = \(trainee) ORDER BY id", logger: logger),
                    Submission.init(postgres:))
            }
            return ClassroomSnapshot(
                session: found, states: Dictionary(states.map { ($0.exerciseId, $0) }, uniquingKeysWith: { first, _ in first }),
                submissions: submissions, attemptsUsed: attempts)
        }
    }

    // MARK: Trainees

    public func addTrainee(session: Int64, name: String, tokenHash: String, reentryCode: String?) async throws -> Trainee {
        try await transaction { [logger] connection in
            // The session's row is the lock: two instances adding trainees to one class number them in turn.
            try await connection.query("SELECT id FROM course_session WHERE id = \(session) FOR UPDATE", logger: logger)
            let number = try await Self.first(
                try await connection.query("SELECT COALESCE(MAX(number), 0) + 1 FROM trainee WHERE session_id = \(session)", logger: logger)
            ) { try $0[0].decode(Int.self) } ?? 1
            let rows = try await connection.query(
                """
                INSERT INTO trainee (session_id, name, token_hash, number, created_at, reentry_code)
                VALUES (\(session), \(name), \(tokenHash), \(number), \(Date()), \(reentryCode)) RETURNING *
                """, logger: logger)
            return try await Self.first(rows, Trainee.init(postgres:))!
        }
    }

    public func trainee(forTokenHash hash: String) async throws -> Trainee? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    """
                    SELECT * FROM trainee WHERE token_hash = \(hash)
                    UNION ALL
                    SELECT trainee.* FROM trainee JOIN trainee_token ON trainee_token.trainee_id = trainee.id WHERE trainee_token.token_hash = \(hash)
                    LIMIT 1
                    """, logger: logger), Trainee.init(postgres:))
        }
    }

    public func trainee(session: Int64, name: String, reentryCode: String) async throws -> Trainee? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    "SELECT * FROM trainee WHERE session_id = \(session) AND name = \(name) AND reentry_code = \(reentryCode)", logger: logger),
                Trainee.init(postgres:))
        }
    }

    public func addTraineeToken(trainee: Int64, tokenHash: String) async throws {
        try await run { [logger] connection in
            try await connection.query(
                "INSERT INTO trainee_token (token_hash, trainee_id, created_at) VALUES (\(tokenHash), \(trainee), \(Date()))", logger: logger)
        }
    }

    public func setReentryCode(trainee: Int64, code: String) async throws -> Trainee? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query("UPDATE trainee SET reentry_code = \(code) WHERE id = \(trainee) RETURNING *", logger: logger),
                Trainee.init(postgres:))
        }
    }

    public func mergeTrainee(_ from: Int64, into: Int64) async throws -> Int {
        try await transaction { [logger] connection in
            // Both rows locked: a submission arriving for either waits for the merge.
            try await connection.query("SELECT id FROM trainee WHERE id IN (\(from), \(into)) ORDER BY id FOR UPDATE", logger: logger)
            let moved = try await Self.all(
                try await connection.query("UPDATE submission SET trainee_id = \(into) WHERE trainee_id = \(from) RETURNING id", logger: logger)
            ) { try $0[0].decode(Int64.self) }.count
            try await connection.query(
                """
                UPDATE submission SET attempt = numbered.attempt FROM (
                    SELECT id, ROW_NUMBER() OVER (PARTITION BY exercise_id ORDER BY id) AS attempt FROM submission WHERE trainee_id = \(into)
                ) AS numbered WHERE numbered.id = submission.id
                """, logger: logger)
            try await connection.query(
                """
                UPDATE plan_draft SET trainee_id = \(into) WHERE trainee_id = \(from)
                AND NOT EXISTS (SELECT 1 FROM plan_draft WHERE trainee_id = \(into))
                """, logger: logger)
            try await connection.query(
                "DELETE FROM check_in WHERE trainee_id = \(from) AND date IN (SELECT date FROM check_in WHERE trainee_id = \(into))", logger: logger)
            try await connection.query("UPDATE check_in SET trainee_id = \(into) WHERE trainee_id = \(from)", logger: logger)
            try await connection.query(
                """
                UPDATE own_case SET trainee_id = \(into) WHERE trainee_id = \(from)
                AND NOT EXISTS (SELECT 1 FROM own_case WHERE trainee_id = \(into))
                """, logger: logger)
            try await connection.query(
                "UPDATE group_member SET trainee_id = \(into) WHERE trainee_id = \(from) AND NOT EXISTS (SELECT 1 FROM group_member WHERE trainee_id = \(into))",
                logger: logger)
            try await connection.query(
                """
                UPDATE quarter_case SET trainee_id = \(into) WHERE trainee_id = \(from) AND NOT EXISTS
                (SELECT 1 FROM quarter_case AS mine WHERE mine.trainee_id = \(into) AND mine.period_start = quarter_case.period_start AND mine.quarter = quarter_case.quarter)
                """, logger: logger)
            try await connection.query(
                "INSERT INTO trainee_token (token_hash, trainee_id, created_at) SELECT token_hash, \(into), created_at FROM trainee WHERE id = \(from)",
                logger: logger)
            try await connection.query("UPDATE trainee_token SET trainee_id = \(into) WHERE trainee_id = \(from)", logger: logger)
            try await connection.query("DELETE FROM trainee WHERE id = \(from)", logger: logger)
            return moved
        }
    }

    public func deleteTrainee(id: Int64) async throws -> Bool {
        try await run { [logger] connection in
            !(try await Self.all(try await connection.query("DELETE FROM trainee WHERE id = \(id) RETURNING id", logger: logger)) {
                try $0[0].decode(Int64.self)
            }).isEmpty
        }
    }

    public func trainee(id: Int64) async throws -> Trainee? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM trainee WHERE id = \(id)", logger: logger), Trainee.init(postgres:))
        }
    }

    public func trainees(session: Int64) async throws -> [Trainee] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query("SELECT * FROM trainee WHERE session_id = \(session) ORDER BY number", logger: logger), Trainee.init(postgres:))
        }
    }

    // MARK: Submissions

    public func recordSubmission(_ new: NewSubmission) async throws -> (submission: Submission, attemptsUsed: Int) {
        // Its own transaction, committed before the caller answers: PostgreSQL syncs the commit
        // (synchronous_commit) and groups concurrent commits itself, so there is no batcher here.
        try await transaction { [logger] connection in
            // The trainee's row is the lock: the attempt count and the insert are one step even when
            // two instances take two submissions of one trainee at once.
            try await connection.query("SELECT id FROM trainee WHERE id = \(new.traineeId) FOR UPDATE", logger: logger)
            let state = try await Self.first(
                try await connection.query(
                    "SELECT * FROM exercise_state WHERE session_id = \(new.sessionId) AND exercise_id = \(new.exerciseId)", logger: logger),
                ExerciseState.init(postgres:))
            guard let state, state.open else {
                if let state, state.timeIsUp, let at = state.closesAt { throw SubmissionRefusal.timeUp(at: at) }
                throw SubmissionRefusal.closed
            }
            let used = try await Self.attemptsUsed(trainee: new.traineeId, exercise: new.exerciseId, on: connection, logger: logger)
            if new.attemptsAllowed > 0 && used >= new.attemptsAllowed {
                throw SubmissionRefusal.noAttemptsLeft(allowed: new.attemptsAllowed)
            }
            let now = Date()
            let attempt = used + 1
            let rows = try await connection.query(
                """
                INSERT INTO submission (session_id, trainee_id, exercise_id, variant, raw, grade, trainee_grade,
                    score, max_score, needs_manual, created_at, graded_at, attempt)
                VALUES (\(new.sessionId), \(new.traineeId), \(new.exerciseId), \(new.variant), \(new.raw), \(new.grade), \(new.traineeGrade),
                    \(new.score), \(new.maxScore), \(new.needsManual), \(now), \(now), \(attempt)) RETURNING id
                """, logger: logger)
            let id = try await Self.first(rows) { try $0[0].decode(Int64.self) }!
            let stored = Submission(
                id: id, sessionId: new.sessionId, traineeId: new.traineeId, exerciseId: new.exerciseId, variant: new.variant,
                raw: new.raw, grade: new.grade, traineeGrade: new.traineeGrade, score: new.score, maxScore: new.maxScore,
                needsManual: new.needsManual, createdAt: now, gradedAt: now, rubricScores: nil, rubricScore: nil, overrideScore: nil,
                overrideComment: nil, overriddenAt: nil)
            return (stored, attempt)
        }
    }

    static func attemptsUsed(trainee: Int64, exercise: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await first(
            try await connection.query(
                "SELECT attempt FROM submission WHERE trainee_id = \(trainee) AND exercise_id = \(exercise) ORDER BY attempt DESC LIMIT 1",
                logger: logger)
        ) { try $0[0].decode(Int.self) } ?? 0
    }

    public func submission(id: Int64) async throws -> Submission? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM submission WHERE id = \(id)", logger: logger), Submission.init(postgres:))
        }
    }

    public func submissions(trainee: Int64, exercise: String?) async throws -> [Submission] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT * FROM submission WHERE trainee_id = \(trainee) AND (\(exercise)::TEXT IS NULL OR exercise_id = \(exercise)) ORDER BY id",
                    logger: logger), Submission.init(postgres:))
        }
    }

    public func submissions(session: Int64, exercise: String?) async throws -> [Submission] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT * FROM submission WHERE session_id = \(session) AND (\(exercise)::TEXT IS NULL OR exercise_id = \(exercise)) ORDER BY id",
                    logger: logger), Submission.init(postgres:))
        }
    }

    public func overrideScore(submission: Int64, score: Double?, comment: String?) async throws -> Submission? {
        let at: Date? = score == nil ? nil : Date()
        return try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    """
                    UPDATE submission SET override_score = \(score), override_comment = \(comment), overridden_at = \(at)
                    WHERE id = \(submission) RETURNING *
                    """, logger: logger), Submission.init(postgres:))
        }
    }

    public func scoreRubric(submission: Int64, scores: String, total: Double) async throws -> Submission? {
        try await run { [logger] connection in
            try await Self.first(
                try await connection.query(
                    "UPDATE submission SET rubric_scores = \(scores), rubric_score = \(total) WHERE id = \(submission) RETURNING *", logger: logger),
                Submission.init(postgres:))
        }
    }

    public func applyRegrades(_ regrades: [Regrade]) async throws -> Int {
        try await transaction { [logger] connection in
            var changed = 0
            let now = Date()
            for regrade in regrades {
                guard let old = try await Self.first(
                    try await connection.query("SELECT score FROM submission WHERE id = \(regrade.submissionId) FOR UPDATE", logger: logger),
                    { try $0[0].decode(Double.self) })
                else { continue }
                if abs(old - regrade.score) > 1e-9 { changed += 1 }
                // Only the automatic columns: override_* and rubric_* are a person's and stay.
                try await connection.query(
                    """
                    UPDATE submission SET grade = \(regrade.grade), trainee_grade = \(regrade.traineeGrade), score = \(regrade.score),
                        max_score = \(regrade.maxScore), needs_manual = \(regrade.needsManual), graded_at = \(now)
                    WHERE id = \(regrade.submissionId)
                    """, logger: logger)
            }
            return changed
        }
    }

    // MARK: My own distributor

    public func saveOwnCase(trainee: Int64, caseJSON: String) async throws -> OwnCase {
        try await run { [logger] connection in
            let now = Date()
            let rows = try await connection.query(
                """
                INSERT INTO own_case (trainee_id, case_json, updated_at) VALUES (\(trainee), \(caseJSON), \(now))
                ON CONFLICT (trainee_id) DO UPDATE SET case_json = excluded.case_json, updated_at = excluded.updated_at RETURNING *
                """, logger: logger)
            return try await Self.first(rows, OwnCase.init(postgres:))!
        }
    }

    public func ownCase(trainee: Int64) async throws -> OwnCase? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM own_case WHERE trainee_id = \(trainee)", logger: logger), OwnCase.init(postgres:))
        }
    }

    public func ownCases(session: Int64) async throws -> [OwnCase] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT own_case.* FROM own_case JOIN trainee ON trainee.id = own_case.trainee_id WHERE trainee.session_id = \(session)",
                    logger: logger), OwnCase.init(postgres:))
        }
    }

    public func saveQuarterCase(_ quarter: QuarterCase) async throws {
        try await run { [logger] connection in
            try await connection.query(
                """
                INSERT INTO quarter_case (trainee_id, period_start, quarter, case_json, updated_at)
                VALUES (\(quarter.traineeId), \(quarter.periodStart), \(quarter.quarter), \(quarter.caseJSON), \(quarter.updatedAt))
                ON CONFLICT (trainee_id, period_start, quarter) DO UPDATE SET case_json = excluded.case_json, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func quarterCases(trainee: Int64, periodStart: String) async throws -> [QuarterCase] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT * FROM quarter_case WHERE trainee_id = \(trainee) AND period_start = \(periodStart) ORDER BY quarter",
                    logger: logger), QuarterCase.init(postgres:))
        }
    }

    // MARK: Homework plan and follow-up

    public func saveDraft(trainee: Int64, plan: String) async throws -> PlanDraft {
        try await run { [logger] connection in
            let now = Date()
            let rows = try await connection.query(
                """
                INSERT INTO plan_draft (trainee_id, plan, updated_at) VALUES (\(trainee), \(plan), \(now))
                ON CONFLICT (trainee_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at RETURNING *
                """, logger: logger)
            return try await Self.first(rows, PlanDraft.init(postgres:))!
        }
    }

    public func draft(trainee: Int64) async throws -> PlanDraft? {
        try await run { [logger] connection in
            try await Self.first(try await connection.query("SELECT * FROM plan_draft WHERE trainee_id = \(trainee)", logger: logger), PlanDraft.init(postgres:))
        }
    }

    public func recordCheckIn(
        trainee: Int64, submission: Int64, date: String, values: String, result: String
    ) async throws -> (checkIn: CheckIn, replaced: Bool) {
        try await transaction { [logger] connection in
            // One check-in per day: recording a day again corrects it, in one transaction.
            try await connection.query("SELECT id FROM trainee WHERE id = \(trainee) FOR UPDATE", logger: logger)
            let removed = try await Self.all(
                try await connection.query("DELETE FROM check_in WHERE trainee_id = \(trainee) AND date = \(date) RETURNING id", logger: logger)
            ) { try $0[0].decode(Int64.self) }
            let rows = try await connection.query(
                """
                INSERT INTO check_in (trainee_id, submission_id, date, "values", result, created_at)
                VALUES (\(trainee), \(submission), \(date), \(values), \(result), \(Date())) RETURNING *
                """, logger: logger)
            return (try await Self.first(rows, CheckIn.init(postgres:))!, !removed.isEmpty)
        }
    }

    public func deleteCheckIn(trainee: Int64, date: String) async throws -> Bool {
        try await run { [logger] connection in
            let removed = try await Self.all(
                try await connection.query("DELETE FROM check_in WHERE trainee_id = \(trainee) AND date = \(date) RETURNING id", logger: logger)
            ) { try $0[0].decode(Int64.self) }
            return !removed.isEmpty
        }
    }

    public func checkIns(trainee: Int64) async throws -> [CheckIn] {
        try await run { [logger] connection in
            try await Self.all(
                try await connection.query("SELECT * FROM check_in WHERE trainee_id = \(trainee) ORDER BY date, id", logger: logger),
                CheckIn.init(postgres:))
        }
    }

    public func setCheckComment(submission: Int64, check: String, comment: String, trainer: Int64) async throws -> [CheckComment] {
        try await transaction { [logger] connection in
            if comment.isEmpty {
                try await connection.query(
                    "DELETE FROM check_comment WHERE submission_id = \(submission) AND check_id = \(check)", logger: logger)
            } else {
                try await connection.query(
                    """
                    INSERT INTO check_comment (submission_id, check_id, comment, trainer_id, updated_at)
                    VALUES (\(submission), \(check), \(comment), \(trainer), \(Date()))
                    ON CONFLICT (submission_id, check_id) DO UPDATE SET comment = excluded.comment,
                        trainer_id = excluded.trainer_id, updated_at = excluded.updated_at
                    """, logger: logger)
            }
            return try await Self.all(
                try await connection.query(
                    "SELECT * FROM check_comment WHERE submission_id = \(submission) ORDER BY check_id", logger: logger),
                CheckComment.init(postgres:))
        }
    }

    public func checkComments(submissions: [Int64]) async throws -> [CheckComment] {
        guard !submissions.isEmpty else { return [] }
        return try await run { [logger] connection in
            try await Self.all(
                try await connection.query(
                    "SELECT * FROM check_comment WHERE submission_id = ANY(\(submissions)) ORDER BY check_id", logger: logger),
                CheckComment.init(postgres:))
        }
    }

    // MARK: Inspection

    public func snapshot() async throws -> [String: [String]] {
        try await transaction { [logger] connection in
            let tables = try await Self.all(
                try await connection.query(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", logger: logger)
            ) { try $0[0].decode(String.self) }
            var rows: [String: [String]] = [:]
            for table in tables {
                // A table's name is not a bind parameter: it comes from the catalogue above, quoted.
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                rows[table] = try await Self.all(
                    try await connection.query(PostgresQuery(unsafeSQL: "SELECT t::TEXT FROM \(quoted) AS t ORDER BY 1"), logger: logger)
                ) { try $0[0].decode(String.self) }
            }
            return rows
        }
    }

    /// The names of the migrations applied to the database, in the order they were applied.
    public func appliedMigrations() async throws -> [String] {
        try await run { [logger] connection in
            try await Self.all(try await connection.query("SELECT name FROM jbp_migration ORDER BY applied_at, name", logger: logger)) {
                try $0[0].decode(String.self)
            }
        }
    }
}

// Reading records from rows by column name, so that `SELECT *` keeps working as columns are added.
extension Trainer {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row["id"].decode(Int64.self), name: try row["name"].decode(String.self),
            passwordHash: try row["password_hash"].decode(String.self), createdAt: try row["created_at"].decode(Date.self),
            isAdmin: try row["is_admin"].decode(Bool.self))
    }
}
extension CourseSession {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row["id"].decode(Int64.self), title: try row["title"].decode(String.self), startsOn: try row["starts_on"].decode(String.self),
            endsOn: try row["ends_on"].decode(String.self), homeworkDue: try row["homework_due"].decode(String?.self),
            joinCode: try row["join_code"].decode(String.self), createdBy: try row["created_by"].decode(Int64.self),
            createdAt: try row["created_at"].decode(Date.self), timeZone: try row["time_zone"].decode(String?.self),
            archivedAt: try row["archived_at"].decode(Date?.self), leaderboardVisible: try row["leaderboard_visible"].decode(Bool.self))
    }
}
extension ExerciseState {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            sessionId: try row["session_id"].decode(Int64.self), exerciseId: try row["exercise_id"].decode(String.self),
            open: try row["open"].decode(Bool.self), revealed: try row["revealed"].decode(Bool.self), updatedAt: try row["updated_at"].decode(Date.self),
            closesAt: try row["closes_at"].decode(Date?.self))
    }
}
extension Trainee {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row["id"].decode(Int64.self), sessionId: try row["session_id"].decode(Int64.self), name: try row["name"].decode(String.self),
            tokenHash: try row["token_hash"].decode(String.self), number: try row["number"].decode(Int.self),
            createdAt: try row["created_at"].decode(Date.self), reentryCode: try row["reentry_code"].decode(String?.self))
    }
}
extension Submission {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row["id"].decode(Int64.self), sessionId: try row["session_id"].decode(Int64.self), traineeId: try row["trainee_id"].decode(Int64.self),
            exerciseId: try row["exercise_id"].decode(String.self), variant: try row["variant"].decode(Int.self), raw: try row["raw"].decode(String.self),
            grade: try row["grade"].decode(String.self), traineeGrade: try row["trainee_grade"].decode(String.self),
            score: try row["score"].decode(Double.self), maxScore: try row["max_score"].decode(Double.self),
            needsManual: try row["needs_manual"].decode(Bool.self), createdAt: try row["created_at"].decode(Date.self),
            gradedAt: try row["graded_at"].decode(Date.self), rubricScores: try row["rubric_scores"].decode(String?.self),
            rubricScore: try row["rubric_score"].decode(Double?.self), overrideScore: try row["override_score"].decode(Double?.self),
            overrideComment: try row["override_comment"].decode(String?.self), overriddenAt: try row["overridden_at"].decode(Date?.self))
    }
}
extension QuarterCase {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            traineeId: try row["trainee_id"].decode(Int64.self), periodStart: try row["period_start"].decode(String.self),
            quarter: Int(try row["quarter"].decode(Int32.self)), caseJSON: try row["case_json"].decode(String.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }
}
extension OwnCase {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            traineeId: try row["trainee_id"].decode(Int64.self), caseJSON: try row["case_json"].decode(String.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }
}
extension PlanDraft {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            traineeId: try row["trainee_id"].decode(Int64.self), plan: try row["plan"].decode(String.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }
}
extension CheckIn {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row["id"].decode(Int64.self), traineeId: try row["trainee_id"].decode(Int64.self),
            submissionId: try row["submission_id"].decode(Int64.self), date: try row["date"].decode(String.self),
            values: try row["values"].decode(String.self), result: try row["result"].decode(String.self),
            createdAt: try row["created_at"].decode(Date.self))
    }
}
extension CheckComment {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            submissionId: try row["submission_id"].decode(Int64.self), checkId: try row["check_id"].decode(String.self),
            comment: try row["comment"].decode(String.self), trainerId: try row["trainer_id"].decode(Int64?.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }
}
