import Foundation
import Grading
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// The server on the project's own course and exercises, graded by the real grader.
@Suite("The real course")
struct CourseIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The course loads with every module and exercise, and every exercise slot names a loaded exercise")
    func loads() throws {
        let content = try ServerCourse.load(root: Self.root)
        #expect(content.modules.count == 7)
        #expect(content.modules.map(\.order) == Array(1...7))
        // Every exercise folder on disk is loaded.
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("exercises").path).filter {
            FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("exercises/\($0)/exercise.yaml").path)
        }
        #expect(content.exercises.count == folders.count)
        #expect(folders.count >= 15)
        for module in content.modules {
            for id in module.exerciseIDs { #expect(content.exercise(id) != nil, "\(module.id) places unknown exercise \(id)") }
        }
        let quiz = try #require(content.exercise("quiz-m1-jbp"))
        #expect(quiz.kind == .quiz && quiz.attempts == 2)
        #expect(quiz.questions.first { $0.id == "occasions" }?.input == .choices)
        let review = try #require(content.exercise("review-hengda"))
        #expect(review.variants)
        #expect(review.questions.contains { $0.id == "roi" && $0.input == .number })
        #expect(content.exercise("segment-portfolio")?.questions.allSatisfy { $0.input == .segment } == true)
        #expect(content.exercise("text-vito-letter")?.rubric.isEmpty == false)
    }

    @Test("Quiz answers are graded by the grader; a review variant is graded on the trainee's own figures")
    func grading() async throws {
        let content = try ServerCourse.load(root: Self.root)
        try await TestStore.with { database in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in
                let token = try await client.trainerToken()
                let session = try await client.newSession(token)
                try await client.setExercise(token, session: session.id, "quiz-m1-jbp", open: true)
                try await client.setExercise(token, session: session.id, "review-hengda", open: true)
                let a = try await client.join(session.code, name: "甲")
                let b = try await client.join(session.code, name: "乙")

                let quiz = try await client.submit(a.token, "quiz-m1-jbp", answers: ["purpose": "b", "difference": "b", "occasions": ["a", "b", "c"]])
                #expect(quiz.status == .created)
                #expect(quiz.json["score"] == 4)
                #expect(quiz.json["max_score"] == 10)

                // Each trainee's case differs; the grade is computed on its own variant.
                let exercisesA = try await client.call(.get, "/api/me/exercises", as: .bearer(a.token))
                let exercisesB = try await client.call(.get, "/api/me/exercises", as: .bearer(b.token))
                let dataA = try #require(exercisesA.json["exercises"]?.array?.first { $0["id"] == "review-hengda" }?["data"])
                let dataB = try #require(exercisesB.json["exercises"]?.array?.first { $0["id"] == "review-hengda" }?["data"])
                #expect(dataA["sales"]?["actual"] != dataB["sales"]?["actual"])

                let miss = try await client.submit(b.token, "review-hengda", answers: ["roi": 0])
                #expect(miss.json["variant"] == 2)
                #expect(miss.json["items"]?.array?.first { $0["id"] == "roi" }?["expected"] == nil)
                try await client.setExercise(token, session: session.id, "review-hengda", revealed: true)
                let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(b.token))
                let expected = try #require(mine.json["submissions"]?.array?.first?["grade"]?["items"]?.array?.first { $0["id"] == "roi" }?["expected"]?.number)
                let hit = try await client.submit(b.token, "review-hengda", answers: ["roi": .number(expected)])
                #expect(hit.json["items"]?.array?.first { $0["id"] == "roi" }?["correct"] == true)
                #expect(expected != 0.0919325)  // not the base case's ROI: the variant's
            }
        }
    }

    /// A sample plan of the homework, as a trainee's submission body (`expect_score` stripped).
    static func sample(_ name: String) throws -> (body: JSONValue, expected: Double) {
        let text = try String(contentsOf: root.appendingPathComponent("exercises/plan-homework/samples/\(name)"), encoding: .utf8)
        guard var members = try PlanBuilder.plan(fromYAML: text).object else { throw CocoaError(.fileReadCorruptFile) }
        let expected = try #require(members["expect_score"]?.number)
        members["expect_score"] = nil
        if let plan = members["plan"] { return (["plan": plan], expected) }
        return (["plan": .object(members)], expected)
    }

    @Test("The homework plan on the real grader: samples grade as they say, the builder shows credible targets and costs, a v1 grade is regraded to v2 and the override stays")
    func homeworkPlan() async throws {
        let content = try ServerCourse.load(root: Self.root)
        try await TestStore.with { database in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in
                let token = try await client.trainerToken()
                let session = try await client.newSession(token)
                try await client.setExercise(token, session: session.id, "plan-homework", open: true)
                let a = try await client.join(session.code, name: "甲")
                let b = try await client.join(session.code, name: "乙")

                let model = try Self.sample("model-answer.yaml")
                let graded = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a.token), json: model.body)
                #expect(graded.status == .created)
                #expect(graded.json["score"]?.number == model.expected)
                #expect(graded.json["items"]?.array?.count == 13)

                // The plan that fooled v1: 100 % coverage and 1 day of stock within a month, for nothing.
                let absurd = try Self.sample("absurd.yaml")
                let fooled = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(b.token), json: absurd.body)
                let score = try #require(fooled.json["score"]?.number)
                #expect(score == absurd.expected && score < 60)
                let feasible = try #require(fooled.json["items"]?.array?.first { $0["id"] == "feasible" })
                #expect(feasible["correct"] == false)
                #expect(feasible["feedback"]?.string?.contains("不可信，最多可到") == true, "\(feasible)")

                // The builder's live projection: each driver goal with its credible target, and the plan's costs.
                let projection = try await client.call(.post, "/api/me/plan/projection", as: .bearer(b.token), json: absurd.body)
                #expect(projection.status == .ok)
                let effects = projection.json["effects"]?.array ?? []
                #expect(!effects.isEmpty)
                #expect(effects.contains { $0["credible"] == false })
                for effect in effects {
                    let (t, t2) = (try #require(effect["target"]?.number), try #require(effect["credible_target"]?.number))
                    #expect(effect["credible"] == .bool(abs(t - t2) <= 1e-6 * max(1, abs(t)) || abs(t - t2) <= 0.0005))
                }
                #expect(projection.json["projected"]?["plan_costs"]?.number != nil)
                #expect(projection.json["projected"]?["coverage_rate"]?.number != nil)

                // A grade stored by v1 (the eleven checks, 100 points for the absurd plan), then overridden:
                // the regrade brings the automatic grade to v2 and keeps the trainer's score.
                let id = Int64(try #require(fooled.json["submission_id"]?.number))
                let v1 = #"{"exercise":"plan-homework","variant":0,"gradable":true,"format_errors":[],"score":100,"max_score":100,"needs_manual":false,"items":[{"id":"projection","points":10,"awarded":10,"correct":true,"feedback":"v1"}]}"#
                _ = try await database.applyRegrades([Regrade(submissionId: id, grade: v1, traineeGrade: v1, score: 100, maxScore: 100, needsManual: false)])
                #expect(try await database.submission(id: id)?.score == 100)
                let override = try await client.call(.post, "/api/submissions/\(id)/override", as: .bearer(token), json: ["score": 40, "comment": "目标不可信"])
                #expect(override.status == .ok)
                let regrade = try await client.call(.post, "/api/sessions/\(session.id)/regrade", as: .bearer(token), json: ["exercise": "plan-homework"])
                #expect(regrade.json["regraded"] == 2)
                #expect(regrade.json["changed"] == 1)
                let stored = try #require(try await database.submission(id: id))
                #expect(stored.score == score)
                #expect(stored.overrideScore == 40 && stored.overrideComment == "目标不可信")
                #expect(stored.grade.contains("\"feasible\"") && !stored.grade.contains("\"projection\""))
            }
        }
    }

    /// The text a person sees on a page: no scripts, styles, tags or attributes.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in ["<pre[^>]*>[\\s\\S]*?</pre>", "<script[^>]*>[\\s\\S]*?</script>", "<style[^>]*>[\\s\\S]*?</style>", "<svg[^>]*>[\\s\\S]*?</svg>", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    /// Machine words a trainee should never read: snake_case ids and dotted keys
    /// (`coverage_gap_rounded_down`, `coverage_rate.traditional`, `projected_roi`).
    static func identifiers(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\\b[a-z]+(?:[_.][a-z]+)+\\b")
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    @Test("No id on a Chinese trainee page: every page of a class, after work on every exercise kind")
    func traineeWords() async throws {
        let content = try ServerCourse.load(root: Self.root)
        try await TestStore.with { database in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in
                let token = try await client.trainerToken()
                let session = try await client.newSession(token)
                for exercise in content.exercises { try await client.setExercise(token, session: session.id, exercise.id, open: true) }
                let a = try await client.join(session.code, name: "甲")
                // Wrong answers, so that feedback, slips and rankings show.
                _ = try await client.submit(a.token, "review-hengda", answers: ["roi": "41.46%", "top_opportunities": "团队、覆盖、库存", "inventory_days": 52.25])
                _ = try await client.submit(a.token, "quiz-m1-jbp", answers: ["purpose": "a"])
                let plan = try Self.sample("absurd.yaml")
                _ = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(a.token), json: plan.body)
                _ = try await client.call(.put, "/api/me/plan", as: .bearer(a.token), json: plan.body)
                for exercise in ["review-hengda", "quiz-m1-jbp"] { try await client.setExercise(token, session: session.id, exercise, revealed: true) }
                let phone = Browser(client)
                phone.cookies["jbp_trainee"] = a.token
                var pages = ["/t", "/t/submissions", "/t/plan", "/t/plan/print", "/t/plan/scorecard"]
                pages += content.modules.map { "/t/modules/\($0.id)" }
                for page in pages {
                    let answer = try await phone.get(page)
                    #expect(answer.status == .ok, "\(page)")
                    let found = Set(Self.identifiers(in: Self.visibleText(answer.text)))
                    #expect(found.isEmpty, "\(page) shows \(found.sorted())")
                }
            }
        }
    }
}


