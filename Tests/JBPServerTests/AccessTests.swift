import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

@Suite("Who may do what")
struct AccessTests {
    /// Every trainer route, with a body where it takes one.
    static func trainerRoutes(session: Int64, submission: Int64) -> [(HTTPRequest.Method, String, JSONValue?)] {
        [
            (.post, "/api/sessions", ["title": "x", "starts_on": "2026-01-01", "ends_on": "2026-01-02"]),
            (.get, "/api/sessions/\(session)", nil),
            (.patch, "/api/sessions/\(session)/exercises/quiz-m1", ["open": true]),
            (.get, "/api/sessions/\(session)/results", nil),
            (.get, "/api/sessions/\(session)/exercises/quiz-m1/stats", nil),
            (.post, "/api/sessions/\(session)/regrade", ["exercise": "quiz-m1"]),
            (.get, "/api/sessions/\(session)/grades.csv", nil),
            (.post, "/api/submissions/\(submission)/override", ["score": 0, "comment": "x"]),
            (.post, "/api/submissions/\(submission)/rubric", ["scores": [:]]),
        ]
    }

    static let traineeRoutes: [(HTTPRequest.Method, String, JSONValue?)] = [
        (.get, "/api/me/exercises", nil),
        (.post, "/api/me/exercises/quiz-m1/submissions", ["answers": ["q1": "a"]]),
        (.get, "/api/me/submissions", nil),
        (.put, "/api/me/plan", ["plan": ["goals": []]]),
        (.get, "/api/me/plan", nil),
        (.post, "/api/me/plan/checkins", ["date": "2026-03-31", "values": ["M1": 1]]),
    ]

    @Test("Trainer routes: 401 for nobody and for a bad token, 403 for trainees (cookie or Bearer)")
    func trainerRoutesDenied() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "甲")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let submission = Int64(try #require(try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a"]).json["submission_id"]?.number))
            for (method, uri, body) in Self.trainerRoutes(session: session.id, submission: submission) {
                let anonymous = try await client.call(method, uri, json: body)
                #expect(anonymous.status == .unauthorized, "\(method) \(uri) as nobody")
                #expect(anonymous.json["error"] == "请先以讲师身份登录。")
                let forged = try await client.call(method, uri, as: .bearer("trainer_forged"), json: body)
                #expect(forged.status == .unauthorized, "\(method) \(uri) with a forged token")
                let asTrainee = try await client.call(method, uri, as: .bearer(trainee.token), json: body)
                #expect(asTrainee.status == .forbidden, "\(method) \(uri) as a trainee")
                let asTraineeCookie = try await client.call(method, uri, as: .cookies(["jbp_trainee": trainee.token]), json: body)
                #expect(asTraineeCookie.status == .forbidden, "\(method) \(uri) as a trainee by cookie")
                // A trainee token in the trainer's cookie is no trainer.
                let swapped = try await client.call(method, uri, as: .cookies(["jbp_trainer": trainee.token]), json: body)
                #expect(swapped.status == .unauthorized, "\(method) \(uri) with a trainee token as trainer cookie")
            }
        }
    }

    @Test("Trainee routes: 401 for nobody, 403 for a trainer who has not joined")
    func traineeRoutesDenied() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            for (method, uri, body) in Self.traineeRoutes {
                let anonymous = try await client.call(method, uri, json: body)
                #expect(anonymous.status == .unauthorized, "\(method) \(uri) as nobody")
                let forged = try await client.call(method, uri, as: .bearer("trainee_forged"), json: body)
                #expect(forged.status == .unauthorized, "\(method) \(uri) with a forged token")
                let trainer = try await client.call(method, uri, as: .bearer(token), json: body)
                #expect(trainer.status == .forbidden, "\(method) \(uri) as the trainer")
            }
        }
    }

    @Test("A trainee sees only its own work: not another's in the same session, not another session's")
    func isolation() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let one = try await client.newSession(token, title: "一班")
            let two = try await client.newSession(token, title: "二班")
            let a = try await client.join(one.code, name: "甲")
            let b = try await client.join(one.code, name: "乙")
            let c = try await client.join(two.code, name: "丙")
            try await client.setExercise(token, session: one.id, "quiz-m1", open: true)
            try await client.setExercise(token, session: one.id, "plan-homework", open: true)

            let sent = try await client.submit(a.token, "quiz-m1", answers: ["q1": "a"])
            #expect(sent.status == .created)
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(a.token), json: ["plan": ["objective": "甲的计划"]])

            let bSubmissions = try await client.call(.get, "/api/me/submissions", as: .bearer(b.token))
            #expect(bSubmissions.json == ["submissions": []])
            let bPlan = try await client.call(.get, "/api/me/plan", as: .bearer(b.token))
            #expect(bPlan.json["draft"] == .null)

            // Session two has opened nothing: its trainee sees nothing and cannot submit.
            let cExercises = try await client.call(.get, "/api/me/exercises", as: .bearer(c.token))
            #expect(cExercises.json == ["exercises": []])
            let cSubmit = try await client.submit(c.token, "quiz-m1", answers: ["q1": "a"])
            #expect(cSubmit.status == .conflict)
            let cSubmissions = try await client.call(.get, "/api/me/submissions", as: .bearer(c.token))
            #expect(cSubmissions.json == ["submissions": []])

            // Trainer pages for a trainee of another session are 404.
            let page = try await client.call(.get, "/trainer/sessions/\(two.id)/trainees/\(a.id)", as: .cookies(["jbp_trainer": token]))
            #expect(page.status == .notFound)
        }
    }
}
