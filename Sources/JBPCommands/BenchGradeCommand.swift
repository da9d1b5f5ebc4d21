import ArgumentParser
import Foundation
import Grading
import JBPModel

/// `jbp bench grade [--count N]`: grades N review submissions and N plans in
/// memory, on one core, and compares the time to grade them (read the
/// submission text, then grade it) with the time only to read them.
///
/// The data are the worked example of model.md §8 (恒达商贸 and its plan),
/// built in memory so the figures do not depend on the course being edited.
/// Review submissions spread over 16 variants, whose answer keys are
/// computed once beforehand, as the server does per (exercise, variant).
public struct BenchGradeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade N review submissions and N plans in memory; last line `ratio: grade/decode`.")

    @Option(help: "How many review submissions, and how many plans.")
    var count = 50_000

    public init() {}

    public func run() throws {
        try reportingFailures {
            guard count > 0 else { throw CommandFailure("--count must be above 0") }
            let data = try BenchData()
            let reviews = (0..<count).map(data.reviewSubmission)
            let plans = (0..<count).map(data.planSubmission)
            let reviewBytes = reviews.reduce(0) { $0 + $1.utf8.count }
            let planBytes = plans.reduce(0) { $0 + $1.utf8.count }
            print("jbp bench grade: \(count) review submissions (\(reviewBytes / count) bytes each, 16 variants) and \(count) plans (\(planBytes / count) bytes each), one core")

            let options = GradeOptions(language: .zh)
            var sink = 0.0
            let clock = ContinuousClock()
            var decodeReview = Duration.zero, gradeReview = Duration.zero
            var decodePlan = Duration.zero, gradePlan = Duration.zero
            // Alternate decoding and grading in rounds so that both see the same machine.
            let rounds = 10
            for round in 0..<rounds {
                let range = (count * round / rounds)..<(count * (round + 1) / rounds)
                decodeReview += clock.measure {
                    for i in range { sink += Double(Submission.read(reviews[i]).answers?.count ?? 0) }
                }
                gradeReview += clock.measure {
                    for i in range {
                        let submission = Submission.read(reviews[i])
                        let key = data.reviewKeys[submission.variant ?? 0] ?? data.review.baseKey
                        sink += Grader.grade(data.review, key: key, submission: submission, options: options).score
                    }
                }
                decodePlan += clock.measure {
                    for i in range { sink += Double(Submission.read(plans[i]).plan?.goals.count ?? 0) }
                }
                gradePlan += clock.measure {
                    for i in range {
                        sink += Grader.grade(data.plan, key: data.plan.baseKey, submission: Submission.read(plans[i]), options: options).score
                    }
                }
                Terminal.error("  round \(round + 1)/\(rounds)")
            }
            func line(_ name: String, _ unit: String, _ decode: Duration, _ grade: Duration) -> String {
                String(format: "%@: decode %.3f s (%.0f/s); grade %.3f s: %.0f %@/s; grade/decode %.2f",
                       name, decode.seconds, Double(count) / decode.seconds, grade.seconds,
                       Double(count) / grade.seconds, unit, grade.seconds / decode.seconds)
            }
            print(line("review", "submissions", decodeReview, gradeReview))
            print(line("plans", "plans", decodePlan, gradePlan))
            if sink == -1 { print("") }  // keeps the work from being optimised away
            let ratio = (gradeReview + gradePlan).seconds / (decodeReview + decodePlan).seconds
            print(String(format: "ratio: %.3f", ratio))
        }
    }
}

/// The exercises and submissions of the benchmark, from the worked example.
struct BenchData {
    let review: Exercise
    let plan: Exercise
    /// Variant → answer key, for variants 1...16.
    let reviewKeys: [Int: AnswerKey]
    /// Per variant, the review JSON the submissions' answers are drawn from.
    let reviewJSON: [Int: JSONValue]
    let planTree: JSONValue

    static let questions: [(id: String, path: String)] = [
        ("roi", "result.roi"), ("achievement", "result.achievement_rate"), ("net_profit", "result.net_profit"),
        ("investment", "result.investment"), ("inventory_days", "areas.inventory.inventory_days"),
        ("dso", "areas.finance.dso_days"), ("traditional_gap", "areas.coverage.channels.traditional.gap_outlets"),
        ("total_gap", "areas.coverage.gap_outlets"), ("coverage_amount", "areas.coverage.amount"),
        ("opportunities", "opportunities"), ("top", "top_opportunities"),
    ]

