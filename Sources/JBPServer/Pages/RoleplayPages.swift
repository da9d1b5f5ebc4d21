import Foundation
import Grading
import Hummingbird
import JBPModel

/// A role-play on the trainee's module page: their own role card only; for an observer the
/// checklist to mark the group's player on, with a comment; for the player the observers' marks
/// and comments. The trainer deals the roles from the control room.
extension Pages {
    func roleplayHTML(_ mine: Classroom.TraineeExercise, trainee: Trainee, t: [String: String], csrf: String, flash: String?) async throws -> String {
        let exercise = mine.exercise
        var view: [String: Any] = [
            "id": exercise.id, "title": exercise.title, "promptHTML": exercise.promptHTML, "open": mine.state.open,
            "t": t, "csrf": csrf,
        ].merging(mine.state.timerFields) { first, _ in first }
        if let flash, flash.hasPrefix(exercise.id + "\u{1F}") {
            view["message"] = ExerciseRefusal.decode(String(flash.dropFirst(exercise.id.count + 1))).message
        }
        if let part = try await classroom.myRole(trainee: trainee, exercise: exercise) {
            view["role"] = ["name": part.role.name, "cardHTML": part.role.cardHTML]
            view["isPlayer"] = part.isPlayer
            view["playerName"] = part.player?.name ?? ""
            if part.isPlayer {
                let observed = try await classroom.observations(of: trainee, exercise: exercise)
                let count = observed.count
                view["observers"] = count
                view["items"] = exercise.checklist.map { item -> [String: Any] in
                    let done = observed.filter { $0.observation.marks[item.id] == true }.count
                    return ["text": item.text, "done": done, "of": count, "points": show(item.points),
                            "awarded": show(count == 0 ? 0 : item.points * Double(done) / Double(count))]
                }
                view["comments"] = observed.compactMap { entry -> [String: Any]? in
                    entry.observation.comment.map { ["who": entry.observer?.name ?? "", "text": $0] }
                }
                view["score"] = mine.submissions.last.map { show($0.effectiveScore) } ?? "0"
                view["maxScore"] = show(exercise.checklist.reduce(0) { $0 + $1.points })
            } else if let player = part.player {
                // The observer's earlier marks of this player, to correct them.
                let earlier = try await classroom.observations(of: player, exercise: exercise).first { $0.observer?.id == trainee.id }?.observation
                view["canObserve"] = mine.state.open
                view["items"] = exercise.checklist.map { item -> [String: Any] in
                    ["id": item.id, "text": item.text, "points": show(item.points),
                     "done": earlier?.marks[item.id] == true, "notDone": earlier?.marks[item.id] == false]
                }
                view["comment"] = earlier?.comment ?? ""
                view["observedBefore"] = earlier != nil
            }
        }
        return library.render(view, withTemplate: "roleplay-card") ?? ""
    }

    /// The observer's form: `m.<item>` = 1 or 0 for each checklist item, `comment`.
    func roleplayForm(_ form: FormFields, exercise: CourseExercise, trainee: Trainee, request: Request, context: AppRequestContext) async throws -> Response {
        let t = words(request)
        let back = link(to: exercise)
        let anchor = back.split(separator: "#").first.map(String.init) ?? back
        func say(_ message: String) -> Response {
            flash(exercise.id + "\u{1F}" + ExerciseRefusal(message: message, errors: [:], values: [:]).encoded, for: context)
            return redirect(anchor + "#ex-\(exercise.id)")
        }
        guard let part = try await classroom.myRole(trainee: trainee, exercise: exercise), let player = part.player else {
            return say(t["rp_noRole"]!)
        }
        var marks: [String: JSONValue] = [:]
        for item in exercise.checklist {
            switch form["m.\(item.id)"] {
            case "1": marks[item.id] = .bool(true)
            case "0": marks[item.id] = .bool(false)
            default: break
            }
        }
        let body: JSONValue = [
            "observations": .object([String(player.id): .object(marks)]),
            "comments": .object([String(player.id): .string(form["comment"] ?? "")]),
        ]
        do {
            let observed = try await classroom.observe(trainee: trainee, exercise: exercise, body: body)
            return say(t["rp_saved"]!.replacing("{name}", with: observed.player.name))
        } catch let error as AppError {
            return say(error.text(Language.ofPage(request)))
        } catch let refusal as SubmissionRefusal {
            if case .timeUp = refusal { return say(t["refusedTimeUp"]!) }
            return say(t["refusedClosed"]!)
        }
    }
}
