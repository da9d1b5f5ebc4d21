import Testing
import JBPModel
@testable import Grading

@Suite("Reading submissions: JSON or YAML, answers, plans, bare plans")
struct SubmissionTests {
    @Test("JSON and YAML read alike", arguments: [
        #"{"exercise": "review-hengda", "variant": 2, "answers": {"roi": "9.19%", "dso": 40}}"#,
        "exercise: review-hengda\nvariant: 2\nanswers:\n  roi: 9.19%\n  dso: 40\n",
        "{exercise: review-hengda, variant: 2, answers: {roi: 9.19%, dso: 40}}",
    ])
    func answers(text: String) {
        let submission = Submission.read(text)
        #expect(submission.problems.isEmpty)
        #expect(submission.exercise == "review-hengda" && submission.variant == 2)
        #expect(submission.answers?.map(\.key) == ["roi", "dso"])
        #expect(submission.answers?.first?.value == .string("9.19%"))
        #expect(submission.answers?.last?.value == .number(40))
    }

    @Test("A plan under plan:, and a bare plan, read alike")
    func plans() throws {
        let wrapped = Submission.read(#"{"exercise": "plan-homework", "plan": {"case": "hengda-2025", "objective": "x"}}"#)
        let bare = Submission.read("case: hengda-2025\nobjective: x\n")
        #expect(wrapped.planJSON == bare.planJSON && wrapped.plan == bare.plan)
        #expect(bare.exercise == nil && bare.answers == nil && bare.problems.isEmpty)
        let sample = try Fixtures.sample("plan-homework", "example-plan.yaml")
        #expect(sample.expectScore == 70)
        #expect(sample.planJSON?["expect_score"] == nil)
    }

    @Test("Unreadable texts become problems, never a crash", arguments: [
        ("{\"answers\": {\"roi\": }", "第1行：不是有效的 JSON：a JSON value was expected"),
        ("answers:\n  roi: [1,\n", "无法读取：line 3, column 1: invalid YAML: did not find expected node content (while parsing a flow node)"),
        ("", "the file is empty"),
        ("- 1\n- 2\n", "提交的内容应是一个键值表（exercise、answers 或 plan）"),
        (#"{"answers": [1, 2]}"#, "answers 应是“题号: 答案”的键值表"),
        (#"{"variant": -1, "answers": {}}"#, "variant 应是不小于 0 的整数"),
        (#"{"answer": {}}"#, "未知的键“answer”（可用：exercise、variant、answers、plan）"),
        (String(repeating: "[", count: 100_000), "不是有效的 JSON 或 YAML：嵌套层数太多"),
        ("a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), "不是有效的 JSON 或 YAML：嵌套层数太多"),
        (#"{"a": "\ud800"}"#, "第1行：不是有效的 JSON：a lone surrogate in a \\u escape"),
    ])
    func unreadable(text: String, problem: String) {
        let submission = Submission.read(text)
        #expect(submission.problems.count == 1)
        #expect(submission.problems.first?.zh.hasSuffix(problem) == true, "\(submission.problems)")
    }

    @Test("An unreadable submission grades as not gradable, with its problem")
    func unreadableGrade() throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"), submission: Submission.read("answers: [q1: A"),
                                 options: GradeOptions(language: .en))
        #expect(!grade.gradable && grade.formatErrors.count == 1)
        #expect(grade.formatErrors[0].hasPrefix("line "))
    }

    @Test("JSON text with escapes reads exactly")
    func escapes() throws {
        let read = JSONReader.read(#"{"t": "a\"b\\c\/d\n\u4e2d\ud83d\ude00", "n": -1.5e2, "z": 0, "l": [true, false, null]}"#)
        guard case .success(let value) = read else {
            Issue.record("\(read)")
            return
        }
        #expect(value["t"] == .string("a\"b\\c/d\n中😀"))
        #expect(value["n"] == .number(-150))
        #expect(value["z"] == .number(0))
        #expect(value["l"] == .array([.bool(true), .bool(false), .null]))
    }

    @Test("Malformed JSON is refused", arguments: ["{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\u{01}\"", "tru", "{} x", "{\"a\":1,}"])
    func malformed(text: String) {
        guard case .failure = JSONReader.read(text) else {
            Issue.record("\(text) was read")
            return
        }
    }
}