/// The trainer's manual (讲师手册) teaches the course the server serves: its agenda adds up to
/// the course's days, each unit to its module's minutes, and names every exercise of the modules.
@Suite("The trainer's manual agrees with the course")
struct TrainerManualTests {
    /// The agenda's rows: minutes (lunch, written in brackets, left out), the unit's Chinese numeral, the last column.
    static func agenda() throws -> [[(minutes: Int, unit: Int, what: String)]] {
        let text = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("docs/trainer-manual.md"), encoding: .utf8)
        let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7]
        var days: [[(minutes: Int, unit: Int, what: String)]] = []
        for heading in ["### 第一天", "### 第二天"] {
            let after = try #require(text.components(separatedBy: heading).dropFirst().first)
            let table = try #require(after.components(separatedBy: "```csv delim=;\n").dropFirst().first?.components(separatedBy: "```").first)
            var rows: [(minutes: Int, unit: Int, what: String)] = []
            for line in table.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard cells.count >= 5, let minutes = Int(cells[1]) else { continue }
                rows.append((minutes, cells[3].first.flatMap { numerals[$0] } ?? 0, cells[4]))
            }
            days.append(rows)
        }
        return days
    }

    @Test("Each day is the course's minutes per day, each unit its module's minutes, 720 in all")
    func minutes() throws {
        let content = try ServerCourse.load(root: CourseIntegrationTests.root)
        let yaml = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("course/course.yaml"), encoding: .utf8)
        let perDay = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("minutes_per_day:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) })
        let days = try Self.agenda()
        #expect(days.count == 2)
        for day in days { #expect(day.reduce(0) { $0 + $1.minutes } == perDay) }
        #expect(days.joined().reduce(0) { $0 + $1.minutes } == content.modules.reduce(0) { $0 + $1.minutes })
        for module in content.modules {
            let taught = days.joined().filter { $0.unit == module.order }.reduce(0) { $0 + $1.minutes }
            #expect(taught == module.minutes, "unit \(module.order) (\(module.id)): the manual gives \(taught), course.yaml's module \(module.minutes)")
        }
    }

    @Test("Every exercise placed in a module is run somewhere in the agenda")
    func exercises() throws {
        let content = try ServerCourse.load(root: CourseIntegrationTests.root)
        let named = days(try Self.agenda())
        for module in content.modules {
            for id in module.exerciseIDs {
                // The homework is briefed in class and done afterwards: it is named in the briefing's row.
                let exercise = try #require(content.exercise(id))
                if exercise.kind == .plan, !exercise.groupPlan { continue }
                #expect(named.contains(id), "\(id) is in \(module.id) but the agenda never runs it")
            }
        }
    }

    private func days(_ agenda: [[(minutes: Int, unit: Int, what: String)]]) -> String {
        agenda.joined().map(\.what).joined(separator: "\n")
    }
}