    init() throws {
        let questions = BenchData.questions.map { "  - {id: \($0.id), prompt: \($0.id), answer: \($0.path)}" }.joined(separator: "\n")
        let files: [String: String] = [
            "review-bench/exercise.yaml": "id: review-bench\ntitle: bench\nkind: review\ncase: ../cases/hengda.yaml\nvariants: true\nquestions:\n\(questions)\n",
            "plan-bench/exercise.yaml": "id: plan-bench\ntitle: bench\nkind: plan\ncase: ../cases/hengda.yaml\nbudget_cap: 300000\n",
            "cases/hengda.yaml": BenchData.caseText,
        ]
        func load(_ id: String) throws -> Exercise {
            do {
                return try Exercise.load(folder: id) { relative in
                    guard let text = files[FilePathsForBench.join(id, relative)] else { throw CommandFailure("\(relative): missing") }
                    return text
                }
            } catch {
                throw CommandFailure("benchmark data: \(error.description)")
            }
        }
        review = try load("review-bench")
        plan = try load("plan-bench")
        var keys: [Int: AnswerKey] = [:]
        var json: [Int: JSONValue] = [:]
        for n in 1...16 {
            let key = try review.answerKey(variant: n)
            keys[n] = key
            json[n] = key.reviewJSON
        }
        reviewKeys = keys
        reviewJSON = json
        guard case .success(let tree) = Submission.parse(BenchData.planText) else { throw CommandFailure("benchmark plan") }
        planTree = tree
    }

    /// Submission i: variant 1 + i mod 16; answers right, in text forms, in
    /// percent points, off by a little or a lot, or left out, in turn.
    func reviewSubmission(_ i: Int) -> String {
        let variant = 1 + i % 16
        let json = reviewJSON[variant] ?? .null
        var answers: [(key: String, value: JSONValue)] = []
        for (q, question) in BenchData.questions.enumerated() {
            guard let value = json.lookup(question.path) else { continue }
            let style = (i / 16 + q) % 7
            switch value {
            case .number(let x):
                switch style {
                case 0, 1: answers.append((question.id, .number(x)))
                case 2: answers.append((question.id, .string(question.id == "roi" || question.id == "achievement"
                                                                 ? String(format: "%.2f%%", x * 100) : String(format: "%.1f", x))))
                case 3: answers.append((question.id, .number(x * 100)))
                case 4: answers.append((question.id, .number(x * 1.2 + 1)))
                case 5: answers.append((question.id, .string(String(format: "%.2f万", x / 10_000))))
                default: continue
                }
            case .array(let items):
                answers.append((question.id, style < 4 ? value : .array(items.reversed())))
            default:
                continue
            }
        }
        return JSONValue.object([("exercise", .string("review-bench")), ("variant", .number(Double(variant))),
                                 ("answers", .object(answers))]).text(pretty: false)
    }

    /// Plan i: the worked example (model.md §8, v2) with its projected ROI and one target moved.
    func planSubmission(_ i: Int) -> String {
        guard case .object(var members) = planTree else { return "{}" }
        if let k = members.firstIndex(where: { $0.key == "projected_roi" }) {
            members[k].value = .number(0.1500 + Double(i % 20) * 0.001)
        }
        if let k = members.firstIndex(where: { $0.key == "goals" }), case .array(var goals) = members[k].value,
           case .object(var goal) = goals[3], let t = goal.firstIndex(where: { $0.key == "target" }) {
            goal[t].value = .number(Double(30 + i % 15))
            goals[3] = .object(goal)
            members[k].value = .array(goals)
        }
        return JSONValue.object([("exercise", .string("plan-bench")), ("plan", .object(members))]).text(pretty: false)
    }

