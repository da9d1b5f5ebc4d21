import Testing
import JBPModel
@testable import Grading

@Suite("Review exercises: figures, rankings, misconceptions, format errors")
struct ReviewGradingTests {
    static func grade(_ answers: [(String, JSONValue)], exercise id: String = "review-hengda",
                      options: GradeOptions = GradeOptions()) throws -> Grade {
        Grader.grade(try Fixtures.exercise(id), submission: .answers(id, answers), options: options)
    }

    @Test("The review's own figures score full marks")
    func perfect() throws {
        for id in ["review-hengda", "review-lanting"] {
            let exercise = try Fixtures.exercise(id)
            let grade = Grader.grade(exercise, submission: .answers(id, try perfectAnswers(exercise, variant: 0)))
            #expect(grade.gradable)
            #expect(grade.score == exercise.maxScore)
            #expect(grade.items.allSatisfy { $0.correct && $0.misconception == nil })
        }
    }

    @Test("Every number format is read", arguments: [
        ("roi", JSONValue.number(0.0919)), ("roi", .string("9.19%")), ("roi", .string("９.１９％")), ("roi", .string(" 0.092 ")),
        ("net_profit", .string("294,000")), ("net_profit", .string("29.4万")), ("net_profit", .string("０.００２９４亿")),
        ("coverage_amount", .string("1,902,000")), ("coverage_amount", .string("190.2万")), ("coverage_amount", .number(1_900_000)),
        ("inventory_days", .string("60")), ("inventory_days", .number(60.5)), ("traditional_gap", .string("２９０")),
        ("total_gap", .number(308)), ("inventory_turnover", .string("6.1")),
    ] as [(String, JSONValue)])
    func formats(question: String, value: JSONValue) throws {
        let grade = try Self.grade([(question, value)])
        #expect(grade.gradable, "\(grade.formatErrors)")
        #expect(grade.item(question)?.correct == true, "\(grade.item(question)?.feedback ?? "")")
    }

    @Test("Default tolerances by unit: rates ±0.001, money ±0.5 %, days ±0.5, counts exact, ratios ±1 %", arguments: [
        ("roi", 0.0919325 + 0.00099, true), ("roi", 0.0919325 + 0.0011, false),
        ("net_profit", 294_000 * 1.0049, true), ("net_profit", 294_000 * 1.0051, false),
        ("inventory_days", 60.051837 + 0.49, true), ("inventory_days", 60.051837 - 0.51, false),
        ("total_gap", 308, true), ("total_gap", 307, false), ("total_gap", 309, false),
        ("inventory_turnover", 6.078082 * 1.0099, true), ("inventory_turnover", 6.078082 * 0.9899, false),
    ] as [(String, Double, Bool)])
    func tolerances(question: String, value: Double, right: Bool) throws {
        #expect(try Self.grade([(question, .number(value))]).item(question)?.correct == right)
    }

    @Test("A question's own tolerance overrides the unit's")
    func ownTolerance() throws {
        // review-lanting's roi has tolerance rel 0.01: 1 % of the ROI, wider than ±0.001 here.
        let exercise = try Fixtures.exercise("review-lanting")
        let roi = try #require(exercise.baseKey.review?.result.roi)
        let inside = Grader.grade(exercise, submission: .answers("review-lanting", [("roi", .number(roi * 1.009))]))
        let outside = Grader.grade(exercise, submission: .answers("review-lanting", [("roi", .number(roi * 1.011))]))
        #expect(inside.item("roi")?.correct == true)
        #expect(outside.item("roi")?.correct == false)
    }

    @Test("An answer in percent points gets no credit and says so", arguments: ["9.19", "9.2"])
    func percentPoints(text: String) throws {
        let grade = try Self.grade([("roi", .string(text)), ("achievement", .number(85))])
        for id in ["roi", "achievement"] {
            let item = try #require(grade.item(id))
            #expect(item.awarded == 0)
            #expect(item.feedback.contains("百分点"))
        }
    }

    /// One misconception: the question, the slip's value computed from the same case, and its id.
    struct Slip: Sendable, CustomTestStringConvertible {
        let exercise: String
        let question: String
        let id: String
        let value: @Sendable (Review) -> Double
        var testDescription: String { "\(id) on \(exercise).\(question)" }
    }

