/// What a plan's driver goals would do to the distributor's figures (model.md §6,
/// Projection): extra sales ΔR, cost savings S and capital released K against the
/// case's current values, less the plans' own costs C.
///
/// Only driver goals move it (`coverage_rate.<channel>`, `skus_per_outlet`,
/// `sales_per_rep`, `cost_per_case`, `inventory_days`, `dso_days`), and each at its
/// **credible target** t′ only: a plan cannot close a GAP faster than a distributor can
/// change (the case's `limits`, scaled by the goal's horizon). Where several goals name
/// one driver metric, one counts: the one with the latest deadline (a missing deadline
/// counts as the earliest), then the last listed. Goals without a target, on another
/// metric or on a channel the case does not have move nothing.
public struct Projection: Equatable, Sendable {
    /// One driver goal, as the projection reads it.
    public struct Effect: Equatable, Sendable {
        /// The goal's id.
        public let goal: String?
        /// The goal's position in the plan's goals.
        public let index: Int
        public let metric: Metric
        /// The goal's target t.
        public let target: Double
        /// The credible target t′ by the goal's deadline (model.md §6): what the projection uses.
        public let credibleTarget: Double
        /// The case's current value of the metric.
        public let current: Double
        /// h = min(1, max(0.5, d / 365)).
        public let horizon: Double
        public let kind: OpportunityKind
        /// ΔR, S or K at t′ (never negative). For `sales_per_rep`, what the team adds
        /// after every distribution goal.
        public let amount: Double
        /// Outlets gained (coverage goals only), for the projected coverage rate.
        public let outletsGained: Double
        /// True for the one goal per driver metric that moves the projection.
        public let counted: Bool

        /// True when the target is within its credible target: t = t′ (coverage rates
        /// within 0.0005, others within 1e-6 relative), as `feasible` grades it.
        public var isCredible: Bool {
            if metric.base == "coverage_rate" { return abs(target - credibleTarget) <= 0.0005 }
            return abs(target - credibleTarget) <= 1e-6 * max(abs(credibleTarget), 1e-12)
        }

        /// True when the target improves on the case's current value in the metric's direction.
        public var improves: Bool { metric.direction.isBetter(target, than: current) }
    }

    /// Every driver goal the case has a value for, in the order of the plan's goals,
    /// counted or not.
    public let goals: [Effect]
    /// The counted effects, one per driver metric, in the order of the plan's goals.
    public var effects: [Effect] { goals.filter(\.counted) }
    /// ΔR = ΔR_dist + ΔR_team.
    public let incrementalSales: Double
    /// S.
    public let costSavings: Double
    /// K.
    public let capitalReleased: Double
    /// C: the sum of the plans' `cost`.
    public let planCosts: Double
    /// R + ΔR.
    public let revenue: Double
    /// NP + ΔR × cm + S − C.
    public let netProfit: Double
    /// INV + ΔR × wc − K.
    public let investment: Double
    /// net_profit / investment; nil when the investment would not be above zero
    /// (a plan releasing more capital than the distributor has).
    public let roi: Double?
    /// (Σ covered + Σ outlets gained) / Σ universe, over all channels.
    public let coverageRate: Double

    /// Projects `plan` onto the reviewed case.
    public init(review: Review, plan: Plan) {
        let c = review.case
        let start = plan.period?.start
        // The driver goals with their credible targets; the amounts come once the counted goals are known.
        var drafts: [Draft] = []
        for (index, goal) in plan.goals.enumerated() {
            if let draft = Draft(goal, index: index, review: review, start: start) { drafts.append(draft) }
        }
        let counted = Self.counted(drafts)

        var distribution = 0.0, cost = 0.0, capital = 0.0, gained = 0.0
        var amounts = [Double](repeating: 0, count: drafts.count)
        var outlets = [Double](repeating: 0, count: drafts.count)
        for i in drafts.indices {
            let d = drafts[i]
            switch d.metric.base {
            case "coverage_rate":
                let channel = d.metric.channel.flatMap { c.channel($0) }
                let covered = channel?.covered ?? 0
                outlets[i] = max(0, ceilPlus(d.credible * (channel?.universe ?? 0)) - covered)
                amounts[i] = outlets[i] * (channel?.salesPerOutlet ?? 0)
            case "skus_per_outlet":
                amounts[i] = max(0, d.credible - d.current) * review.coverage.coveredOutlets * c.terminal.salesPerSKUPoint
            case "cost_per_case":
                amounts[i] = max(0, d.current - d.credible) * c.logistics.cases
            case "inventory_days":
                amounts[i] = max(0, d.current - d.credible) * review.inventory.dailyCOGS
            case "dso_days":
                amounts[i] = max(0, d.current - d.credible) * review.finance.dailySales
            default: // sales_per_rep: after every distribution goal, below
                break
            }
            guard counted[i] else { continue }
            switch d.metric.base {
            case "coverage_rate", "skus_per_outlet":
                distribution += amounts[i]
                gained += outlets[i]
            case "cost_per_case": cost += amounts[i]
            case "inventory_days", "dso_days": capital += amounts[i]
            default: break
            }
        }
        // The team only adds the sales its reps still lack once distribution has brought its own (§3).
        var team = 0.0
        for i in drafts.indices where drafts[i].metric.base == "sales_per_rep" {
            amounts[i] = max(0, drafts[i].credible * c.team.reps - (review.result.revenue + distribution))
            if counted[i] { team += amounts[i] }
        }

        var effects: [Effect] = []
        effects.reserveCapacity(drafts.count)
        for i in drafts.indices {
            let d = drafts[i]
            effects.append(Effect(goal: d.id, index: d.index, metric: d.metric, target: d.target, credibleTarget: d.credible,
                                  current: d.current, horizon: d.horizon, kind: d.metric.driverArea?.kind ?? .sales,
                                  amount: amounts[i], outletsGained: outlets[i], counted: counted[i]))
        }
        goals = effects
        incrementalSales = distribution + team
        costSavings = cost
        capitalReleased = capital
        planCosts = plan.planCosts
        revenue = review.result.revenue + incrementalSales
        netProfit = review.result.netProfit + incrementalSales * review.contributionRate + costSavings - planCosts
        investment = review.result.investment + incrementalSales * review.workingCapitalRate - capitalReleased
        roi = investment > 0 ? netProfit / investment : nil
        coverageRate = (review.coverage.coveredOutlets + gained) / review.coverage.universe
    }

