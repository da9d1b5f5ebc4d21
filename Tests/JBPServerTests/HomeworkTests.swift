import Charts
import Foundation
import Grading
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing


/// The homework on the real course: the plan builder's projection, drafts, import and export,
/// late marking, check-ins with the statuses of model.md §8, comments and the trainer's overview.
@Suite("Homework and follow-up")
struct HomeworkTests {
    static let root = CourseIntegrationTests.root
    static let content = Result { try ServerCourse.load(root: root) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The review of the homework's case, computed by the model here, to compare the server's figures with.
    static func homeworkReview() throws -> Review {
        try Review(try Case.read(text("exercises/cases/hongyun-2025.yaml"), file: "hongyun-2025.yaml"))
    }

    /// Runs `body` on the real course with a session whose homework is due on `due`, the plan exercise open.
    func withHomework(
        due: String, _ body: @Sendable (any TestClientProtocol, _ trainer: String, _ session: Int64, _ a: String, _ b: String) async throws -> Void
    ) async throws {
        try await TestStore.with { database in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(
                AppArguments(content: try Self.content.get(), store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in
                let token = try await client.trainerToken()
                let created = try await client.call(
                    .post, "/api/sessions", as: .bearer(token),
                    json: ["title": "鸿运班", "starts_on": "2026-03-02", "ends_on": "2026-03-03", "homework_due": .string(due)])
                let session = Int64(try #require(created.json["id"]?.number))
                let code = try #require(created.json["join_code"]?.string)
                try await client.setExercise(token, session: session, "plan-homework", open: true)
                let a = try await client.join(code, name: "甲")
                let b = try await client.join(code, name: "乙")
                try await body(client, token, session, a.token, b.token)
            }
        }
    }

    /// Plans whose driver goals move the projection in different ways, and one that is not finished.
    static let projectionCases: [(name: String, plan: JSONValue)] = [
        ("no goals yet", ["objective": "提升ROI"]),
        ("inventory only", ["goals": [["id": "G1", "metric": "inventory_days", "target": 30]]]),
        ("coverage, SKUs, cost and DSO", [
            "goals": [
                ["id": "G1", "metric": "coverage_rate.traditional", "target": 0.8],
                ["id": "G2", "metric": "skus_per_outlet", "target": 9],
                ["id": "G3", "metric": "cost_per_case", "target": 1.5],
                ["id": "G4", "metric": "dso_days", "target": 20],
            ]
        ]),
        ("a target typed as text is left out", ["goals": [["id": "G1", "metric": "inventory_days", "target": "thirty"]]]),
    ]

    @Test("The projection endpoint answers the model's projection of the draft", arguments: projectionCases.indices)
    func projection(index: Int) async throws {
        let (name, plan) = Self.projectionCases[index]
        let review = try Self.homeworkReview()
        var problems: [ModelError] = []
        let model = Plan.read(try Document.parse(plan.jsonString(), file: "plan"), problems: &problems)
        let expected = Projection(review: review, plan: model)
        let problemCount = problems.count
        try await withHomework(due: "2099-12-31") { client, _, _, a, _ in
            let answer = try await client.call(.post, "/api/me/plan/projection", as: .bearer(a), json: ["plan": plan])
            #expect(answer.status == .ok, "\(name): \(answer.text)")
            let projected = try #require(answer.json["projected"])
            for (key, value) in [
                ("revenue", expected.revenue), ("net_profit", expected.netProfit), ("investment", expected.investment),
                ("incremental_sales", expected.incrementalSales), ("cost_savings", expected.costSavings),
                ("capital_released", expected.capitalReleased),
            ] {
                #expect(abs((projected[key]?.number ?? .nan) - value) < 1e-6, "\(name): \(key)")
            }
            #expect(abs((projected["roi"]?.number ?? .nan) - (expected.roi ?? .nan)) < 1e-9, "\(name): roi")
            #expect(answer.json["current"]?["roi"]?.number == review.result.roi)
            #expect(answer.json["target_roi"]?.number == review.result.targetROI)
            #expect(answer.json["effects"]?.array?.count == expected.effects.count)
            #expect(answer.json["problems"]?.array?.count == problemCount, "\(name): \(answer.json["problems"] ?? .null)")
        }
    }

    @Test("A projection moves when a goal's target moves, and refuses what is not a plan")
    func projectionMoves() async throws {
        try await withHomework(due: "2099-12-31") { client, _, _, a, _ in
            func roi(_ days: Double) async throws -> Double {
                let answer = try await client.call(
                    .post, "/api/me/plan/projection", as: .bearer(a),
                    json: ["plan": ["goals": [["id": "G1", "metric": "inventory_days", "target": .number(days)]]]])
                return try #require(answer.json["projected"]?["roi"]?.number)
            }
            let (at40, at30) = (try await roi(40), try await roi(30))
            #expect(at30 > at40)
            let notPlan = try await client.call(.post, "/api/me/plan/projection", as: .bearer(a), json: ["plan": [1, 2]])
            #expect(notPlan.status == .badRequest)
            let anonymous = try await client.call(.post, "/api/me/plan/projection", json: ["plan": [:]])
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("A plan imported from YAML, saved as a draft and exported is the same plan")
    func importExport() async throws {
        let yaml = try Self.text("Tests/JBPModelTests/Fixtures/example-plan.yaml")
        try await withHomework(due: "2099-12-31") { client, _, _, a, _ in
            let imported = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(yaml)])
            #expect(imported.status == .ok)
            let plan = try #require(imported.json["plan"])
            #expect(plan["goals"]?.array?.count == 5)
            #expect(plan["period"]?["start"] == "2026-01-01")
            let saved = try await client.call(.put, "/api/me/plan", as: .bearer(a), json: ["plan": plan])
            #expect(saved.status == .ok)
            let exported = try await client.call(.get, "/t/plan/export.yaml", as: .bearer(a))
            #expect(exported.status == .ok)
            #expect(exported.headers[.contentDisposition]?.contains("attachment") == true)
            // The exported text reads back to the same plan, in the model's reader and in the server's.
            let again = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(exported.text)])
            #expect(again.json["plan"] == plan)
            #expect(try Plan.read(exported.text, file: "exported") == Plan.read(yaml, file: "example"))

            for (bad, fragment) in [("goals: [", "plan.yaml"), ("- a\n- b", "a plan is a map"), ("", "empty")] {
                let refused = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(bad)])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.json["error"]?.string?.contains(fragment) == true, "\(bad): \(refused.text)")
            }
        }
    }

    @Test("A plan after the deadline is accepted and marked late by how much", arguments: [("2026-03-31", true), ("2099-12-31", false)])
    func lateness(due: String, late: Bool) async throws {
        try await withHomework(due: due) { client, _, _, a, _ in
            let submitted = try await client.call(
                .post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": ["objective": "提升ROI"]])
            #expect(submitted.status == .created)
            let status = try await client.call(.get, "/api/me/plan", as: .bearer(a))
            if late {
                // Due at the end of 2026-03-31 in the server's time zone; submitted now.
                let deadline = try #require(Calendar.current.date(from: DateComponents(year: 2026, month: 4, day: 1)))
                let expected = Date().timeIntervalSince(deadline)
                let seconds = try #require(submitted.json["late_seconds"]?.number)
                #expect(abs(seconds - expected) < 120)
                #expect(status.json["late_seconds"]?.number == seconds)
            } else {
                #expect(submitted.json["late_seconds"] == nil)
                #expect(status.json["late_seconds"] == .null)
            }
        }
    }

    @Test("A check-in is corrected by recording its day again or deleted; a refused one keeps what was typed, beside its error")
    func correctingCheckIns() async throws {
        let yaml = try Self.text("Tests/JBPModelTests/Fixtures/example-plan.yaml")
        try await withHomework(due: "2099-12-31") { client, _, _, a, b in
            guard var members = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(yaml)]).json["plan"]?.object
            else { Issue.record("the example plan did not import"); return }
            members["case"] = "hongyun-2025"
            #expect(try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": .object(members)]).status == .created)
            func checkIns(_ who: String) async throws -> [JSONValue] {
                try await client.call(.get, "/api/me/plan", as: .bearer(who)).json["checkins"]?.array ?? []
            }
            // A typo (52 for 0.52 … here M4's 520 days) recorded, then the same day again: one check-in, the new value.
            let first = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-03-31", "values": ["M4": 520]])
            #expect(first.status == .created)
            #expect(first.json["measures"]?.array?.first?["status"] == "red")
            let corrected = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-03-31", "values": ["M4": 52]])
            #expect(corrected.status == .ok)
            #expect(corrected.json["measures"]?.array?.first?["status"] == "green")
            var stored = try await checkIns(a)
            #expect(stored.count == 1)
            #expect(stored.first?["measures"]?.array?.first?["actual"] == 52)
            // Another day stays a second check-in; deleting one leaves the other.
            #expect(try await client.call(.post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-06-30", "values": ["M4": 50]]).status == .created)
            let byB = try await client.call(.delete, "/api/me/plan/checkins/2026-03-31", as: .bearer(b), contentType: "application/json")
            #expect(byB.status == .notFound, "\(byB.status) \(byB.text)")  // B has none; A's stays
            #expect(try await client.call(.delete, "/api/me/plan/checkins/2026-03-31", as: .bearer(a), contentType: "application/json").status == .noContent)
            #expect(try await client.call(.delete, "/api/me/plan/checkins/2026-03-31", as: .bearer(a), contentType: "application/json").status == .notFound)
            #expect(try await client.call(.delete, "/api/me/plan/checkins/31.3.2026", as: .bearer(a), contentType: "application/json").status == .badRequest)
            stored = try await checkIns(a)
            #expect(stored.map { $0["date"]?.string } == ["2026-06-30"])

            // Refusals are sentences in Chinese naming the field, and store nothing.
            for (body, words) in [
                (["date": "2026/03/31", "values": ["M4": 52]] as JSONValue, "检查日期"),
                (["date": "2026-03-31", "values": ["M4": "五十二"]], "M4"),
                (["date": "2026-03-31", "values": ["M9": 1]], "M9"),
            ] {
                let refused = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(a), json: body)
                #expect((400..<500).contains(refused.status.code), "\(body)")
                let message = refused.json["error"]?.string ?? ""
                #expect(message.contains(words) && message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(message)")
            }
            #expect(try await checkIns(a).count == 1)

            // The page: a value that is not a number comes back with everything typed and the error beside the form.
            let csrf = String(repeating: "c", count: 43)
            let browser = Who.cookies([CookieName.trainee: a, CookieName.csrf: csrf])
            let refusedPage = try await client.raw(
                .post, "/t/plan/checkins", as: browser, body: "_csrf=\(csrf)&date=2026-09-30&m.M4=%E4%BA%94%E5%8D%81&m.M1=0.55",
                contentType: "application/x-www-form-urlencoded")
            #expect(refusedPage.status == .unprocessableContent)
            #expect(refusedPage.text.contains("data-test=\"checkin-error\""))
            #expect(refusedPage.text.contains("value=\"五十\"") && refusedPage.text.contains("value=\"0.55\""))
            #expect(refusedPage.text.contains("value=\"2026-09-30\""))
            #expect(try await checkIns(a).count == 1)
            // 修改 opens the form on that day's values, and says it will replace them.
            let editing = try await client.call(.get, "/t/plan/scorecard?edit=2026-06-30", as: browser)
            #expect(editing.text.contains("data-test=\"checkin-correcting\""))
            #expect(editing.text.contains("value=\"50\"") && editing.text.contains("value=\"2026-06-30\""))
            let deleted = try await client.raw(
                .post, "/t/plan/checkins/2026-06-30/delete", as: browser, body: "_csrf=\(csrf)", contentType: "application/x-www-form-urlencoded")
            #expect(deleted.status == .seeOther || deleted.status == .found)
            #expect(try await checkIns(a).isEmpty)
        }
    }

    @Test("A check-in of the §8 plan gives §8's expected values, attainments and statuses, and the trainer sees them")
    func checkIns() async throws {
        let yaml = try Self.text("Tests/JBPModelTests/Fixtures/example-plan.yaml")
        try await withHomework(due: "2099-12-31") { client, trainer, session, a, b in
            // §8's plan, written for 恒达; the ScoreCard depends only on the plan, so it is handed in for this case.
            guard var members = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(yaml)]).json["plan"]?.object
            else { Issue.record("the example plan did not import"); return }
            members["case"] = "hongyun-2025"
            let plan = JSONValue.object(members)
            let submitted = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": plan])
            #expect(submitted.status == .created, "\(submitted.text)")
            let checkIn = try await client.call(
                .post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-03-31", "values": ["M1": 0.50, "M4": 52, "M5": 2_900_000]])
            #expect(checkIn.status == .created)
            let measures = try #require(checkIn.json["measures"]?.array)
            let byID = Dictionary(uniqueKeysWithValues: measures.map { ($0["id"]?.string ?? "", $0) })
            for (id, expected, attainment) in [("M1", 0.496507, 1.007035), ("M4", 55.068493, 1.059009), ("M5", 2_835_616.438, 1.022705)] {
                #expect(abs((byID[id]?["expected"]?.number ?? .nan) - expected) < 1e-3, "\(id)")
                #expect(abs((byID[id]?["attainment"]?.number ?? .nan) - attainment) < 1e-6, "\(id)")
                #expect(byID[id]?["status"] == "green")
            }
            // A check-in behind the glide path turns amber and red.
            let behind = try await client.call(
                .post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-06-30", "values": ["M1": 0.47, "M4": 80]])
            let statuses = behind.json["measures"]?.array?.map { $0["status"]?.string ?? "" }
            #expect(statuses == ["amber", "red"])

            // Outside the plan's period (2026) there is no glide path: refused with a sentence, nothing stored.
            let outside = try await client.call(
                .post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2027-01-15", "values": ["M1": 0.6]])
            #expect(outside.status == .unprocessableContent)
            #expect(outside.json["error"]?.string?.contains("不在计划期间（2026-01-01 至 2026-12-31）内") == true)

            let mine = try await client.call(.get, "/api/me/plan", as: .bearer(a))
            #expect(mine.json["checkins"]?.array?.count == 2)
            let theirs = try await client.call(.get, "/api/me/plan", as: .bearer(b))
            #expect(theirs.json["checkins"] == [])

            let overview = try await client.call(.get, "/api/sessions/\(session)/plans", as: .bearer(trainer))
            #expect(overview.status == .ok)
            #expect(overview.json["summary"]?["statuses"] == ["green": 0, "amber": 1, "red": 1])
            #expect(overview.json["summary"]?["submitted"] == 1)
            #expect(overview.json["summary"]?["with_checkins"] == 1)
            let rowA = try #require(overview.json["plans"]?.array?.first { $0["name"] == "甲" })
            #expect(rowA["last_checkin"] == "2026-06-30")
            #expect(rowA["score"] == submitted.json["score"])
            let failed = Set(rowA["failed"]?.array?.compactMap { $0["check"]?.string } ?? [])
            let expectedFailed = Set(submitted.json["items"]?.array?.filter { $0["correct"] == false }.compactMap { $0["id"]?.string } ?? [])
            #expect(failed == expectedFailed)
            let forbidden = try await client.call(.get, "/api/sessions/\(session)/plans", as: .bearer(a))
            #expect(forbidden.status == .unauthorized || forbidden.status == .forbidden)
        }
    }

    @Test("The trainer comments on a check; the trainee reads it, another trainee cannot write one")
    func comments() async throws {
        try await withHomework(due: "2099-12-31") { client, trainer, _, a, b in
            let submitted = try await client.call(
                .post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": ["objective": "提升ROI"]])
            let id = Int64(try #require(submitted.json["submission_id"]?.number))
            let written = try await client.call(
                .post, "/api/submissions/\(id)/comments", as: .bearer(trainer), json: ["check": "drivers", "comment": "先补库存和财务两个缺口。"])
            #expect(written.status == .ok)
            #expect(written.json["comments"] == ["drivers": "先补库存和财务两个缺口。"])
            let seen = try await client.call(.get, "/api/me/plan", as: .bearer(a))
            #expect(seen.json["comments"] == ["drivers": "先补库存和财务两个缺口。"])
            let unknown = try await client.call(
                .post, "/api/submissions/\(id)/comments", as: .bearer(trainer), json: ["check": "nonsense", "comment": "x"])
            #expect(unknown.status == .badRequest)
            let byTrainee = try await client.call(.post, "/api/submissions/\(id)/comments", as: .bearer(b), json: ["check": "drivers", "comment": "x"])
            #expect(byTrainee.status == .unauthorized || byTrainee.status == .forbidden)
            let removed = try await client.call(.post, "/api/submissions/\(id)/comments", as: .bearer(trainer), json: ["check": "drivers", "comment": " "])
            #expect(removed.json["comments"] == [:])
        }
    }

    @Test("Each review and plan exercise lists its charts; each chart is an SVG of the trainee's case with its figures as text")
    func charts() async throws {
        let review = try Self.homeworkReview()
        try await withHomework(due: "2099-12-31") { client, trainer, session, a, _ in
            try await client.setExercise(trainer, session: session, "review-hengda", open: true)
            try await client.setExercise(trainer, session: session, "quiz-m1-jbp", open: true)
            let exercises = try await client.call(.get, "/api/me/exercises", as: .bearer(a)).json["exercises"]?.array ?? []
            let byID = Dictionary(uniqueKeysWithValues: exercises.map { ($0["id"]?.string ?? "", $0) })
            #expect(byID["quiz-m1-jbp"]?["charts"] == nil)
            #expect(byID["review-hengda"]?["charts"]?["gaps"] == "/t/charts/review-hengda/gaps.svg")
            let urls = try #require(byID["plan-homework"]?["charts"]?.object)
            #expect(Set(urls.keys) == ["roi_tree", "gaps", "waterfall"])
            let expected: [String: Chart] = [
                "roi_tree": Charts.roiTree(review), "gaps": Charts.gaps(review), "waterfall": Charts.waterfall(review),
            ]
            for (name, url) in urls {
                let answer = try await client.call(.get, try #require(url.string), as: .bearer(a))
                #expect(answer.status == .ok)
                #expect(answer.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
                #expect(answer.text.hasPrefix("<svg"))
                let chart = try #require(expected[name])
                #expect(answer.text == chart.svg)
                for figure in chart.figures { #expect(answer.text.contains(figure.value.replacingOccurrences(of: "&", with: "&amp;")), "\(name): \(figure.label)") }
            }
            // The ROI the case review gives is on the tree, as the reports print it.
            let tree = try await client.call(.get, "/t/charts/plan-homework/roi_tree.svg", as: .bearer(a))
            #expect(tree.text.contains(ChartFormat.percent(review.result.roi)))
            #expect(try await client.call(.get, "/t/charts/plan-homework/pie.svg", as: .bearer(a)).status == .notFound)
            #expect(try await client.call(.get, "/t/charts/quiz-m1-jbp/gaps.svg", as: .bearer(a)).status == .notFound)
            #expect(try await client.call(.get, "/t/charts/plan-homework/gaps.svg").status != .ok)
        }
    }

    @Test("The builder, the printable plan and the ScoreCard page show the engine's figures")
    func pages() async throws {
        let yaml = try Self.text("Tests/JBPModelTests/Fixtures/example-plan.yaml")
        let review = try Self.homeworkReview()
        try await withHomework(due: "2099-12-31") { client, _, _, a, _ in
            let builder = try await client.call(.get, "/t/plan", as: .bearer(a))
            #expect(builder.status == .ok)
            #expect(builder.text.contains("id=\"plan-metrics\""))
            #expect(builder.text.contains("coverage_rate.\(review.coverage.channels[0].id)"))
            #expect(builder.text.contains(ChartFormat.percent(review.result.roi)))
            let blank = try await client.call(.get, "/t/plan/print", as: .bearer(a))
            #expect(blank.status == .ok)

            guard var plan = try await client.call(.post, "/api/me/plan/import", as: .bearer(a), json: ["yaml": .string(yaml)]).json["plan"]?.object
            else { Issue.record("the example plan did not import"); return }
            plan["case"] = "hongyun-2025"
            plan["objective"] = "<script>alert(1)</script> 与鸿运一起提升 ROI"
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(a), json: ["plan": .object(plan)])
            let printable = try await client.call(.get, "/t/plan/print", as: .bearer(a))
            #expect(printable.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; 与鸿运一起提升 ROI"))
            #expect(!printable.text.contains("<script>alert(1)"))
            let projection = try await client.call(.post, "/api/me/plan/projection", as: .bearer(a), json: ["plan": .object(plan)])
            let roi = try #require(projection.json["projected"]?["roi"]?.number)
            #expect(printable.text.contains(ChartFormat.percent(roi)))
            // What a trainee typed reaches the builder's script as data that cannot end the script element.
            let again = try await client.call(.get, "/t/plan", as: .bearer(a))
            #expect(again.text.contains("\\u003cscript>alert(1)\\u003c/script>"))

            _ = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": .object(plan)])
            _ = try await client.call(
                .post, "/api/me/plan/checkins", as: .bearer(a), json: ["date": "2026-03-31", "values": ["M1": 0.50, "M4": 52, "M5": 2_900_000]])
            let scorecard = try await client.call(.get, "/t/plan/scorecard", as: .bearer(a))
            #expect(scorecard.status == .ok)
            #expect(scorecard.text.contains("data-test=\"status-M4\">绿灯"))
            #expect(scorecard.text.contains("100.7%"))  // M1's attainment 1.007035
            #expect(scorecard.text.components(separatedBy: "data-test=\"trend\"").count - 1 == plan["measures"]?.array?.count)
        }
    }

    @Test("The trainer's plans page, a trainee's plan page and the dashboard histogram show the stored figures")
    func trainerPages() async throws {
        try await withHomework(due: "2026-03-31") { client, trainer, session, a, b in
            _ = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": ["objective": "提升ROI"]])
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(b), json: ["plan": ["objective": "草稿"]])
            let overview = try await client.call(.get, "/api/sessions/\(session)/plans", as: .bearer(trainer))
            let rowA = try #require(overview.json["plans"]?.array?.first { $0["name"] == "甲" })
            let page = try await client.call(.get, "/trainer/sessions/\(session)/plans", as: .bearer(trainer))
            #expect(page.status == .ok)
            #expect(page.text.contains("data-test=\"plans-submitted\">1 / 2"))
            #expect(page.text.contains("只有草稿"))
            #expect(page.text.contains("迟交"))
            #expect(page.text.contains("data-test=\"plan-histogram\""))
            let failedNames = (rowA["failed"]?.array ?? []).count
            #expect(failedNames > 0)
            let id = Int64(try #require(rowA["trainee_id"]?.number))
            let detail = try await client.call(.get, "/trainer/sessions/\(session)/plans/\(id)", as: .bearer(trainer))
            #expect(detail.status == .ok)
            #expect(detail.text.contains("提升ROI"))
            #expect(detail.text.components(separatedBy: "/comments\"").count - 1 == PlanCheck.allCases.count)  // a comment form on each of the thirteen checks
            #expect(try await client.call(.get, "/trainer/sessions/\(session)/plans/\(id)", as: .bearer(a)).status != .ok)
            #expect(try await client.call(.get, "/trainer/sessions/\(session)/plans/999", as: .bearer(trainer)).status == .notFound)
            let dashboard = try await client.call(.get, "/trainer/sessions/\(session)/exercises/plan-homework/live", as: .bearer(trainer))
            #expect(dashboard.text.contains("data-test=\"score-histogram\""))
            #expect(dashboard.text.contains("<svg"))
        }
    }

    @Test("The trainer extends the deadline: a late plan is on time again; an override can be cleared")
    func extendDeadlineAndClearOverride() async throws {
        try await withHomework(due: "2026-03-31") { client, trainer, session, a, b in
            let submitted = try await client.call(
                .post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a), json: ["plan": ["objective": "提升ROI"]])
            #expect(submitted.json["late_seconds"]?.number != nil)
            let extended = try await client.call(.patch, "/api/sessions/\(session)", as: .bearer(trainer), json: ["homework_due": "2099-12-31"])
            #expect(extended.status == .ok)
            #expect(extended.json["homework_due"] == "2099-12-31")
            #expect(extended.json["title"] == "鸿运班")  // what was not sent stays
            #expect(try await client.call(.get, "/api/me/plan", as: .bearer(a)).json["late_seconds"] == .null)
            let removed = try await client.call(.patch, "/api/sessions/\(session)", as: .bearer(trainer), json: ["homework_due": .null])
            #expect(removed.json["homework_due"] == .null)
            let refused: [JSONValue] = [["homework_due": "31/12/2099"], ["ends_on": "2026-03-01"], ["title": "  "], ["starts_on": 20260301]]
            for body in refused {
                #expect(try await client.call(.patch, "/api/sessions/\(session)", as: .bearer(trainer), json: body).status == .badRequest, "\(body)")
            }
            #expect(try await client.call(.patch, "/api/sessions/\(session)", as: .bearer(b), json: ["homework_due": .null]).status == .forbidden)
            #expect(try await client.call(.patch, "/api/sessions/999", as: .bearer(trainer), json: ["homework_due": .null]).status == .notFound)

            let id = Int64(try #require(submitted.json["submission_id"]?.number))
            let automatic = try #require(submitted.json["score"]?.number)
            let overridden = try await client.call(.post, "/api/submissions/\(id)/override", as: .bearer(trainer), json: ["score": 60, "comment": "讲师复核"])
            #expect(overridden.json["score"] == 60)
            #expect(overridden.json["override_comment"] == "讲师复核")
            let cleared = try await client.call(.post, "/api/submissions/\(id)/override", as: .bearer(trainer), json: ["score": .null])
            #expect(cleared.status == .ok)
            #expect(cleared.json["score"]?.number == automatic)
            #expect(cleared.json["override_score"] == nil)
            #expect(cleared.json["override_comment"] == nil)
        }
    }
}

@Suite("The homework's plan period follows the class")
struct PlanPeriodTests {
    @Test("twelve months from the first of the month after the session ends", arguments: [
        ("2026-12-08", "2027-01-01", "2027-12-31"), ("2026-03-15", "2026-04-01", "2027-03-31"),
        ("2027-02-10", "2027-03-01", "2028-02-29"), ("2026-01-31", "2026-02-01", "2027-01-31"),
    ])
    func period(end: String, start: String, last: String) {
        let period = PlanPeriod.after(end)
        #expect(period.start == start && period.end == last)
    }
}
