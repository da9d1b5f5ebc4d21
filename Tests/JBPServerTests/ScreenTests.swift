import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// The big screen (投影视图): the join QR code and count; an exercise's countdown, answers,
/// correct rate and distribution per question; the leaderboard only while shown.
@Suite("The big screen")
struct ScreenTests {
    @Test("The session's screen shows the QR code and who joined; an exercise's screen its answers, per question, from the class's latest answers")
    func screens() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 4)
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = room.token
            let welcome = try await trainer.get("/trainer/sessions/\(room.session)/screen")
            #expect(welcome.status == .ok && welcome.text.contains("<svg") && welcome.text.contains("class=\"screen\""))
            #expect(welcome.text.contains("data-test=\"screen-joined\">4<"), "four have joined")
            #expect(!welcome.text.contains("data-test=\"screen-leaderboard\""), "the leaderboard is hidden")

            _ = try await client.call(.patch, "/api/sessions/\(room.session)/exercises/quiz-m1-jbp", as: .bearer(room.token), json: ["open": true, "closes_in": 300])
            let screen = try await trainer.get("/trainer/sessions/\(room.session)/exercises/quiz-m1-jbp/screen")
            #expect(screen.text.contains("data-test=\"screen-answered\">") && screen.text.contains("<b>4</b> / 4"), "every trainee answered")
            #expect(screen.text.contains("data-test=\"screen-timer\""))
            // Question 1 (purpose): the class's choices, counted from what they sent (3 × b, 1 × a).
            let first = String(try #require(screen.text.split(separator: "data-test=\"screen-question-1\"").dropFirst().first).prefix(3000))
            let stats = try await client.call(.get, "/api/sessions/\(room.session)/exercises/quiz-m1-jbp/stats", as: .bearer(room.token)).json
            let rate = try #require(stats["items"]?.array?.first { $0["id"]?.string == "purpose" }?["correct_rate"]?.number)
            #expect(first.contains("<b>\(Int((rate * 100).rounded()))%</b>"), "the dashboard's correct rate: \(rate)")
            #expect(first.contains("<th>b</th><td class=\"barcell\"><span class=\"bar\" style=\"width:100%\"></span></td><td class=\"count\">3</td>"), "\(first.prefix(1200))")
            #expect(first.contains("<th>a</th><td class=\"barcell\"><span class=\"bar\" style=\"width:33%\"></span></td><td class=\"count\">1</td>"))

            _ = try await client.call(.patch, "/api/sessions/\(room.session)", as: .bearer(room.token), json: ["leaderboard_visible": true])
            let live = try await trainer.get("/trainer/sessions/\(room.session)/exercises/quiz-m1-jbp/screen/live")
            #expect(live.status == .ok && !live.text.contains("<html"), "the live part is a fragment")
            #expect(live.text.contains("data-test=\"screen-leaderboard\"") && live.text.contains("学员1"))
            // A trainee cannot open the screen.
            let trainee = Browser(client)
            trainee.cookies[CookieName.trainee] = room.trainees[0].token
            #expect(try await trainee.get("/trainer/sessions/\(room.session)/screen").status == .seeOther)
        }
    }
}

/// Item analysis (Moodle's): facility and discrimination per question over first attempts.
@Suite("Item analysis")
struct ItemAnalysisTests {
    @Test("Facility is the mean mark over the points, discrimination the correlation with the rest of the test, over first attempts only")
    func moodle() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 6)
            // A second attempt of the first trainee, all right: it must not count.
            _ = try await client.submit(room.trainees[0].token, "quiz-m1-jbp", answers: ["purpose": "b", "difference": "b", "trend": "b", "median": "b"])
            let stats = try await client.call(.get, "/api/sessions/\(room.session)/exercises/quiz-m1-jbp/stats", as: .bearer(room.token)).json
            #expect(stats["first_attempts"] == 6 && stats["indicative"] == true)
            // Recompute from each trainee's first submission, as the trainee saw it graded.
            var firsts: [[String: (Double, Double)]] = []
            for trainee in room.trainees {
                let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(trainee.token)).json["submissions"]?.array ?? []
                let first = try #require(mine.filter { $0["exercise"]?.string == "quiz-m1-jbp" }.min { ($0["submission_id"]?.number ?? 0) < ($1["submission_id"]?.number ?? 0) })
                var marks: [String: (Double, Double)] = [:]
                for item in first["grade"]?["items"]?.array ?? [] {
                    if let id = item["id"]?.string, let awarded = item["awarded"]?.number, let points = item["points"]?.number { marks[id] = (awarded, points) }
                }
                firsts.append(marks)
            }
            for item in stats["items"]?.array ?? [] {
                let id = try #require(item["id"]?.string)
                let marks = firsts.compactMap { $0[id] }
                let facility = marks.map { $0.0 / $0.1 }.reduce(0, +) / Double(marks.count)
                #expect(abs((item["facility"]?.number ?? -1) - facility) < 1e-9, "\(id)")
                let pairs = firsts.compactMap { attempt in attempt[id].map { ($0.0, attempt.values.reduce(0) { $0 + $1.0 } - $0.0) } }
                let n = Double(pairs.count)
                let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
                let sxy = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
                let sxx = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }, syy = pairs.reduce(0) { $0 + ($1.1 - my) * ($1.1 - my) }
                if sxx > 1e-12 && syy > 1e-12 {
                    #expect(abs((item["discrimination"]?.number ?? -9) - sxy / (sxx * syy).squareRoot()) < 1e-9, "\(id)")
                } else {
                    #expect(item["discrimination"] == .null, "\(id): no spread, no correlation")
                }
            }
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = room.token
            let dashboard = try await trainer.get("/trainer/sessions/\(room.session)/exercises/quiz-m1-jbp")
            #expect(dashboard.text.contains("data-test=\"item-analysis-purpose\"") && dashboard.text.contains("data-test=\"indicative\""))
        }
    }
}

