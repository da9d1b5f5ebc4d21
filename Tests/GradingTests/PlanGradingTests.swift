import Testing
import JBPModel
@testable import Grading

@Suite("Plan grading: the thirteen checks of model.md §6 (v2)")
struct PlanGradingTests {
    static func examplePlan() throws -> Submission {
        try Fixtures.sample("plan-homework", "example-plan.yaml")
    }

    /// The example plan with one change to its tree.
    static func editedPlan(_ edit: (inout [(key: String, value: JSONValue)]) -> Void) throws -> Submission {
        var submission = try examplePlan()
        guard case .object(var members)? = submission.planJSON else { throw PlanError() }
        edit(&members)
        submission.planJSON = .object(members)
        return submission
    }

    struct PlanError: Error {}

    /// The checks the worked example fails (model.md §8): every row below fails these too,
    /// unless it says otherwise.
    static let exampleFails = ["feasible", "outcomes_backed", "roi_target"]

    @Test("The worked example of model.md §8 grades 70: only feasible, outcomes_backed and roi_target fail")
    func workedExample() throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: try Self.examplePlan())
        #expect(grade.gradable)
        #expect(grade.score == 70)
        #expect(grade.maxScore == 100)
        #expect(grade.items.map(\.id) == PlanCheck.allCases.map(\.rawValue))
        #expect(grade.items.map(\.points) == [5, 5, 10, 15, 20, 5, 10, 5, 5, 5, 5, 5, 5])
        #expect(grade.items.filter { !$0.correct }.map(\.id) == Self.exampleFails)
        #expect(grade.item("feasible")?.feedback.contains("G4：6月30日前把库存天数从60.1天降到40天不可信，最多可到48.1天") == true)
        #expect(grade.item("outcomes_backed")?.feedback.contains("G5") == true)
        #expect(grade.item("outcomes_backed")?.feedback.contains("11,370,000") == true)
        #expect(grade.item("roi_target")?.feedback == "推算 ROI 10.08% 低于厂家目标 20%。")
        // The trainee's own projected_roi (0.1547) is no longer graded.
        #expect(grade.items.allSatisfy { $0.given != .number(0.1547) })
    }

    @Test("The same in English")
    func workedExampleInEnglish() throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: try Self.examplePlan(),
                                 options: GradeOptions(language: .en))
        #expect(grade.item("feasible")?.feedback.hasSuffix(
            "G4: to lower inventory_days from 60.05 to 40 by 2026-06-30 is not credible; at most 48.04.") == true)
        #expect(grade.item("roi_target")?.feedback == "The projected ROI 10.08% is below the target of 20%.")
        #expect(grade.item("budget")?.feedback == "The budgets add up to 280,000, within the cap of 300,000, as total_budget says.")
    }

    @Test("An exercise's weights override the points of its checks")
    func weights() throws {
        let yaml = """
            id: plan-weighted
            title: 加权
            kind: plan
            case: ../cases/hengda-2025.yaml
            budget_cap: 300000
            weights: {feasible: 30, roi_target: 0, structure: 5}
            """
        let exercise = try Fixtures.memory("plan-weighted", ["exercise.yaml": yaml])
        #expect(exercise.maxScore == 100 - 20 + 30 - 5 + 0)
        let grade = Grader.grade(exercise, submission: try Self.examplePlan())
        #expect(grade.item("feasible")?.points == 30)
        #expect(grade.item("structure")?.awarded == 5)
        #expect(grade.score == exercise.maxScore - 30 - 5)
    }

    @Test("A plan rubric adds the trainer's points and leaves the grade needing the trainer")
    func rubric() throws {
        let yaml = """
            id: plan-rubric
            title: 带评分标准
            kind: plan
            case: ../cases/hengda-2025.yaml
            budget_cap: 300000
            rubric:
              - {id: swot, points: 5, text: SWOT 写的是这家经销商的具体情况}
              - {id: signable, points: 5, text: 经销商老板会签字的承诺}
            """
        let exercise = try Fixtures.memory("plan-rubric", ["exercise.yaml": yaml])
        #expect(exercise.maxScore == 110)
        #expect(exercise.rubric.map(\.id) == ["swot", "signable"])
        let grade = Grader.grade(exercise, submission: try Self.examplePlan())
        #expect(grade.needsManual)
        #expect(grade.score == 70)
        let clash = """
            id: plan-clash
            title: 重名
            kind: plan
            case: ../cases/hengda-2025.yaml
            rubric:
              - {id: feasible, points: 5, text: 与检查同名}
            """
        #expect(throws: ExerciseProblem.self) { try Fixtures.memory("plan-clash", ["exercise.yaml": clash]) }
    }

    /// One row: what is changed in the example plan, and the checks that then fail.
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let failing: [String]
        let edit: @Sendable (inout [(key: String, value: JSONValue)]) -> Void
        var testDescription: String { name }
    }

    static func set(_ key: String, _ value: JSONValue) -> @Sendable (inout [(key: String, value: JSONValue)]) -> Void {
        { members in
            if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
        }
    }

    static func editList(_ key: String, _ index: Int, _ field: String, _ value: JSONValue?)
        -> @Sendable (inout [(key: String, value: JSONValue)]) -> Void {
        { members in
            guard let i = members.firstIndex(where: { $0.key == key }), case .array(var items) = members[i].value,
                  case .object(var item) = items[index] else { return }
            if let value {
                if let j = item.firstIndex(where: { $0.key == field }) { item[j].value = value } else { item.append((field, value)) }
            } else {
                item.removeAll { $0.key == field }
            }
            items[index] = .object(item)
            members[i].value = .array(items)
        }
    }

    static func both(_ a: @escaping @Sendable (inout [(key: String, value: JSONValue)]) -> Void,
                     _ b: @escaping @Sendable (inout [(key: String, value: JSONValue)]) -> Void)
        -> @Sendable (inout [(key: String, value: JSONValue)]) -> Void {
        { members in a(&members); b(&members) }
    }

    /// `failing` lists every check that fails after the change; most rows keep the worked
    /// example's own three.
    static let rows: [Row] = [
        Row(name: "no objective", failing: ["structure"] + exampleFails, edit: set("objective", .string(" "))),
        Row(name: "a goal whose target does not improve on its baseline",
            failing: ["goals_smart", "scorecard"] + exampleFails,
            edit: editList("goals", 3, "target", .number(70))),
        Row(name: "a deadline after the period", failing: ["goals_smart"] + exampleFails,
            edit: editList("goals", 0, "deadline", .string("2027-03-31"))),
        Row(name: "a baseline that is not the case's current value", failing: ["baselines"] + exampleFails,
            edit: editList("goals", 0, "baseline", .number(0.40))),
        // G4 on DSO instead of stock, credibly (40.0 × (1 − 0.30 × 0.5) = 34.0 ≤ 35): inventory,
        // the second top opportunity, has no goal left, and nothing is incredible any more.
        Row(name: "no driver goal on the inventory area", failing: ["drivers", "outcomes_backed", "roi_target"],
            edit: both(both(editList("goals", 3, "metric", .string("dso_days")), editList("goals", 3, "baseline", .number(40))),
                       both(editList("goals", 3, "target", .number(35)), editList("measures", 3, "target", .number(35))))),
        Row(name: "G4 at its credible 48.1 days passes feasible", failing: ["outcomes_backed", "roi_target"],
            edit: both(editList("goals", 3, "target", .number(48.1)), editList("measures", 3, "target", .number(48.1)))),
        Row(name: "a target not better than the case's current value is not feasible", failing: ["baselines", "scorecard"] + exampleFails,
            edit: both(editList("goals", 0, "baseline", .number(0.30)), editList("goals", 0, "target", .number(0.45)))),
        Row(name: "a strategy without a plan", failing: ["alignment"] + exampleFails,
            edit: editList("plans", 3, "strategy", .string("S9"))),
        Row(name: "a plan without an owner", failing: ["accountability"] + exampleFails,
            edit: editList("plans", 0, "owner", nil)),
        Row(name: "a task of one character", failing: ["accountability"] + exampleFails,
            edit: editList("plans", 0, "task", .string("做"))),
        Row(name: "a plan without a party", failing: ["accountability"] + exampleFails,
            edit: editList("plans", 2, "party", nil)),
        Row(name: "only the maker commits", failing: ["two_sided"] + exampleFails,
            edit: both(both(editList("plans", 0, "party", .string("maker")), editList("plans", 1, "party", .string("maker"))),
                       editList("plans", 3, "party", .string("maker")))),
        Row(name: "a maker plan and a distributor plan are two-sided without a joint one", failing: exampleFails,
            edit: editList("plans", 1, "party", .string("distributor"))),
        Row(name: "a driver strategy with no budget and no cost", failing: ["resourced"] + exampleFails,
            edit: both(editList("strategies", 3, "budget", .number(0)), set("total_budget", .number(260000)))),
        Row(name: "budgets above the cap", failing: ["budget"] + exampleFails,
            edit: both(set("total_budget", .number(330000)), editList("strategies", 0, "budget", .number(200000)))),
        Row(name: "a total_budget that is not the sum", failing: ["budget"] + exampleFails,
            edit: set("total_budget", .number(250000))),
        Row(name: "a measure whose target is not its goal's", failing: ["scorecard"] + exampleFails,
            edit: editList("measures", 0, "target", .number(0.60))),
        Row(name: "a measure without a frequency", failing: ["scorecard"] + exampleFails,
            edit: editList("measures", 1, "frequency", nil)),
        // 11,400,000 ≤ 11,370,000 × 1.005.
        Row(name: "a revenue goal within 0.5 % of the projection is backed", failing: ["feasible", "roi_target"],
            edit: both(editList("goals", 4, "target", .number(11_400_000)), editList("measures", 4, "target", .number(11_400_000)))),
        Row(name: "no outcome goal at all", failing: exampleFails,
            edit: both(editList("goals", 4, "metric", .string("fill_rate")), editList("goals", 4, "baseline", .number(0.95)))),
        Row(name: "projected_roi is not graded, whatever it says", failing: exampleFails,
            edit: set("projected_roi", .number(0.99))),
    ]

    @Test("Each broken rule fails its check and no other", arguments: rows)
    func brokenRules(row: Row) throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: try Self.editedPlan(row.edit))
        #expect(grade.gradable, "\(grade.formatErrors)")
        #expect(Set(grade.items.filter { !$0.correct }.map(\.id)) == Set(row.failing))
        for item in grade.items where !item.correct {
            #expect(!item.feedback.isEmpty)
        }
    }

    @Test("A plan at its credible targets that reaches the target ROI passes every check")
    func fullMarks() throws {
        let submission = try Fixtures.sample("plan-homework", "full-marks.yaml")
        let exercise = try Fixtures.exercise("plan-homework")
        let review = try #require(exercise.baseKey.review)
        let plan = try #require(submission.plan)
        let projection = Projection(review: review, plan: plan)
        #expect(try #require(projection.roi) >= review.case.targets.roi)
        let allCredible = projection.goals.allSatisfy(\.isCredible)
        #expect(allCredible)
        let grade = Grader.grade(exercise, submission: submission)
        #expect(grade.score == 100, "\(grade.items.filter { !$0.correct }.map(\.feedback))")
        // The distributor's own 20,000 is what keeps it above 20 %: twice that and it falls short.
        var costly = plan
        costly.plans[0].cost = 60_000
        #expect(try #require(Projection(review: review, plan: costly).roi) < review.case.targets.roi)
    }

    @Test("A plan that cannot be read lists every problem, in the file's order, and is not gradable")
    func unreadablePlan() throws {
        let text = """
            {"exercise": "plan-homework", "plan": {"case": "hengda-2025", "objectve": "x",
             "goals": [{"id": "G1", "metric": "roi", "target": "很高", "deadline": "2026-13-01"}],
             "measures": [{"id": "M1", "frequency": "daily"}], "strategies": {"S1": 1}}}
            """
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: Submission.read(text),
                                 options: GradeOptions(language: .en))
        #expect(!grade.gradable)
        #expect(grade.score == 0 && grade.items.isEmpty)
        #expect(grade.formatErrors == [
            "objectve: unknown key (did you mean objective?)",
            "goals[0].target: expected a number, found the text \"很高\"",
            "goals[0].deadline: expected a date like 2026-03-31, found the text \"2026-13-01\"",
            "measures[0].frequency: expected weekly, monthly or quarterly, found the text \"daily\"",
            "strategies: expected a list, found a map",
        ])
        let zh = Grader.grade(try Fixtures.exercise("plan-homework"), submission: Submission.read(text))
        // The same problems on a Chinese page: Chinese sentences, at the file's keys.
        #expect(zh.formatErrors == [
            "计划格式有误：objectve：没有这个键（是不是 objective？）",
            "计划格式有误：goals[0].target：应为数字，实际是文字“很高”",
            "计划格式有误：goals[0].deadline：应为日期，如 2026-03-31，实际是文字“2026-13-01”",
            "计划格式有误：measures[0].frequency：频率应为每周、每月或每季度，实际是文字“daily”",
            "计划格式有误：strategies：应为列表，实际是映射",
        ])
    }

    @Test("A plan is the model's format: numbers written as text are refused, as the model's reader refuses them",
          arguments: [
              (#"{"projected_roi": "15%"}"#, #"projected_roi: expected a number, found the text "15%""#),
              (#"{"goals": [{"id": "G1", "target": "0.55"}]}"#, #"goals[0].target: expected a number, found the text "0.55""#),
              ("total_budget: 28万", #"total_budget: expected a number, found the text "28万""#),
              (#"{"goals": [{"id": "G1", "better": "Higher"}]}"#, #"goals[0].better: expected higher or lower, found the text "Higher""#),
              (#"{"goals": [null]}"#, "goals[0]: expected a map, found nothing"),
              (#"{"case": "hengda-2025", "case": "hengda-2025"}"#, "case: duplicate key"),
          ])
    func modelFormat(text: String, problem: String) throws {
        let submission = Submission.read(text)
        #expect(submission.problems.map(\.en) == [problem])
        // The model's own reader (`jbp project`, `jbp scorecard`) refuses the same text.
        #expect(throws: ModelError.self) { try Plan.read(text, file: "plan.yaml") }
    }

    @Test("A plan for another case, or answers instead of a plan, is not gradable")
    func wrongShapes() throws {
        let exercise = try Fixtures.exercise("plan-homework")
        let other = Grader.grade(exercise, submission: Submission.read(#"{"plan": {"case": "ruifeng-2025", "objective": "x"}}"#))
        #expect(other.formatErrors == ["这份计划写的是案例 ruifeng-2025，本练习的案例是 hengda-2025"])
        let answers = Grader.grade(exercise, submission: Submission.read(#"{"answers": {"roi": 1}}"#))
        #expect(answers.formatErrors == ["这是计划练习：请提交 plan，而不是 answers"])
    }

    @Test("An empty plan is gradable and fails what it lacks")
    func emptyPlan() throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: Submission.read(#"{"plan": {}}"#))
        #expect(grade.gradable)
        // A check over an empty list fails: an empty plan earns nothing (model.md §6).
        #expect(grade.items.filter(\.correct).map(\.id) == [])
        #expect(grade.score == 0)
        #expect(grade.items.count == PlanCheck.allCases.count)
    }
}
