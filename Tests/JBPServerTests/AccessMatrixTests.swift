import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// Issue 8, access control: every route of api.md and every page, asked by each of six
/// callers, gets the status written in the table; a refused request changes nothing in the
/// database; and trainee B never reads or changes trainee A's work.
@Suite("Access matrix", .timeLimit(.minutes(5)))
struct AccessMatrixTests {
    /// The callers, in the order of each row's statuses.
    enum Caller: String, CaseIterable, Sendable {
        /// No token, no cookie.
        case anonymous
        /// Trainee A, in session one, whose work the ids in the paths name.
        case traineeA
        /// Trainee B, A's classmate in session one.
        case traineeB
        /// Trainee C, in session two.
        case otherSession
        case trainer
        /// A trainer who neither is an admin nor was added to these sessions (issue 15).
        case otherTrainer
    }

    /// One route: how it is called and what each caller gets, in `Caller` order.
    struct Row: Sendable {
        var method: HTTPRequest.Method
        var path: String
        /// A JSON body for the API, a form body (without `_csrf`) for a page.
        var body: String?
        var statuses: [Int]

        init(_ method: HTTPRequest.Method, _ path: String, _ statuses: [Int]) {
            self.init(method, path, nil, statuses)
        }

        /// Five statuses, for the callers before `otherTrainer`, who then gets the trainer's
        /// status, except that a success on anything of these sessions is a 404 for them
        /// (another trainer's session does not exist for them); or all six, written out.
        init(_ method: HTTPRequest.Method, _ path: String, _ body: String?, _ statuses: [Int]) {
            self.method = method
            self.path = path
            self.body = body
            var statuses = statuses
            if statuses.count == 5 {
                let trainer = statuses[4]
                let names = ["{s1}", "{s2}", "{quizA}", "{letterA}", "{a}", "{b}", "{c}", "{a_plan}"].contains(where: path.contains)
                statuses.append(names && trainer < 400 ? 404 : trainer)
            }
            self.statuses = statuses
        }

        var isAPI: Bool { path.hasPrefix("/api/") }
    }

    // Statuses by caller:          anon  A    B    C    trainer
    static let trainerOnly = [401, 403, 403, 403, 200]
    static let traineeOnly = [401, 200, 200, 200, 403]
    static let anyone = [200, 200, 200, 200, 200]
    /// Trainer pages send everyone else to the sign-in page; their forms refuse them.
    static let trainerPage = [303, 303, 303, 303, 200]
    static let trainerForm = [401, 401, 401, 401, 303]
    /// Trainee pages send everyone else to the join page.
    static let traineePage = [303, 200, 200, 200, 303]

