import Testing
import JBPModel
@testable import Grading

@Suite("Plan grading: the eleven checks of model.md §6")
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

    @Test("The worked example of model.md §8 grades 90: only projection and roi_target fail")
    func workedExample() throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: try Self.examplePlan())
        #expect(grade.gradable)
        #expect(grade.score == 90)
        #expect(grade.maxScore == 100)
        #expect(grade.items.map(\.id) == PlanCheck.allCases.map(\.rawValue))
        #expect(grade.items.filter { !$0.correct }.map(\.id) == ["projection", "roi_target"])
        let projection = try #require(grade.item("projection"))
        #expect(projection.feedback.contains("0.1547") && projection.feedback.contains("0.1604"))
        #expect(projection.given == .number(0.1547))
        let roiTarget = try #require(grade.item("roi_target"))
        #expect(roiTarget.feedback.contains("0.1604") && roiTarget.feedback.contains("0.20"))
        #expect(roiTarget.feedback == "推算 ROI 0.1604 低于厂家目标 0.20。")
    }

    @Test("The same in English")
    func workedExampleInEnglish() throws {
        let grade = Grader.grade(try Fixtures.exercise("plan-homework"), submission: try Self.examplePlan(),
                                 options: GradeOptions(language: .en))
        #expect(grade.item("projection")?.feedback
                == "projected_roi is 0.1547, the driver goals project 0.1604: 0.0057 apart, more than ±0.005.")
        #expect(grade.item("roi_target")?.feedback == "The projected ROI 0.1604 is below the target of 0.20.")
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
            weights: {projection: 20, roi_target: 0, structure: 5}
            """
        let exercise = try Fixtures.memory("plan-weighted", ["exercise.yaml": yaml])
        #expect(exercise.maxScore == 100 - 10 + 5 - 5 + 20 - 5 + 0)
        let grade = Grader.grade(exercise, submission: try Self.examplePlan())
        #expect(grade.item("projection")?.points == 20)
        #expect(grade.item("structure")?.awarded == 5)
        #expect(grade.score == exercise.maxScore - 20)
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

    static let rows: [Row] = [
        Row(name: "a projected_roi within 0.005 of 0.1604 also passes projection", failing: ["roi_target"],
            edit: set("projected_roi", .number(0.16))),
        Row(name: "no objective", failing: ["structure", "projection", "roi_target"], edit: set("objective", .string(" "))),
        Row(name: "a goal whose target does not improve on its baseline",
            failing: ["goals_smart", "scorecard", "projection", "roi_target"],
            edit: editList("goals", 3, "target", .number(70))),
        Row(name: "a deadline after the period", failing: ["goals_smart", "projection", "roi_target"],
            edit: editList("goals", 0, "deadline", .string("2027-03-31"))),
        Row(name: "a baseline that is not the case's current value", failing: ["baselines", "projection", "roi_target"],
            edit: editList("goals", 0, "baseline", .number(0.40))),
        // Without the team driver the projected revenue falls below G5's target too.
        Row(name: "no driver goal on the team area", failing: ["drivers", "baselines", "outcomes_backed", "projection", "roi_target"],
            edit: editList("goals", 2, "metric", .string("fill_rate"))),
        Row(name: "a strategy without a plan", failing: ["alignment", "projection", "roi_target"],
            edit: editList("plans", 3, "strategy", .string("S9"))),
        Row(name: "a plan without an owner", failing: ["accountability", "projection", "roi_target"],
            edit: editList("plans", 0, "owner", nil)),
        Row(name: "budgets above the cap", failing: ["budget", "projection", "roi_target"],
            edit: { members in
                set("total_budget", .number(330000))(&members)
                editList("strategies", 0, "budget", .number(200000))(&members)
            }),
        Row(name: "a total_budget that is not the sum", failing: ["budget", "projection", "roi_target"],
            edit: set("total_budget", .number(250000))),
        Row(name: "a measure whose target is not its goal's", failing: ["scorecard", "projection", "roi_target"],
            edit: editList("measures", 0, "target", .number(0.60))),
        Row(name: "a measure without a frequency", failing: ["scorecard", "projection", "roi_target"],
            edit: editList("measures", 1, "frequency", nil)),
        Row(name: "a revenue goal above the projected revenue", failing: ["outcomes_backed", "projection", "roi_target"],
            edit: { members in
                editList("goals", 4, "target", .number(12_100_000))(&members)
                editList("measures", 4, "target", .number(12_100_000))(&members)
            }),
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

    @Test("A projection that reaches the target passes every check")
    func fullMarks() throws {
        // Bring inventory and DSO to their targets and fix the projected ROI to match.
        var submission = try Self.editedPlan { members in
            Self.editList("goals", 3, "target", .number(30))(&members)
            Self.editList("measures", 3, "target", .number(30))(&members)
        }
        let exercise = try Fixtures.exercise("plan-homework")
        let review = try #require(exercise.baseKey.review)
        let plan = try #require(submission.plan)
        var projected = try #require(Projection(review: review, plan: plan).roi)
        if projected < 0.20 {
            // Add a goal on DSO as well (a finance driver) until the target is reached.
            submission = try Self.editedPlan { members in
                Self.editList("goals", 3, "target", .number(30))(&members)
                Self.editList("measures", 3, "target", .number(30))(&members)
                Self.editList("goals", 1, "target", .number(0.95))(&members)
                Self.editList("measures", 1, "target", .number(0.95))(&members)
                Self.editList("goals", 0, "target", .number(0.60))(&members)
                Self.editList("measures", 0, "target", .number(0.60))(&members)
                Self.editList("goals", 2, "target", .number(950000))(&members)
                Self.editList("measures", 2, "target", .number(950000))(&members)
            }
            let plan = try #require(submission.plan)
            projected = try #require(Projection(review: review, plan: plan).roi)
        }
        #expect(projected >= 0.20)
        if case .object(var members)? = submission.planJSON {
            Self.set("projected_roi", .number(projected))(&members)
            submission.planJSON = .object(members)
        }
        let grade = Grader.grade(exercise, submission: submission)
        #expect(grade.score == 100, "\(grade.items.filter { !$0.correct }.map(\.feedback))")
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
        #expect(zh.formatErrors.first == "计划格式有误：objectve: unknown key (did you mean objective?)")
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
        #expect(grade.items.filter(\.correct).map(\.id) == ["budget", "outcomes_backed"])
    }
}
