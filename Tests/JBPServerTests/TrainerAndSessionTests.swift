import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

@Suite("Trainers and sessions")
struct TrainerAndSessionTests {
    @Test("Login sets an HttpOnly SameSite=Lax cookie and returns a Bearer token")
    func login() async throws {
        try await withApp { client, _ in
            let answer = try await client.call(.post, "/api/trainer/login", json: ["name": "trainer", "password": .string(trainerPassword)])
            #expect(answer.status == .ok)
            #expect(answer.json["trainer"] == "trainer")
            let token = try #require(answer.json["token"]?.string)
            #expect(token.hasPrefix("trainer_") && token.count > 40)
            let line = try #require(answer.setCookieLine("jbp_trainer"))
            #expect(line.contains("HttpOnly"))
            #expect(line.contains("SameSite=Lax"))
            #expect(answer.cookie("jbp_trainer") == token)
            // The cookie works as well as the token.
            let session = try await client.call(
                .post, "/api/sessions", as: .cookies(["jbp_trainer": token]),
                json: ["title": "班", "starts_on": "2026-03-02", "ends_on": "2026-03-03"])
            #expect(session.status == .created)
        }
    }

    @Test("A wrong password is 401 and, repeated, 429 with Retry-After even for the right one")
    func wrongPasswords() async throws {
        try await withApp(freeFailures: 3) { client, _ in
            for _ in 0..<3 {
                let wrong = try await client.call(.post, "/api/trainer/login", json: ["name": "trainer", "password": "guess1234"])
                #expect(wrong.status == .unauthorized)
                #expect(wrong.json["error"] == "讲师账号或密码不对。")
            }
            let blocked = try await client.call(.post, "/api/trainer/login", json: ["name": "trainer", "password": .string(trainerPassword)])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "2")
            #expect(blocked.json["error"]?.string?.hasPrefix("这个地址错误尝试太多次") == true)
            let unknown = try await client.call(.post, "/api/trainer/login", json: ["name": "nobody", "password": "x"])
            #expect(unknown.status == .tooManyRequests)
        }
    }

    @Test("Passwords are stored as bcrypt hashes, never as written")
    func bcrypt() async throws {
        try await withApp { _, database in
            let trainer = try #require(try await database.trainer(named: "trainer"))
            #expect(trainer.passwordHash.hasPrefix("$2b$04$"))
            #expect(!trainer.passwordHash.contains(trainerPassword))
        }
    }

    @Test("The first start on an empty database creates `trainer` and announces its password once")
    func firstStart() async throws {
        try await TestStore.with { database in
            let lines = LineBox()
            let app = try await buildApplication(
                AppArguments(host: "127.0.0.1", port: 0, content: Fixture.content, store: database, bcryptCost: 4, logLevel: .critical, announce: { lines.add($0) }))
            try await app.test(.live) { client in
                let announced = lines.all.joined(separator: "\n")
                #expect(announced.contains("http://127.0.0.1:"))
                let password = try #require(announced.split(separator: " ").first { $0.count == 16 && $0 == $0.lowercased() })
                let login = try await client.call(.post, "/api/trainer/login", json: ["name": "trainer", "password": .string(String(password))])
                #expect(login.status == .ok)
            }
            // A second start on the same database creates nothing and prints no password.
            let again = LineBox()
            let second = try await buildApplication(
                AppArguments(port: 0, content: Fixture.content, store: database, bcryptCost: 4, logLevel: .critical, announce: { again.add($0) }))
            try await second.test(.live) { _ in
                #expect(!again.all.joined().contains("password"))
            }
            #expect(try await database.trainerCount() == 1)
        }
    }

    @Test("Creating a session gives an unambiguous join code and its link")
    func createSession() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let answer = try await client.call(
                .post, "/api/sessions", as: .bearer(token),
                json: ["title": "华东区", "starts_on": "2026-03-02", "ends_on": "2026-03-03", "homework_due": "2026-03-31"])
            #expect(answer.status == .created)
            let code = try #require(answer.json["join_code"]?.string)
            #expect(code.count == 6)
            #expect(code.allSatisfy { Secrets.joinCodeAlphabet.contains($0) })
            #expect(!code.contains { "0O1IL".contains($0) })
            #expect(answer.json["join_url"]?.string?.hasSuffix("/join/" + code) == true)
        }
    }

    @Test("GET /api/sessions/{id} lists modules and exercises with their states; PATCH changes them")
    func sessionStates() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let before = try await client.call(.get, "/api/sessions/\(session.id)", as: .bearer(token))
            #expect(before.status == .ok)
            #expect(before.json["title"] == "华东区 2026 春季班")
            #expect(before.json["homework_due"] == "2026-03-31")
            let modules = try #require(before.json["modules"]?.array)
            #expect(modules.map { $0["id"] } == ["01-intro", "02-letter"])
            let first = try #require(modules[0]["exercises"]?.array)
            #expect(first.map { $0["id"] } == ["quiz-m1", "review-x"])
            #expect(first[0]["open"] == false && first[0]["revealed"] == false)

            let patched = try await client.call(.patch, "/api/sessions/\(session.id)/exercises/quiz-m1", as: .bearer(token), json: ["open": true])
            #expect(patched.json == ["exercise": "quiz-m1", "open": true, "revealed": false, "closes_at": .null])
            let revealed = try await client.call(.patch, "/api/sessions/\(session.id)/exercises/quiz-m1", as: .bearer(token), json: ["revealed": true])
            #expect(revealed.json == ["exercise": "quiz-m1", "open": true, "revealed": true, "closes_at": .null])
            let closed = try await client.call(.patch, "/api/sessions/\(session.id)/exercises/quiz-m1", as: .bearer(token), json: ["open": false])
            #expect(closed.json == ["exercise": "quiz-m1", "open": false, "revealed": true, "closes_at": .null])

            let unknown = try await client.call(.patch, "/api/sessions/\(session.id)/exercises/nope", as: .bearer(token), json: ["open": true])
            #expect(unknown.status == .notFound)
            let empty = try await client.call(.patch, "/api/sessions/\(session.id)/exercises/quiz-m1", as: .bearer(token), json: [:])
            #expect(empty.status == .badRequest)
            let missing = try await client.call(.get, "/api/sessions/999", as: .bearer(token))
            #expect(missing.status == .notFound)
            let notANumber = try await client.call(.get, "/api/sessions/abc", as: .bearer(token))
            #expect(notANumber.status == .notFound)
        }
    }

    @Test("Joining: a code as typed works, a wrong code is 404, repeated wrong codes are slowed down")
    func joining() async throws {
        try await withApp(freeFailures: 2) { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let typed = session.code.lowercased().prefix(3) + " - " + session.code.lowercased().dropFirst(3)
            let joined = try await client.call(.post, "/api/join", json: ["join_code": .string(String(typed)), "name": "  王小明 "])
            #expect(joined.status == .ok)
            #expect(joined.json["token"]?.string?.hasPrefix("trainee_") == true)
            #expect(joined.setCookieLine("jbp_trainee")?.contains("HttpOnly") == true)

            let blank = try await client.call(.post, "/api/join", json: ["join_code": .string(session.code), "name": "   "])
            #expect(blank.status == .badRequest)
            for _ in 0..<2 {
                let wrong = try await client.call(.post, "/api/join", json: ["join_code": "ZZZZZZ", "name": "x"])
                #expect(wrong.status == .notFound)
                #expect(wrong.json["error"] == "没有使用这个代码的课堂。")
            }
            let slowed = try await client.call(.post, "/api/join", json: ["join_code": .string(session.code), "name": "李"])
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers[.retryAfter] != nil)
        }
    }

    @Test("Trainee tokens are stored hashed")
    func hashedTokens() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let trainee = try await client.join(session.code, name: "张三")
            let stored = try #require(try await database.trainee(id: trainee.id))
            #expect(stored.tokenHash == Secrets.hash(trainee.token))
            #expect(stored.tokenHash != trainee.token)
            #expect(try await database.trainee(forTokenHash: trainee.token) == nil)
        }
    }
}

