import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// api.md "The classroom": an exercise opened for `closes_in` seconds closes by itself; until
/// then trainees see its `closes_at`; an answer after it is a 409 saying the time is up.
@Suite("Timers")
struct ClassroomTimerTests {
    static func patch(_ client: some TestClientProtocol, _ token: String, session: Int64, _ exercise: String, _ body: JSONValue) async throws -> Answer {
        try await client.call(.patch, "/api/sessions/\(session)/exercises/\(exercise)", as: .bearer(token), json: body)
    }

    /// The exercise's entry in the trainer's view of the session.
    static func state(_ client: some TestClientProtocol, _ token: String, session: Int64, _ exercise: String) async throws -> JSONValue? {
        try await client.call(.get, "/api/sessions/\(session)", as: .bearer(token)).json["exercises"]?.array?.first { $0["id"]?.string == exercise }
    }

    @Test("Opened for a time: trainees see closes_at and may answer; once it has passed the exercise is closed, and an answer is a 409 saying the time is up")
    func closesByItself() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            let opened = try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["open": true, "closes_in": 5])
            #expect(opened.status == .ok, "\(opened.text)")
            let closesAtText = try #require(opened.json["closes_at"]?.string)
            let closesAt = try #require(ISO8601DateFormatter().date(from: closesAtText))
            #expect(opened.json["open"] == true)

            let listed = try await client.call(.get, "/api/me/exercises", as: .bearer(trainee.token)).json["exercises"]?.array ?? []
            #expect(listed.first { $0["id"]?.string == "quiz-m1-jbp" }?["closes_at"]?.string == closesAtText)
            #expect(try await Self.state(client, token, session: session.id, "quiz-m1-jbp")?["closes_at"]?.string == closesAtText)
            let page = try await client.call(.get, "/t/modules/jbp", as: .cookies([CookieName.trainee: trainee.token]))
            #expect(page.text.contains("data-closes-at=\"\(closesAtText)\""), "the trainee's page counts down")
            #expect(try await client.submit(trainee.token, "quiz-m1-jbp", answers: ["purpose": "b"]).status == .created)

            // Wait until the time has passed (closes_at is written to the second, cut down).
            let wait = closesAt.timeIntervalSinceNow + 1.2
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
            let before = try await database.snapshot()
            let late = try await client.submit(trainee.token, "quiz-m1-jbp", answers: ["purpose": "b"])
            #expect(late.status == .conflict)
            #expect(late.json["error"]?.string?.contains("时间到") == true, "\(late.text)")
            var english = HTTPFields()
            english[.authorization] = "Bearer " + trainee.token
            english[.acceptLanguage] = "en"
            english[.contentType] = "application/json"
            let lateEnglish = try await client.execute(
                uri: "/api/me/exercises/quiz-m1-jbp/submissions", method: .post, headers: english,
                body: ByteBuffer(string: #"{"answers":{"purpose":"b"}}"#)) { String(buffer: $0.body) }
            #expect(lateEnglish.contains("Time is up"), "\(lateEnglish)")
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
            let browser = Browser(client)
            browser.cookies[CookieName.trainee] = trainee.token
            _ = try await browser.get("/t/modules/jbp")
            let form = try await browser.post("/t/exercises/quiz-m1-jbp", [("a.purpose", "b")])
            #expect(form.status == .seeOther)
            let location = try #require(form.headers[.location]).split(separator: "#")[0]
            let shown = try await browser.get(String(location))
            #expect(shown.text.contains("时间到了"), "the page says the time is up, in Chinese")
            #expect(try await client.call(.get, "/api/me/exercises", as: .bearer(trainee.token)).json["exercises"]?.array?
                .contains { $0["id"]?.string == "quiz-m1-jbp" } == false)
            let after = try #require(try await Self.state(client, token, session: session.id, "quiz-m1-jbp"))
            #expect(after["open"] == false && after["closes_at"]?.string == closesAtText)
        }
    }

    @Test("Opening again without a time, or closing, clears the timer; revealing keeps it")
    func clearing() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            #expect(try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["open": true, "closes_in": 600]).json["closes_at"] != .null)
            #expect(try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["revealed": true]).json["closes_at"] != .null)
            #expect(try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["open": true]).json["closes_at"] == .null)
            _ = try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["open": true, "closes_in": 600])
            let closed = try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", ["open": false])
            #expect(closed.json["closes_at"] == .null && closed.json["open"] == false)
        }
    }

    @Test("A time that is not one is a 400 naming closes_in, and changes nothing", arguments: [
        ["open": false, "closes_in": 60], ["closes_in": 60], ["open": true, "closes_in": 0], ["open": true, "closes_in": -5],
        ["open": true, "closes_in": 86_401], ["open": true, "closes_in": "60"], ["open": true, "closes_in": 1e300],
    ] as [JSONValue])
    func badTimes(body: JSONValue) async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let before = try await database.snapshot()
            let answer = try await Self.patch(client, token, session: session.id, "quiz-m1-jbp", body)
            #expect(answer.status == .badRequest, "\(answer.text)")
            #expect(answer.json["error"]?.string?.contains("closes_in") == true || body["open"] == nil, "\(answer.text)")
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
        }
    }

    @Test("The control room opens an exercise for a number of minutes")
    func controlRoom() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = token
            let room = try await trainer.get("/trainer/sessions/\(session.id)")
            #expect(room.text.contains("data-test=\"open-timed-quiz-m1-jbp\""))
            let started = Date()
            #expect(try await trainer.post("/trainer/sessions/\(session.id)/exercises/quiz-m1-jbp", [("open", "1"), ("minutes", "5")]).status == .seeOther)
            let state = try #require(try await Self.state(client, token, session: session.id, "quiz-m1-jbp"))
            let closesAt = try #require(state["closes_at"]?.string.flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(closesAt.timeIntervalSince(started) - 300) < 5, "5 minutes from now: \(closesAt)")
            #expect(try await trainer.get("/trainer/sessions/\(session.id)").text.contains("data-test=\"timer-quiz-m1-jbp\""))
            let wrong = try await trainer.post("/trainer/sessions/\(session.id)/exercises/quiz-m1-jbp", [("open", "1"), ("minutes", "很久")])
            #expect(wrong.status == .badRequest && wrong.text.contains("分钟数"), "\(wrong.text.prefix(300))")
        }
    }
}
