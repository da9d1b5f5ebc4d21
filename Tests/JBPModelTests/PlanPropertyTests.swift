import PropertyBased
import Testing
@testable import JBPModel

/// Plans of every shape on a generated case, from uniform numbers: up to seven driver
/// goals (a metric may repeat), targets from 30 % to 170 % of the current value,
/// deadlines that are all different (so that no two goals on one metric tie and the
/// order of the goals cannot matter), and plan rows with and without costs.
enum GeneratedPlans {
    static let start = Day("2026-01-01")!

    static func make(_ c: Case, _ u: [Double]) -> Plan {
        var next = 0
        func n() -> Double {
            defer { next += 1 }
            return next < u.count ? min(1, max(0, u[next])) : 0.5
        }
        let metrics = c.coverage.map { "coverage_rate.\($0.id)" }
            + ["skus_per_outlet", "sales_per_rep", "inventory_days", "dso_days", "cost_per_case"]
        var goals: [Goal] = []
        for i in 0..<(1 + Int(n() * 6.99)) {
            let metric = metrics[min(metrics.count - 1, Int(n() * Double(metrics.count)))]
            // Distinct residues modulo 7: no two deadlines are the same day.
            let deadline = start.adding(days: Int(n() * 50.99) * 7 + i)
            goals.append(Goal(id: "G\(i + 1)", metric: metric, target: n() * 1.4 + 0.3, deadline: deadline))
        }
        let plans = (0..<(1 + Int(n() * 3.99))).map { i in
            PlanTask(id: "P\(i + 1)", strategy: "S1", task: "任务\(i + 1)", owner: "负责人", resources: "资源",
                     due: start.adding(days: 30), party: .joint, cost: n() < 0.3 ? nil : (n() * 200_000).rounded())
        }
        return Plan(period: Plan.Period(start: start, end: Day("2026-12-31")), goals: goals, plans: plans)
    }

    /// The goals' targets as multiples of the case's current value (what `make` drew).
    static func scaled(_ plan: Plan, on review: Review) -> Plan {
        var plan = plan
        for i in plan.goals.indices {
            guard let metric = plan.goals[i].metric, let current = review.value(ofMetric: metric) else { continue }
            plan.goals[i].target = (plan.goals[i].target ?? 1) * current
        }
        return plan
    }

    static let generator = zip(ValidCases.generator, Gen.double(in: 0...1).array(of: 40)).map { c, u -> (Case, Plan) in
        let plan = make(c, u)
        guard let review = try? Review(c) else { return (c, plan) }
        return (c, scaled(plan, on: review))
    }
}

@Suite("Properties of the projection over generated cases and plans (model.md §6)")
struct ProjectionPropertyTests {
    @Test("the team adds nothing when distribution already lifts sales past target × reps")
    func teamAfterDistribution() async {
        await propertyCheck(input: ValidCases.generator) { c in
            let team = try Review(c).team
            if team.salesAfterDistribution >= c.team.targetSalesPerRep * c.team.reps {
                #expect(team.incrementalSales == 0)
            } else {
                #expect(isClose(team.incrementalSales, c.team.targetSalesPerRep * c.team.reps - team.salesAfterDistribution,
                                tolerance: 1e-9))
            }
            // And never more than v1's revenue ÷ reps GAP, which counted distribution's sales again.
            #expect(team.incrementalSales <= team.gapPerRep * c.team.reps * (1 + 1e-12))
        }
    }

    @Test("no target beyond its credible one is used: projecting the credible targets gives the same figures")
    func credibleOnly() async {
        await propertyCheck(input: GeneratedPlans.generator) { c, plan in
            let review = try Review(c)
            let projection = Projection(review: review, plan: plan)
            var credible = plan
            for effect in projection.goals { credible.goals[effect.index].target = effect.credibleTarget }
            let again = Projection(review: review, plan: credible)
            #expect(again.incrementalSales == projection.incrementalSales)
            #expect(again.costSavings == projection.costSavings)
            #expect(again.capitalReleased == projection.capitalReleased)
            #expect(again.roi == projection.roi)
            for effect in projection.goals {
                let limit = try #require(c.limits.value(effect.metric.base))
                let (t, t2, cur, h) = (effect.target, effect.credibleTarget, effect.current, effect.horizon)
                switch effect.metric.base {
                case "coverage_rate":
                    #expect(t2 <= min(t, cur + limit * h + 1e-12, 1), "\(effect.metric.key)")
                case "skus_per_outlet":
                    #expect(t2 <= min(t, cur + limit * h + 1e-12, c.terminal.mustSellSKUs))
                case "sales_per_rep":
                    #expect(t2 <= min(t, cur * (1 + limit * h) * (1 + 1e-12)))
                default:
                    #expect(t2 >= max(t, cur * (1 - limit * h) * (1 - 1e-12)), "\(effect.metric.key)")
                }
                #expect((0.5...1).contains(effect.horizon))
            }
        }
    }

    @Test("the projection is the same whatever the order of the goals")
    func orderOfGoals() async {
        await propertyCheck(input: GeneratedPlans.generator, Gen.int(in: 0...1_000_000)) { pair, seed in
            let (c, plan) = pair
            let review = try Review(c)
            var shuffled = plan
            var rng = SeededOrder(seed: UInt64(seed))
            shuffled.goals.shuffle(using: &rng)
            let a = Projection(review: review, plan: plan), b = Projection(review: review, plan: shuffled)
            #expect(Set(a.effects.compactMap(\.goal)) == Set(b.effects.compactMap(\.goal)))
            #expect(isClose(a.incrementalSales, b.incrementalSales, tolerance: 1e-9))
            #expect(isClose(a.costSavings, b.costSavings, tolerance: 1e-9))
            #expect(isClose(a.capitalReleased, b.capitalReleased, tolerance: 1e-9))
            #expect(isClose(a.roi ?? 0, b.roi ?? 0, tolerance: 1e-9))
        }
    }

    @Test("removing a plan's cost never lowers the projected ROI")
    func costsNeverHelp() async {
        await propertyCheck(input: GeneratedPlans.generator, Gen.int(in: 0...100)) { pair, pick in
            let (c, plan) = pair
            let review = try Review(c)
            let before = Projection(review: review, plan: plan)
            var cheaper = plan
            cheaper.plans[pick % cheaper.plans.count].cost = nil
            let after = Projection(review: review, plan: cheaper)
            #expect(after.planCosts <= before.planCosts)
            if let was = before.roi, let now = after.roi { #expect(now >= was) }
        }
    }
}

/// A small seeded generator for shuffling (SplitMix64's step), so a failing case replays.
struct SeededOrder: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
