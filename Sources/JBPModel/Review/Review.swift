/// The review of a case (model.md §2–§4): the result, the six process areas with their
/// GAPs, and the opportunities valued as ROI. Every figure the course teaches and the
/// grader expects comes from here.
public struct Review: Sendable {
    /// The case reviewed.
    public let `case`: Case
    /// 生意结果回顾 (§2).
    public let result: ResultReview
    /// cm: the share of an extra unit of sales that becomes extra net profit
    /// (gross_margin + rebates/R − logistics expenses/R − costs.variable_rate).
    public let contributionRate: Double
    /// wc: the capital an extra unit of sales ties up ((inventory + receivables) / R).
    public let workingCapitalRate: Double
    public let coverage: CoverageReview
    public let terminal: TerminalReview
    public let inventory: InventoryReview
    public let logistics: LogisticsReview
    public let finance: FinanceReview
    public let team: TeamReview
    /// All six areas by `roiDelta`, largest first; exact ties keep the fixed area order.
    public let opportunities: [Opportunity]

    /// The first three opportunities whose `roiDelta` is above zero.
    public var topOpportunities: [Opportunity] {
        Array(opportunities.filter { $0.roiDelta > 0 }.prefix(3))
    }

    /// The opportunity of one area.
    public func opportunity(_ area: Area) -> Opportunity {
        // Every area is in `opportunities` by construction.
        opportunities.first { $0.area == area } ?? opportunities[0]
    }

    /// Reviews a case. The case is checked first (`Case.validate`), so that no figure can
    /// be NaN or infinite; `file` names it in the refusal.
    public init(_ reviewed: Case, file: String = "case") throws(ModelError) {
        try reviewed.validate(file: file)
        self.init(validated: reviewed)
    }

    private init(validated c: Case) {
        self.case = c
        let r = ResultReview(c)
        result = r
        let revenue = c.sales.actual
        contributionRate = r.grossMargin + c.pnl.rebates / revenue - c.pnl.logisticsExpense / revenue - c.costs.variableRate
        workingCapitalRate = (c.balance.inventory + c.balance.receivables) / revenue
        coverage = CoverageReview(c)
        terminal = TerminalReview(c, coveredOutlets: coverage.coveredOutlets)
        inventory = InventoryReview(c)
        logistics = LogisticsReview(c)
        finance = FinanceReview(c)
        team = TeamReview(c, salesAfterDistribution: revenue + coverage.incrementalSales + terminal.incrementalSales)

        let amounts: [(Area, Double)] = [
            (.coverage, coverage.incrementalSales), (.terminal, terminal.incrementalSales),
            (.inventory, inventory.excessStock), (.logistics, logistics.costSaving),
            (.finance, finance.excessReceivables), (.team, team.incrementalSales),
        ]
        let (np, inv, roi) = (r.netProfit, r.investment, r.roi)
        let (cm, wc) = (contributionRate, workingCapitalRate)
        let valued = amounts.map { area, amount -> Opportunity in
            let (newProfit, newInvestment): (Double, Double)
            switch area.kind {
            case .sales: (newProfit, newInvestment) = (np + amount * cm, inv + amount * wc)
            case .cost: (newProfit, newInvestment) = (np + amount, inv)
            case .capital: (newProfit, newInvestment) = (np, inv - amount)
            }
            let after = newProfit / newInvestment
            return Opportunity(area: area, kind: area.kind, amount: amount, roiAfter: after, roiDelta: after - roi)
        }
        // Exact comparison of the computed deltas; the area order settles exact ties.
        opportunities = valued.sorted { a, b in
            a.roiDelta != b.roiDelta ? a.roiDelta > b.roiDelta : a.area < b.area
        }
    }
}

/// 生意结果回顾 (model.md §2). R = `sales.actual`.
public struct ResultReview: Equatable, Sendable {
    /// R.
    public let revenue: Double
    public let salesTarget: Double
    /// 达成率: R / target.
    public let achievementRate: Double
    /// max(0, target − R).
    public let salesGap: Double
    /// R / last_year − 1; nil without last_year.
    public let growthRate: Double?
    /// 毛利: R − cogs.
    public let grossProfit: Double
    public let grossMargin: Double
    public let rebates: Double
    /// The sum of `pnl.expenses`.
    public let operatingExpenses: Double
    /// 净利润: gross_profit + rebates − operating_expenses.
    public let netProfit: Double
    /// 净利率: net_profit / R.
    public let netMargin: Double
    /// 投资额/占用资金.
    public let investment: Double
    /// 资金周转次数: R / investment.
    public let capitalTurnover: Double
    /// 投入产出比: net_profit / investment (= net_margin × capital_turnover).
    public let roi: Double
    public let targetROI: Double
    /// max(0, target_roi − roi).
    public let roiGap: Double

