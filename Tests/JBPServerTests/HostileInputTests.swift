import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// Issue 8, hostile input: every bad request gets a 4xx with `{"error": "<one sentence>"}`,
/// never a 5xx, a crash or a hang, and stores nothing. The corpus is the hand-written
/// `Fixtures/hostile/api.jsonl` (wrong types, absurd values, script tags and SQL in text
/// fields, path traversal in ids and file names, unknown and other trainees' ids) plus broken
/// bodies built here (truncated JSON, NaN, Infinity, 400-digit numbers, 10,000-deep nesting,
/// invalid UTF-8, 10 MB) sent to every route that reads a body. The server runs the real
/// course, graded by the real grader.
@Suite("Hostile input", .timeLimit(.minutes(10)))
struct HostileInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile")

    /// One request of the corpus.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPRequest.Method
        var path: String
        /// `nobody`, `trainer`, `a`, `b` (A's classmate), `c` (another session), or a forged token.
        var who: String
        var body: [UInt8]?
        var contentType: String
        /// The status it must get; any 4xx when nil.
        var status: Int?
        /// Whether the path and body name ids of the classroom (`{session}`, `{a_sub}`, …).
        var hasPlaceholders = false
        var testDescription: String { name }
    }

    /// The ids a case's path and body may name, filled in once the classroom is set up.
    struct Classroom: Sendable {
        var trainerToken: String
        var session: Int64
        var otherSession: Int64
        var code: String
        var a: (id: Int64, token: String)
        var b: (id: Int64, token: String)
        var c: (id: Int64, token: String)
        var aSubmission: Int64
        var aLetter: Int64
        /// A's homework plan.
        var aPlan: Int64
        /// What brings A back on another device.
        var aReentry: String = ""
        /// A trainer who is neither an admin nor a trainer of these sessions.
        var otherTrainerToken: String = ""

        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{session}", with: "\(session)")
                .replacingOccurrences(of: "{other_session}", with: "\(otherSession)")
                .replacingOccurrences(of: "{code}", with: code)
                .replacingOccurrences(of: "{a_sub}", with: "\(aSubmission)")
                .replacingOccurrences(of: "{a_letter}", with: "\(aLetter)")
                .replacingOccurrences(of: "{a_plan}", with: "\(aPlan)")
                .replacingOccurrences(of: "{a_trainee}", with: "\(a.id)")
                .replacingOccurrences(of: "{c_trainee}", with: "\(c.id)")
                .replacingOccurrences(of: "{rubric_item}", with: "result_first")
                .replacingOccurrences(of: "{a_reentry}", with: aReentry)
        }

        func headers(for who: String) -> HTTPFields {
            var headers = HTTPFields()
            switch who {
            case "trainer": headers[.authorization] = "Bearer " + trainerToken
            case "a": headers[.authorization] = "Bearer " + a.token
            case "b": headers[.authorization] = "Bearer " + b.token
            case "c": headers[.authorization] = "Bearer " + c.token
            case "forged-trainee": headers[.authorization] = "Bearer trainee_" + String(repeating: "0", count: 43)
            case "forged-trainer": headers[.authorization] = "Bearer trainer_" + String(repeating: "0", count: 43)
            case "long-token": headers[.authorization] = "Bearer trainee_" + String(repeating: "x", count: 100_000)
            case "sql-token": headers[.authorization] = "Bearer trainee_' OR '1'='1"
            default: break
            }
            return headers
        }
    }

    /// The hand-written corpus.
    static func fileCases() throws -> [Case] {
        let text = try String(contentsOf: folder.appendingPathComponent("api.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let row = try #require(JSONValue.parse(String(line)), "not JSON: \(line)")
            return Case(
                name: row["name"]?.string ?? "", method: HTTPRequest.Method(row["method"]?.string ?? "GET")!,
                path: row["path"]?.string ?? "/", who: row["as"]?.string ?? "nobody",
                body: row["body"]?.string.map { Array($0.utf8) }, contentType: row["type"]?.string ?? "application/json",
                status: row["status"]?.number.map { Int($0) }, hasPlaceholders: true)
        }
    }

    /// Every route that reads a JSON body, with whom it is sent as.
    static let bodyRoutes: [(HTTPRequest.Method, String, String)] = [
        (.post, "/api/trainer/login", "nobody"),
        (.post, "/api/sessions", "trainer"),
        (.patch, "/api/sessions/{session}/exercises/quiz-m1-jbp", "trainer"),
        (.patch, "/api/sessions/{session}", "trainer"),
        (.post, "/api/join", "nobody"),
        (.post, "/api/me/exercises/quiz-m1-jbp/submissions", "a"),
        (.post, "/api/me/exercises/review-hengda/submissions", "a"),
        (.post, "/api/me/exercises/segment-portfolio/submissions", "a"),
        (.post, "/api/me/exercises/text-vito-letter/submissions", "a"),
        (.post, "/api/me/exercises/plan-homework/submissions", "a"),
        (.put, "/api/me/plan", "a"),
        (.post, "/api/me/plan/checkins", "a"),
        (.post, "/api/me/plan/projection", "a"),
        (.post, "/api/me/plan/import", "a"),
        (.post, "/api/submissions/{a_plan}/comments", "trainer"),
        (.post, "/api/submissions/{a_sub}/override", "trainer"),
        (.post, "/api/submissions/{a_letter}/rubric", "trainer"),
        (.post, "/api/sessions/{session}/regrade", "trainer"),
        (.post, "/api/rejoin", "nobody"),
        (.post, "/api/trainees/{c_trainee}/merge", "trainer"),
        (.post, "/api/sessions/{session}/trainers", "trainer"),
        (.put, "/api/me/case", "a"),
        (.post, "/api/sessions/{session}/groups", "trainer"),
        (.post, "/api/sessions/{session}/exercises/roleplay-vito/deal", "trainer"),
        (.post, "/api/me/exercises/roleplay-vito/submissions", "a"),
    ]

    /// Filled-in case templates (and YAML) that the import must refuse, each naming the row.
    static let importBodies: [(String, String, [UInt8])] = {
        let header = "key,中文名称,单位,取数来源,value\n"
        return [
            ("a CSV that is not UTF-8", "text/csv", Array(header.utf8) + Array("sales.actual,".utf8) + [0xC4, 0xEA, 0xCF, 0xFA] + Array(",元,进销存,1\n".utf8)),
            ("a CSV with only its header", "text/csv", Array(header.utf8)),
            ("a CSV with a second header", "text/csv", Array((header + header + "sales.actual,销售额,元,进销存,100\n").utf8)),
            ("a CSV with text where a number belongs", "text/csv", Array((header + "sales.actual,销售额,元,进销存,很多\n").utf8)),
            ("a CSV with an unknown key", "text/csv", Array((header + "sales.actaul,销售额,元,进销存,100\n").utf8)),
            ("a CSV with a script for a value", "text/csv", Array((header + "name,经销商名称,,,<script>alert(1)</script>\n").utf8)),
            ("an empty CSV", "text/csv", []),
            ("YAML that is not a case", "application/yaml", Array("- 1\n- 2\n".utf8)),
            ("YAML with a negative sales figure", "application/yaml", Array("id: x\nname: x\nsales: {target: 1, actual: -5}\n".utf8)),
            ("YAML 10,000 levels deep", "application/yaml", Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)),
        ]
    }()

    /// Bodies no route can read.
    static let brokenBodies: [(String, [UInt8])] = {
        let digits = "1" + String(repeating: "7", count: 399)
        let valid = #"{"answers":{"roi":0.0919,"net_profit":"29.4万"},"plan":{"goals":[]},"name":"甲","password":"correct horse battery","title":"x","starts_on":"2026-03-02","ends_on":"2026-03-03","open":true,"join_code":"AAAAAA","date":"2026-03-31","values":{"M1":0.5},"score":1,"comment":"x","scores":{},"exercise":"quiz-m1-jbp"}"#
        return [
            ("an empty body", []),
            ("one brace", Array("{".utf8)),
            ("truncated after a key", Array(#"{"answers":"#.utf8)),
            ("truncated in half", Array(valid.utf8.prefix(valid.utf8.count / 2))),
            ("truncated by one byte", Array(valid.utf8.dropLast())),
            ("single quotes", Array("{'answers': {'roi': 1}}".utf8)),
            ("a trailing comma", Array(#"{"answers":{"roi":1,}}"#.utf8)),
            ("two documents", Array((valid + valid).utf8)),
            ("null", Array("null".utf8)),
            ("a bare number", Array("42".utf8)),
            ("a list", Array("[1,2,3]".utf8)),
            ("NaN", Array(#"{"answers":{"roi":NaN},"score":NaN}"#.utf8)),
            ("Infinity", Array(#"{"answers":{"roi":Infinity},"score":Infinity}"#.utf8)),
            ("-Infinity", Array(#"{"answers":{"roi":-Infinity},"score":-Infinity}"#.utf8)),
            ("a 400-digit number", Array(#"{"answers":{"roi":\#(digits)},"score":\#(digits),"values":{"M1":\#(digits)}}"#.utf8)),
            ("1e999", Array(#"{"answers":{"roi":1e999},"score":1e999}"#.utf8)),
            ("10,000-deep nesting", Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8)),
            ("10,000-deep lists", Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)),
            ("invalid UTF-8", Array(#"{"name":""#.utf8) + [0xFF, 0xFE, 0xC0, 0x80] + Array(#"","answers":{"roi":1}}"#.utf8)),
            ("a lone surrogate", Array(#"{"name":"\ud800","answers":{"text":"\udc00"}}"#.utf8)),
            ("a YAML body", Array("answers:\n  roi: 0.0919\n".utf8)),
            ("10 MB", Array(#"{"answers":{"text":""#.utf8) + [UInt8](repeating: 0x61, count: 10_000_000) + Array(#""}}"#.utf8)),
        ]
    }()

    /// The whole corpus: the file's cases and every broken body on every body route.
    static func corpus() throws -> [Case] {
        var cases = try fileCases()
        for (method, path, who) in bodyRoutes {
            for (what, body) in brokenBodies {
                cases.append(Case(name: "\(method) \(path): \(what)", method: method, path: path, who: who, body: body, contentType: "application/json"))
            }
        }
        for (what, type, body) in importBodies {
            cases.append(Case(name: "POST /api/me/case/import: \(what)", method: .post, path: "/api/me/case/import", who: "a", body: body, contentType: type, status: 422))
        }
        return cases
    }

    /// The classroom every case runs against: two sessions, trainees A and B in the first and
    /// C in the second, five exercises open in the first, and some of A's work stored.
    static func setUp(_ client: some TestClientProtocol) async throws -> Classroom {
        let token = try await client.trainerToken()
        let one = try await client.newSession(token, title: "一班")
        let two = try await client.newSession(token, title: "二班")
        for exercise in ["quiz-m1-jbp", "review-hengda", "segment-portfolio", "text-vito-letter", "plan-homework"] {
            try await client.setExercise(token, session: one.id, exercise, open: true)
        }
        let joinedA = try await client.call(.post, "/api/join", json: ["join_code": .string(one.code), "name": "甲"])
        let a = (id: Int64(try #require(joinedA.json["trainee_id"]?.number)), token: try #require(joinedA.json["token"]?.string))
        let b = try await client.join(one.code, name: "乙")
        let c = try await client.join(two.code, name: "丙")
        let quiz = try await client.submit(a.token, "quiz-m1-jbp", answers: ["purpose": "b"])
        #expect(quiz.status == .created, "\(quiz.text)")
        let letter = try await client.submit(a.token, "text-vito-letter", answers: ["text": "尊敬的王总：贵司去年ROI为9.2%。"])
        #expect(letter.status == .created, "\(letter.text)")
        let plan: JSONValue = [
            "period": ["start": "2026-01-01", "end": "2026-12-31"],
            "goals": [["id": "G1", "metric": "coverage_rate.traditional", "baseline": 0.479, "target": 0.55, "deadline": "2026-12-31"]],
            "measures": [["id": "M1", "goal": "G1", "kpi": "coverage_rate.traditional", "target": 0.55, "frequency": "monthly", "owner": "王经理"]],
        ]
        let planned = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a.token), json: ["plan": plan])
        #expect(planned.status == .created, "\(planned.text)")
        return Classroom(
            trainerToken: token, session: one.id, otherSession: two.id, code: one.code, a: a, b: b, c: c,
            aSubmission: Int64(try #require(quiz.json["submission_id"]?.number)),
            aLetter: Int64(try #require(letter.json["submission_id"]?.number)),
            aPlan: Int64(try #require(planned.json["submission_id"]?.number)),
            aReentry: try #require(joinedA.json["reentry_code"]?.string),
            otherTrainerToken: try await client.trainerToken(name: otherTrainerName))
    }

    /// Builds the server on the real course and a fresh in-memory database.
    static func withCourseApp(_ body: @Sendable (any TestClientProtocol, any ClassroomStore) async throws -> Void) async throws {
        let content = try ServerCourse.load(root: CourseIntegrationTests.root)
        try await TestStore.with { database in
            _ = try await JBPServer.Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            _ = try await JBPServer.Classroom.addTrainer(name: otherTrainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in try await body(client, database) }
        }
    }

    /// What a refusal must look like: a 4xx (the expected one where the case says), a JSON
    /// object whose `error` is one sentence on one line, no stack trace or Swift type.
    static func problems(of answer: Answer, for item: Case) -> [String] {
        var found: [String] = []
        let code = answer.status.code
        if let expected = item.status {
            if code != expected { found.append("status \(code), expected \(expected)") }
        } else if !(400..<500).contains(code) {
            found.append("status \(code), expected a 4xx")
        }
        guard let object = answer.json.object, let error = object["error"]?.string else {
            return found + ["body is not {\"error\": …}: \(answer.text.prefix(200))"]
        }
        if !Set(object.keys).isSubset(of: ["error", "format_errors"]) { found.append("unexpected keys \(object.keys.sorted())") }
        if error.isEmpty || error.contains("\n") || error.count > 400 { found.append("error is not one short line: \(error.prefix(200))") }
        for trace in ["Swift.", "Fatal", "DecodingError", "CodingKeys", "0x", ".swift:"] where error.contains(trace) {
            found.append("error shows internals (\(trace)): \(error)")
        }
        return found
    }

    /// The tables whose rows differ between two snapshots, each as `table: n → m rows`.
    static func changes(from before: [String: [String]], to after: [String: [String]]) -> [String] {
        Set(before.keys).union(after.keys).sorted().compactMap { table in
            let old = before[table] ?? [], new = after[table] ?? []
            return old == new ? nil : "\(table): \(old.count) → \(new.count) rows" + (old.count == new.count ? " (a row changed)" : "")
        }
    }

    @Test("Every input of the corpus is refused with a 4xx and one sentence, and stores nothing")
    func corpusIsRefused() async throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 200)
        print("hostile API corpus: \(corpus.count) requests")
        try await Self.withCourseApp { client, database in
            let classroom = try await Self.setUp(client)
            var before = try await database.snapshot()
            #expect(before["submission"]?.count == 3)
            for item in corpus {
                var headers = classroom.headers(for: item.who)
                if !item.contentType.isEmpty, item.body != nil { headers[.contentType] = item.contentType }
                let started = ContinuousClock.now
                let answer = try await client.execute(
                    uri: classroom.fill(item.path), method: item.method, headers: headers,
                    body: item.body.map { ByteBuffer(bytes: item.hasPlaceholders ? Array(classroom.fill(String(decoding: $0, as: UTF8.self)).utf8) : $0) }
                ) { response in
                    Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
                }
                let took = ContinuousClock.now - started
                let problems = Self.problems(of: answer, for: item)
                #expect(problems.isEmpty, "\(item.name): \(problems.joined(separator: "; "))")
                #expect(took < .seconds(5), "\(item.name) took \(took)")
                let after = try await database.snapshot()
                let changed = Self.changes(from: before, to: after)
                #expect(changed.isEmpty, "\(item.name) changed the database: \(changed.joined(separator: ", "))")
                before = after
            }
        }
    }

    /// Text that is not an attack on its own: a name, a title, a letter, a comment may hold
    /// anything printable. What matters is that it stays text.
    static let hostileTexts = [
        "<script>alert(1)</script>", "'; DROP TABLE submission;--", "\" OR \"1\"=\"1", "<img src=x onerror=alert(1)>", "../../etc/passwd",
    ]

    @Test("Script tags and SQL in every text field are stored as written, run nowhere and leave every table in place")
    func hostileTextIsInert() async throws {
        try await Self.withCourseApp { client, database in
            let classroom = try await Self.setUp(client)
            let trainer = Who.bearer(classroom.trainerToken)
            for text in Self.hostileTexts {
                let session = try await client.call(
                    .post, "/api/sessions", as: trainer, json: ["title": .string(text), "starts_on": "2026-03-02", "ends_on": "2026-03-03"])
                #expect(session.status == .created, "title \(text)")
                let shown = try await client.call(.get, "/api/sessions/\(Int(session.json["id"]?.number ?? 0))", as: trainer)
                #expect(shown.json["title"]?.string == text)
                let joined = try await client.join(classroom.code, name: text)
                let letter = try await client.submit(joined.token, "text-vito-letter", answers: ["text": .string(text)])
                #expect(letter.status == .created, "letter \(text)")
                let id = Int(letter.json["submission_id"]?.number ?? 0)
                let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(joined.token))
                #expect(mine.json["submissions"]?.array?.first?["answers"]?["answers"]?["text"]?.string == text, "\(mine.text.prefix(200))")
                let override = try await client.call(.post, "/api/submissions/\(id)/override", as: trainer, json: ["score": 1, "comment": .string(text)])
                #expect(override.status == .ok)
                #expect(override.json["override_comment"]?.string == text, "\(override.text.prefix(200))")
                let draft = try await client.call(.put, "/api/me/plan", as: .bearer(joined.token), json: ["plan": ["objective": .string(text)]])
                #expect(draft.json["draft"]?["objective"]?.string == text)
                // The trainer's page of this trainee shows the name and the letter as text.
                let page = try await client.call(
                    .get, "/trainer/sessions/\(classroom.session)/trainees/\(joined.id)", as: .cookies([CookieName.trainer: classroom.trainerToken]))
                #expect(page.status == .ok)
                #expect(!page.text.contains(text) || !text.contains("<"), "\(text) is on the page unescaped")
            }
            let tables = try await database.snapshot()
            #expect(Set(tables.keys).isSuperset(of: ["trainer", "trainer_token", "course_session", "exercise_state", "trainee", "submission", "plan_draft", "check_in"]))
            #expect(tables["submission"]?.count == 3 + Self.hostileTexts.count)
        }
    }
}
