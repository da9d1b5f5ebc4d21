import Testing
import JBPModel
@testable import Grading

@Suite("Segmentation, quiz and text exercises")
struct OtherKindsTests {
    // MARK: Segmentation

    @Test("Segments in English or Chinese", arguments: ["key", "Key", "重点", "重点经销商", " 重点 "])
    func segmentNames(name: String) throws {
        let grade = Grader.grade(try Fixtures.exercise("segment-portfolio"),
                                 submission: .answers("segment-portfolio", [("hengda", .string(name))]))
        #expect(grade.item("hengda")?.correct == true)
        #expect(grade.item("hengda")?.awarded == 2)
    }

    @Test("A wrong segment says why, from the portfolio's own figures")
    func wrongSegment() throws {
        let grade = Grader.grade(try Fixtures.exercise("segment-portfolio"),
                                 submission: .answers("segment-portfolio", [("fuli", .string("key"))]))
        let item = try #require(grade.item("fuli"))
        #expect(!item.correct && item.expected == .string("general"))
        #expect(item.feedback == "应为一般经销商：销售额 2,600,000 < 规模门槛 6,600,000（规模低），发展空间 0.35 < 0.50（潜力低）。")
    }

    @Test("Headroom taken as the share already sold is recognised", arguments: [
        // hengda: headroom 1 − 10.2/26 = 0.61 (high potential); the share sold, 0.39, would make it advantaged.
        ("hengda", "advantaged"),
        // xinyuan: headroom 0.25 (low); the share sold, 0.75, would make it key.
        ("xinyuan", "key"),
    ])
    func headroomInverted(distributor: String, given: String) throws {
        let grade = Grader.grade(try Fixtures.exercise("segment-portfolio"),
                                 submission: .answers("segment-portfolio", [(distributor, .string(given))]))
        #expect(grade.item(distributor)?.misconception == "segment_headroom_inverted")
    }

    @Test("The mean taken for the median is recognised")
    func meanThreshold() throws {
        // qilin's 7,000,000 is the median of seven (high scale) but below their mean, 7,414,286.
        let portfolio = try Fixtures.text("cases/portfolio-east.yaml")
            + "  - {id: qilin, name: 麒麟商贸, sales: 7000000, market_potential: 9000000}\n"
        let exercise = try Fixtures.memory("segment-mean", [
            "exercise.yaml": "id: segment-mean\ntitle: t\nkind: segmentation\nportfolio: ../cases/seven.yaml\n",
            "../cases/seven.yaml": portfolio,
        ])
        let grade = Grader.grade(exercise, submission: .answers("segment-mean", [("qilin", .string("一般"))]))
        #expect(grade.item("qilin")?.expected == .string("advantaged"))
        #expect(grade.item("qilin")?.misconception == "segment_mean_threshold")
    }

    @Test("Segmentation format errors", arguments: [
        ([("nobody", JSONValue.string("key"))], ["未知的经销商“nobody”"]),
        ([("hengda", .string("VIP"))], ["hengda：“VIP”不是分类之一（重点、潜力、优势、一般，或 key、potential、advantaged、general）"]),
        ([("hengda", .number(1))], ["hengda：应填一个分类名称"]),
    ] as [([(String, JSONValue)], [String])])
    func segmentationErrors(answers: [(String, JSONValue)], errors: [String]) throws {
        let grade = Grader.grade(try Fixtures.exercise("segment-portfolio"), submission: .answers("segment-portfolio", answers))
        #expect(grade.formatErrors == errors)
    }

    // MARK: Quiz

    @Test("Quiz answers: one key, several keys exactly, in any written form", arguments: [
        ("q1", JSONValue.string("B"), true), ("q1", .string("b"), true), ("q1", .string("A"), false),
        ("q2", .array([.string("A"), .string("C")]), true), ("q2", .string("C,A"), true), ("q2", .string("AC"), true),
        ("q2", .string("A、C"), true), ("q2", .string("A"), false), ("q2", .string("A, B, C"), false),
        ("q1", .array([.string("B"), .string("C")]), false),
    ] as [(String, JSONValue, Bool)])
    func quiz(question: String, answer: JSONValue, right: Bool) throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"), submission: .answers("quiz-basics", [(question, answer)]))
        #expect(grade.gradable)
        #expect(grade.item(question)?.correct == right)
    }

    @Test("A quiz explanation follows the verdict; the expected key is given outside trainee mode")
    func quizFeedback() throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"), submission: .answers("quiz-basics", [("q1", .string("A"))]))
        #expect(grade.item("q1")?.feedback == "不正确，正确答案是 B。 ROI = 净利润 ÷ 投资额（占用资金）。")
        #expect(grade.item("q1")?.expected == .string("B"))
        #expect(grade.item("q2")?.expected == .array([.string("A"), .string("C")]))
    }

    @Test("Quiz format errors", arguments: [
        ([("q1", JSONValue.string("E"))], ["q1：“E”不是本题的选项（A、B、C）"]),
        ([("q9", .string("A"))], ["未知的题号“q9”"]),
        ([("q2", .number(1))], ["q2：应填选项字母"]),
    ] as [([(String, JSONValue)], [String])])
    func quizErrors(answers: [(String, JSONValue)], errors: [String]) throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"), submission: .answers("quiz-basics", answers))
        #expect(grade.formatErrors == errors)
    }

    // MARK: Text

    @Test("Text: the automatic checks with their points; the rubric waits for the trainer")
    func text() throws {
        let exercise = try Fixtures.exercise("text-vito")
        #expect(exercise.maxScore == 1 + 1 + 2 + 2 + 3 + 2)
        let short = Grader.grade(exercise, submission: .answers("text-vito", [("text", .string("王总您好，想约您聊聊投资回报。"))]))
        #expect(short.needsManual)
        #expect(short.items.map(\.id) == ["max_chars", "min_chars", "contains_number", "mentions_any"])
        #expect(short.items.map(\.correct) == [true, false, false, true])
        #expect(short.score == 3)
        #expect(short.item("min_chars")?.feedback == "共 15 字，少于 40 字。")
        #expect(short.item("mentions_any")?.given == .array([.string("投资回报")]))
        let long = String(repeating: "提升ROI 20%。", count: 40)
        let grade = Grader.grade(exercise, submission: .answers("text-vito", [("text", .string(long))]))
        #expect(grade.items.map(\.correct) == [false, true, true, true])
    }

    @Test("An empty text earns nothing, not even the max_chars check")
    func emptyText() throws {
        let grade = Grader.grade(try Fixtures.exercise("text-vito"), submission: .answers("text-vito", [("text", .string("  "))]))
        #expect(grade.gradable && grade.score == 0 && grade.needsManual)
    }

    @Test("Text format errors")
    func textErrors() throws {
        let grade = Grader.grade(try Fixtures.exercise("text-vito"),
                                 submission: .answers("text-vito", [("letter", .string("x")), ("text", .number(3))]))
        #expect(grade.formatErrors == ["未知的键“letter”：文字练习只有 text", "text 应是一段文字"])
    }
}
