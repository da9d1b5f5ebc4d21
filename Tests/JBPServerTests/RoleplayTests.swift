import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// api.md "The classroom": a role-play dealt within each group, each card private to its
/// player, the observers' marks, and the player's grade, the mean of their observers' scores.
@Suite("Role-plays")
struct RoleplayTests {
    static let exercise = "roleplay-vito"

    /// Each trainee's view of the role-play from GET /api/me/exercises.
    static func view(_ client: some TestClientProtocol, _ token: String) async throws -> Answer {
        try await client.call(.get, "/api/me/exercises", as: .bearer(token))
    }

    static func roleplay(of answer: Answer) -> JSONValue? {
        answer.json["exercises"]?.array?.first { $0["id"]?.string == exercise }
    }

    static func observe(_ client: some TestClientProtocol, _ token: String, player: Int64, marks: JSONValue, comment: String? = nil) async throws -> Answer {
        var body: [String: JSONValue] = ["observations": .object([String(player): marks])]
        if let comment { body["comments"] = .object([String(player): .string(comment)]) }
        return try await client.call(.post, "/api/me/exercises/\(exercise)/submissions", as: .bearer(token), json: .object(body))
    }

    @Test("Dealt within each group: one player, one counterpart, the rest observers; each sees only their own card")
    func dealAndCards() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 7)
            try await client.setExercise(room.token, session: room.session, Self.exercise, open: true)
            let early = try await client.call(.post, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/deal", as: .bearer(room.token), json: [:])
            #expect(early.status == .conflict, "no groups yet: \(early.text)")
            let groups = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 2]).json["groups"]?.array ?? []
            let dealt = try await client.call(.post, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/deal", as: .bearer(room.token), json: [:])
            #expect(dealt.status == .ok, "\(dealt.text)")
            let roles = dealt.json["roles"]?.array ?? []
            #expect(roles.count == 7)
            for group in groups {
                let id = group["id"]?.number
                let mine = roles.filter { $0["group_id"]?.number == id }.compactMap { $0["role"]?.string }
                #expect(mine.filter { $0 == "manager" }.count == 1 && mine.filter { $0 == "owner" }.count == 1, "\(mine)")
                #expect(mine.filter { $0 == "observer" }.count == mine.count - 2)
            }
            // The owner's card (his own worry) reaches only the owners.
            var cards: [String: String] = [:]
            var views: [Int64: JSONValue] = [:]
            for trainee in room.trainees {
                let part = try #require(Self.roleplay(of: try await Self.view(client, trainee.token)))
                views[trainee.id] = part
                cards[part["role"]?["id"]?.string ?? "?"] = part["role"]?["card_html"]?.string
                #expect(part["checklist"]?.array?.isEmpty == false)
            }
            let ownerCard = try #require(cards["owner"])
            let owners = Set(roles.filter { $0["role"]?.string == "owner" }.compactMap { $0["trainee_id"]?.number }.map { Int64($0) })
            for (id, part) in views {
                // The card is the only place a role's text travels: nobody else's view holds the owner's.
                let seen = part.jsonString().contains(ownerCard.jsonEscapedForTest)
                #expect(seen == owners.contains(id), "trainee \(id) sees the owner's card: \(seen)")
                #expect((part["role"]?["card_html"]?.string == ownerCard) == owners.contains(id))
            }
        }
    }

    @Test("The observers mark the player; the player's grade is the mean of their scores, shown to the player with the comments")
    func marks() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let room = try await GroupsTests.classroom(client, trainees: 4)
            try await client.setExercise(room.token, session: room.session, Self.exercise, open: true)
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 1])
            let roles = try await client.call(.post, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/deal", as: .bearer(room.token), json: [:])
                .json["roles"]?.array ?? []
            func who(_ role: String) -> [(id: Int64, token: String)] {
                let ids = roles.filter { $0["role"]?.string == role }.compactMap { $0["trainee_id"]?.number }.map { Int64($0) }
                return room.trainees.filter { ids.contains($0.id) }
            }
            let player = try #require(who("manager").first)
            let owner = try #require(who("owner").first)
            let observer = try #require(who("observer").first)
            let part = try #require(Self.roleplay(of: try await Self.view(client, observer.token)))
            #expect(part["player"]?["trainee_id"]?.number == Double(player.id))
            let checklist = (part["checklist"]?.array ?? []).compactMap { item in item["id"]?.string.map { ($0, item["points"]?.number ?? 0) } }
            #expect(checklist.count >= 2)

            // Refused, storing nothing: the player marking themselves, someone else's id, an item left out or unknown, a mark that is not true/false.
            let all = JSONValue.object(Dictionary(uniqueKeysWithValues: checklist.map { ($0.0, JSONValue.bool(true)) }))
            let before = try await database.snapshot()
            #expect(try await Self.observe(client, player.token, player: player.id, marks: all).status == .conflict)
            #expect(try await Self.observe(client, observer.token, player: owner.id, marks: all).status == .unprocessableContent)
            var partial = all.object ?? [:]
            partial.removeValue(forKey: checklist[0].0)
            let missing = try await Self.observe(client, observer.token, player: player.id, marks: .object(partial))
            #expect(missing.status == .unprocessableContent && missing.json["format_errors"]?.array?.count == 1, "\(missing.text)")
            var unknown = all.object ?? [:]
            unknown["made_up"] = true
            #expect(try await Self.observe(client, observer.token, player: player.id, marks: .object(unknown)).status == .unprocessableContent)
            var word = all.object ?? [:]
            word[checklist[0].0] = "yes"
            #expect(try await Self.observe(client, observer.token, player: player.id, marks: .object(word)).status == .unprocessableContent)
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)

            // The observer: everything but the first item. The owner: only the first item.
            var firstOut = all.object ?? [:]
            firstOut[checklist[0].0] = false
            let sent = try await Self.observe(client, observer.token, player: player.id, marks: .object(firstOut), comment: "开场先讲了任务，后面很好")
            #expect(sent.status == .created, "\(sent.text)")
            var onlyFirst = (all.object ?? [:]).mapValues { _ in JSONValue.bool(false) }
            onlyFirst[checklist[0].0] = true
            #expect(try await Self.observe(client, owner.token, player: player.id, marks: .object(onlyFirst)).json["observers"] == 2)
            let total = checklist.reduce(0) { $0 + $1.1 }
            let expected = ((total - checklist[0].1) + checklist[0].1) / 2
            let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(player.token)).json["submissions"]?.array ?? []
            let scored = try #require(mine.first { $0["exercise"]?.string == Self.exercise })
            #expect(scored["score"]?.number == expected, "\(scored)")
            // The observers earn nothing by observing.
            #expect(try await client.call(.get, "/api/me/submissions", as: .bearer(observer.token)).json["submissions"]?.array?
                .contains { $0["exercise"]?.string == Self.exercise } == false)
            // The observer's export holds the marks and comment they gave (a copy of one's data).
            let export = try await client.call(.get, "/api/me/export", as: .bearer(observer.token)).json
            let given = try #require(export["roleplay_marks_given"]?.array?.first)
            #expect(given["player_id"]?.number == Double(player.id) && given["comment"] == "开场先讲了任务，后面很好")
            let page = Browser(client)
            page.cookies[CookieName.trainee] = player.token
            let card = try await page.get("/t/modules/sell-in")
            #expect(card.text.contains("data-test=\"player-marks\"") && card.text.contains("开场先讲了任务，后面很好"))
            #expect(!card.text.contains("data-test=\"observer-form\""))
            // An observer corrects their marks: replaced (comment included), not added.
            #expect(try await Self.observe(client, observer.token, player: player.id, marks: all).json["observers"] == 2)
            #expect(!(try await page.get("/t/modules/sell-in").text.contains("开场先讲了任务")))
            let observerPage = Browser(client)
            observerPage.cookies[CookieName.trainee] = observer.token
            #expect(try await observerPage.get("/t/modules/sell-in").text.contains("data-test=\"observer-form\""))

            // The dashboard's rate per checklist item: the player's item is "done" when most observers saw it.
            let stats = try await client.call(.get, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/stats", as: .bearer(room.token)).json
            #expect(stats["items"]?.array?.count == checklist.count)
        }
    }

    @Test("A group smaller than the roles is refused, naming it, and nothing is dealt")
    func smallGroup() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let room = try await GroupsTests.classroom(client, trainees: 5)
            try await client.setExercise(room.token, session: room.session, Self.exercise, open: true)
            let ids = room.trainees.map { JSONValue.number(Double($0.id)) }
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: [
                "groups": [["name": "大组", "trainee_ids": .array(Array(ids[0..<3]))], ["name": "小组", "trainee_ids": .array(Array(ids[3...]))]],
            ])
            let before = try await database.snapshot()
            let refused = try await client.call(.post, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/deal", as: .bearer(room.token), json: [:])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["error"]?.string?.contains("小组只有 2 人") == true, "\(refused.text)")
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
            #expect(Self.roleplay(of: try await Self.view(client, room.trainees[0].token))?["role"] == .null)
        }
    }

    @Test("Dealing again gives the part that is scored to someone who has not played it yet")
    func rotation() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 3)
            try await client.setExercise(room.token, session: room.session, Self.exercise, open: true)
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 1])
            var players: Set<Double> = []
            for _ in 0..<3 {
                let roles = try await client.call(.post, "/api/sessions/\(room.session)/exercises/\(Self.exercise)/deal", as: .bearer(room.token), json: [:])
                    .json["roles"]?.array ?? []
                let player = try #require(roles.first { $0["role"]?.string == "manager" }?["trainee_id"]?.number)
                #expect(!players.contains(player), "a new player each round")
                players.insert(player)
                let observer = try #require(room.trainees.first { Double($0.id) != player })
                let part = try #require(Self.roleplay(of: try await Self.view(client, observer.token)))
                let marks = JSONValue.object(Dictionary(uniqueKeysWithValues: (part["checklist"]?.array ?? []).compactMap { $0["id"]?.string }.map { ($0, JSONValue.bool(true)) }))
                #expect(try await Self.observe(client, observer.token, player: Int64(player), marks: marks).status == .created)
            }
            #expect(players.count == 3)
        }
    }
}

extension String {
    /// The text as it stands inside a JSON string (this server's writer escapes only what JSON must).
    var jsonEscapedForTest: String {
        let quoted = JSONValue.string(self).jsonString()
        return String(quoted.dropFirst().dropLast())
    }
}