    init(_ c: Case) {
        let r = c.sales.actual
        revenue = r
        salesTarget = c.sales.target
        achievementRate = r / c.sales.target
        salesGap = max(0, c.sales.target - r)
        growthRate = c.sales.lastYear.map { r / $0 - 1 }
        grossProfit = r - c.pnl.cogs
        grossMargin = grossProfit / r
        rebates = c.pnl.rebates
        operatingExpenses = c.pnl.operatingExpenses
        netProfit = grossProfit + rebates - operatingExpenses
        netMargin = netProfit / r
        investment = c.balance.investment
        capitalTurnover = r / investment
        roi = netProfit / investment
        targetROI = c.targets.roi
        roiGap = max(0, targetROI - roi)
    }
}

/// 覆盖: coverage by channel and in total.
public struct CoverageReview: Equatable, Sendable {
    public struct ChannelReview: Equatable, Sendable {
        public let id: String
        public let name: String
        public let universe: Double
        public let covered: Double
        /// covered / universe.
        public let coverageRate: Double
        public let targetRate: Double
        /// ceil⁺(target_rate × universe).
        public let targetOutlets: Double
        /// max(0, target_outlets − covered).
        public let gapOutlets: Double
        public let salesPerOutlet: Double
        /// gap_outlets × sales_per_outlet.
        public let incrementalSales: Double
    }

    public let channels: [ChannelReview]
    public let universe: Double
    public let coveredOutlets: Double
    /// covered_outlets / universe, over all channels.
    public let coverageRate: Double
    public let gapOutlets: Double
    /// The amount (kind sales): Σ incremental_sales.
    public let incrementalSales: Double

    init(_ c: Case) {
        channels = c.coverage.map { ch in
            let target = ceilPlus(ch.targetRate * ch.universe)
            let gap = max(0, target - ch.covered)
            return ChannelReview(id: ch.id, name: ch.name, universe: ch.universe, covered: ch.covered,
                                 coverageRate: ch.covered / ch.universe, targetRate: ch.targetRate,
                                 targetOutlets: target, gapOutlets: gap, salesPerOutlet: ch.salesPerOutlet,
                                 incrementalSales: gap * ch.salesPerOutlet)
        }
        universe = channels.reduce(0) { $0 + $1.universe }
        coveredOutlets = channels.reduce(0) { $0 + $1.covered }
        coverageRate = coveredOutlets / universe
        gapOutlets = channels.reduce(0) { $0 + $1.gapOutlets }
        incrementalSales = channels.reduce(0) { $0 + $1.incrementalSales }
    }

    /// The channel with this id.
    public func channel(_ id: String) -> ChannelReview? {
        channels.first { $0.id == id }
    }
}

/// 终端: SKUs on shelf per outlet and distribution.
public struct TerminalReview: Equatable, Sendable {
    /// distribution_points / audited_outlets.
    public let skusPerOutlet: Double
    /// 铺货率: distribution_points / (audited_outlets × must_sell_skus).
    public let distributionRate: Double
    public let targetSKUsPerOutlet: Double
    /// max(0, target − skus_per_outlet).
    public let gapSKUsPerOutlet: Double
    /// Covered outlets of all channels (the gap applies to each).
    public let coveredOutlets: Double
    /// The amount (kind sales): gap × covered_outlets × sales_per_sku_point.
    public let incrementalSales: Double

    init(_ c: Case, coveredOutlets: Double) {
        let t = c.terminal
        skusPerOutlet = t.distributionPoints / t.auditedOutlets
        distributionRate = t.distributionPoints / (t.auditedOutlets * t.mustSellSKUs)
        targetSKUsPerOutlet = t.targetSKUsPerOutlet
        gapSKUsPerOutlet = max(0, t.targetSKUsPerOutlet - skusPerOutlet)
        self.coveredOutlets = coveredOutlets
        incrementalSales = gapSKUsPerOutlet * coveredOutlets * t.salesPerSKUPoint
    }
}

