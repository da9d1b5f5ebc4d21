import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// The day-2 plan workshop: one shared draft per group (who changed what; simultaneous edits of
/// different sections both kept), handed in for every member, reviewed by another group.
@Suite("The plan workshop")
struct WorkshopTests {
    static let exercise = "plan-workshop"

    static func put(_ client: some TestClientProtocol, _ token: String, _ plan: JSONValue, base: Int?) async throws -> Answer {
        var body: [String: JSONValue] = ["plan": plan]
        if let base { body["base_version"] = .number(Double(base)) }
        return try await client.call(.put, "/api/me/group-plan/\(exercise)", as: .bearer(token), json: .object(body))
    }

    @Test("Two members edit different sections on the same version: both edits are kept, the log says who changed what")
    func merge() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let room = try await GroupsTests.classroom(client, trainees: 3)
            let (a, b) = (room.trainees[0], room.trainees[1])
            #expect(try await client.call(.get, "/api/me/group-plan/\(Self.exercise)", as: .bearer(a.token)).status == .conflict, "no group yet")
            _ = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: ["count": 1])
            let empty = try await client.call(.get, "/api/me/group-plan/\(Self.exercise)", as: .bearer(a.token))
            #expect(empty.json["version"] == 0)

            let first = try await Self.put(client, a.token, ["objective": "提升恒达的 ROI"], base: 0)
            #expect(first.json["version"] == 1 && first.json["merged"] == false, "\(first.text)")
            // Both start from version 1: A writes the goals, B the strategies.
            let goals: JSONValue = [["id": "G1", "metric": "inventory_days", "baseline": 60, "target": 40, "deadline": "2027-06-30"]]
            let strategies: JSONValue = [["id": "S1", "title": "降库存", "goals": ["G1"], "budget": 50000]]
            let fromA = try await Self.put(client, a.token, ["objective": "提升恒达的 ROI", "goals": goals], base: 1)
            #expect(fromA.json["version"] == 2 && fromA.json["merged"] == false)
            let fromB = try await Self.put(client, b.token, ["objective": "提升恒达的 ROI", "strategies": strategies], base: 1)
            #expect(fromB.json["version"] == 3 && fromB.json["merged"] == true, "B's form lacked A's goals: kept, and B is told")
            #expect(fromB.json["plan"]?["goals"] == goals && fromB.json["plan"]?["strategies"] == strategies)
            // B's next save, still on version 1's form, keeps A's goals.
            let again = try await Self.put(client, b.token, ["objective": "提升恒达的 ROI，两年到 20%", "strategies": strategies], base: 1)
            #expect(again.json["plan"]?["goals"] == goals && again.json["plan"]?["objective"] == "提升恒达的 ROI，两年到 20%")
            let draft = try await client.call(.get, "/api/me/group-plan/\(Self.exercise)", as: .bearer(a.token)).json
            let edits = draft["edits"]?.array ?? []
            #expect(edits.map { $0["trainee_id"]?.number ?? 0 } == [a.id, a.id, b.id, b.id].map(Double.init))
            #expect(edits[1]["sections"] == ["goals"] && edits[2]["sections"] == ["strategies"] && edits[3]["sections"] == ["objective"])
            #expect(draft["others_text"]?.string?.contains("学员2") == true, "\(draft["others_text"] ?? .null)")
            // Each member's export holds the versions they saved.
            let exported = try await client.call(.get, "/api/me/export", as: .bearer(b.token)).json["group_plan_edits"]?.array ?? []
            #expect(exported.compactMap { $0["version"]?.number } == [3, 4])
            // Nonsense is refused and changes nothing.
            let before = try await database.snapshot()
            #expect(try await Self.put(client, a.token, ["goals": []], base: 99).status == .unprocessableContent)
            #expect(try await client.call(.put, "/api/me/group-plan/\(Self.exercise)", as: .bearer(a.token), json: ["plan": "不是计划"]).status == .badRequest)
            #expect(try await client.call(.put, "/api/me/group-plan/quiz-m1-jbp", as: .bearer(a.token), json: ["plan": [:]]).status == .notFound)
            #expect(HostileInputTests.changes(from: before, to: try await database.snapshot()).isEmpty)
        }
    }

    @Test("Handed in by one member, graded once, recorded for every member; another group reviews it against the checks")
    func handInAndReview() async throws {
        let sample = try String(contentsOf: CourseIntegrationTests.root.appendingPathComponent("exercises/plan-homework/samples/model-answer.yaml"), encoding: .utf8)
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 4)
            let ids = room.trainees.map { JSONValue.number(Double($0.id)) }
            let groups = try await client.call(.post, "/api/sessions/\(room.session)/groups", as: .bearer(room.token), json: [
                "groups": [["name": "甲组", "trainee_ids": .array([ids[0], ids[1]])], ["name": "乙组", "trainee_ids": .array([ids[2], ids[3]])]],
            ]).json["groups"]?.array ?? []
            #expect(groups.count == 2)
            // The homework's model plan, for 瑞丰 instead of 鸿运 (its figures are 鸿运's: the checks say so, as they should).
            var plan = try #require(try await client.call(.post, "/api/me/plan/import", as: .bearer(room.trainees[0].token), json: ["yaml": .string(sample)])
                .json["plan"]?["plan"]?.object)
            plan["case"] = "ruifeng-2025"
            let planValue = JSONValue.object(plan)
            // Closed: refused. The individual route refuses a group plan.
            #expect(try await client.call(.post, "/api/me/group-plan/\(Self.exercise)/submit", as: .bearer(room.trainees[0].token), json: ["plan": planValue]).status == .conflict)
            try await client.setExercise(room.token, session: room.session, Self.exercise, open: true)
            #expect(try await client.call(.post, "/api/me/exercises/\(Self.exercise)/submissions", as: .bearer(room.trainees[0].token), json: ["plan": planValue]).status == .conflict)
            let projected = try await client.call(.post, "/api/me/group-plan/\(Self.exercise)/projection", as: .bearer(room.trainees[0].token), json: ["plan": planValue])
            #expect(projected.status == .ok)
            let handed = try await client.call(.post, "/api/me/group-plan/\(Self.exercise)/submit", as: .bearer(room.trainees[0].token), json: ["plan": planValue])
            #expect(handed.status == .created, "\(handed.text.prefix(600))")
            let score = try #require(handed.json["score"]?.number)
            for member in room.trainees.prefix(2) {
                let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(member.token)).json["submissions"]?.array ?? []
                #expect(mine.first { $0["exercise"]?.string == Self.exercise }?["score"]?.number == score, "every member of 甲组 has the grade")
            }
            let other = try await client.call(.get, "/api/me/submissions", as: .bearer(room.trainees[2].token)).json["submissions"]?.array ?? []
            #expect(!other.contains { $0["exercise"]?.string == Self.exercise })

            // 乙组 reviews 甲组 (the next group); 甲组 reviews 乙组, who has not handed in.
            let toReview = try await client.call(.get, "/api/me/group-plan/\(Self.exercise)/review", as: .bearer(room.trainees[2].token)).json
            #expect(toReview["group"]?["name"] == "甲组" && toReview["plan"] != .null)
            let checks = (toReview["grade"]?["items"]?.array ?? []).compactMap { $0["id"]?.string }
            // The reviewers plan the same case: they read the trainee's view, never the expected figures.
            #expect(toReview["grade"]?.jsonString().contains("\"expected\"") == false)
            let full = try await client.call(.get, "/api/me/submissions", as: .bearer(room.trainees[0].token)).json["submissions"]?.array?
                .first { $0["exercise"]?.string == Self.exercise }?["grade"]
            #expect(toReview["grade"]?["items"]?.array?.map { $0["id"] } == full?["items"]?.array?.map { $0["id"] }, "every check of the group's grade")
            #expect(toReview["grade"]?["score"] == full?["score"])
            #expect(!checks.isEmpty)
            let marks = JSONValue.object(Dictionary(uniqueKeysWithValues: checks.enumerated().map { ($0.element, JSONValue.bool($0.offset != 0)) }))
            let reviewed = try await client.call(
                .post, "/api/me/group-plan/\(Self.exercise)/review", as: .bearer(room.trainees[2].token), json: ["marks": marks, "comment": "目标太保守"])
            #expect(reviewed.status == .created, "\(reviewed.text)")
            #expect(try await client.call(.post, "/api/me/group-plan/\(Self.exercise)/review", as: .bearer(room.trainees[0].token), json: ["marks": [:]]).status == .conflict)
            #expect(try await client.call(
                .post, "/api/me/group-plan/\(Self.exercise)/review", as: .bearer(room.trainees[2].token), json: ["marks": ["made_up": true]]).status == .unprocessableContent)

            let page = Browser(client)
            page.cookies[CookieName.trainee] = room.trainees[1].token
            let shared = try await page.get("/t/group-plan/\(Self.exercise)")
            #expect(shared.status == .ok && shared.text.contains("data-test=\"reviews-received\"") && shared.text.contains("目标太保守"))
            #expect(shared.text.contains("data-draft-url=\"/api/me/group-plan/\(Self.exercise)\"") && shared.text.contains("data-test=\"plan-report\""))
            let reviewer = Browser(client)
            reviewer.cookies[CookieName.trainee] = room.trainees[3].token
            let form = try await reviewer.get("/t/group-plan/\(Self.exercise)/review")
            #expect(form.text.contains("data-test=\"review-form\""))
            #expect(try await reviewer.post("/t/group-plan/\(Self.exercise)/review", [("a.\(checks[0])", "1"), ("comment", "改了")]).status == .seeOther)
            // The homework is untouched by the workshop: the plan exercise handed out is still the homework.
            #expect(try await client.call(.get, "/api/me/plan", as: .bearer(room.trainees[0].token)).json["exercise"]?.string == "plan-homework")
        }
    }
}
