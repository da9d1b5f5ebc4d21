import Foundation
import Grading
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

@Suite("Exercises, submissions and grades")
struct SubmissionTests {
    @Test("A trainee sees only open exercises, with its variant, data and attempts")
    func myExercises() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let first = try await client.join(session.code, name: "甲")
            let second = try await client.join(session.code, name: "乙")
            let none = try await client.call(.get, "/api/me/exercises", as: .bearer(first.token))
            #expect(none.json == ["exercises": []])

            try await client.setExercise(token, session: session.id, "review-x", open: true)
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let mine = try await client.call(.get, "/api/me/exercises", as: .bearer(second.token))
            let exercises = try #require(mine.json["exercises"]?.array)
            #expect(exercises.map { $0["id"] } == ["quiz-m1", "review-x"])
            let quiz = exercises[0]
            #expect(quiz["kind"] == "quiz")
            #expect(quiz["variant"] == 0)
            #expect(quiz["data"] == .null)
            #expect(quiz["attempts_allowed"] == 2 && quiz["attempts_used"] == 0 && quiz["attempts_left"] == 2)
            #expect(quiz["questions"]?.array?.first?["choices"]?.array?.count == 2)
            let review = exercises[1]
            #expect(review["variant"] == 2)  // the second trainee to join
            // The data is the trainee's own variant of the case, as the grader draws it.
            #expect(review["data"] == (try Fixture.review(variant: 2)).case.json)
            #expect(review["data"] != (try Fixture.review(variant: 1)).case.json)
            #expect(review["attempts_left"] == .null)  // unlimited
        }
    }

    @Test("A right and a wrong answer are graded, stored with raw answers before the answer, expected withheld")
    func gradeAndStore() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            try await client.setExercise(token, session: session.id, "review-x", open: true)

            let right = try await client.submit(trainee.token, "review-x", answers: ["roi": .string(String(format: "%.4f%%", Fixture.roi(variant: 1) * 100))])
            #expect(right.status == .created)
            #expect(right.json["score"] == 2 && right.json["max_score"] == 2)
            #expect(right.json["gradable"] == true)
            #expect(right.json["variant"] == 1)
            let item = try #require(right.json["items"]?.array?.first)
            #expect(item["correct"] == true)
            #expect(item["expected"] == nil)  // manual reveal: left out, not even null
            #expect(!right.text.contains("\"expected\""))
            let id = try #require(right.json["submission_id"]?.number)

            let stored = try #require(try await database.submission(id: Int64(id)))
            #expect(stored.traineeId == trainee.id)
            #expect(stored.variant == 1)
            #expect(JSONValue.parse(stored.raw) == ["answers": ["roi": .string(String(format: "%.4f%%", Fixture.roi(variant: 1) * 100))]])
            #expect(stored.score == 2)
            #expect(JSONValue.parse(stored.grade)?["items"]?.array?.first?["expected"]?.number == Fixture.roi(variant: 1))

            // The net margin of the trainee's own case: a mistake the grader names.
            let netMargin = try Fixture.review(variant: 1).result.netMargin
            let wrong = try await client.submit(trainee.token, "review-x", answers: ["roi": .number(netMargin)])
            #expect(wrong.json["score"] == 0)
            #expect(wrong.json["items"]?.array?.first?["misconception"] == "roi_on_revenue")
            #expect(wrong.json["items"]?.array?.first?["feedback"]?.string?.contains("净利率") == true)

            // Once the trainer reveals, the expected value shows, in the answer and in the list.
            try await client.setExercise(token, session: session.id, "review-x", revealed: true)
            let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(trainee.token))
            let submissions = try #require(mine.json["submissions"]?.array)
            #expect(submissions.count == 2)
            #expect(submissions[0]["grade"]?["items"]?.array?.first?["expected"]?.number == Fixture.roi(variant: 1))
            #expect(submissions[1]["score"] == 0)
        }
    }

    @Test("Unreadable submissions are 422 with format_errors, store nothing and cost no attempt")
    func unreadable() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            for _ in 0..<3 {
                let bad = try await client.submit(trainee.token, "quiz-m1", answers: ["q9": "a"])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.json["error"] == "提交无法评分（不计入次数）：未知的题号“q9”")
                #expect(bad.json["format_errors"] == ["未知的题号“q9”"])
            }
            let notAnObject = try await client.call(.post, "/api/me/exercises/quiz-m1/submissions", as: .bearer(trainee.token), json: ["answers": "a"])
            #expect(notAnObject.status == .badRequest)
            #expect(try await database.submissions(trainee: trainee.id, exercise: nil).isEmpty)
            let exercises = try await client.call(.get, "/api/me/exercises", as: .bearer(trainee.token))
            #expect(exercises.json["exercises"]?.array?.first?["attempts_left"] == 2)
        }
    }

    @Test("A closed exercise and no attempts left are 409s; after_submit reveals once all attempts are used")
    func conflicts() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            let closed = try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a"])
            #expect(closed.status == .conflict)
            #expect(closed.json["error"] == "这个练习已关闭。")

            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let first = try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "b"])
            #expect(first.json["attempts_left"] == 1)
            #expect(first.json["items"]?.array?.first?["expected"] == nil)
            let second = try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a", "q2": ["b", "a"]])
            #expect(second.json["score"] == 2)
            #expect(second.json["attempts_left"] == 0)
            #expect(second.json["items"]?.array?.first?["expected"] == "a")  // all attempts used: revealed
            let third = try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a"])
            #expect(third.status == .conflict)
            #expect(third.json["error"] == "提交次数已用完：这个练习最多可提交 2 次。")

            let unknown = try await client.submit(trainee.token, "no-such", answers: ["q1": "a"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("Concurrent submissions never exceed the attempts allowed")
    func attemptRace() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 { group.addTask { try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a"]).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 2)
            #expect(statuses.filter { $0 == .conflict }.count == 6)
            #expect(try await database.submissions(trainee: trainee.id, exercise: "quiz-m1").count == 2)
        }
    }

    @Test("Results, stats, override, regrade and the CSV")
    func trainerViews() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let a = try await client.join(session.code, name: "甲")
            let b = try await client.join(session.code, name: "=HYPERLINK(\"http://x\")")
            try await client.setExercise(token, session: session.id, "review-x", open: true)
            _ = try await client.submit(a.token, "review-x", answers: ["roi": .number(Fixture.roi(variant: 1))])
            // B answers its own case's net margin, first as a percentage, then as a fraction.
            let netMargin = try Fixture.review(variant: 2).result.netMargin
            _ = try await client.submit(b.token, "review-x", answers: ["roi": .string(String(format: "%.2f%%", netMargin * 100))])
            let wrongID = Int64(try #require(try await client.submit(b.token, "review-x", answers: ["roi": .number(netMargin)]).json["submission_id"]?.number))

            let stats = try await client.call(.get, "/api/sessions/\(session.id)/exercises/review-x/stats", as: .bearer(token))
            #expect(stats.status == .ok)
            #expect(stats.json["submissions"] == 3)
            #expect(stats.json["trainees"] == 2)
            #expect(stats.json["mean_score"] == 1)  // latest of each: 2 and 0
            let item = try #require(stats.json["items"]?.array?.first)
            #expect(item["id"] == "roi")
            #expect(item["correct_rate"] == 0.5)
            #expect(item["misconceptions"] == ["roi_on_revenue": 1])
            let bins = try #require(item["histogram"]?.array)
            #expect(bins.compactMap { $0["count"]?.number }.reduce(0, +) == 2)
            #expect(bins.first?["from"]?.number == netMargin)

            let results = try await client.call(.get, "/api/sessions/\(session.id)/results", as: .bearer(token))
            let rows = try #require(results.json["trainees"]?.array)
            #expect(rows.map { $0["name"] } == ["甲", "=HYPERLINK(\"http://x\")"])
            #expect(rows[0]["exercises"]?["review-x"]?["best_score"] == 2)
            #expect(rows[1]["exercises"]?["review-x"]?["attempts"] == 2)
            #expect(rows[1]["total"] == 0)

            let override = try await client.call(.post, "/api/submissions/\(wrongID)/override", as: .bearer(token), json: ["score": 1.5, "comment": "思路对,单位错"])
            #expect(override.status == .ok)
            #expect(override.json["score"] == 1.5)
            #expect(override.json["automatic_score"] == 0)
            #expect(override.json["override_comment"] == "思路对,单位错")
            let tooHigh = try await client.call(.post, "/api/submissions/\(wrongID)/override", as: .bearer(token), json: ["score": 3, "comment": ""])
            #expect(tooHigh.status == .badRequest)

            // A regrade with the same engine changes nothing and keeps the override.
            let regrade = try await client.call(.post, "/api/sessions/\(session.id)/regrade", as: .bearer(token), json: ["exercise": "review-x"])
            #expect(regrade.json == ["exercise": "review-x", "regraded": 3, "changed": 0])
            #expect(try await database.submission(id: wrongID)?.overrideScore == 1.5)

            let csv = try await client.call(.get, "/api/sessions/\(session.id)/grades.csv", as: .bearer(token))
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            // Titles for the trainer, then the ids for scripts; the total adds percentages of each maximum.
            #expect(lines[0].hasPrefix("\u{FEFF}编号,姓名,") && lines[0].hasSuffix(",合计（各练习得分率 % 之和）"))
            #expect(!lines[0].contains("review-x"))
            #expect(lines[1] == "trainee_id,name,quiz-m1,review-x,text-letter,plan-homework,total_percent")
            #expect(lines[2] == "\(a.id),甲,,2,,,100")
            #expect(lines[3] == "\(b.id),\"'=HYPERLINK(\"\"http://x\"\")\",,1.5,,,75")
        }
    }

    @Test("A regrade recomputes from raw answers but never overwrites a manual score")
    func regradeChanges() async throws {
        try await TestStore.with { database in
            let content = Fixture.content
            let classroom = Classroom(store: database, content: content, bcryptCost: 4)
            let trainer = try await classroom.addTrainer(name: "t", password: "12345678")
            let session = try await classroom.createSession(title: "班", startsOn: "2026-01-01", endsOn: "2026-01-02", homeworkDue: nil, by: trainer)
            _ = try await classroom.setState(session: session.id, exercise: "quiz-m1", open: true, revealed: nil)
            let joined = try await classroom.join(code: session.joinCode, name: "甲", client: "test")
            let first = try await classroom.submit(trainee: joined.trainee, exerciseID: "quiz-m1", body: ["answers": ["q1": "a"]])
            let second = try await classroom.submit(trainee: joined.trainee, exerciseID: "quiz-m1", body: ["answers": ["q1": "b"]])
            _ = try await classroom.override(submission: second.submission.id, score: 2, comment: "讲师认可")
            // A fixed engine that also accepts "b" for q1.
            var fixed = content
            fixed.engine = LenientEngine()
            let regraded = Classroom(store: database, content: fixed, bcryptCost: 4)
            let outcome = try await regraded.regrade(session: session.id, exerciseID: "quiz-m1")
            #expect(outcome.regraded == 2)
            #expect(outcome.changed == 1)
            let after = try #require(try await database.submission(id: second.submission.id))
            #expect(after.score == 1)
            #expect(after.overrideScore == 2)
            #expect(after.effectiveScore == 2)
            #expect(try await database.submission(id: first.submission.id)?.score == 1)
        }
    }

    @Test("Text exercises wait for the trainer's rubric scores")
    func rubric() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            try await client.setExercise(token, session: session.id, "text-letter", open: true)
            let sent = try await client.submit(trainee.token, "text-letter", answers: ["text": "尊敬的刘总:我们一起把覆盖率提高到 55%。"])
            #expect(sent.json["needs_manual"] == true)
            #expect(sent.json["score"] == 1)
            let id = try #require(sent.json["submission_id"]?.number)
            let results = try await client.call(.get, "/api/sessions/\(session.id)/results", as: .bearer(token))
            #expect(results.json["trainees"]?.array?.first?["exercises"]?["text-letter"]?["awaits_trainer"] == true)
            let scored = try await client.call(.post, "/api/submissions/\(Int(id))/rubric", as: .bearer(token), json: ["scores": ["value": 3, "ask": 1]])
            #expect(scored.status == .ok)
            #expect(scored.json["score"] == 5)
            #expect(scored.json["rubric_score"] == 4)
            let over = try await client.call(.post, "/api/submissions/\(Int(id))/rubric", as: .bearer(token), json: ["scores": ["value": 4]])
            #expect(over.status == .badRequest)
            let unknown = try await client.call(.post, "/api/submissions/\(Int(id))/rubric", as: .bearer(token), json: ["scores": ["tone": 1]])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test("The homework plan: draft round trip, submit, check-ins")
    func plan() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            let empty = try await client.call(.get, "/api/me/plan", as: .bearer(trainee.token))
            #expect(
                empty.json == [
                    "exercise": "plan-homework", "draft": .null, "draft_saved_at": .null, "submitted": .null, "submission_id": .null, "grade": .null, "homework_due": "2026-03-31",
                    "late_seconds": .null, "comments": [:], "checkins": [],
                ])

            let draft: JSONValue = ["case": "hengda-2025", "objective": "提升ROI", "goals": [["id": "G1", "metric": "roi"]]]
            let saved = try await client.call(.put, "/api/me/plan", as: .bearer(trainee.token), json: ["plan": draft])
            #expect(saved.status == .ok)
            #expect(saved.json["draft"] == draft)
            let back = try await client.call(.get, "/api/me/plan", as: .bearer(trainee.token))
            #expect(back.json["draft"] == draft)
            #expect(back.json["submitted"] == .null)

            let early = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "2026-03-31", "values": ["M1": 0.5]])
            #expect(early.status == .conflict)

            try await client.setExercise(token, session: session.id, "plan-homework", open: true)
            let submitted = try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(trainee.token), json: ["plan": draft])
            #expect(submitted.status == .created)
            // The real grader's score of that plan, as `jbp grade` would give it.
            let exercise = try Exercise.load(folder: "plan-homework") { relative in
                try String(contentsOf: Fixture.root.appendingPathComponent("exercises/plan-homework").appendingPathComponent(relative), encoding: .utf8)
            }
            let expected = Grader.grade(exercise, submission: Grading.Submission.from(["plan": draft])).score
            #expect(submitted.json["score"]?.number == expected)
            let status = try await client.call(.get, "/api/me/plan", as: .bearer(trainee.token))
            #expect(status.json["submitted"] == draft)
            #expect(status.json["grade"]?["score"]?.number == expected)

            // A plan without a period or measures has nothing to check in against.
            let noMeasures = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "2026-03-31", "values": ["M1": 0.5]])
            #expect(noMeasures.status == .unprocessableContent)
            // model.md §8's plan, handed in: its check-in of 31 March is green.
            let example = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("Tests/JBPModelTests/Fixtures/example-plan.yaml"), encoding: .utf8)
            let plan = try PlanBuilder.plan(fromYAML: example)
            #expect(try await client.call(.post, "/api/me/exercises/plan-homework/submissions", as: .bearer(trainee.token), json: ["plan": plan]).status == .created)
            let checkIn = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "2026-03-31", "values": ["M1": 0.5]])
            #expect(checkIn.status == .created)
            #expect(checkIn.json["measures"]?.array?.first?["status"] == "green")
            let badMeasure = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "2026-03-31", "values": ["M9": 1]])
            #expect(badMeasure.status == .unprocessableContent)
            #expect(badMeasure.json["error"] == "计划里没有衡量指标 M9")
            let badDate = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "March", "values": ["M1": 1]])
            #expect(badDate.status == .badRequest)
            let notNumber = try await client.call(.post, "/api/me/plan/checkins", as: .bearer(trainee.token), json: ["date": "2026-03-31", "values": ["M1": "many"]])
            #expect(notNumber.status == .badRequest)
        }
    }
}

/// The fixture engine after a "fix": q1 accepts "b" too.
struct LenientEngine: ExerciseEngine {
    let base = Fixture.content.engine
    func data(for exercise: CourseExercise, variant: Int) -> JSONValue? { base.data(for: exercise, variant: variant) }
    func tablesHTML(for exercise: CourseExercise, variant: Int) -> String? { nil }
    func review(for exercise: CourseExercise, variant: Int) -> Review? { base.review(for: exercise, variant: variant) }
    func grade(_ exercise: CourseExercise, variant: Int, submission: JSONValue, ownCase: Case?) -> (full: Grade, trainee: Grade) {
        var grade = base.grade(exercise, variant: variant, submission: submission, ownCase: ownCase).full
        if exercise.id == "quiz-m1", submission["answers"]?["q1"] == "b", let index = grade.items.firstIndex(where: { $0.id == "q1" }) {
            grade.items[index].correct = true
            grade.items[index].awarded = 1
            grade.score += 1
        }
        return (grade, grade.withoutExpected)
    }
    func checkIn(plan: JSONValue, date: String, values: JSONValue) throws(CheckInError) -> JSONValue { try base.checkIn(plan: plan, date: date, values: values) }
}