/// 库存: inventory days and turnover.
public struct InventoryReview: Equatable, Sendable {
    /// cogs / days.
    public let dailyCOGS: Double
    /// inventory / daily_cogs.
    public let inventoryDays: Double
    /// cogs / inventory.
    public let inventoryTurnover: Double
    public let targetDays: Double
    /// max(0, inventory_days − target_days).
    public let gapDays: Double
    /// The amount (kind capital): gap_days × daily_cogs.
    public let excessStock: Double

    init(_ c: Case) {
        dailyCOGS = c.pnl.cogs / Double(c.days)
        inventoryDays = c.balance.inventory / dailyCOGS
        inventoryTurnover = c.pnl.cogs / c.balance.inventory
        targetDays = c.inventory.targetDays
        gapDays = max(0, inventoryDays - targetDays)
        excessStock = gapDays * dailyCOGS
    }
}

/// 物流: on-time delivery, fill rate, cost per case.
public struct LogisticsReview: Equatable, Sendable {
    /// on_time_orders / orders.
    public let onTimeRate: Double
    /// filled_lines / order_lines.
    public let fillRate: Double
    /// expenses.logistics / cases.
    public let costPerCase: Double
    public let targetOnTimeRate: Double
    public let targetFillRate: Double
    public let targetCostPerCase: Double
    public let onTimeGap: Double
    public let fillRateGap: Double
    /// max(0, cost_per_case − target).
    public let costPerCaseGap: Double
    /// The amount (kind cost): cost_per_case_gap × cases.
    public let costSaving: Double

    init(_ c: Case) {
        let l = c.logistics
        onTimeRate = l.onTimeOrders / l.orders
        fillRate = l.filledLines / l.orderLines
        costPerCase = c.pnl.logisticsExpense / l.cases
        targetOnTimeRate = l.targetOnTimeRate
        targetFillRate = l.targetFillRate
        targetCostPerCase = l.targetCostPerCase
        onTimeGap = max(0, l.targetOnTimeRate - onTimeRate)
        fillRateGap = max(0, l.targetFillRate - fillRate)
        costPerCaseGap = max(0, costPerCase - l.targetCostPerCase)
        costSaving = costPerCaseGap * l.cases
    }
}

/// 财务: days sales outstanding and bad debts.
public struct FinanceReview: Equatable, Sendable {
    /// R / days.
    public let dailySales: Double
    /// 应收账款天数: receivables / daily_sales.
    public let dsoDays: Double
    public let targetDSODays: Double
    /// max(0, dso_days − target_dso_days).
    public let gapDays: Double
    /// bad_debts / R.
    public let badDebtRate: Double
    /// The amount (kind capital): gap_days × daily_sales.
    public let excessReceivables: Double

    init(_ c: Case) {
        dailySales = c.sales.actual / Double(c.days)
        dsoDays = c.balance.receivables / dailySales
        targetDSODays = c.finance.targetDSODays
        gapDays = max(0, dsoDays - targetDSODays)
        badDebtRate = c.finance.badDebts / c.sales.actual
        excessReceivables = gapDays * dailySales
    }
}

/// 团队: sales per rep.
public struct TeamReview: Equatable, Sendable {
    public let reps: Double
    /// R / reps.
    public let salesPerRep: Double
    public let targetSalesPerRep: Double
    /// max(0, target − sales_per_rep).
    public let gapPerRep: Double
    /// R + the coverage amount + the terminal amount: the sales once the distribution
    /// GAPs are closed.
    public let salesAfterDistribution: Double
    /// The amount (kind sales): max(0, target_sales_per_rep × reps − sales_after_distribution).
    /// Sales per rep is revenue ÷ reps, so distribution gains raise it; only the sales the
    /// team still lacks after them are the team's own (model.md §3), or the same sales
    /// would be counted twice.
    public let incrementalSales: Double

    init(_ c: Case, salesAfterDistribution: Double) {
        reps = c.team.reps
        salesPerRep = c.sales.actual / c.team.reps
        targetSalesPerRep = c.team.targetSalesPerRep
        gapPerRep = max(0, targetSalesPerRep - salesPerRep)
        self.salesAfterDistribution = salesAfterDistribution
        incrementalSales = max(0, targetSalesPerRep * reps - salesAfterDistribution)
    }
}
