import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// api.md "My own distributor": a trainee's own distributor read as strictly as any case, its
/// review, the template's import, the page, and the `case: own` plan graded on it.
@Suite("My own distributor")
struct OwnDistributorTests {
    static let cases = CourseIntegrationTests.root.appendingPathComponent("exercises/cases")

    /// A course case as the JSON a client would PUT.
    static func caseJSON(_ file: String) throws -> JSONValue {
        let text = try String(contentsOf: cases.appendingPathComponent(file), encoding: .utf8)
        return try Case.read(text, file: file).json
    }

    @Test("PUT stores the case and answers its review; GET gives the same; a broken case is a 422 naming the key and stores nothing")
    func putAndGet() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            #expect(try await client.call(.get, "/api/me/case", as: a).status == .notFound)
            let json = try Self.caseJSON("hengda-2025.yaml")
            let expected = try Review(try Case.read(json.jsonString(), file: "x"))
            let saved = try await client.call(.put, "/api/me/case", as: a, json: ["case": json])
            #expect(saved.status == .ok, "\(saved.text.prefix(300))")
            #expect(saved.json["review"]?["result"]?["roi"]?.number == expected.result.roi)
            #expect(saved.json["case"]?["name"]?.string == expected.case.name)
            let read = try await client.call(.get, "/api/me/case", as: a)
            #expect(read.json == saved.json)
            // B has none: a trainee's distributor is theirs.
            #expect(try await client.call(.get, "/api/me/case", as: .bearer(classroom.b.token)).status == .notFound)

