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
        let c = review.case
        // The most ambitious target per driver metric, in the order the goals are written.
        var chosen: [(goal: Goal, metric: Metric, target: Double)] = []
        for goal in plan.goals {
            guard let metric = goal.knownMetric, metric.driverArea != nil, let target = goal.target, target.isFinite,
                  review.value(of: metric) != nil else { continue }
            if let i = chosen.firstIndex(where: { $0.metric.key == metric.key }) {
                if metric.direction.isBetter(target, than: chosen[i].target) { chosen[i] = (goal, metric, target) }
            } else {
                chosen.append((goal, metric, target))
            }
        }
        var effects: [Effect] = []
        for (goal, metric, t) in chosen {
            guard let current = review.value(of: metric) else { continue }
            let kind: OpportunityKind
            let amount: Double
            switch metric.base {
            case "coverage_rate":
                let channel = metric.channel.flatMap(c.channel)
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
            effects.append(Effect(goal: goal.id, metric: metric, target: t, current: current, kind: kind, amount: amount))
        }
        self.effects = effects
        let sum = { (kind: OpportunityKind) in effects.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount } }
        incrementalSales = sum(.sales)
        costSavings = sum(.cost)
        capitalReleased = sum(.capital)
        revenue = review.result.revenue + incrementalSales
        netProfit = review.result.netProfit + incrementalSales * review.contributionRate + costSavings
        investment = review.result.investment + incrementalSales * review.workingCapitalRate - capitalReleased
        roi = investment > 0 ? netProfit / investment : nil
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
