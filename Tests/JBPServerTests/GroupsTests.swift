import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// api.md "The classroom": groups by hand or dealt at random, the leaderboard (sums of best
/// scores), shown to trainees or hidden.
@Suite("Groups and leaderboard")
struct GroupsTests {
    /// A session with `count` trainees who answered the first quiz differently, so that their scores differ.
    static func classroom(_ client: some TestClientProtocol, trainees count: Int) async throws -> (token: String, session: Int64, trainees: [(id: Int64, token: String)]) {
        let token = try await client.trainerToken()
        let session = try await client.newSession(token)
        try await client.setExercise(token, session: session.id, "quiz-m1-jbp", open: true)
        var trainees: [(id: Int64, token: String)] = []
        let answers: [JSONValue] = [["purpose": "b", "difference": "b"], ["purpose": "b"], ["purpose": "a"], ["purpose": "b", "difference": "b", "trend": "b"]]
        for index in 0..<count {
            let trainee = try await client.join(session.code, name: "学员\(index + 1)")
            trainees.append(trainee)
            #expect(try await client.submit(trainee.token, "quiz-m1-jbp", answers: answers[index % answers.count]).status == .created)
        }
        return (token, session.id, trainees)
    }

    @Test("count deals the roster at random into groups whose sizes differ by at most one, each trainee once")
    func dealt() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await Self.classroom(client, trainees: 7)
            let answer = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 3])
            #expect(answer.status == .ok, "\(answer.text)")
            let groups = answer.json["groups"]?.array ?? []
            #expect(groups.count == 3)
            let members = groups.flatMap { $0["trainee_ids"]?.array?.compactMap(\.number) ?? [] }.map { Int64($0) }
            #expect(members.sorted() == room.trainees.map(\.id).sorted())
            let sizes = groups.map { $0["trainee_ids"]?.array?.count ?? 0 }
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(sizes)")
            #expect(try await client.call(.get, "/api/sessions/\(room.session)/groups", as: .bearer(room.token)).json == answer.json)
        }
    }

    @Test("By hand: the groups are kept as given; the leaderboard sums the results' best scores, highest first")
    func byHandAndLeaderboard() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await Self.classroom(client, trainees: 4)
            let ids = room.trainees.map(\.id)
            let body: JSONValue = ["groups": [
                ["name": "红队", "trainee_ids": [.number(Double(ids[0])), .number(Double(ids[2]))]],
                ["name": "蓝队", "trainee_ids": [.number(Double(ids[1])), .number(Double(ids[3]))]],
            ]]
            let answer = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: body)
            #expect(answer.json["groups"]?.array?.map { $0["name"]?.string ?? "" } == ["红队", "蓝队"])

            // What the leaderboard must say, from the results the API gives.
            let results = try await client.call(.get, "/api/sessions/\(room.session)/results", as: .bearer(room.token)).json
            var total: [Int64: Double] = [:]
            for row in results["trainees"]?.array ?? results["results"]?.array ?? [] {
                if let id = row["trainee_id"]?.number, let score = row["total"]?.number { total[Int64(id)] = score }
            }
            #expect(total.count == 4, "\(results)")
            let red = (total[ids[0]] ?? 0) + (total[ids[2]] ?? 0)
            let blue = (total[ids[1]] ?? 0) + (total[ids[3]] ?? 0)
            let board = try await client.call(.get, "/api/sessions/\(room.session)/leaderboard", as: .bearer(room.token)).json
            let groups = board["groups"]?.array ?? []
            #expect(groups.map { $0["score"]?.number ?? -1 } == [red, blue].sorted(by: >))
            #expect(groups.first?["name"]?.string == (red >= blue ? "红队" : "蓝队"))
            let trainees = board["trainees"]?.array ?? []
            #expect(trainees.map { $0["score"]?.number ?? -1 } == total.values.sorted(by: >))
            #expect(Set(trainees.compactMap { $0["trainee_id"]?.number }.map { Int64($0) }) == Set(ids))
        }
    }

    @Test("Groups that are not a grouping are refused, naming the problem, and change nothing", arguments: [
        ("another session's trainee", "other"), ("a trainee twice", "twice"), ("a name twice", "name"), ("an empty name", "empty"),
        ("groups and count", "both"), ("nothing", "none"), ("count 0", "zero"), ("more groups than trainees", "many"),
    ])
    func refused(what: String, kind: String) async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let room = try await Self.classroom(client, trainees: 3)
            let other = try await client.newSession(room.token, title: "二班")
            let stranger = try await client.join(other.code, name: "外人")
            let ids = room.trainees.map { JSONValue.number(Double($0.id)) }
            let body: JSONValue
            switch kind {
            case "other": body = ["groups": [["name": "A", "trainee_ids": [ids[0], .number(Double(stranger.id))]]]]
            case "twice": body = ["groups": [["name": "A", "trainee_ids": [ids[0]]], ["name": "B", "trainee_ids": [ids[0]]]]]
            case "name": body = ["groups": [["name": "A", "trainee_ids": [ids[0]]], ["name": "A", "trainee_ids": [ids[1]]]]]
            case "empty": body = ["groups": [["name": "  ", "trainee_ids": [ids[0]]]]]
            case "both": body = ["groups": [], "count": 2]
            case "none": body = [:]
            case "zero": body = ["count": 0]
            default: body = ["count": 4]
            }
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 2])
            let before = try await database.snapshot()
            let answer = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: body)
            #expect([400, 422].contains(answer.status.code), "\(what): \(answer.status) \(answer.text)")
            let sentence = answer.json["error"]?.string ?? ""
            #expect(!sentence.isEmpty && !sentence.contains("\n"), "\(what): \(answer.text)")
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty, "\(what) changed the groups")
        }
    }

    @Test("The leaderboard is a trainee's only while shown: /api/me/leaderboard and /t/leaderboard are 404 while hidden; /t names the trainee's group")
    func visibility() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await Self.classroom(client, trainees: 2)
            let trainee = room.trainees[0]
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 1])
            #expect(try await client.call(.get, "/api/me/leaderboard", as: .bearer(trainee.token)).status == .notFound)
            let page = Browser(client)
            page.cookies[CookieName.trainee] = trainee.token
            #expect(try await page.get("/t/leaderboard").status == .notFound)
            let home = try await page.get("/t")
            #expect(home.text.contains("data-test=\"my-group\"") && home.text.contains("第1组"))
            #expect(!home.text.contains("data-test=\"leaderboard-link\""))

            let shown = try await client.call(.patch, "/api/sessions/\(room.session)", as: .bearer(room.token), json: ["leaderboard_visible": true])
            #expect(shown.json["leaderboard_visible"] == true, "\(shown.text)")
            let mine = try await client.call(.get, "/api/me/leaderboard", as: .bearer(trainee.token))
            let trainers = try await client.call(.get, "/api/sessions/\(room.session)/leaderboard", as: .bearer(room.token))
            #expect(mine.status == .ok && mine.json == trainers.json)
            #expect(try await page.get("/t").text.contains("data-test=\"leaderboard-link\""))
            let board = try await page.get("/t/leaderboard")
            #expect(board.status == .ok && board.text.contains("class=\"mine\""))

            _ = try await client.call(.patch, "/api/sessions/\(room.session)", as: .bearer(room.token), json: ["leaderboard_visible": false])
            #expect(try await client.call(.get, "/api/me/leaderboard", as: .bearer(trainee.token)).status == .notFound)
        }
    }

    @Test("The groups page deals, moves a trainee by hand, renames, and shows or hides the leaderboard")
    func page() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await Self.classroom(client, trainees: 4)
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = room.token
            let empty = try await trainer.get("/trainer/sessions/\(room.session)/groups")
            #expect(empty.status == .ok && empty.text.contains("data-test=\"deal-groups\""))
            #expect(try await trainer.post("/trainer/sessions/\(room.session)/groups", [("count", "2")]).status == .seeOther)
            var groups = try await client.call(.get, "/api/sessions/\(room.session)/groups", as: .bearer(room.token)).json["groups"]?.array ?? []
            #expect(groups.count == 2)
            // Everyone into group 1 (position 0), renamed 先锋队; group 2 is left empty and goes.
            _ = try await trainer.get("/trainer/sessions/\(room.session)/groups")
            let fields = [("name.0", "先锋队"), ("name.1", "")] + room.trainees.map { ("g.\($0.id)", "0") }
            #expect(try await trainer.post("/trainer/sessions/\(room.session)/groups", fields).status == .seeOther)
            groups = try await client.call(.get, "/api/sessions/\(room.session)/groups", as: .bearer(room.token)).json["groups"]?.array ?? []
            #expect(groups.count == 1 && groups.first?["name"]?.string == "先锋队" && groups.first?["trainee_ids"]?.array?.count == 4)
            #expect(try await trainer.post("/trainer/sessions/\(room.session)/leaderboard", [("visible", "1")]).status == .seeOther)
            #expect(try await client.call(.get, "/api/me/leaderboard", as: .bearer(room.trainees[0].token)).status == .ok)
            let shown = try await trainer.get("/trainer/sessions/\(room.session)/groups")
            #expect(shown.text.contains("data-test=\"hide-leaderboard\"") && shown.text.contains("先锋队"))
            // Deleting a trainee takes them out of their group.
            #expect(try await client.call(.delete, "/api/trainees/\(room.trainees[3].id)", as: .bearer(room.token), json: [:]).status == .noContent)
            groups = try await client.call(.get, "/api/sessions/\(room.session)/groups", as: .bearer(room.token)).json["groups"]?.array ?? []
            #expect(groups.first?["trainee_ids"]?.array?.count == 3)
        }
    }
}
