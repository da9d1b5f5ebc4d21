import Foundation
import Grading
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// A browser: keeps cookies and the latest CSRF token.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastPage = ""
    var english = false

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String) async throws -> Answer {
        let answer = try await client.call(.get, uri, as: .cookies(cookies))
        remember(answer)
        lastPage = answer.text
        return answer
    }

    /// Posts a form with the CSRF token of the latest page.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Answer {
        let token = csrf ?? cookies["jbp_csrf"] ?? ""
        let body = ([("_csrf", token)] + fields).map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        let answer = try await client.raw(.post, uri, as: .cookies(cookies), body: body, contentType: "application/x-www-form-urlencoded")
        remember(answer)
        return answer
    }

    private func remember(_ answer: Answer) {
        for field in answer.headers[values: .setCookie] {
            let pair = field.prefix { $0 != ";" }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty { cookies.removeValue(forKey: String(parts[0])) } else { cookies[String(parts[0])] = String(parts[1]) }
        }
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

@Suite("Pages")
struct PagesTests {
    @Test("The trainer signs in with the form, creates a session and sees its control room with a QR code")
    func trainerFlow() async throws {
        try await withApp { client, _ in
            let browser = Browser(client)
            let login = try await browser.get("/trainer/login")
            #expect(login.status == .ok)
            #expect(login.text.contains("name=\"_csrf\""))
            #expect(browser.cookies["jbp_csrf"] != nil)
            #expect(login.setCookieLine("jbp_csrf")?.contains("HttpOnly") == true)

            let wrong = try await browser.post("/trainer/login", [("name", "trainer"), ("password", "nope")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("讲师账号或密码不对。"), "the Chinese page says it in Chinese")

            let signedIn = try await browser.post("/trainer/login", [("name", "trainer"), ("password", trainerPassword)])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/trainer")
            let created = try await browser.post(
                "/trainer/sessions", [("title", "华东区"), ("starts_on", "2026-03-02"), ("ends_on", "2026-03-03"), ("homework_due", "")])
            #expect(created.status == .seeOther)
            let room = try await browser.get(try #require(created.headers[.location]))
            #expect(room.status == .ok)
            #expect(room.text.contains("<svg"))
            #expect(room.text.contains("data-test=\"join-code\""))
            #expect(room.text.contains("data-test=\"open-quiz-m1\""))
            let sessions = try await browser.get("/trainer")
            #expect(sessions.text.contains("华东区"))
        }
    }

    @Test("Trainer pages send nobody to the sign-in page; trainee pages to the join page")
    func redirects() async throws {
        try await withApp { client, _ in
            let browser = Browser(client)
            for (page, target) in [("/trainer", "/trainer/login"), ("/trainer/sessions/1", "/trainer/login"), ("/t", "/"), ("/t/modules/01-intro", "/")] {
                let answer = try await browser.get(page)
                #expect(answer.status == .seeOther)
                #expect(answer.headers[.location] == target, "\(page)")
            }
        }
    }

    @Test("A form without the CSRF token, or with another browser's, is refused with 403")
    func csrf() async throws {
        try await withApp { client, _ in
            let browser = Browser(client)
            _ = try await browser.get("/trainer/login")
            let missing = try await client.raw(
                .post, "/trainer/login", as: .cookies(browser.cookies), body: "name=trainer&password=\(trainerPassword)",
                contentType: "application/x-www-form-urlencoded")
            #expect(missing.status == .forbidden)
            let forged = try await browser.post("/trainer/login", [("name", "trainer"), ("password", trainerPassword)], csrf: "forged-token-0123456789012345678901234")
            #expect(forged.status == .forbidden)
            let ok = try await browser.post("/trainer/login", [("name", "trainer"), ("password", trainerPassword)])
            #expect(ok.status == .seeOther)
            // Signed in, forms still need the token.
            let noToken = try await client.raw(
                .post, "/trainer/sessions", as: .cookies(browser.cookies), body: "title=x&starts_on=2026-01-01&ends_on=2026-01-02",
                contentType: "application/x-www-form-urlencoded")
            #expect(noToken.status == .forbidden)
        }
    }

    @Test("A trainee joins by form, answers in the module page and sees the grade, attempts left and mistakes named")
    func traineeFlow() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "review-x", open: true)
            try await client.setExercise(token, session: session.id, "quiz-m1", open: true)

            let phone = Browser(client)
            let joinPage = try await phone.get("/join/\(session.code.lowercased())")
            #expect(joinPage.text.contains("value=\"\(session.code)\""))
            let joined = try await phone.post("/join", [("join_code", session.code), ("name", "王小明")])
            #expect(joined.status == .seeOther)
            // Right after joining, the course page shows the re-entry code large, once.
            #expect(joined.headers[.location] == "/t?joined=1")
            let first = try await phone.get("/t?joined=1")
            #expect(first.text.contains("data-test=\"reentry-once\""))
            let home = try await phone.get("/t")
            #expect(!home.text.contains("data-test=\"reentry-once\""))
            #expect(home.text.contains("data-test=\"reentry-code-always\""))
            #expect(home.text.contains("王小明"))
            #expect(home.text.contains("data-test=\"open-exercise-review-x\""))

            let module = try await phone.get("/t/modules/01-intro")
            #expect(module.status == .ok)
            #expect(module.text.contains(">开始</h2>"))  // the course's HTML as rendered
            #expect(module.text.contains("data-test=\"form-quiz-m1\""))
            // This trainee's variant figures: its own case's revenue, as the case tables print it.
            let revenue = try Fixture.review(variant: 1).result.revenue
            #expect(module.text.contains(Figures.format(revenue, .money)), "\(Figures.format(revenue, .money))")
            // The forms stand where the exercise blocks stand: after the intro, quiz before review.
            let intro = try #require(module.text.range(of: "开始"))
            let quiz = try #require(module.text.range(of: "form-quiz-m1"))
            let review = try #require(module.text.range(of: "form-review-x"))
            #expect(intro.lowerBound < quiz.lowerBound && quiz.lowerBound < review.lowerBound)

            let netMargin = try Fixture.review(variant: 1).result.netMargin
            let sent = try await phone.post("/t/exercises/review-x", [("a.roi", String(format: "%.2f%%", netMargin * 100))])
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/t/modules/01-intro#grade-review-x")
            let graded = try await phone.get("/t/modules/01-intro")
            #expect(graded.text.contains("data-test=\"score-review-x\">0</span> / 2"))
            #expect(!graded.text.contains("roi_on_revenue"))  // the slip by its words, not its id
            #expect(graded.text.contains("常见错误"))
            #expect(graded.text.contains("净利率"))
            #expect(!graded.text.contains("class=\"expected\""))  // not revealed

            let quizSent = try await phone.post("/t/exercises/quiz-m1", [("a.q1", "a"), ("a.q2", "a"), ("a.q2", "b")])
            #expect(quizSent.status == .seeOther)
            let quizGraded = try await phone.get("/t/modules/01-intro")
            #expect(quizGraded.text.contains("data-test=\"score-quiz-m1\">2</span> / 2"))
            #expect(quizGraded.text.contains("剩余次数: 1") || quizGraded.text.contains("剩余次数：1") || quizGraded.text.contains(">1<") || quizGraded.text.contains("1</p>"))

            let unreadable = try await phone.post("/t/exercises/review-x", [("a.roi", "很多")])
            #expect(unreadable.status == .seeOther)
            let withError = try await phone.get("/t/modules/01-intro")
            // Refused: said at the top in Chinese, the problem beside its field, the typed answer kept.
            #expect(withError.text.contains("这次没有提交成功，也不算一次提交：请修改标出的 1 处，你填的答案都还在。"))
            let restore = try #require(withError.text.range(of: "data-restore=\"review-x\">"))
            let restored = withError.text[restore.upperBound...].prefix(400)
            #expect(restored.contains("\"a.roi\":[\"很多\"]"), "\(restored)")
            #expect(restored.contains("\"errors\":{\"a.roi\":\"“很多”不是一个数字\"}"), "\(restored)")  // the grader's words
            // The score of the last graded attempt stands at the top, and a second attempt starts from its answers.
            let again = try await phone.get("/t/modules/01-intro")
            #expect(again.text.contains("data-test=\"grade-top-review-x\""))
            #expect(again.text.contains("\"a.roi\":[\"2.88%\"]"))
            // A blank form is not handed in and costs no attempt.
            let blank = try await phone.post("/t/exercises/quiz-m1", [])
            #expect(blank.headers[.location] == "/t/modules/01-intro#fix-quiz-m1")
            let afterBlank = try await phone.get("/t/modules/01-intro")
            #expect(afterBlank.text.contains("你还没有填写任何答案：没有提交，也不算一次提交。"))

            let mine = try await phone.get("/t/submissions")
            #expect(mine.text.contains("恒达 ROI"))
            #expect(mine.text.contains("认识JBP 小测"))
        }
    }

    @Test("Hostile names are escaped on every page that shows them, and in the trainee's text answer")
    func escaping() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token, title: "<img src=x onerror=alert(1)>班")
            try await client.setExercise(token, session: session.id, "text-letter", open: true)
            let hostile = "<script>alert('x')</script>\"'&"
            let trainee = try await client.join(session.code, name: hostile)
            _ = try await client.submit(trainee.token, "text-letter", answers: ["text": "**粗体** <script>steal()</script>"])

            let trainer = Browser(client)
            trainer.cookies["jbp_trainer"] = token
            let pages = [
                "/trainer", "/trainer/sessions/\(session.id)", "/trainer/sessions/\(session.id)/roster",
                "/trainer/sessions/\(session.id)/trainees/\(trainee.id)", "/trainer/sessions/\(session.id)/exercises/text-letter",
            ]
            for page in pages {
                let answer = try await trainer.get(page)
                #expect(answer.status == .ok, "\(page)")
                #expect(!answer.text.contains("<script>"), "\(page) shows a script tag")
                #expect(!answer.text.contains("<img src=x"), "\(page) shows an img tag")
            }
            let roster = try await trainer.get("/trainer/sessions/\(session.id)/roster")
            #expect(roster.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#39;&amp;"))
            let work = try await trainer.get("/trainer/sessions/\(session.id)/trainees/\(trainee.id)")
            // The trainee's Markdown is rendered in cmark's safe mode: the raw HTML is dropped, the rest kept.
            #expect(!work.text.contains("<script>steal()"))
            #expect(work.text.contains("<strong>粗体</strong>"))

            let phone = Browser(client)
            phone.cookies["jbp_trainee"] = trainee.token
            for page in ["/t", "/t/modules/02-letter", "/t/submissions", "/"] {
                let answer = try await phone.get(page)
                #expect(answer.status == .ok, "\(page)")
                #expect(!answer.text.contains("<script>"), "\(page) shows a script tag")
            }
        }
    }

    @Test("The dashboard and its live part show the class's figures; the roster and regrade work from the pages")
    func dashboard() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "review-x", open: true)
            let a = try await client.join(session.code, name: "甲")
            let b = try await client.join(session.code, name: "乙")
            _ = try await client.submit(a.token, "review-x", answers: ["roi": .number(Fixture.roi(variant: 1))])
            _ = try await client.submit(b.token, "review-x", answers: ["roi": 0.0288])

            let trainer = Browser(client)
            trainer.cookies["jbp_trainer"] = token
            let page = try await trainer.get("/trainer/sessions/\(session.id)/exercises/review-x")
            #expect(page.text.contains("data-live=\"/trainer/sessions/\(session.id)/exercises/review-x/live\""))
            let live = try await trainer.get("/trainer/sessions/\(session.id)/exercises/review-x/live")
            #expect(live.text.contains("data-test=\"submissions\">2<"))
            #expect(live.text.contains("data-test=\"mean\">1 / 2<"))
            #expect(live.text.contains("data-test=\"rate-roi\">50%<"))
            #expect(live.text.contains("<li>把净利率当成 ROI × 1</li>"))  // the slip by its short name, on the projector
            #expect(!live.text.contains("<html"))

            let roster = try await trainer.get("/trainer/sessions/\(session.id)/roster")
            #expect(roster.text.contains("2/2"))
            #expect(roster.text.contains("0/2"))

            _ = try await trainer.get("/trainer/sessions/\(session.id)/exercises/review-x")
            let regrade = try await trainer.post("/trainer/sessions/\(session.id)/exercises/review-x/regrade", [])
            #expect(regrade.status == .seeOther)
            let after = try await trainer.get(try #require(regrade.headers[.location]))
            #expect(after.text.contains("2 份已重新评分, 0 个分数有变化"))

            let closed = try await trainer.post("/trainer/sessions/\(session.id)/exercises/review-x", [("open", "0"), ("back", "dashboard")])
            #expect(closed.status == .seeOther)
            let states = try await client.call(.get, "/api/sessions/\(session.id)", as: .bearer(token))
            #expect(states.json["exercises"]?.array?.first { $0["id"] == "review-x" }?["open"] == false)
        }
    }

    @Test("The English switch is remembered")
    func language() async throws {
        try await withApp { client, _ in
            let browser = Browser(client)
            let chinese = try await browser.get("/")
            #expect(chinese.text.contains("加入课堂"))
            #expect(chinese.text.contains("lang=\"zh-CN\""))
            let english = try await browser.get("/?lang=en")
            #expect(english.text.contains("Join a class"))
            let remembered = try await browser.get("/trainer/login")
            #expect(remembered.text.contains("Trainer sign-in"))
        }
    }

    @Test("Static files are served by jbp itself")
    func staticFiles() async throws {
        try await withApp { client, _ in
            let css = try await client.call(.get, "/static/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let js = try await client.call(.get, "/static/app.js")
            #expect(js.text.contains("data-live"))
            let page = try await client.call(.get, "/")
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))  // no asset from the internet
        }
    }
}

/// The pages' word tables: every word a page asks for exists in both languages.
@Suite("Word tables")
struct WordTableTests {
    @Test("Chinese and English have the same keys, and no word is empty")
    func sameKeys() {
        let zh = Language.zh.strings, en = Language.en.strings
        #expect(Set(zh.keys).subtracting(en.keys).sorted() == [])
        #expect(Set(en.keys).subtracting(zh.keys).sorted() == [])
        #expect(zh.filter { $0.value.isEmpty }.keys.sorted() == [])
        #expect(en.filter { $0.value.isEmpty }.keys.sorted() == [])
    }
}