            var broken = json.object ?? [:]
            broken["sales"] = ["target": 12_000_000, "actual": -5, "last_year": 9_600_000]
            let before = try await database.snapshot()
            let refused = try await client.call(.put, "/api/me/case", as: a, json: ["case": .object(broken)])
            #expect(refused.status == .unprocessableContent)
            let problems = refused.json["format_errors"]?.array?.compactMap(\.string) ?? []
            #expect(problems.contains { $0.contains("sales.actual") }, "\(refused.text)")
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
            let typo = try await client.call(.put, "/api/me/case", as: a, json: ["case": .object((json.object ?? [:]).merging(["salse": 1]) { $1 })])
            #expect(typo.status == .unprocessableContent)
            #expect(typo.json["format_errors"]?.array?.first?.string?.contains("salse") == true, "\(typo.text)")
        }
    }

    @Test("The filled-in template imports as CSV (and a case as YAML) to the same review")
    func importTemplate() async throws {
        let csv = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("JBPModelTests/Fixtures/hengda-2025-template.csv"))
        let yaml = try String(contentsOf: Self.cases.appendingPathComponent("hengda-2025.yaml"), encoding: .utf8)
        try await HostileInputTests.withCourseApp { client, _ in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            let fromCSV = try await client.raw(.post, "/api/me/case/import", as: a, body: String(decoding: csv, as: UTF8.self), contentType: "text/csv")
            #expect(fromCSV.status == .ok, "\(fromCSV.text.prefix(300))")
            let fromYAML = try await client.raw(.post, "/api/me/case/import", as: a, body: yaml, contentType: "application/yaml")
            #expect(fromYAML.status == .ok)
            #expect(fromCSV.json["review"] == fromYAML.json["review"])
            let plain = try await client.raw(.post, "/api/me/case/import", as: a, body: yaml, contentType: "text/plain")
            #expect(plain.status == .unsupportedMediaType, "a cross-site form's type is refused")
            let garbage = try await client.raw(.post, "/api/me/case/import", as: a, body: "key,value\nfoo,bar\n", contentType: "text/csv")
            #expect(garbage.status == .unprocessableContent)
        }
    }

    @Test("A `case: own` plan is a 409 until the trainee's distributor is entered, then graded on it as the course's plan on its case")
    func ownPlan() async throws {
        let sample = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("exercises/plan-homework/samples/model-answer.yaml"), encoding: .utf8)
        try await HostileInputTests.withCourseApp { client, _ in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            try await client.setExercise(classroom.trainerToken, session: classroom.session, "plan-own", open: true)
            let imported = try await client.call(.post, "/api/me/plan/import", as: a, json: ["yaml": .string(sample)])
            // The sample is a submission file (`exercise`, `expect_score`, `plan`): its plan.
            let plan = try #require(imported.json["plan"]?["plan"], "\(imported.text.prefix(200))")
            let early = try await client.call(.post, "/api/me/exercises/plan-own/submissions", as: a, json: ["plan": plan])
            #expect(early.status == .conflict)
            #expect(early.json["error"]?.string?.contains("我的经销商") == true)
            // The trainee's own distributor happens to have 鸿运's figures: the plan grades as on 鸿运.
            _ = try await client.call(.put, "/api/me/case", as: a, json: ["case": try Self.caseJSON("hongyun-2025.yaml")])
            let own = try await client.call(.post, "/api/me/exercises/plan-own/submissions", as: a, json: ["plan": plan])
            #expect(own.status == .created, "\(own.text.prefix(600))")
            let course = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: a, json: ["plan": plan])
            #expect(own.json["grade"]?["score"] == course.json["grade"]?["score"], "\(own.json["grade"]?["score"] ?? .null) vs \(course.json["grade"]?["score"] ?? .null)")
            // The builder's projection works on the own case: plan-own is the open plan exercise now.
            let projected = try await client.call(.post, "/api/me/plan/projection", as: a, json: ["plan": plan])
            #expect(projected.status == .ok)
            // The session's homework is the first open plan exercise: with the course's closed, the own one.
            try await client.setExercise(classroom.trainerToken, session: classroom.session, "plan-homework", open: false)
            // The distributor's figures corrected after the hand-in: the plan keeps its grade, with a note.
            let before = try await client.call(.get, "/api/me/submissions", as: a)
            _ = try await client.call(.put, "/api/me/case", as: a, json: ["case": try Self.caseJSON("jinxiu-2025.yaml")])
            let after = try await client.call(.get, "/api/me/submissions", as: a)
            #expect(before.json == after.json)
            let builder = try await client.call(.get, "/t/plan", as: .cookies([CookieName.trainee: classroom.a.token]))
            #expect(builder.text.contains("data-test=\"case-changed\""), "\(builder.text.prefix(400))")
            _ = try await client.call(.put, "/api/me/case", as: a, json: ["case": try Self.caseJSON("hongyun-2025.yaml")])
            // The JBP on one page: the handed-in plan by who commits, its ROI, two signature lines.
            let sheet = try await client.call(.get, "/t/plan/jbp", as: .cookies([CookieName.trainee: classroom.a.token]))
            #expect(sheet.status == .ok)
            #expect(sheet.text.contains("厂家承诺") && sheet.text.contains("经销商承诺"), "\(sheet.text.suffix(800))")
            #expect(sheet.text.contains("data-test=\"jbp-roi\"") && sheet.text.components(separatedBy: "sign-line").count == 3)
            #expect(sheet.text.contains(plan["objective"]?.string ?? "?"))
        }
    }

    @Test("Both plan exercises open: whoever entered their distributor plans for it, the others for the course case; hand-ins stay on the trainer's page after a switch")
    func bothPlansOpen() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let classroom = try await HostileInputTests.setUp(client)
            let (a, b) = (Who.bearer(classroom.a.token), Who.bearer(classroom.b.token))
            try await client.setExercise(classroom.trainerToken, session: classroom.session, "plan-own", open: true)
            // Nobody has entered a distributor: both work on the course case.
            #expect(try await client.call(.get, "/api/me/plan", as: a).json["exercise"]?.string == "plan-homework")
            #expect(try await client.call(.get, "/api/me/plan", as: b).json["exercise"]?.string == "plan-homework")
            // B enters theirs: B's plan is now for it; A's stays the course case.
            let saved = try await client.call(.put, "/api/me/case", as: b, json: ["case": try Self.caseJSON("jinxiu-2025.yaml")])
            #expect(saved.status == .ok)
            #expect(try await client.call(.get, "/api/me/plan", as: b).json["exercise"]?.string == "plan-own")
            #expect(try await client.call(.get, "/api/me/plan", as: a).json["exercise"]?.string == "plan-homework")
            let own = try Review(try Case.read(try Self.caseJSON("jinxiu-2025.yaml").jsonString(), file: "x"))
            let desk = try await client.call(.get, "/t/plan", as: .cookies([CookieName.trainee: classroom.b.token]))
            #expect(desk.text.contains(own.case.name), "B's builder shows B's distributor")
            #expect(desk.text.contains("data-test=\"both-plans-open\""))
            let deskA = try await client.call(.get, "/t/plan", as: .cookies([CookieName.trainee: classroom.a.token]))
            #expect(deskA.text.contains("href=\"/t/my-case\""), "A is shown the way to plan for their own distributor")

            let plans = try await client.call(.get, "/api/sessions/\(classroom.session)/plans", as: .bearer(classroom.trainerToken))
            let rows = plans.json["plans"]?.array ?? []
            let exerciseOf = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
                row["trainee_id"]?.number.map { (Int64($0), row["exercise_id"]?.string ?? "?") } })
            #expect(exerciseOf[classroom.a.id] == "plan-homework")
            #expect(exerciseOf[classroom.b.id] == "plan-own")

            // The trainer moves the class to their own distributors: A's 鸿运 hand-in stays on the page, named.
            try await client.setExercise(classroom.trainerToken, session: classroom.session, "plan-homework", open: false)
            let after = try await client.call(.get, "/api/sessions/\(classroom.session)/plans", as: .bearer(classroom.trainerToken))
            let rowA = try #require(after.json["plans"]?.array?.first { $0["trainee_id"]?.number == Double(classroom.a.id) })
            #expect(rowA["exercise_id"]?.string == "plan-homework")
            #expect(rowA["submission_id"]?.number == Double(classroom.aPlan))
            let page = try await client.call(.get, "/trainer/sessions/\(classroom.session)/plans", as: .bearer(classroom.trainerToken))
            #expect(page.text.contains("data-test=\"row-exercise-\(classroom.a.id)\""), "\(page.text.prefix(300))")
            // A still follows the plan handed in: a check-in is taken against it.
            let checkIn = try await client.call(.post, "/api/me/plan/checkins", as: a, json: ["date": "2026-03-31", "values": ["M1": 0.5]])
            #expect(checkIn.status == .created || checkIn.status == .ok, "\(checkIn.text.prefix(300))")
        }
    }

    @Test("The page: fields by section with where each figure comes from; a wrong figure is named beside its field; saved, the review shows")
    func page() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let classroom = try await HostileInputTests.setUp(client)
            let browser = Browser(client)
            browser.cookies[CookieName.trainee] = classroom.a.token
            let empty = try await browser.get("/t/my-case")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("取数：进销存") && empty.text.contains("name=\"a.sales.actual\""))
            #expect(!empty.text.contains("data-test=\"plan-review\""))
            let hengda = try Case.read(String(contentsOf: Self.cases.appendingPathComponent("hengda-2025.yaml"), encoding: .utf8), file: "h")
            var fields = CaseTemplate.values(of: hengda).map { ("a." + $0.key, $0.value) }
            fields.removeAll { $0.0 == "a.balance.inventory" }
            fields.append(("a.balance.inventory", "很多"))
            let wrong = try await browser.post("/t/my-case", fields)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("a.balance.inventory") && wrong.text.contains("data-test=\"case-error\""), "\(wrong.text.suffix(600))")
            let good = try await browser.post("/t/my-case", CaseTemplate.values(of: hengda).map { ("a." + $0.key, $0.value) })
            #expect(good.status == .seeOther, "\(good.text.prefix(300))")
            let shown = try await browser.get("/t/my-case")
            #expect(shown.text.contains("data-test=\"plan-review\"") && shown.text.contains(hengda.name))
            let request = try await browser.get("/t/my-case/data-request")
            #expect(request.status == .ok && request.text.contains("数据清单"))
            let template = try await browser.get("/t/my-case/template.csv")
            #expect(template.text.contains("sales.actual"))
            // The trainer's plans page names the distributor beside the trainee.
            let plans = try await client.call(.get, "/trainer/sessions/\(classroom.session)/plans", as: .cookies([CookieName.trainer: classroom.trainerToken]))
            #expect(plans.text.contains("data-test=\"distributor-\(classroom.a.id)\"") && plans.text.contains(hengda.name))
        }
    }

    @Test("A quarter's figures: My distributor's figures recorded for a quarter give its review beside the plan's baselines; refused before a distributor, for a quarter that does not exist or has not begun")
    func quarterFigures() async throws {
        let sample = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("exercises/plan-homework/samples/model-answer.yaml"), encoding: .utf8)
        try await HostileInputTests.withCourseApp { client, database in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            let imported = try await client.call(.post, "/api/me/plan/import", as: a, json: ["yaml": .string(sample)])
            let plan = try #require(imported.json["plan"]?["plan"])
            #expect(try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: a, json: ["plan": plan]).status == .created)
            let browser = Browser(client)
            browser.cookies[CookieName.trainee] = classroom.a.token
            // No distributor entered yet: the page says where to enter one; recording is refused and stores nothing.
            #expect(try await browser.get("/t/plan/quarters").text.contains("/t/my-case"))
            let before = try await database.snapshot()
            #expect(try await browser.post("/t/plan/quarters/1/figures", []).status == .conflict)
            #expect(try await browser.post("/t/plan/quarters/9/figures", []).status == .notFound)
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)

            let quarterCase = try Self.caseJSON("jinxiu-2025.yaml")
            #expect(try await client.call(.put, "/api/me/case", as: a, json: ["case": quarterCase]).status == .ok)
            #expect(try await browser.post("/t/plan/quarters/2/figures", []).status == .seeOther)
            let page = try await browser.get("/t/plan/quarters")
            let q2 = String(try #require(page.text.split(separator: "data-test=\"quarter-2\"").dropFirst().first))
            let block = String(try #require(q2.split(separator: "data-test=\"quarter-figures-2\"").dropFirst().first).prefix(4000))
            let review = try Review(try Case.read(quarterCase.jsonString(), file: "x"))
            #expect(block.contains(review.case.name), "\(block.prefix(500))")
            #expect(block.contains("data-test=\"quarter-roi-2\""))
            // One row per goal of a known KPI, each with the plan's baseline and the quarter's value.
            let goals = (plan["goals"]?.array ?? []).filter { $0["metric"]?.string.flatMap(Metric.init) != nil }
            #expect(!goals.isEmpty)
            for goal in goals { #expect(block.contains(">\(goal["id"]?.string ?? "?") "), "goal \(goal["id"] ?? .null)") }
            #expect(!page.text.contains("data-test=\"quarter-figures-1\""), "Q1 was not recorded")
            // The export holds the quarter's figures.
            let export = try await client.call(.get, "/api/me/export", as: a)
            #expect(export.json["quarter_figures"]?.array?.first?["quarter"]?.number == 2)

            // A plan for next year: its first quarter has not begun.
            var next = plan.object ?? [:]
            next["period"] = ["start": "2027-01-01", "end": "2027-12-31"]
            #expect(try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: a, json: ["plan": .object(next)]).status == .created)
            let early = try await browser.post("/t/plan/quarters/1/figures", [])
            #expect(early.status == .conflict)
            #expect(early.text.contains("还没有开始"), "\(early.text.prefix(300))")
        }
    }

    @Test("The quarterly review: the plan's period in quarters with each quarter's last check-in; the next period's plan starts from it")
    func quarterly() async throws {
        let sample = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("exercises/plan-homework/samples/model-answer.yaml"), encoding: .utf8)
        try await HostileInputTests.withCourseApp { client, _ in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            let imported = try await client.call(.post, "/api/me/plan/import", as: a, json: ["yaml": .string(sample)])
            let plan = try #require(imported.json["plan"]?["plan"])
            #expect(try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: a, json: ["plan": plan]).status == .created)
            for (date, m1) in [("2026-02-28", 0.47), ("2026-03-31", 0.49), ("2026-05-31", 0.51)] {
                let answer = try await client.call(.post, "/api/me/plan/checkins", as: a, json: ["date": .string(date), "values": ["M1": .number(m1)]])
                #expect(answer.status == .created, "\(answer.text)")
            }
            let browser = Browser(client)
            browser.cookies[CookieName.trainee] = classroom.a.token
            let page = try await browser.get("/t/plan/quarters")
            #expect(page.status == .ok)
            for quarter in 1...4 { #expect(page.text.contains("data-test=\"quarter-\(quarter)\""), "Q\(quarter): the period is past") }
            #expect(page.text.contains("2026-01-01 — 2026-03-31") && page.text.contains("2026-10-01 — 2026-12-31"))
            // Q1's status is its last check-in (31 March), Q3 has none.
            let q1 = String(page.text.split(separator: "data-test=\"quarter-1\"")[1].prefix(1500))
            #expect(q1.contains("2026-03-31") && q1.contains("（2 "), "\(q1)")
            let q3 = String(page.text.split(separator: "data-test=\"quarter-3\"")[1].prefix(400))
            #expect(q3.contains("还没有 ScoreCard 检查"))
            let plans = try await client.call(.get, "/trainer/sessions/\(classroom.session)/plans", as: .cookies([CookieName.trainer: classroom.trainerToken]))
            #expect(plans.text.contains("data-test=\"quarter-of-\(classroom.a.id)\">Q2<"), "the last check-in, 31 May, is in Q2")
            // The next period: the same plan a year later, G1's baseline its latest actual.
            #expect(try await browser.post("/t/plan/next", []).status == .seeOther)
            let draft = try await client.call(.get, "/api/me/plan", as: a).json["draft"]
            #expect(draft?["period"]?["start"]?.string == "2027-01-01" && draft?["period"]?["end"]?.string == "2027-12-31")
            let g1 = draft?["goals"]?.array?.first { $0["id"]?.string == "G1" }
            #expect(g1?["baseline"]?.number == 0.51)
        }
    }
}