/// Collects announced lines from the server.
final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A session's time zone: the class in Shanghai reads its times in Shanghai whatever the server's zone.
@Suite("Session time zone")
struct SessionTimeZoneTests {
    /// The minutes since midnight of the first `12月6日 21:28`-style time in a page.
    static func minutesOfDay(in page: String) -> Int? {
        guard let match = page.firstMatch(of: /(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})/) else { return nil }
        return Int(match.3)! * 60 + Int(match.4)!
    }

    @Test("Times on a class's pages are in its zone; a zone that does not exist is refused naming time_zone")
    func timesFollowTheSession() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            var minutes: [String: Int] = [:]
            // Honolulu has no summer time, so it is always 18 hours behind Shanghai.
            for zone in ["Asia/Shanghai", "Pacific/Honolulu"] {
                let created = try await client.call(
                    .post, "/api/sessions", as: .bearer(token),
                    json: ["title": .string(zone), "starts_on": "2026-03-02", "ends_on": "2026-03-03", "time_zone": .string(zone)])
                #expect(created.status == .created)
                let id = Int64(try #require(created.json["id"]?.number))
                #expect(try await client.call(.get, "/api/sessions/\(id)", as: .bearer(token)).json["time_zone"]?.string == zone)
                try await client.setExercise(token, session: id, "quiz-m1", open: true)
                let trainee = try await client.join(try #require(created.json["join_code"]?.string), name: "甲")
                #expect(try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "a"]).status == .created)
                let page = try await client.call(.get, "/t/submissions", as: .cookies([CookieName.trainee: trainee.token]))
                let shown: Int = try #require(Self.minutesOfDay(in: page.text), "no time on the page")
                minutes[zone] = shown
            }
            let difference = ((minutes["Asia/Shanghai"]! - minutes["Pacific/Honolulu"]!) % 1440 + 1440) % 1440
            #expect((1079...1081).contains(difference), "Shanghai and Honolulu times differ by \(difference) minutes")

            let before = try await database.sessions()
            for zone in ["Mars/Olympus_Mons", "+08:00", String(repeating: "A", count: 100)] {
                let refused = try await client.call(
                    .post, "/api/sessions", as: .bearer(token),
                    json: ["title": "班", "starts_on": "2026-03-02", "ends_on": "2026-03-03", "time_zone": .string(zone)])
                #expect(refused.status == .badRequest, "\(zone)")
                #expect(refused.text.contains("time_zone"))
            }
            #expect(try await database.sessions() == before)
        }
    }

    @Test("PATCH changes the zone, keeps it when left out, and an empty one goes back to the server's")
    func changeTheZone() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let set = try await client.call(.patch, "/api/sessions/\(session.id)", as: .bearer(token), json: ["time_zone": "Asia/Singapore"])
            #expect(set.json["time_zone"] == "Asia/Singapore")
            let kept = try await client.call(.patch, "/api/sessions/\(session.id)", as: .bearer(token), json: ["title": "新班"])
            #expect(kept.json["time_zone"] == "Asia/Singapore")
            let refused = try await client.call(.patch, "/api/sessions/\(session.id)", as: .bearer(token), json: ["time_zone": "Nowhere"])
            #expect(refused.status == .badRequest)
            #expect(try await client.call(.get, "/api/sessions/\(session.id)", as: .bearer(token)).json["time_zone"] == "Asia/Singapore")
            let cleared = try await client.call(.patch, "/api/sessions/\(session.id)", as: .bearer(token), json: ["time_zone": ""])
            #expect(cleared.json["time_zone"]?.string == TimeZone.current.identifier)
        }
    }
}