    /// model.md §8's case (the spec's example-case.yaml).
    static let caseText = """
        id: hengda-2025
        name: 恒达商贸(虚构案例)
        currency: CNY
        days: 365
        sales: {target: 12000000, actual: 10200000, last_year: 9600000}
        pnl:
          cogs: 8874000
          rebates: 204000
          expenses: {staff: 540000, warehouse: 216000, logistics: 306000, other: 174000}
        balance: {inventory: 1460000, receivables: 1118000, fixed_assets: 420000, prepayments: 200000, payables: 0}
        targets: {roi: 0.20}
        coverage:
          - {id: modern, name: 现代渠道, universe: 120, covered: 96, target_rate: 0.95, sales_per_outlet: 38000}
          - {id: traditional, name: 传统渠道, universe: 2400, covered: 1150, target_rate: 0.60, sales_per_outlet: 4200}
        terminal: {must_sell_skus: 12, audited_outlets: 200, distribution_points: 1440, target_skus_per_outlet: 9, sales_per_sku_point: 300}
        inventory: {target_days: 30}
        logistics: {orders: 18000, on_time_orders: 15840, order_lines: 90000, filled_lines: 85500, cases: 680000,
                    target_on_time_rate: 0.95, target_fill_rate: 0.98, target_cost_per_case: 0.38}
        finance: {target_dso_days: 30, bad_debts: 20400}
        team: {reps: 12, target_sales_per_rep: 950000}
        """

    /// model.md §8's plan (the spec's example-plan.yaml).
    static let planText = """
        case: hengda-2025
        period: {start: 2026-01-01, end: 2026-12-31}
        objective: 与恒达商贸共同把传统渠道做深做透,在2026年把经销商ROI提升到15%以上
        swot:
          strengths: [现代渠道覆盖率80%]
          weaknesses: [库存天数60天, 传统渠道覆盖不足一半]
          opportunities: [传统渠道未覆盖网点1250家]
          threats: [竞品加大传统渠道投入]
        goals:
          - {id: G1, metric: coverage_rate.traditional, baseline: 0.479, target: 0.55, deadline: 2026-12-31}
          - {id: G2, metric: coverage_rate.modern, baseline: 0.80, target: 0.90, deadline: 2026-09-30}
          - {id: G3, metric: sales_per_rep, baseline: 850000, target: 900000, deadline: 2026-12-31}
          - {id: G4, metric: inventory_days, baseline: 60, target: 40, deadline: 2026-06-30}
          - {id: G5, metric: revenue, baseline: 10200000, target: 11500000, deadline: 2026-12-31}
        strategies:
          - {id: S1, title: 传统渠道线路扩张, goals: [G1, G5], budget: 150000}
          - {id: S2, title: 现代渠道新店进场, goals: [G2, G5], budget: 80000}
          - {id: S3, title: 业务员拜访效率提升, goals: [G3], budget: 30000}
          - {id: S4, title: 安全库存与订货模型, goals: [G4], budget: 20000}
        plans:
          - {id: P1, strategy: S1, task: 新增2条传统渠道线路, owner: 王经理, party: distributor, resources: 2名业务员 1辆车, cost: 100000, due: 2026-03-31}
          - {id: P2, strategy: S2, task: 与3家系统商谈判进场, owner: 李主管, party: joint, resources: 进场费预算, due: 2026-06-30}
          - {id: P3, strategy: S3, task: 线路优化与拜访八步骤培训, owner: 张经理, party: maker, resources: 培训课时, due: 2026-02-28}
          - {id: P4, strategy: S4, task: 建立周订货模型, owner: 财务赵, party: distributor, resources: 进销存系统, due: 2026-04-30}
        measures:
          - {id: M1, goal: G1, kpi: coverage_rate.traditional, target: 0.55, frequency: monthly, owner: 王经理}
          - {id: M2, goal: G2, kpi: coverage_rate.modern, target: 0.90, frequency: monthly, owner: 李主管}
          - {id: M3, goal: G3, kpi: sales_per_rep, target: 900000, frequency: quarterly, owner: 张经理}
          - {id: M4, goal: G4, kpi: inventory_days, target: 40, frequency: monthly, owner: 财务赵}
          - {id: M5, goal: G5, kpi: revenue, target: 11500000, frequency: monthly, owner: 王经理}
        total_budget: 280000
        projected_roi: 0.1547
        """
}

/// `folder/relative` with `..` resolved, for the in-memory files of the benchmark.
enum FilePathsForBench {
    static func join(_ folder: String, _ relative: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/") {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}