    static let slips: [Slip] = [
        Slip(exercise: "review-hengda", question: "roi", id: "roi_on_gross_profit") { $0.result.grossProfit / $0.result.investment },
        Slip(exercise: "review-hengda", question: "roi", id: "roi_on_revenue") { $0.result.netProfit / $0.result.revenue },
        Slip(exercise: "review-hengda", question: "roi", id: "roi_on_working_capital") {
            $0.result.netProfit / ($0.case.balance.inventory + $0.case.balance.receivables)
        },
        Slip(exercise: "review-hengda", question: "roi", id: "roi_without_rebates") {
            ($0.result.grossProfit - $0.result.operatingExpenses) / $0.result.investment
        },
        Slip(exercise: "review-hengda", question: "inventory_days", id: "inventory_days_on_revenue") {
            $0.case.balance.inventory / ($0.result.revenue / Double($0.case.days))
        },
        Slip(exercise: "review-hengda", question: "dso", id: "dso_on_cogs") {
            $0.case.balance.receivables / ($0.case.pnl.cogs / Double($0.case.days))
        },
        Slip(exercise: "review-lanting", question: "modern_gap", id: "coverage_gap_rounded_down") { review in
            let c = review.case.coverage[0]
            return (c.targetRate * c.universe).rounded(.down) - c.covered
        },
        Slip(exercise: "review-lanting", question: "traditional_gap", id: "coverage_gap_rounded_down") { review in
            let c = review.case.coverage[1]
            return (c.targetRate * c.universe).rounded(.down) - c.covered
        },
        Slip(exercise: "review-lanting", question: "total_gap", id: "coverage_gap_rounded_down") { review in
            review.case.coverage.reduce(0) { $0 + ($1.targetRate * $1.universe).rounded(.down) - $1.covered }
        },
        Slip(exercise: "review-hengda", question: "traditional_gap", id: "coverage_gap_to_universe") { review in
            review.case.coverage[1].universe - review.case.coverage[1].covered
        },
        Slip(exercise: "review-hengda", question: "achievement", id: "achievement_as_gap_share") {
            $0.result.salesGap / $0.result.salesTarget
        },
        Slip(exercise: "review-hengda", question: "growth", id: "growth_without_minus_one") {
            $0.result.revenue / ($0.case.sales.lastYear ?? 1)
        },
        Slip(exercise: "review-hengda", question: "gross_margin", id: "gross_margin_on_cogs") {
            $0.result.grossProfit / $0.case.pnl.cogs
        },
        Slip(exercise: "review-hengda", question: "net_profit", id: "net_profit_without_rebates") {
            $0.result.grossProfit - $0.result.operatingExpenses
        },
        Slip(exercise: "review-hengda", question: "inventory_turnover", id: "inventory_turnover_on_revenue") {
            $0.result.revenue / $0.case.balance.inventory
        },
    ]

    @Test("Each misconception is recognised, in the case as written and in a variant", arguments: slips, [0, 7])
    func misconception(slip: Slip, variant: Int) throws {
        let exercise = try Fixtures.exercise(slip.exercise)
        let key = try exercise.answerKey(variant: variant)
        let review = try #require(key.review)
        let wrong = slip.value(review)
        for (value, language) in [(JSONValue.number(wrong), Language.zh), (.string(Figures.format(wrong, .ratio)), .en)] {
            let grade = Grader.grade(exercise, key: key, submission: .answers(slip.exercise, [(slip.question, value)]),
                                     options: GradeOptions(language: language))
            let item = try #require(grade.item(slip.question))
            #expect(!item.correct)
            #expect(item.misconception == slip.id)
            let message = try #require(Misconception.catalogue.first { $0.id == slip.id }?.message.text(language))
            #expect(item.feedback.hasPrefix(message))
        }
    }

    @Test("The catalogue holds the six misconceptions of exercises.md")
    func catalogue() {
        let ids = Set(Misconception.catalogue.map(\.id))
        for id in ["roi_on_gross_profit", "roi_on_revenue", "roi_on_working_capital", "inventory_days_on_revenue",
                   "dso_on_cogs", "coverage_gap_rounded_down"] {
            #expect(ids.contains(id))
        }
        #expect(ids.count == Misconception.catalogue.count)
    }

    @Test("A slip that gives the right figure on this case is no slip (hengda's target outlets are whole)")
    func slipEqualToRight() throws {
        let grade = try Self.grade([("total_gap", .number(308))])
        #expect(grade.item("total_gap")?.correct == true)
        #expect(grade.item("total_gap")?.misconception == nil)
    }

    @Test("A wrong figure that matches no slip says which way it is off")
    func plainWrong() throws {
        let grade = try Self.grade([("roi", .number(0.12))])
        let item = try #require(grade.item("roi"))
        #expect(item.misconception == nil)
        #expect(item.feedback == "不正确：偏高。正确答案是 0.0919 (9.19%)（允许误差 ±0.001）。")
        #expect(item.expected == .number(294_000.0 / 3_198_000))
        #expect(item.given == .number(0.12))
    }

