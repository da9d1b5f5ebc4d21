import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// api.md "Identities that last": re-entry on another device, trainers who own their sessions,
/// deleting, and a copy of one's own data.
@Suite("Identities that last")
struct IdentityTests {
    /// Joins and returns the answer's trainee id, token and re-entry code.
    static func join(_ client: some TestClientProtocol, _ code: String, _ name: String) async throws -> (id: Int64, token: String, reentry: String) {
        let answer = try await client.call(.post, "/api/join", json: ["join_code": .string(code), "name": .string(name)])
        #expect(answer.status == .ok)
        return (
            Int64(try #require(answer.json["trainee_id"]?.number)), try #require(answer.json["token"]?.string),
            try #require(answer.json["reentry_code"]?.string)
        )
    }

    @Test("A re-entry brings the same trainee with all its work to a new device; the old device keeps working")
    func rejoinSameTrainee() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let phone = try await Self.join(client, session.code, "王芳")
            #expect(phone.reentry.count == 8)
            #expect(phone.reentry.allSatisfy { "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".contains($0) }, "\(phone.reentry)")
            let sent = try await client.submit(phone.token, "quiz-m1", answers: ["q1": "b"])
            #expect(sent.status == .created)

            // The laptop: the name as typed with spaces, the codes in lower case.
            let laptop = try await client.call(
                .post, "/api/rejoin",
                json: ["join_code": .string(session.code.lowercased()), "name": " 王芳 ", "reentry_code": .string(phone.reentry.lowercased())])
            #expect(laptop.status == .ok, "\(laptop.text)")
            #expect(laptop.json["trainee_id"]?.number == Double(phone.id))
            let laptopToken = try #require(laptop.json["token"]?.string)
            #expect(laptopToken != phone.token)
            for device in [phone.token, laptopToken] {
                let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(device))
                #expect(mine.json["submissions"]?.array?.count == 1)
            }
            // Still one trainee on the roster.
            let results = try await client.call(.get, "/api/sessions/\(session.id)/results", as: .bearer(token))
            #expect(results.text.components(separatedBy: "王芳").count == 2, "\(results.text.prefix(300))")
        }
    }

    @Test("A wrong re-entry is one 404 sentence, changes nothing, and repeated is slowed down")
    func wrongRejoin() async throws {
        try await withApp(freeFailures: 3) { client, database in
            let token = try await client.trainerToken()
            let one = try await client.newSession(token, title: "一班")
            let two = try await client.newSession(token, title: "二班")
            let joined = try await Self.join(client, one.code, "王芳")
            let before = try await database.snapshot()
            for body: JSONValue in [
                ["join_code": .string(one.code), "name": "王芳", "reentry_code": "AAAAAAAA"],
                ["join_code": .string(one.code), "name": "李雷", "reentry_code": .string(joined.reentry)],
                ["join_code": .string(two.code), "name": "王芳", "reentry_code": .string(joined.reentry)],
            ] {
                let answer = try await client.call(.post, "/api/rejoin", json: body)
                #expect(answer.status == .notFound, "\(body)")
                let sentence = try #require(answer.json["error"]?.string)
                #expect(!sentence.contains("\n") && sentence.hasSuffix("。"), "\(sentence)")
            }
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
            let slowed = try await client.call(
                .post, "/api/rejoin", json: ["join_code": .string(one.code), "name": "王芳", "reentry_code": .string(joined.reentry)])
            #expect(slowed.status == .tooManyRequests)
        }
    }

    @Test("A trainer issues a new re-entry code: the old one stops working, the new one works")
    func reissue() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let joined = try await Self.join(client, session.code, "王芳")
            let issued = try await client.call(.post, "/api/trainees/\(joined.id)/reentry", as: .bearer(token), json: [:])
            #expect(issued.status == .ok)
            let new = try #require(issued.json["reentry_code"]?.string)
            #expect(new != joined.reentry)
            let old = try await client.call(
                .post, "/api/rejoin", json: ["join_code": .string(session.code), "name": "王芳", "reentry_code": .string(joined.reentry)])
            #expect(old.status == .notFound)
            let fresh = try await client.call(.post, "/api/rejoin", json: ["join_code": .string(session.code), "name": "王芳", "reentry_code": .string(new)])
            #expect(fresh.json["trainee_id"]?.number == Double(joined.id))
        }
    }

    @Test("Deleting a trainee takes all their work; their tokens stop at once; the others stay")
    func deleteTrainee() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let gone = try await Self.join(client, session.code, "排练用")
            let stays = try await Self.join(client, session.code, "王芳")
            for trainee in [gone, stays] { _ = try await client.submit(trainee.token, "quiz-m1", answers: ["q1": "b"]) }
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(gone.token), json: ["plan": ["objective": "排练"]])
            let other = try await client.call(.post, "/api/rejoin", json: ["join_code": .string(session.code), "name": "排练用", "reentry_code": .string(gone.reentry)])
            let otherDevice = try #require(other.json["token"]?.string)

            let deleted = try await client.call(.delete, "/api/trainees/\(gone.id)", as: .bearer(token), contentType: "application/json")
            #expect(deleted.status == .noContent)
            for device in [gone.token, otherDevice] {
                #expect(try await client.call(.get, "/api/me/exercises", as: .bearer(device)).status == .unauthorized)
            }
            #expect(try await database.trainee(id: gone.id) == nil)
            #expect(try await database.submissions(trainee: gone.id, exercise: nil).isEmpty)
            #expect(try await database.draft(trainee: gone.id) == nil)
            #expect(try await database.submissions(trainee: stays.id, exercise: nil).count == 1)
            #expect(try await client.call(.get, "/api/me/exercises", as: .bearer(stays.token)).status == .ok)
            let again = try await client.call(.delete, "/api/trainees/\(gone.id)", as: .bearer(token), contentType: "application/json")
            #expect(again.status == .notFound)
        }
    }

    @Test("Deleting a session takes everything in it, after a page that names what goes")
    func deleteSession() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token, title: "排练班")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let joined = try await Self.join(client, session.code, "王芳")
            _ = try await client.submit(joined.token, "quiz-m1", answers: ["q1": "b"])
            let confirm = try await client.call(.get, "/trainer/sessions/\(session.id)/delete", as: .cookies([CookieName.trainer: token]))
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("排练班") && confirm.text.contains("1 位学员") && confirm.text.contains("1 份提交"), "\(confirm.text.suffix(900))")
            #expect(try await database.session(id: session.id) != nil, "the confirmation page deletes nothing")
            let deleted = try await client.call(.delete, "/api/sessions/\(session.id)", as: .bearer(token), contentType: "application/json")
            #expect(deleted.status == .noContent)
            #expect(try await database.session(id: session.id) == nil)
            #expect(try await database.trainees(session: session.id).isEmpty)
            #expect(try await database.submissions(session: session.id, exercise: nil).isEmpty)
            #expect(try await client.call(.get, "/api/me/exercises", as: .bearer(joined.token)).status == .unauthorized)
            #expect(try await client.call(.get, "/api/sessions/\(session.id)", as: .bearer(token)).status == .notFound)
        }
    }

    @Test("A trainee downloads everything stored about them, and nothing of anyone else")
    func export() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let mine = try await Self.join(client, session.code, "王芳")
            let theirs = try await Self.join(client, session.code, "李雷")
            _ = try await client.submit(mine.token, "quiz-m1", answers: ["q1": "b"])
            _ = try await client.submit(theirs.token, "quiz-m1", answers: ["q1": "a"])
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(mine.token), json: ["plan": ["objective": "王芳的计划"]])
            for path in ["/api/me/export", "/t/my-data.json"] {
                let who: Who = path.hasPrefix("/api") ? .bearer(mine.token) : .cookies([CookieName.trainee: mine.token])
                let export = try await client.call(.get, path, as: who)
                #expect(export.status == .ok, "\(path)")
                #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
                let data = export.json
                #expect(data["trainee"]?["name"]?.string == "王芳")
                #expect(data["trainee"]?["reentry_code"]?.string == mine.reentry)
                #expect(data["session"]?["id"]?.number == Double(session.id))
                #expect(data["submissions"]?.array?.count == 1)
                #expect(data["submissions"]?.array?.first?["answers"]?["answers"]?["q1"]?.string == "b")
                #expect(data["plan_draft"]?["plan"]?["objective"]?.string == "王芳的计划")
                #expect(!export.text.contains("李雷"))
            }
        }
    }

    @Test("Another trainer's session is a 404 everywhere until they are added to it; the admin sees all")
    func ownership() async throws {
        try await TestStore.with { store in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: store, cost: 4)
            _ = try await Classroom.addTrainer(name: otherTrainerName, password: trainerPassword, store: store, cost: 4)
            let app = try await buildApplication(AppArguments(content: Fixture.content, store: store, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            try await app.test(.router) { client in
                let admin = try await client.trainerToken()
                let other = try await client.trainerToken(name: otherTrainerName)
                let mine = try await client.newSession(other, title: "其他讲师的班")
                let adminsOwn = try await client.newSession(admin, title: "管理员的班")
                // The admin sees the other trainer's session; the other trainer does not see the admin's.
                #expect(try await client.call(.get, "/api/sessions/\(mine.id)", as: .bearer(admin)).status == .ok)
                #expect(try await client.call(.get, "/api/sessions/\(adminsOwn.id)", as: .bearer(other)).status == .notFound)
                let list = try await client.call(.get, "/trainer", as: .cookies([CookieName.trainer: other]))
                #expect(list.text.contains("其他讲师的班") && !list.text.contains("管理员的班"))
                let page = try await client.call(.get, "/trainer/sessions/\(adminsOwn.id)", as: .cookies([CookieName.trainer: other]))
                #expect(page.status == .notFound)
                // Added to it, they see it.
                let added = try await client.call(.post, "/api/sessions/\(adminsOwn.id)/trainers", as: .bearer(admin), json: ["name": .string(otherTrainerName)])
                #expect(added.status == .ok)
                #expect(added.json["trainers"] == [.string(trainerName), .string(otherTrainerName)])
                #expect(try await client.call(.get, "/api/sessions/\(adminsOwn.id)", as: .bearer(other)).status == .ok)
                let unknown = try await client.call(.post, "/api/sessions/\(adminsOwn.id)/trainers", as: .bearer(admin), json: ["name": "nobody"])
                #expect(unknown.status == .notFound)
            }
        }
    }

    @Test("A trainer changes their password on the page: the current one is asked, every sign-in ends", arguments: [
        ("wrong password", "new password 1", "new password 1", "当前密码不对"),
        (trainerPassword, "new password 1", "new password 2", "两次输入的新密码不一致"),
        (trainerPassword, "short", "short", "新密码至少 8 个字符"),
    ])
    func passwordRefused(current: String, new: String, again: String, message: String) async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let browser = Browser(client)
            browser.cookies[CookieName.trainer] = token
            #expect(try await browser.get("/trainer/password").status == .ok)
            let answer = try await browser.post("/trainer/password", [("current", current), ("new", new), ("again", again)])
            #expect(answer.status == .badRequest)
            #expect(answer.text.contains(message))
            #expect(try await client.call(.get, "/api/sessions/1", as: .bearer(token)).status != .unauthorized)
        }
    }

    @Test("A changed password ends the old sign-ins, and the new one signs in")
    func passwordChanged() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let browser = Browser(client)
            browser.cookies[CookieName.trainer] = token
            #expect(try await browser.get("/trainer/password").status == .ok)
            let answer = try await browser.post("/trainer/password", [("current", trainerPassword), ("new", "a new password"), ("again", "a new password")])
            #expect(answer.status == .seeOther)
            #expect(try await client.call(.get, "/api/sessions/1", as: .bearer(token)).status == .unauthorized)
            let login = try await client.call(.post, "/api/trainer/login", json: ["name": .string(trainerName), "password": "a new password"])
            #expect(login.status == .ok)
        }
    }

    @Test("The re-entry pages: the code once large after joining, always on the course page, and the form on a second browser")
    func rejoinPages() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let phone = Browser(client)
            _ = try await phone.get("/join/\(session.code)")
            let joined = try await phone.post("/join", [("join_code", session.code), ("name", "王芳")])
            #expect(joined.headers[.location] == "/t?joined=1")
            let first = try await phone.get("/t?joined=1")
            let code = try #require(first.text.firstMatch(of: /data-test="reentry-code">([A-Z0-9]{8})</)?.1).description
            let home = try await phone.get("/t")
            #expect(home.text.contains(code) && home.text.contains("/rejoin/\(session.code)"))
            #expect(try await phone.get("/t/reentry-qr.svg").text.hasPrefix("<svg"))
            let start = try await Browser(client).get("/join/\(session.code)")
            #expect(start.text.contains("我已加入过"))

            let laptop = Browser(client)
            let form = try await laptop.get("/rejoin/\(session.code)")
            #expect(form.text.contains("value=\"\(session.code)\""))
            let wrong = try await laptop.post("/rejoin", [("join_code", session.code), ("name", "王芳"), ("reentry_code", "AAAAAAAA")])
            #expect(wrong.status == .notFound)
            #expect(wrong.text.contains("没有找到这位学员"))
            let back = try await laptop.post("/rejoin", [("join_code", session.code), ("name", "王芳"), ("reentry_code", code)])
            #expect(back.status == .seeOther)
            let laptopHome = try await laptop.get("/t")
            #expect(laptopHome.text.contains("王芳") && laptopHome.text.contains(code))
        }
    }

    @Test("An archived session can be read but not changed, is hidden from the list, and comes back when restored")
    func archive() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token, title: "去年的班")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let joined = try await Self.join(client, session.code, "王芳")
            _ = try await client.submit(joined.token, "quiz-m1", answers: ["q1": "b"])
            #expect(try await client.call(.post, "/api/sessions/\(session.id)/archive", as: .bearer(token), json: [:]).status == .noContent)
            let shown = try await client.call(.get, "/api/sessions/\(session.id)", as: .bearer(token))
            #expect(shown.json["archived"] == true)
            let before = try await database.snapshot()
            let refused: [Answer] = [
                try await client.submit(joined.token, "quiz-m1", answers: ["q1": "a"]),
                try await client.call(.post, "/api/join", json: ["join_code": .string(session.code), "name": "李雷"]),
                try await client.call(.patch, "/api/sessions/\(session.id)/exercises/quiz-m1", as: .bearer(token), json: ["open": false]),
                try await client.call(.put, "/api/me/plan", as: .bearer(joined.token), json: ["plan": ["objective": "x"]]),
            ]
            for answer in refused {
                #expect(answer.status == .conflict, "\(answer.text)")
                #expect(answer.json["error"]?.string?.contains("已归档") == true)
            }
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
            // Still readable by both sides.
            #expect(try await client.call(.get, "/api/me/submissions", as: .bearer(joined.token)).json["submissions"]?.array?.count == 1)
            #expect(try await client.call(.get, "/api/sessions/\(session.id)/results", as: .bearer(token)).status == .ok)
            let list = try await client.call(.get, "/trainer", as: .cookies([CookieName.trainer: token]))
            #expect(!list.text.contains("去年的班") && list.text.contains("data-test=\"archived-list\""))
            let archivedList = try await client.call(.get, "/trainer?archived=1", as: .cookies([CookieName.trainer: token]))
            #expect(archivedList.text.contains("去年的班"))
            #expect(try await client.call(.post, "/api/sessions/\(session.id)/restore", as: .bearer(token), json: [:]).status == .noContent)
            #expect(try await client.submit(joined.token, "quiz-m1", answers: ["q1": "a"]).status == .created)
        }
    }

    @Test("--retain-days deletes the sessions that ended longer ago than that, and only those")
    func retention() async throws {
        try await TestStore.with { store in
            let trainer = try await store.createTrainer(name: "t", passwordHash: "x", admin: true)
            func session(_ title: String, ends: String) async throws -> CourseSession {
                try await store.createSession(
                    title: title, startsOn: "2026-03-01", endsOn: ends, homeworkDue: nil, timeZone: "Asia/Shanghai",
                    joinCode: String(title.unicodeScalars.map { String($0.value % 10) }.joined().prefix(6)), createdBy: trainer.id)
            }
            let old = try await session("早就结束", ends: "2026-03-03")
            let recent = try await session("刚结束的", ends: "2026-04-01")
            _ = try await store.addTrainee(session: old.id, name: "甲", tokenHash: "h1", reentryCode: nil)
            let classroom = Classroom(store: store, content: Fixture.content, bcryptCost: 4)
            // 2026-04-10 in Shanghai: 3 March ended 37 days ago, 1 April 9 days ago.
            let now = try #require(ISO8601DateFormatter().date(from: "2026-04-10T04:00:00Z"))
            let deleted = try await classroom.purgeEnded(retainDays: 30, now: now)
            #expect(deleted.map(\.id) == [old.id])
            #expect(try await store.session(id: old.id) == nil)
            #expect(try await store.trainees(session: old.id).isEmpty)
            #expect(try await store.session(id: recent.id) != nil)
            #expect(try await classroom.purgeEnded(retainDays: 30, now: now).isEmpty, "a second round finds nothing more")
        }
    }

    @Test("Two trainees of one person merge into one: work, plan and devices move, attempts renumbered")
    func merge() async throws {
        try await withApp { client, database in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            let other = try await client.newSession(token, title: "别的班")
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)
            let first = try await Self.join(client, session.code, "王芳")
            let again = try await Self.join(client, session.code, "王芳 ")
            let elsewhere = try await Self.join(client, other.code, "王芳")
            _ = try await client.submit(first.token, "quiz-m1", answers: ["q1": "a"])
            _ = try await client.submit(again.token, "quiz-m1", answers: ["q1": "b"])
            _ = try await client.call(.put, "/api/me/plan", as: .bearer(again.token), json: ["plan": ["objective": "第二次加入时写的"]])
            let wrong = try await client.call(.post, "/api/trainees/\(again.id)/merge", as: .bearer(token), json: ["into": .number(Double(elsewhere.id))])
            #expect(wrong.status == .notFound)
            let merged = try await client.call(.post, "/api/trainees/\(again.id)/merge", as: .bearer(token), json: ["into": .number(Double(first.id))])
            #expect(merged.status == .ok, "\(merged.text)")
            #expect(merged.json["moved_submissions"] == 1)
            #expect(try await database.trainee(id: again.id) == nil)
            let work = try await database.submissions(trainee: first.id, exercise: "quiz-m1")
            #expect(work.count == 2)
            // The second device goes on as the merged trainee, with the plan it wrote.
            let plan = try await client.call(.get, "/api/me/plan", as: .bearer(again.token))
            #expect(plan.json["draft"]?["objective"]?.string == "第二次加入时写的")
            let mine = try await client.call(.get, "/api/me/exercises", as: .bearer(again.token))
            #expect(mine.json["exercises"]?.array?.first { $0["id"]?.string == "quiz-m1" }?["attempts_used"] == 2)
            #expect(try await client.call(.post, "/api/trainees/\(first.id)/merge", as: .bearer(token), json: ["into": .number(Double(first.id))]).status == .badRequest)
        }
    }
}
