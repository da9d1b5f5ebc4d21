import Foundation
import Grading
import Hummingbird

/// 投影视图: pages for the projector at 1920×1080, read from the back of the room. The session's
/// screen shows the join QR code and how many have joined; an exercise's screen its countdown,
/// how many have answered, each question's correct rate and answer distribution, the
/// misconceptions named, and the leaderboard while the trainer shows it. Both update by themselves.
extension Pages {
    func addScreenRoutes(to trainer: RouterGroup<AppRequestContext>) {
        trainer.get("sessions/:id/screen") { request, context in try await screen(request: request, context: context, live: false) }
        trainer.get("sessions/:id/screen/live") { request, context in try await screen(request: request, context: context, live: true) }
        trainer.get("sessions/:id/exercises/:exercise/screen") { request, context in try await screen(request: request, context: context, live: false) }
        trainer.get("sessions/:id/exercises/:exercise/screen/live") { request, context in try await screen(request: request, context: context, live: true) }
    }

    func screen(request: Request, context: AppRequestContext, live: Bool) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let exercise = try context.parameters.get("exercise").map { try classroom.exercise($0) }
        let t = words(request)
        var data = try await screenData(session: session, exercise: exercise, request: request, context: context)
        let base = "/trainer/sessions/\(session.id)" + (exercise.map { "/exercises/\($0.id)" } ?? "") + "/screen"
        data["liveURL"] = base + "/live"
        guard live else { return render("screen", data, title: exercise?.title ?? session.title, request: request, context: context) }
        data["t"] = t
        let html = library.render(data, withTemplate: "screen-live") ?? ""
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func screenData(session: CourseSession, exercise: CourseExercise?, request: Request, context: AppRequestContext) async throws -> [String: Any] {
        let t = words(request)
        let roster = try await classroom.store.trainees(session: session.id)
        let joinURL = context.baseURL(request) + "/join/" + session.joinCode
        var data: [String: Any] = [
            "sessionTitle": session.title, "sessionId": session.id, "joinURL": joinURL, "joinCode": session.joinCode,
            "qr": QRCode.svg(for: joinURL, title: t["scanToJoin"]) ?? "", "joined": roster.count,
        ]
        let states = try await classroom.states(session: session.id)
        if let exercise {
            let state = states[exercise.id] ?? .untouched(session: session.id, exercise: exercise.id)
            let submissions = try await classroom.store.submissions(session: session.id, exercise: exercise.id)
            let stats = ResultsBook.stats(exercise: exercise, submissions: submissions)
            var latest: [Int64: Submission] = [:]
            for submission in submissions where latest[submission.traineeId].map({ $0.id < submission.id }) ?? true {
                latest[submission.traineeId] = submission
            }
            // What the class chose, question by question (latest answers), for choice questions.
            var chosen: [String: [String: Int]] = [:]
            for submission in latest.values {
                for item in Grade(jsonText: submission.grade)?.items ?? [] {
                    switch item.given {
                    case .string(let key)?: chosen[item.id, default: [:]][key, default: 0] += 1
                    case .array(let keys)?: for key in keys.compactMap(\.string) { chosen[item.id, default: [:]][key, default: 0] += 1 }
                    default: break
                    }
                }
            }
            let byId = Dictionary(stats.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let questions = exercise.questions.enumerated().map { index, question -> [String: Any] in
                let item = byId[question.id]
                let rate = item?.correctRate.map { Int(($0 * 100).rounded()) }
                let counts = chosen[question.id] ?? [:]
                let top = max(1, counts.values.max() ?? 1)
                let choices = question.choices.map { choice -> [String: Any] in
                    let count = counts[choice.key] ?? 0
                    return ["key": choice.key, "text": choice.text, "count": count, "width": Int(Double(count) / Double(top) * 100), "none": count == 0]
                }
                return [
                    "number": index + 1, "prompt": question.prompt, "rate": rate.map { "\($0)%" } ?? "–", "rateWidth": rate ?? 0,
                    "low": (rate ?? 100) < 60, "answered": item?.answered ?? 0, "choices": choices, "hasChoices": !choices.isEmpty,
                    "misconceptions": (item?.misconceptions ?? [:]).sorted { $0.value > $1.value }.prefix(3)
                        .map { ["name": Self.misconceptionName($0.key), "count": $0.value] },
                ]
            }
            data["exercise"] = ([
                "title": exercise.title, "open": state.open,
                "answered": stats.trainees, "mean": stats.meanScore.map(show) ?? "–", "maxScore": show(stats.maxScore),
                "questions": questions, "hasQuestions": !questions.isEmpty,
            ] as [String: Any]).merging(state.timerFields) { first, _ in first }
        } else {
            // The session's screen: what is open now, each with its countdown.
            data["open"] = classroom.content.exercisesInOrder.compactMap { exercise -> [String: Any]? in
                guard let state = states[exercise.id], state.open else { return nil }
                return (["title": exercise.title, "id": exercise.id] as [String: Any]).merging(state.timerFields) { first, _ in first }
            }
        }
        if session.leaderboardVisible {
            let board = try await classroom.leaderboard(session: session.id)
            var view = leaderboardView(board)
            view["groups"] = (view["groups"] as? [[String: Any]] ?? []).prefix(8).map { $0 }
            view["trainees"] = (view["trainees"] as? [[String: Any]] ?? []).prefix(board.groups.isEmpty ? 10 : 5).map { $0 }
            data["leaderboard"] = view
        }
        return data
    }
}
