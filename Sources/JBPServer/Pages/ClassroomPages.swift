import Foundation
import Hummingbird

/// 分组与积分榜: the trainer's groups page (deal at random, adjust by hand, rename), the
/// leaderboard shown or hidden, and the trainees' leaderboard while it is shown.
extension Pages {
    func addClassroomTrainerRoutes(to trainer: RouterGroup<AppRequestContext>) {
        trainer.get("sessions/:id/groups", use: groupsPage)
        trainer.post("sessions/:id/groups", use: groupsForm)
        trainer.post("sessions/:id/leaderboard", use: leaderboardForm)
        trainer.post("sessions/:id/exercises/:exercise/deal", use: dealForm)
    }

    /// Deals a role-play's roles within each group (again: the next round, a new player).
    func dealForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let id = try context.parameters.id("id")
        let exercise = context.parameters.get("exercise") ?? ""
        _ = try await classroom.deal(session: id, exercise: exercise)
        flash(words(request)["rp_dealt"]!, for: context)
        // No anchor: the page opens at its top, where the flash says the roles are dealt.
        return redirect(form["back"] == "dashboard" ? "/trainer/sessions/\(id)/exercises/\(exercise)" : "/trainer/sessions/\(id)")
    }

    func addClassroomTraineeRoutes(to trainee: RouterGroup<AppRequestContext>) {
        trainee.get("leaderboard", use: traineeLeaderboard)
    }

    /// The leaderboard's rows for a template: rank, name, score (and members for a group).
    func leaderboardView(_ board: Classroom.Leaderboard, mine: Int64? = nil) -> [String: Any] {
        // Every trainee of the session stands in the board: their names come with it.
        let names = Dictionary(board.trainees.map { ($0.subject.id, $0.subject.name) }, uniquingKeysWith: { first, _ in first })
        let groups = board.groups.enumerated().map { index, standing -> [String: Any] in
            [
                "rank": index + 1, "name": standing.subject.name, "score": show(standing.score), "id": standing.subject.id,
                "members": standing.subject.traineeIds.compactMap { names[$0] }.joined(separator: "、"),
                "mine": mine.map { standing.subject.traineeIds.contains($0) } ?? false,
            ]
        }
        let trainees = board.trainees.prefix(10).enumerated().map { index, standing -> [String: Any] in
            ["rank": index + 1, "name": standing.subject.name, "score": show(standing.score), "mine": standing.subject.id == mine]
        }
        return ["groups": groups, "hasGroups": !groups.isEmpty, "trainees": trainees, "visible": board.visible]
    }

    func groupsPage(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let t = words(request)
        let roster = try await classroom.store.trainees(session: session.id)
        let groups = try await classroom.store.groups(session: session.id)
        var groupOf: [Int64: Int] = [:]
        for group in groups { for trainee in group.traineeIds { groupOf[trainee] = group.position } }
        // One empty slot more than there are groups: a new group by hand.
        let slots = (0..<(groups.count + 1)).map { position -> [String: Any] in
            ["position": position, "name": position < groups.count ? groups[position].name : "", "label": "\(position + 1)"]
        }
        let rows = roster.map { trainee -> [String: Any] in
            [
                "traineeId": trainee.id, "name": trainee.name, "number": trainee.number,
                "options": slots.map { slot in
                    ["position": slot["position"]!, "label": slot["label"]!, "selected": groupOf[trainee.id] == slot["position"] as? Int]
                },
                "ungrouped": groupOf[trainee.id] == nil,
            ]
        }
        let board = try await classroom.leaderboard(session: session.id)
        var data = leaderboardView(board)
        data["session"] = sessionFields(session)
        data["rows"] = rows
        data["slots"] = slots
        data["hasTrainees"] = !roster.isEmpty
        data["ungroupedCount"] = roster.filter { groupOf[$0.id] == nil }.count
        data["countChoices"] = (2...max(2, min(12, roster.count))).map { ["count": $0, "selected": $0 == min(6, max(2, roster.count / 5))] }
        return render("groups", data, title: t["gr_title"]!, request: request, context: context)
    }

    /// The groups form: `count` deals at random; otherwise `g.<trainee id>` = the group's position
    /// (empty: none) and `name.<position>` its name, as the trainer adjusted them.
    func groupsForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        let t = words(request)
        if let text = form["count"], !text.isEmpty {
            guard let count = Int(text) else { throw AppError.badRequest("The number of groups is a whole number.", zh: "组数应为整数。") }
            _ = try await classroom.setGroups(session: session.id, groups: nil, count: count)
            flash(t["gr_dealt"]!.replacing("{n}", with: String(count)), for: context)
        } else {
            var members: [Int: [Int64]] = [:]
            for (key, value) in form.pairs where key.hasPrefix("g.") {
                guard let trainee = Int64(key.dropFirst(2)), !value.isEmpty else { continue }
                guard let position = Int(value), (0...Classroom.mostGroups).contains(position) else {
                    throw AppError.badRequest("A group is chosen from the list.", zh: "请从列表中选择小组。")
                }
                members[position, default: []].append(trainee)
            }
            // Groups in their positions; one nobody is in goes; a nameless one gets the default name.
            var groups: [Classroom.GroupRequest] = []
            for position in members.keys.sorted() {
                let name = form["name.\(position)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                let who = (members[position] ?? []).sorted()
                groups.append(Classroom.GroupRequest(name: name.isEmpty ? Classroom.groupName(number: groups.count + 1) : name, traineeIds: who))
            }
            _ = try await classroom.setGroups(session: session.id, groups: groups, count: nil)
            flash(t["gr_saved"]!, for: context)
        }
        return redirect("/trainer/sessions/\(session.id)/groups")
    }

    func leaderboardForm(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let id = try context.parameters.id("id")
        _ = try await classroom.setLeaderboardVisible(session: id, visible: form["visible"] == "1")
        let back = form["back"] == "screen" ? "/trainer/sessions/\(id)/screen" : "/trainer/sessions/\(id)/groups#leaderboard"
        return redirect(back)
    }

    func traineeLeaderboard(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let t = words(request)
        let board = try await classroom.leaderboard(for: trainee)
        var data = leaderboardView(board, mine: trainee.id)
        data["traineeName"] = trainee.name
        return render("leaderboard", data, title: t["gr_leaderboard"]!, request: request, context: context)
    }
}