/// The printables: the workbook (every module, questions without answers, no private card) and
/// the slides (one heading a slide).
@Suite("Printables")
struct PrintableTests {
    @Test("The workbook holds every module and every exercise's questions, never an answer, a solution or a role's private card")
    func workbook() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let room = try await GroupsTests.classroom(client, trainees: 1)
            let trainee = Browser(client)
            trainee.cookies[CookieName.trainee] = room.trainees[0].token
            let book = try await trainee.get("/t/workbook")
            #expect(book.status == .ok)
            let content = try ServerCourse.load(root: CourseIntegrationTests.root)
            for module in content.modules { #expect(book.text.contains("data-test=\"wb-module-\(module.id)\""), "\(module.id)") }
            for exercise in content.exercisesInOrder where content.modules.contains(where: { $0.exerciseIDs.contains(exercise.id) }) {
                #expect(book.text.contains("data-test=\"wb-exercise-\(exercise.id)\""), "\(exercise.id)")
                for question in exercise.questions { #expect(book.text.contains(Self.escaped(question.prompt)), "\(exercise.id).\(question.id)") }
                if let solution = exercise.solutionHTML, solution.count > 80 {
                    #expect(!book.text.contains(solution.prefix(80)), "\(exercise.id)'s solution is not in the workbook")
                }
                for role in exercise.roles { #expect(!book.text.contains(role.cardHTML.prefix(120)), "\(exercise.id): \(role.id)'s card") }
            }
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = room.token
            #expect(try await trainer.get("/trainer/workbook").status == .ok)
        }
    }

    @Test("Slides cut a module at its headings: one slide per heading with something under it (a heading straight before another joins it)")
    func slides() async throws {
        try await HostileInputTests.withCourseApp { client, _ in
            let token = try await client.trainerToken()
            let content = try ServerCourse.load(root: CourseIntegrationTests.root)
            let trainer = Browser(client)
            trainer.cookies[CookieName.trainer] = token
            let heading = try Regex("<h[123][ >]")
            let headingOnly = try Regex("</h[123]>\\s*<h[123][ >]")
            for module in content.modules {
                let page = try await trainer.get("/trainer/modules/\(module.id)/slides")
                #expect(page.status == .ok)
                var html = ""
                for part in module.parts {
                    switch part {
                    case .html(let text): html += text
                    case .exercise: html += "<h2>练习</h2><p>x</p>"
                    }
                }
                let headings = html.matches(of: heading).count
                let joined = html.matches(of: headingOnly).count
                let slides = page.text.components(separatedBy: "class=\"slide\"").count - 1
                #expect(slides == headings - joined, "\(module.id): \(slides) slides, \(headings) headings, \(joined) straight before another")
                // Every slide has more than a heading.
                for slide in page.text.components(separatedBy: "class=\"slide-body prompt\">").dropFirst() {
                    let body = slide.components(separatedBy: "</div><footer").first ?? ""
                    #expect(body.matches(of: try Regex("</h[123]>\\s*$")).isEmpty, "\(module.id): a slide with only a heading")
                }
            }
            #expect(try await trainer.get("/trainer/modules/no-such/slides").status == .notFound)
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