    /// Ranking: the answer, and the points it earns of 3 (six areas) or 2 (top three).
    @Test("Ranking partial credit: half by areas named, half by areas in place", arguments: [
        ("opportunities", JSONValue.string("coverage, inventory, terminal, logistics, finance, team"), 3.0),
        ("opportunities", .string("inventory, coverage, terminal, logistics, finance, team"), 1.5 + 1.5 * 4 / 6),
        ("opportunities", .string("team, finance, logistics, terminal, inventory, coverage"), 1.5),
        ("opportunities", .string("覆盖、库存、终端"), 1.5 * 3 / 6 + 1.5 * 3 / 6),
        // v1's ranking (team second, model.md §9): five named, coverage alone in place.
        ("opportunities", .string("coverage, team, inventory, terminal, logistics, finance"), 1.5 + 1.5 * 1 / 6),
        ("top", .array([.string("覆盖"), .string("库存"), .string("终端")]), 2),
        ("top", .array([.string("终端"), .string("覆盖"), .string("库存")]), 1),
        ("top", .string("coverage terminal"), 1 * 2 / 3 + 1 * 1 / 3),
        ("top", .string("coverage logistics finance"), 1.0 / 3 + 1.0 / 3),
        ("top", .string("logistics, finance, team, coverage, inventory, terminal"), 0),
        ("top", .string("覆盖 > 覆盖 > 覆盖"), 1.0 / 3 + 1.0 / 3),
    ] as [(String, JSONValue, Double)])
    func ranking(question: String, answer: JSONValue, points: Double) throws {
        let item = try #require(try Self.grade([(question, answer)]).item(question))
        #expect(abs(item.awarded - points) < 1e-4)
        #expect(item.correct == (abs(item.awarded - item.points) < 1e-9))
    }

    @Test("A text answer matches its Chinese name too", arguments: ["sales", "SALES", "增量销售额"])
    func textAnswer(answer: String) throws {
        #expect(try Self.grade([("coverage_kind", .string(answer))]).item("coverage_kind")?.correct == true)
    }

    @Test("Unanswered questions score 0 and the submission stays gradable")
    func unanswered() throws {
        let grade = try Self.grade([("roi", .number(0.0919)), ("net_profit", .null), ("investment", .string("  "))])
        #expect(grade.gradable)
        #expect(grade.score == 2)
        #expect(grade.item("net_profit")?.feedback == "未作答。")
        #expect(grade.item("net_profit")?.given == nil)
        #expect(grade.items.count == 16)
    }

    @Test("Unreadable answers: every problem is listed, nothing is graded", arguments: [
        ([("profit", JSONValue.number(1))], ["未知的题号“profit”"]),
        ([("roi", .string("abc"))], ["roi：“abc”不是一个数字"]),
        ([("roi", .string("NaN"))], ["roi：“NaN”不是一个数字"]),
        ([("roi", .string(String(repeating: "9", count: 400)))], ["roi：数字太长或太大，无法读取"]),
        ([("roi", .array([.number(1)]))], ["roi：应填一个数字，而不是list"]),
        ([("net_profit", .string("1,94,000"))], ["net_profit：“1,94,000”的千位分隔符位置不对"]),
        ([("top", .string("覆盖, 渠道"))], ["top：“渠道”不是六个领域之一（覆盖、终端、库存、物流、财务、团队）"]),
        ([("roi", .bool(true)), ("x", .null), ("dso", .string("4o"))],
         ["未知的题号“x”", "roi：应填一个数字，而不是true/false", "dso：“4o”不是一个数字"]),
    ] as [([(String, JSONValue)], [String])])
    func formatErrors(answers: [(String, JSONValue)], errors: [String]) throws {
        let grade = try Self.grade(answers)
        #expect(!grade.gradable)
        #expect(grade.formatErrors == errors)
        #expect(grade.score == 0 && grade.items.isEmpty)
        #expect(grade.maxScore == 20)
    }

    @Test("A 400-digit JSON number is a format error, not a crash")
    func hugeJSONNumber() throws {
        let text = #"{"exercise": "review-hengda", "answers": {"roi": 1"# + String(repeating: "0", count: 400) + "}}"
        let grade = Grader.grade(try Fixtures.exercise("review-hengda"), submission: Submission.read(text))
        #expect(grade.formatErrors == ["roi：数字太长或太大，无法读取"])
    }

    @Test("A submission for another exercise is not gradable")
    func otherExercise() throws {
        let grade = Grader.grade(try Fixtures.exercise("review-hengda"),
                                 submission: .answers("review-ruifeng", [("roi", .number(0.09))]),
                                 options: GradeOptions(language: .en))
        #expect(grade.formatErrors == ["the submission is for exercise review-ruifeng, not review-hengda"])
    }
}
