/// What a plan's driver goals would do to the distributor's figures (model.md §6,
/// Projection): extra sales ΔR, cost savings S and capital released K, against the
/// case's current values.
///
/// Only driver goals move it (`coverage_rate.<channel>`, `skus_per_outlet`,
/// `sales_per_rep`, `cost_per_case`, `inventory_days`, `dso_days`); outcome goals must
/// be backed by it. Goals without a target, on another metric or on a channel the case
/// does not have are left out. Where a plan sets several goals on one driver metric
/// (say inventory_days 50 by June and 40 by December), the most ambitious target counts
/// once: each gap can be closed only once.
public struct Projection: Equatable, Sendable {
    /// One driver goal's effect.
    public struct Effect: Equatable, Sendable {
        /// The goal's id.
        public let goal: String?
        public let metric: Metric
        /// The goal's target.
        public let target: Double
        /// The case's current value of the metric.
        public let current: Double
        public let kind: OpportunityKind
        /// ΔR, S or K (never negative).
        public let amount: Double
    }

    /// The effects in the order of the plan's goals, one per driver metric.
    public let effects: [Effect]
    /// ΔR.
    public let incrementalSales: Double
    /// S.
    public let costSavings: Double
    /// K.
    public let capitalReleased: Double
    /// R + ΔR.
    public let revenue: Double
    /// NP + ΔR × cm + S.
    public let netProfit: Double
    /// INV + ΔR × wc − K.
    public let investment: Double
    /// net_profit / investment; nil when the investment would not be above zero
    /// (a plan releasing more capital than the distributor has).
    public let roi: Double?

    /// Projects `plan` onto the reviewed case.
    public init(review: Review, plan: Plan) {
        let effects = Self.effects(review: review, plan: plan)
        // Summed in a plain loop: a closure over `effects` here crashed the 6.3 optimiser.
        var sales = 0.0, cost = 0.0, capital = 0.0
        for effect in effects {
            switch effect.kind {
            case .sales: sales += effect.amount
            case .cost: cost += effect.amount
            case .capital: capital += effect.amount
            }
        }
        self.effects = effects
        incrementalSales = sales
        costSavings = cost
        capitalReleased = capital
        revenue = review.result.revenue + incrementalSales
        netProfit = review.result.netProfit + incrementalSales * review.contributionRate + costSavings
        investment = review.result.investment + incrementalSales * review.workingCapitalRate - capitalReleased
        roi = investment > 0 ? netProfit / investment : nil
    }

    /// The effect of each driver goal, the most ambitious target per driver metric, in
    /// the order the goals are written. Not optimised: Swift 6.3.1's optimiser (its
    /// CopyPropagation pass) crashes on this function in release builds. It only
    /// chooses among the goals' effects, each worked out once by `effect(of:review:)`,
    /// which is optimised, so little is lost.
    /// (Plain index loops: unoptimised, `for in` goes through the generic iterator.)
    @_optimize(none)
    private static func effects(review: Review, plan: Plan) -> [Effect] {
        var effects: [Effect] = []
        let goals = plan.goals
        var g = 0
        while g < goals.count {
            defer { g += 1 }
            guard let effect = effect(of: goals[g], review: review) else { continue }
            var replaced = false
            var index = 0
            while index < effects.count {
                if effects[index].metric.key == effect.metric.key {
                    replaced = true
                    if effect.metric.direction.isBetter(effect.target, than: effects[index].target) { effects[index] = effect }
                }
                index += 1
            }
            if !replaced { effects.append(effect) }
        }
        return effects
    }

    /// What one goal would do if it were the only goal on its metric; nil unless it is a
    /// driver goal with a finite target, on a metric the case has a value of.
    private static func effect(of goal: Goal, review: Review) -> Effect? {
        guard let metric = goal.knownMetric, metric.driverArea != nil, let t = goal.target, t.isFinite,
              let current = review.value(of: metric) else { return nil }
        let c = review.case
        let kind: OpportunityKind
        let amount: Double
        switch metric.base {
        case "coverage_rate":
            let channel = metric.channel.flatMap { c.channel($0) }
            let covered = channel?.covered ?? 0
            kind = .sales
            amount = max(0, ceilPlus(t * (channel?.universe ?? 0)) - covered) * (channel?.salesPerOutlet ?? 0)
        case "skus_per_outlet":
            kind = .sales
            amount = max(0, t - current) * review.coverage.coveredOutlets * c.terminal.salesPerSKUPoint
        case "sales_per_rep":
            kind = .sales
            amount = max(0, t - current) * c.team.reps
        case "cost_per_case":
            kind = .cost
            amount = max(0, current - t) * c.logistics.cases
        case "inventory_days":
            kind = .capital
            amount = max(0, current - t) * review.inventory.dailyCOGS
        default: // dso_days
            kind = .capital
            amount = max(0, current - t) * review.finance.dailySales
        }
        return Effect(goal: goal.id, metric: metric, target: t, current: current, kind: kind, amount: amount)
    }

    /// As `jbp project --json` prints it: `incremental_sales`, `cost_savings`,
    /// `capital_released`, `revenue`, `net_profit`, `investment`, `roi`.
    public var json: JSONValue {
        .object([
            ("incremental_sales", .number(incrementalSales)),
            ("cost_savings", .number(costSavings)),
            ("capital_released", .number(capitalReleased)),
            ("revenue", .number(revenue)),
            ("net_profit", .number(netProfit)),
            ("investment", .number(investment)),
            ("roi", .number(roi)),
        ])
    }
}
