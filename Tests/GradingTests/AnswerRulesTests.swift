import Testing
import JBPModel
@testable import Grading

/// exercises.md's three answer rules: `decimals`, `unit: points`, units after numbers.
@Suite("Answers as the prompt asks for them")
struct AnswerRulesTests {
    /// Questions on hengda (model.md §8) whose prompts name a unit, a precision or 百分点.
    static let yaml = """
        id: review-rules
        title: 答案规则
        kind: review
        case: ../cases/hengda-2025.yaml
        questions:
          - {id: cost_per_case, prompt: 每箱物流成本是多少元？保留2位小数, answer: areas.logistics.cost_per_case, decimals: 2}
          - {id: roi, prompt: ROI 是多少？保留2位小数的百分数, answer: result.roi, decimals: 2}
          - {id: coverage_gain, prompt: 关闭覆盖 GAP 后 ROI 会提升多少个百分点？保留2位小数, answer: areas.coverage.roi_delta, unit: points, decimals: 2}
          - {id: inventory_days, prompt: 库存天数是多少天？保留1位小数, answer: areas.inventory.inventory_days, decimals: 1}
          - {id: coverage_amount, prompt: 覆盖机会的增量销售额是多少万元？保留1位小数, answer: areas.coverage.amount, decimals: 1}
          - {id: net_profit, prompt: 净利润是多少元？, answer: result.net_profit}
          - {id: gap, prompt: 传统渠道还差多少家网点？, answer: areas.coverage.channels.traditional.gap_outlets}
        """

    static func grade(_ answers: [(String, JSONValue)]) throws -> Grade {
        let exercise = try Fixtures.memory("review-rules", ["exercise.yaml": yaml])
        return Grader.grade(exercise, submission: .answers("review-rules", answers))
    }

    @Test("Right, as people write it", arguments: [
        ("cost_per_case", JSONValue.string("0.45元")),
        ("roi", .string("9.19%")), ("roi", .number(0.0919)), ("roi", .string("９.１９％")),
        // 4.486 % points → 4.49 at two decimals; 4.48 is within ±0.1 point (0.001) too.
        ("coverage_gain", .string("4.49")), ("coverage_gain", .number(4.49)), ("coverage_gain", .string("4.49个百分点")),
        ("coverage_gain", .string("4.49pp")), ("coverage_gain", .string("4.49%")), ("coverage_gain", .string("4.4 个百分点")),
        ("inventory_days", .string("60.1天")), ("inventory_days", .string("60.1 天")),
        ("coverage_amount", .string("190.2万元")), ("coverage_amount", .string("1,902,000元")), ("coverage_amount", .string("190.2万")),
        ("net_profit", .string("29.4万元")), ("net_profit", .string("294,000 元")),
        ("gap", .string("290家")),
    ] as [(String, JSONValue)])
    func right(id: String, answer: JSONValue) throws {
        let grade = try Self.grade([(id, answer)])
        #expect(grade.gradable, "\(grade.formatErrors)")
        #expect(grade.item(id)?.correct == true, "\(answer): \(grade.item(id)?.feedback ?? "")")
    }

    @Test("Rounded as asked is right on every variant: 0.4275 at two decimals is 0.43")
    func roundedAsAsked() throws {
        var c = try Case.read(try Fixtures.text("cases/hengda-2025.yaml"), file: "hengda.yaml")
        // 0.4275 元 a case: 0.43 is 0.6 % off, beyond money's ±0.5 %, but it is 0.4275 rounded half up.
        c.pnl.expenses = c.pnl.expenses.map { e in var e = e; if e.name == "logistics" { e.amount = 0.4275 * c.logistics.cases }; return e }
        let exercise = try Fixtures.memory("review-rules", ["exercise.yaml": Self.yaml.replacingOccurrences(of: "../cases/hengda-2025.yaml", with: "own.yaml"),
                                                             "own.yaml": c.yaml])
        let grade = Grader.grade(exercise, submission: .answers("review-rules", [("cost_per_case", .string("0.43"))]))
        #expect(grade.item("cost_per_case")?.correct == true, "\(grade.item("cost_per_case")?.feedback ?? "")")
        let wrong = Grader.grade(exercise, submission: .answers("review-rules", [("cost_per_case", .string("0.44"))]))
        #expect(wrong.item("cost_per_case")?.correct == false)
    }

    @Test("A fraction where percentage points are asked gets the message the other way round")
    func fractionForPoints() throws {
        let item = try #require(try Self.grade([("coverage_gain", .string("0.0449"))]).item("coverage_gain"))
        #expect(!item.correct)
        #expect(item.feedback.contains("本题问的是百分点"))
        // And where a rate is asked, percent points without % get the usual message.
        let roi = try #require(try Self.grade([("roi", .string("9.19"))]).item("roi"))
        #expect(!roi.correct && roi.feedback.contains("百分点数"))
    }

    @Test("A unit the prompt does not name is a format error naming both", arguments: [
        ("inventory_days", "60元", "inventory_days：“60元”：本题的单位是天，不是元"),
        ("cost_per_case", "0.45天", "cost_per_case：“0.45天”：本题的单位是元，不是天"),
        ("roi", "9.19个百分点", "roi：“9.19个百分点”：本题问的不是百分点，请按题目要求的单位填写"),
        ("roi", "9家", "roi：“9家”：本题的答案不带单位家"),
    ])
    func otherUnit(id: String, answer: String, error: String) throws {
        let grade = try Self.grade([(id, .string(answer))])
        #expect(!grade.gradable)
        #expect(grade.formatErrors == [error])
    }

    @Test("The revealed answer is written as the question asks", arguments: [
        ("cost_per_case", "0.45 元"), ("roi", "9.19%"), ("coverage_gain", "4.49 个百分点"), ("inventory_days", "60.1 天"),
        ("coverage_amount", "190.2万元"), ("net_profit", "294,000 元"), ("gap", "290 家"),
    ])
    func revealed(id: String, shown: String) throws {
        let item = try #require(try Self.grade([(id, .number(-1))]).item(id))
        #expect(item.feedback.contains("正确答案是 \(shown)"), "\(item.feedback)")
    }

    @Test("decimals and unit are read strictly", arguments: [
        ("decimals: 2.5", "decimals: 2.5 is not a whole number of decimals from 0 to 6"),
        ("decimals: 9", "decimals: 9 is not a whole number of decimals from 0 to 6"),
        ("unit: percent", "unit: the only unit a question states is points"),
    ])
    func strict(line: String, message: String) {
        let yaml = "id: review-bad\ntitle: t\nkind: review\ncase: ../cases/hengda-2025.yaml\nquestions:\n  - id: roi\n    prompt: ROI？\n    answer: result.roi\n    \(line)\n"
        #expect(throws: (any Error).self) { try Fixtures.memory("review-bad", ["exercise.yaml": yaml]) }
        do {
            _ = try Fixtures.memory("review-bad", ["exercise.yaml": yaml])
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