    /// The table. `{s1}`, `{s2}`: sessions; `{code}`: session one's join code; `{quizA}`,
    /// `{letterA}`: A's submissions; `{a}`, `{c}`: trainee ids.
    static let rows: [Row] = [
        // The JSON API (api.md), in its order.
        Row(.get, "/healthz", anyone),
        Row(.post, "/api/trainer/login", #"{"name":"trainer","password":"correct horse battery"}"#, anyone),
        Row(.post, "/api/sessions", #"{"title":"三班","starts_on":"2026-04-01","ends_on":"2026-04-02"}"#, [401, 403, 403, 403, 201]),
        Row(.get, "/api/sessions/{s1}", trainerOnly),
        Row(.get, "/api/sessions/{s2}", trainerOnly),
        Row(.patch, "/api/sessions/{s1}", #"{"homework_due":"2026-04-30"}"#, trainerOnly),
        Row(.patch, "/api/sessions/{s1}/exercises/quiz-m1-jbp", #"{"open":true}"#, trainerOnly),
        Row(.post, "/api/join", #"{"join_code":"{code}","name":"丁"}"#, anyone),
        Row(.get, "/api/me/exercises", traineeOnly),
        // Session two has opened nothing: C's submission is a 409.
        Row(.post, "/api/me/exercises/text-vito-letter/submissions", #"{"answers":{"text":"尊敬的王总：ROI 9.2%。"}}"#, [401, 201, 201, 409, 403]),
        Row(.get, "/api/me/submissions", traineeOnly),
        Row(.put, "/api/me/plan", #"{"plan":{"objective":"草稿"}}"#, traineeOnly),
        Row(.get, "/api/me/plan", traineeOnly),
        // Only A has submitted a plan; B and C have nothing to check in against.
        Row(.post, "/api/me/plan/checkins", #"{"date":"2026-03-31","values":{"M1":0.5}}"#, [401, 201, 409, 409, 403]),
        // Each trainee deletes only its own check-ins: nobody has one of 2026-05-31.
        Row(.delete, "/api/me/plan/checkins/2026-05-31", "{}", [401, 404, 404, 404, 403]),
        Row(.get, "/api/sessions/{s1}/results", trainerOnly),
        Row(.get, "/api/sessions/{s1}/exercises/quiz-m1-jbp/stats", trainerOnly),
        Row(.post, "/api/submissions/{quizA}/override", #"{"score":1,"comment":"讲师复核"}"#, trainerOnly),
        Row(.post, "/api/submissions/{letterA}/rubric", #"{"scores":{"result_first":2}}"#, trainerOnly),
        Row(.post, "/api/sessions/{s1}/regrade", #"{"exercise":"quiz-m1-jbp"}"#, trainerOnly),
        Row(.get, "/api/sessions/{s1}/grades.csv", trainerOnly),
        // The homework's routes beyond api.md (docs/decisions.md).
        Row(.post, "/api/me/plan/projection", #"{"plan":{"goals":[{"id":"G1","metric":"inventory_days","target":30}]}}"#, traineeOnly),
        Row(.post, "/api/me/plan/import", #"{"yaml":"objective: 提升ROI"}"#, traineeOnly),
        Row(.get, "/api/sessions/{s1}/plans", trainerOnly),
        Row(.get, "/api/sessions/{s2}/plans", trainerOnly),
        Row(.post, "/api/submissions/{a_plan}/comments", #"{"check":"structure","comment":"目的要写清楚"}"#, trainerOnly),
        // Identities that last (api.md, issue 15).
        Row(.post, "/api/rejoin", #"{"join_code":"{code}","name":" 甲 ","reentry_code":"{a_reentry}"}"#, anyone),
        Row(.get, "/api/me/export", traineeOnly),
        Row(.post, "/api/trainees/{c}/reentry", "{}", trainerOnly),
        Row(.post, "/api/sessions/{s1}/trainers", #"{"name":"trainer"}"#, trainerOnly),
        Row(.post, "/api/trainees/{c}/merge", #"{"into":999999}"#, [401, 403, 403, 403, 404]),
        Row(.post, "/api/sessions/{s1}/archive", "{}", [401, 403, 403, 403, 204]),
        Row(.post, "/api/sessions/{s1}/restore", "{}", [401, 403, 403, 403, 204]),
        // My own distributor (api.md): nobody has entered one; an empty case is refused, naming what is missing.
        Row(.get, "/api/me/case", [401, 404, 404, 404, 403]),
        Row(.put, "/api/me/case", #"{"case":{}}"#, [401, 422, 422, 422, 403]),
        Row(.post, "/api/me/case/import", "{}", [401, 422, 422, 422, 403]),
        // The classroom (api.md): groups, the leaderboard (hidden: a trainee's is a 404).
        Row(.post, "/api/sessions/{s1}/groups", #"{"count":1}"#, trainerOnly),
        Row(.get, "/api/sessions/{s1}/groups", trainerOnly),
        Row(.get, "/api/sessions/{s1}/leaderboard", trainerOnly),
        Row(.patch, "/api/sessions/{s1}", #"{"leaderboard_visible":false}"#, trainerOnly),
        Row(.get, "/api/me/leaderboard", [401, 404, 404, 404, 403]),
        Row(.get, "/trainer/sessions/{s1}/groups", trainerPage),
        Row(.post, "/trainer/sessions/{s1}/groups", "count=1", trainerForm),
        Row(.post, "/trainer/sessions/{s1}/leaderboard", "visible=0", trainerForm),
        Row(.get, "/t/leaderboard", [303, 404, 404, 404, 303]),
        // Session one has one group now (the row above dealt it): the role-play's roles deal.
        Row(.post, "/api/sessions/{s1}/exercises/roleplay-vito/deal", "{}", trainerOnly),
        Row(.post, "/trainer/sessions/{s1}/exercises/roleplay-vito/deal", "", trainerForm),
        // The workshop: A and B are in session one's one group; C is in none.
        Row(.get, "/api/me/group-plan/plan-workshop", [401, 200, 200, 409, 403]),
        Row(.put, "/api/me/group-plan/plan-workshop", #"{"plan":{"objective":"一起写"}}"#, [401, 200, 200, 409, 403]),
        Row(.post, "/api/me/group-plan/plan-workshop/projection", #"{"plan":{"objective":"一起写"}}"#, traineeOnly),
        Row(.post, "/api/me/group-plan/plan-workshop/submit", #"{"plan":{"objective":"一起写"}}"#, [401, 409, 409, 409, 403]),
        Row(.get, "/api/me/group-plan/plan-workshop/review", [401, 409, 409, 409, 403]),
        Row(.post, "/api/me/group-plan/plan-workshop/review", #"{"marks":{}}"#, [401, 409, 409, 409, 403]),
        Row(.get, "/t/group-plan/plan-workshop", [303, 200, 200, 409, 303]),
        Row(.get, "/t/group-plan/plan-workshop/review", [303, 409, 409, 409, 303]),
        Row(.post, "/t/group-plan/plan-workshop/review", "", [401, 409, 409, 409, 401]),
        Row(.get, "/trainer/sessions/{s1}/screen", trainerPage),
        Row(.get, "/trainer/workbook", trainerPage),
        Row(.get, "/trainer/modules/jbp/slides", trainerPage),
        Row(.get, "/t/workbook", traineePage),
        Row(.get, "/trainer/sessions/{s1}/screen/live", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp/screen", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp/screen/live", trainerPage),
        // The trainee's pages.
        Row(.get, "/", anyone),
        Row(.get, "/join/{code}", anyone),
        Row(.post, "/join", "join_code={code}&name=%E6%88%8A", [303, 303, 303, 303, 303]),
        Row(.get, "/rejoin", anyone),
        Row(.get, "/rejoin/{code}", anyone),
        Row(.post, "/rejoin", "join_code={code}&name=%E7%94%B2&reentry_code={a_reentry}", [303, 303, 303, 303, 303]),
        Row(.get, "/t/reentry-qr.svg", traineePage),
        Row(.get, "/t/my-data.json", traineePage),
        Row(.get, "/t/my-case", traineePage),
        Row(.post, "/t/my-case", "a.name=%E7%94%B2", [401, 422, 422, 422, 401]),
        Row(.get, "/t/my-case/template.csv", traineePage),
        Row(.get, "/t/my-case/data-request", traineePage),
        Row(.get, "/t/plan/jbp", traineePage),
        Row(.get, "/t/plan/quarters", traineePage),
        // Only A has handed in a plan: B and C have none to start the next period from.
        Row(.post, "/t/plan/next", "", [401, 303, 409, 409, 401]),
        // A has handed in a plan but entered no distributor: nothing to record yet, as for B and C.
        Row(.post, "/t/plan/quarters/1/figures", "", [401, 409, 409, 409, 401]),
        Row(.get, "/t", traineePage),
        Row(.get, "/t/modules/jbp", traineePage),
        Row(.get, "/t/submissions", traineePage),
        Row(.get, "/t/plan", traineePage),
        Row(.get, "/t/plan/print", traineePage),
        // Each trainee exports its own draft (the PUT row above saved one for each).
        Row(.get, "/t/plan/export.yaml", traineePage),
        Row(.get, "/t/plan/scorecard", traineePage),
        // Refusals (B and C have no plan handed in) come back as the ScoreCard page, the form
        // as typed and the reason beside it, with the refusal's status.
        Row(.post, "/t/plan/checkins", "date=2026-03-31&m.M1=0.5", [401, 303, 409, 409, 401]),
        Row(.post, "/t/plan/checkins/2026-05-31/delete", "", [401, 303, 303, 303, 401]),
        Row(.get, "/t/charts/plan-homework/roi_tree.svg", traineePage),
        Row(.get, "/t/charts/review-hengda/waterfall.svg", traineePage),
        // The form goes back to the module page, which says why when it was refused (C's is closed).
        Row(.post, "/t/exercises/text-vito-letter", "a.text=%E5%B0%8A%E6%95%AC%E7%9A%84%E7%8E%8B%E6%80%BB", [401, 303, 303, 303, 401]),
        // The trainer's pages.
        Row(.get, "/trainer/login", anyone),
        Row(.post, "/trainer/login", "name=trainer&password=correct+horse+battery", [303, 303, 303, 303, 303]),
        Row(.get, "/trainer", trainerPage),
        Row(.post, "/trainer/sessions", "title=%E5%9B%9B%E7%8F%AD&starts_on=2026-05-01&ends_on=2026-05-02", trainerForm),
        Row(.get, "/trainer/sessions/{s1}", trainerPage),
        Row(.post, "/trainer/sessions/{s1}", "title=%E4%B8%80%E7%8F%AD&starts_on=2026-03-02&ends_on=2026-03-03&homework_due=2026-04-30", trainerForm),
        Row(.get, "/trainer/sessions/{s1}/qr.svg", trainerPage),
        Row(.post, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp", "open=1", trainerForm),
        Row(.get, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp/live", trainerPage),
        Row(.post, "/trainer/sessions/{s1}/exercises/quiz-m1-jbp/regrade", "", trainerForm),
        Row(.get, "/trainer/sessions/{s1}/roster", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/trainees/{a}", trainerPage),
        // A trainee is found only in its own session.
        Row(.get, "/trainer/sessions/{s2}/trainees/{a}", [303, 303, 303, 303, 404]),
        Row(.get, "/trainer/sessions/{s1}/trainees/{c}", [303, 303, 303, 303, 404]),
        Row(.post, "/trainer/submissions/{quizA}/override", "score=2&comment=ok", trainerForm),
        Row(.post, "/trainer/submissions/{letterA}/rubric", "r.result_first=3", trainerForm),
        Row(.get, "/trainer/sessions/{s1}/plans", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/plans/{a}", trainerPage),
        Row(.get, "/trainer/sessions/{s2}/plans/{a}", [303, 303, 303, 303, 404]),
        Row(.post, "/trainer/submissions/{a_plan}/comments", "check=drivers&comment=ok", trainerForm),
        Row(.post, "/trainer/sessions/{s2}/trainees/{c}/reentry", "", trainerForm),
        Row(.get, "/trainer/sessions/{s1}/trainees/{a}/delete", trainerPage),
        Row(.get, "/trainer/sessions/{s1}/delete", trainerPage),
        Row(.post, "/trainer/sessions/{s1}/trainers", "name=trainer", trainerForm),
        Row(.post, "/trainer/sessions/{s1}/archive", "", trainerForm),
        Row(.post, "/trainer/sessions/{s1}/restore", "", trainerForm),
        Row(.post, "/trainer/sessions/{s2}/trainees/{c}/merge", "into=999999", [401, 401, 401, 401, 404]),
        Row(.get, "/trainer/password", [303, 303, 303, 303, 200, 200]),
        Row(.get, "/static/app.css", anyone),
        Row(.get, "/static/app.js", anyone),
        Row(.get, "/static/plan.js", anyone),
        // Deleting, near the end (what goes is gone for the rows after): B, then session two with C.
        Row(.delete, "/api/trainees/{b}", "{}", [401, 403, 403, 403, 204]),
        Row(.delete, "/api/sessions/{s2}", "{}", [401, 403, 401, 403, 204]),
        // Last: signing out ends the trainer's token.
        Row(.post, "/trainer/logout", "", [401, 401, 401, 401, 303, 303]),
    ]

    static let csrf = String(repeating: "c", count: 43)

    @Test("Every route × {anonymous, trainee A, trainee B, another session's trainee, trainer, another trainer} gets its status")
    func matrix() async throws {
        print("access matrix: \(Self.rows.count) routes × \(Caller.allCases.count) callers = \(Self.rows.count * Caller.allCases.count) requests")
        try await HostileInputTests.withCourseApp { client, database in
            let classroom = try await HostileInputTests.setUp(client)
            try await client.call(.put, "/api/me/plan", as: .bearer(classroom.a.token), json: ["plan": ["objective": "甲的草稿"]])
            func fill(_ text: String) -> String {
                classroom.fill(text).replacingOccurrences(of: "{s1}", with: "\(classroom.session)")
                    .replacingOccurrences(of: "{s2}", with: "\(classroom.otherSession)")
                    .replacingOccurrences(of: "{quizA}", with: "\(classroom.aSubmission)")
                    .replacingOccurrences(of: "{letterA}", with: "\(classroom.aLetter)")
                    .replacingOccurrences(of: "{a}", with: "\(classroom.a.id)")
                    .replacingOccurrences(of: "{c}", with: "\(classroom.c.id)")
                    .replacingOccurrences(of: "{b}", with: "\(classroom.b.id)")
            }
            func token(_ caller: Caller) -> String? {
                switch caller {
                case .anonymous: nil
                case .traineeA: classroom.a.token
                case .traineeB: classroom.b.token
                case .otherSession: classroom.c.token
                case .trainer: classroom.trainerToken
                case .otherTrainer: classroom.otherTrainerToken
                }
            }
            for row in Self.rows {
                for (caller, expected) in zip(Caller.allCases, row.statuses) {
                    var headers = HTTPFields()
                    var body = row.body.map(fill)
                    if row.isAPI {
                        if let token = token(caller) { headers[.authorization] = "Bearer " + token }
                        if body != nil { headers[.contentType] = "application/json" }
                    } else {
                        // A browser: its identity cookie and the CSRF cookie its forms repeat.
                        var cookies = ["\(CookieName.csrf)=\(Self.csrf)"]
                        if let token = token(caller) {
                            cookies.append("\([.trainer, .otherTrainer].contains(caller) ? CookieName.trainer : CookieName.trainee)=\(token)")
                        }
                        headers[.cookie] = cookies.joined(separator: "; ")
                        if let form = body {
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            body = "_csrf=\(Self.csrf)" + (form.isEmpty ? "" : "&" + form)
                        }
                    }
                    let before = try await database.snapshot()
                    let answer = try await client.execute(
                        uri: fill(row.path), method: row.method, headers: headers, body: body.map { ByteBuffer(string: $0) }
                    ) { response in
                        Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
                    }
                    #expect(answer.status.code == expected, "\(row.method) \(row.path) as \(caller): \(answer.status.code) \(answer.text.prefix(160))")
                    if (400..<500).contains(answer.status.code) {
                        let changed = HostileInputTests.changes(from: before, to: try await database.snapshot())
                        #expect(changed.isEmpty, "\(row.method) \(row.path) as \(caller) was refused but changed \(changed)")
                    }
                }
            }
            // C's session opened nothing, so nothing of C's was stored; then session two was deleted
            // with C in it, and B was deleted: their tokens no longer work, and nothing of theirs is left.
            for gone in [classroom.b, classroom.c] {
                #expect(try await client.call(.get, "/api/me/submissions", as: .bearer(gone.token)).status == .unauthorized)
            }
            #expect(try await database.trainee(id: classroom.b.id) == nil)
            #expect(try await database.trainee(id: classroom.c.id) == nil)
            #expect(try await database.session(id: classroom.otherSession) == nil)
            #expect(try await database.submissions(session: classroom.otherSession, exercise: nil).isEmpty)
            #expect(try await database.trainee(id: classroom.a.id) != nil)
        }
    }

    @Test("Trainee B never reads or changes trainee A's submissions, draft, plan or check-ins")
    func isolation() async throws {
        try await HostileInputTests.withCourseApp { client, database in
            let classroom = try await HostileInputTests.setUp(client)
            let a = Who.bearer(classroom.a.token)
            let b = Who.bearer(classroom.b.token)
            try await client.call(.put, "/api/me/plan", as: a, json: ["plan": ["objective": "甲的草稿"]])
            let checkIn = try await client.call(.post, "/api/me/plan/checkins", as: a, json: ["date": "2026-03-31", "values": ["M1": 0.5]])
            #expect(checkIn.status == .created)
            let aSees = try await client.call(.get, "/api/me/submissions", as: a)
            let aIDs = Set(aSees.json["submissions"]?.array?.compactMap { $0["submission_id"]?.number } ?? [])
            #expect(aIDs.count == 3)
            let aPlan = try await client.call(.get, "/api/me/plan", as: a)
            let before = try await database.snapshot()

            // B reads: nothing of A's.
            let bSees = try await client.call(.get, "/api/me/submissions", as: b)
            #expect(bSees.json == ["submissions": []])
            let bPlan = try await client.call(.get, "/api/me/plan", as: b)
            #expect(bPlan.json["draft"] == .null)
            #expect(bPlan.json["submitted"] == .null)
            #expect(bPlan.json["grade"] == .null)
            // Nor through the homework pages: B's builder, printable plan, export and ScoreCard hold none of A's plan.
            for path in ["/t/plan", "/t/plan/print", "/t/plan/scorecard", "/t/plan/export.yaml"] {
                let page = try await client.call(.get, path, as: b)
                #expect(!page.text.contains("甲的草稿") && !page.text.contains("王经理"), "\(path) as B shows A's plan")
            }
            // B changes: every way that names A's work is refused and touches nothing.
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/api/submissions/\(classroom.aSubmission)/override", #"{"score":0,"comment":"x"}"#),
                (.post, "/api/submissions/\(classroom.aLetter)/rubric", #"{"scores":{"result_first":0}}"#),
                (.post, "/api/sessions/\(classroom.session)/regrade", #"{"exercise":"quiz-m1-jbp"}"#),
                (.patch, "/api/sessions/\(classroom.session)/exercises/quiz-m1-jbp", #"{"open":false}"#),
                (.post, "/api/me/plan/checkins", #"{"date":"2026-04-30","values":{"M1":0.1}}"#),
                (.post, "/api/submissions/\(classroom.aPlan)/comments", #"{"check":"structure","comment":"x"}"#),
            ] {
                let answer = try await client.raw(method, path, as: b, body: body, contentType: "application/json")
                #expect((400..<500).contains(answer.status.code), "\(method) \(path) as B: \(answer.status)")
            }
            for (path, form) in [
                ("/trainer/submissions/\(classroom.aSubmission)/override", "score=0&comment=x"),
                ("/trainer/submissions/\(classroom.aLetter)/rubric", "r.result_first=0"),
                ("/trainer/submissions/\(classroom.aPlan)/comments", "check=structure&comment=x"),
            ] {
                let answer = try await client.raw(
                    .post, path, as: .cookies([CookieName.trainee: classroom.b.token, CookieName.csrf: Self.csrf]),
                    body: "_csrf=\(Self.csrf)&" + form, contentType: "application/x-www-form-urlencoded")
                #expect(answer.status == .unauthorized, "POST \(path) as B's browser: \(answer.status)")
            }
            // B's own draft is B's: saving it leaves A's alone.
            try await client.call(.put, "/api/me/plan", as: b, json: ["plan": ["objective": "乙的草稿"]])
            var after = try await database.snapshot()
            #expect(after["plan_draft"]?.count == 2)
            after["plan_draft"] = before["plan_draft"]
            #expect(HostileInputTests.changes(from: before, to: after).isEmpty)
            #expect(try await client.call(.get, "/api/me/plan", as: a).text == aPlan.text)
            // B's own submission gets an id of its own and does not show up in A's list.
            let bSent = try await client.submit(classroom.b.token, "text-vito-letter", answers: ["text": "乙的信：ROI 9%。"])
            let aAgain = try await client.call(.get, "/api/me/submissions", as: a)
            #expect(Set(aAgain.json["submissions"]?.array?.compactMap { $0["submission_id"]?.number } ?? []) == aIDs)
            #expect(bSent.json["submission_id"]?.number.map(aIDs.contains) == false)
        }
    }
}