    /// A driver goal with its credible target, before its amount is known.
    struct Draft {
        let id: String?
        let index: Int
        let metric: Metric
        let target: Double
        let current: Double
        let deadline: Day?
        let horizon: Double
        let credible: Double

        init?(_ goal: Goal, index: Int, review: Review, start: Day?) {
            guard let metric = goal.knownMetric, metric.driverArea != nil, let t = goal.target, t.isFinite,
                  let current = review.value(of: metric) else { return nil }
            id = goal.id
            self.index = index
            self.metric = metric
            target = t
            self.current = current
            deadline = goal.deadline
            horizon = Projection.horizon(start: start, deadline: goal.deadline)
            credible = Projection.credibleTarget(metric: metric, target: t, current: current, horizon: horizon, review: review)
        }
    }

    /// h = min(1, max(0.5, d / 365)), d the days from `period.start` to the deadline,
    /// both counted; 1 without a readable deadline or start (model.md §6). The plan's
    /// period is in calendar days, whatever the case's `days`.
    public static func horizon(start: Day?, deadline: Day?) -> Double {
        guard let start, let deadline else { return 1 }
        let d = Double(deadline - start + 1)
        return min(1, max(0.5, d / 365))
    }

    /// The credible target t′ of a driver goal's target t (model.md §6's table), from the
    /// case's current value c and its limits L scaled by the horizon h.
    public static func credibleTarget(metric: Metric, target t: Double, current c: Double, horizon h: Double,
                                      review: Review) -> Double {
        let limits = review.case.limits
        switch metric.base {
        case "coverage_rate": return min(t, c + limits.coverageRate * h, 1)
        case "skus_per_outlet": return min(t, c + limits.skusPerOutlet * h, review.case.terminal.mustSellSKUs)
        case "sales_per_rep": return min(t, c * (1 + limits.salesPerRep * h))
        case "inventory_days": return max(t, c * (1 - limits.inventoryDays * h))
        case "dso_days": return max(t, c * (1 - limits.dsoDays * h))
        case "cost_per_case": return max(t, c * (1 - limits.costPerCase * h))
        default: return t
        }
    }

    /// Which goal counts on each driver metric: the latest deadline (none counts as the
    /// earliest), then the last listed. Not optimised: Swift 6.3.1's optimiser (its
    /// CopyPropagation pass) crashed on the projection's goal selection in release
    /// builds; this only compares a few dates, so nothing is lost.
    @_optimize(none)
    static func counted(_ drafts: [Draft]) -> [Bool] {
        var counted = [Bool](repeating: false, count: drafts.count)
        var i = 0
        while i < drafts.count {
            var best = i
            var j = 0
            var seenBefore = false
            while j < drafts.count {
                if drafts[j].metric.key == drafts[i].metric.key {
                    if j < i { seenBefore = true }
                    if Self.later(drafts[j], than: drafts[best]) || (j > best && !Self.later(drafts[best], than: drafts[j])) {
                        best = j
                    }
                }
                j += 1
            }
            if !seenBefore { counted[best] = true }
            i += 1
        }
        return counted
    }

    /// True when `a`'s deadline is later than `b`'s (a missing one is the earliest).
    private static func later(_ a: Draft, than b: Draft) -> Bool {
        switch (a.deadline, b.deadline) {
        case (let x?, let y?): return x > y
        case (.some, nil): return true
        default: return false
        }
    }

    /// As `jbp project --json` prints it: `incremental_sales`, `cost_savings`,
    /// `capital_released`, `plan_costs`, `revenue`, `net_profit`, `investment`, `roi`,
    /// `coverage_rate`.
    public var json: JSONValue {
        .object([
            ("incremental_sales", .number(incrementalSales)),
            ("cost_savings", .number(costSavings)),
            ("capital_released", .number(capitalReleased)),
            ("plan_costs", .number(planCosts)),
            ("revenue", .number(revenue)),
            ("net_profit", .number(netProfit)),
            ("investment", .number(investment)),
            ("roi", .number(roi)),
            ("coverage_rate", .number(coverageRate)),
        ])
    }
}
