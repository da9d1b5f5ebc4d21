/// How a figure is measured, which decides the grader's default tolerance
/// (exercises.md: rates ±0.001, money ±0.5 %, days ±0.5, counts exact, ratios ±1 %).
public enum FigureUnit: String, Sendable, CaseIterable {
    /// A fraction (0.95): coverage, margins, ROI.
    case rate
    /// A number of days.
    case days
    /// An amount of money (also per case, per rep, per day).
    case money
    /// A number of outlets, reps, …
    case count
    /// Any other ratio: turnover, SKUs per outlet.
    case ratio

    /// The unit of a leaf of the review JSON by its key (the last component of a path
    /// such as `areas.coverage.channels.traditional.gap_outlets`); nil for non-numbers
    /// (`kind`, ids, names, the opportunity lists) and unknown keys.
    public static func ofReviewKey(_ key: String) -> FigureUnit? {
        reviewKeyUnits[key]
    }

    /// The unit of the figure at a dotted path into the review JSON.
    public static func ofReviewPath(_ path: String) -> FigureUnit? {
        guard let last = path.split(separator: ".").last else { return nil }
        return ofReviewKey(String(last))
    }

    private static let reviewKeyUnits: [String: FigureUnit] = {
        var units: [String: FigureUnit] = [:]
        for key in ["achievement_rate", "growth_rate", "gross_margin", "net_margin", "roi", "target_roi", "roi_gap",
                    "contribution_rate", "working_capital_rate", "roi_after", "roi_delta", "coverage_rate", "target_rate",
                    "distribution_rate", "on_time_rate", "fill_rate", "target_on_time_rate", "target_fill_rate",
                    "on_time_gap", "fill_rate_gap", "bad_debt_rate"] { units[key] = .rate }
        for key in ["inventory_days", "target_days", "gap_days", "dso_days", "target_dso_days"] { units[key] = .days }
        for key in ["revenue", "sales_target", "sales_gap", "gross_profit", "rebates", "operating_expenses", "net_profit",
                    "investment", "amount", "incremental_sales", "daily_cogs", "daily_sales", "cost_per_case",
                    "target_cost_per_case", "cost_per_case_gap", "sales_per_rep", "target_sales_per_rep", "gap_per_rep",
                    "sales_per_outlet", "sales_after_distribution"] { units[key] = .money }
        for key in ["universe", "covered", "covered_outlets", "target_outlets", "gap_outlets", "reps"] { units[key] = .count }
        for key in ["capital_turnover", "inventory_turnover", "skus_per_outlet", "target_skus_per_outlet",
                    "gap_skus_per_outlet"] { units[key] = .ratio }
        return units
    }()
}

extension Review {
    /// The review as `jbp review --json` prints it and the grader looks answers up in:
    /// `case`, `result`, `contribution_rate`, `working_capital_rate`, `areas.<area>`,
    /// `opportunities`, `top_opportunities` (exercises.md's command table).
    public var json: JSONValue {
        let r = result
        let resultJSON: JSONValue = .object([
            ("revenue", .number(r.revenue)),
            ("sales_target", .number(r.salesTarget)),
            ("achievement_rate", .number(r.achievementRate)),
            ("sales_gap", .number(r.salesGap)),
            ("growth_rate", .number(r.growthRate)),
            ("gross_profit", .number(r.grossProfit)),
            ("gross_margin", .number(r.grossMargin)),
            ("rebates", .number(r.rebates)),
            ("operating_expenses", .number(r.operatingExpenses)),
            ("net_profit", .number(r.netProfit)),
            ("net_margin", .number(r.netMargin)),
            ("investment", .number(r.investment)),
            ("capital_turnover", .number(r.capitalTurnover)),
            ("roi", .number(r.roi)),
            ("target_roi", .number(r.targetROI)),
            ("roi_gap", .number(r.roiGap)),
        ])
        let channels: [JSONValue] = coverage.channels.map { ch in
            .object([
                ("id", .string(ch.id)),
                ("name", .string(ch.name)),
                ("universe", .number(ch.universe)),
                ("covered", .number(ch.covered)),
                ("coverage_rate", .number(ch.coverageRate)),
                ("target_rate", .number(ch.targetRate)),
                ("target_outlets", .number(ch.targetOutlets)),
                ("gap_outlets", .number(ch.gapOutlets)),
                ("incremental_sales", .number(ch.incrementalSales)),
            ])
        }
        let kpis: [Area: [(key: String, value: JSONValue)]] = [
            .coverage: [
                ("universe", .number(coverage.universe)),
                ("covered_outlets", .number(coverage.coveredOutlets)),
                ("coverage_rate", .number(coverage.coverageRate)),
                ("gap_outlets", .number(coverage.gapOutlets)),
                ("channels", .array(channels)),
            ],
            .terminal: [
                ("skus_per_outlet", .number(terminal.skusPerOutlet)),
                ("distribution_rate", .number(terminal.distributionRate)),
                ("target_skus_per_outlet", .number(terminal.targetSKUsPerOutlet)),
                ("gap_skus_per_outlet", .number(terminal.gapSKUsPerOutlet)),
                ("covered_outlets", .number(terminal.coveredOutlets)),
            ],
            .inventory: [
                ("daily_cogs", .number(inventory.dailyCOGS)),
                ("inventory_days", .number(inventory.inventoryDays)),
                ("inventory_turnover", .number(inventory.inventoryTurnover)),
                ("target_days", .number(inventory.targetDays)),
                ("gap_days", .number(inventory.gapDays)),
            ],
            .logistics: [
                ("on_time_rate", .number(logistics.onTimeRate)),
                ("fill_rate", .number(logistics.fillRate)),
                ("cost_per_case", .number(logistics.costPerCase)),
                ("target_on_time_rate", .number(logistics.targetOnTimeRate)),
                ("target_fill_rate", .number(logistics.targetFillRate)),
                ("target_cost_per_case", .number(logistics.targetCostPerCase)),
                ("on_time_gap", .number(logistics.onTimeGap)),
                ("fill_rate_gap", .number(logistics.fillRateGap)),
                ("cost_per_case_gap", .number(logistics.costPerCaseGap)),
            ],
            .finance: [
                ("daily_sales", .number(finance.dailySales)),
                ("dso_days", .number(finance.dsoDays)),
                ("target_dso_days", .number(finance.targetDSODays)),
                ("gap_days", .number(finance.gapDays)),
                ("bad_debt_rate", .number(finance.badDebtRate)),
            ],
            .team: [
                ("reps", .number(team.reps)),
                ("sales_per_rep", .number(team.salesPerRep)),
                ("target_sales_per_rep", .number(team.targetSalesPerRep)),
                ("gap_per_rep", .number(team.gapPerRep)),
                ("sales_after_distribution", .number(team.salesAfterDistribution)),
            ],
        ]
        let areas: [(key: String, value: JSONValue)] = Area.allCases.map { area in
            let o = opportunity(area)
            let members = (kpis[area] ?? []) + [
                ("kind", .string(o.kind.rawValue)),
                ("amount", .number(o.amount)),
                ("roi_after", .number(o.roiAfter)),
                ("roi_delta", .number(o.roiDelta)),
            ]
            return (key: area.rawValue, value: .object(members))
        }
        return .object([
            ("case", self.case.json),
            ("result", resultJSON),
            ("contribution_rate", .number(contributionRate)),
            ("working_capital_rate", .number(workingCapitalRate)),
            ("areas", .object(areas)),
            ("opportunities", .array(opportunities.map { .string($0.area.rawValue) })),
            ("top_opportunities", .array(topOpportunities.map { .string($0.area.rawValue) })),
        ])
    }
}
