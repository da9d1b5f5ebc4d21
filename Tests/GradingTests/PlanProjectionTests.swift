import Testing
import JBPModel
@testable import Grading

@Suite("The grader's projection is the model's")
struct PlanProjectionTests {
    static let metrics = ["coverage_rate.traditional", "coverage_rate.modern", "coverage_rate.nowhere", "coverage_rate",
                          "skus_per_outlet", "sales_per_rep", "cost_per_case", "inventory_days", "dso_days", "revenue", "roi",
                          "fill_rate", "my_own_kpi"]

    @Test("Equal on generated plans: several goals per metric, unknown channels, custom metrics, missing targets")
    func equalToModel() throws {
        let exercise = try Fixtures.exercise("plan-homework")
        for variant in [0, 3] {
            let key = try exercise.answerKey(variant: variant)
            guard case .plan(let planKey) = key.body else { throw Unexpected() }
            let review = planKey.review
            var random = SplitMix64(seedText: "projection#\(variant)")
            for _ in 0..<500 {
                var plan = Plan()
                for g in 0..<Int(random.next() % 7) {
                    let metric = Self.metrics[Int(random.next() % UInt64(Self.metrics.count))]
                    let current = review.value(ofMetric: metric) ?? 1
                    let target: Double? = random.next() % 10 == 0 ? nil : current * (0.5 + random.nextUnit())
                    plan.goals.append(Goal(id: "G\(g)", metric: metric, target: target))
                }
                let model = Projection(review: review, plan: plan)
                let ours = PlanProjection(review: review, goals: plan.goals, kpis: plan.goals.map(planKey.kpi))
                #expect(ours.revenue == model.revenue)
                #expect(ours.netProfit == model.netProfit)
                #expect(ours.investment == model.investment)
                #expect(ours.roi == model.roi)
            }
        }
    }

    struct Unexpected: Error {}
}
