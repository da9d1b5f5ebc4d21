import JBPModel

/// A common mistake (exercises.md "Answers"): a wrong figure a trainee gets
/// by a known slip, computed from the same case, so that feedback can name
/// the slip instead of only saying "wrong". Messages explain the slip and
/// never contain the right value.
public struct Misconception: Sendable {
    /// The id carried by a grade item (`roi_on_gross_profit`).
    public let id: String
    /// What went wrong and what the right way is, without the right value.
    public let message: Message
    /// Whether it concerns the figure at an answer path of the review JSON.
    let applies: @Sendable (_ path: [Substring]) -> Bool
    /// The wrong figure this slip gives for that path, or nil when it has none.
    let value: @Sendable (_ review: Review, _ path: [Substring]) -> Double?

    /// The misconceptions that concern an answer path, with the value each
    /// gives on `review`.
    static func candidates(for path: String, in review: Review) -> [(Misconception, Double)] {
        let components = path.split(separator: ".")
        return catalogue.compactMap { misconception in
            guard misconception.applies(components), let wrong = misconception.value(review, components),
                  wrong.isFinite else { return nil }
            return (misconception, wrong)
        }
    }

    /// The slip's short name as the class dashboard shows it on the projector (the id is the API's).
    public var chineseName: String { Misconception.chineseNames[id] ?? id }

    static let chineseNames: [String: String] = [
        "roi_on_gross_profit": "用毛利算 ROI",
        "roi_on_revenue": "把净利率当成 ROI",
        "roi_on_working_capital": "投资额只算库存和应收",
        "inventory_days_on_revenue": "库存天数按销售额算",
        "dso_on_cogs": "应收天数按销售成本算",
        "coverage_gap_rounded_down": "目标网点向下取整",
        "coverage_gap_to_universe": "覆盖GAP算到全部网点",
        "achievement_as_gap_share": "把缺口占比当达成率",
        "growth_without_minus_one": "增长率忘了减 1",
        "gross_margin_on_cogs": "毛利率除以销售成本",
        "net_profit_without_rebates": "净利润漏了返利",
        "roi_without_rebates": "ROI 漏了返利",
        "inventory_turnover_on_revenue": "库存周转按销售额算",
    ]

    /// The catalogue: the six of exercises.md first, then a few more.
    public static let catalogue: [Misconception] = [
        Misconception(
            id: "roi_on_gross_profit",
            message: Message("你用毛利除以投资额。ROI 的分子是净利润：毛利加上厂家返利，再减去运营费用。",
                             "You divided gross profit by the investment. ROI's numerator is net profit: gross profit plus rebates minus operating expenses."),
            applies: { $0 == ["result", "roi"] },
            value: { review, _ in review.result.grossProfit / review.result.investment }),
        Misconception(
            id: "roi_on_revenue",
            message: Message("你算的是净利率（净利润 ÷ 销售额）。ROI 的分母是投资额（占用资金）：库存 + 应收账款 + 固定资产 + 预付款 − 应付账款。",
                             "You computed the net margin (net profit ÷ revenue). ROI divides by the investment: inventory + receivables + fixed assets + prepayments − payables."),
            applies: { $0 == ["result", "roi"] },
            value: { review, _ in review.result.netProfit / review.result.revenue }),
        Misconception(
            id: "roi_on_working_capital",
            message: Message("你只把库存和应收账款当作投资额。投资额还包括固定资产和预付款，并减去应付账款。",
                             "You took only inventory and receivables as the investment. The investment also includes fixed assets and prepayments, less payables."),
            applies: { $0 == ["result", "roi"] },
            value: { review, _ in
                review.result.netProfit / (review.case.balance.inventory + review.case.balance.receivables)
            }),
        Misconception(
            id: "inventory_days_on_revenue",
            message: Message("你用日均销售额计算库存天数。库存按成本计价，应除以日均销售成本（销售成本 ÷ 天数）。",
                             "You divided by daily revenue. Inventory is valued at cost, so divide it by the daily cost of goods sold (COGS ÷ days)."),
            applies: { $0 == ["areas", "inventory", "inventory_days"] },
            value: { review, _ in
                review.case.balance.inventory / (review.result.revenue / Double(review.case.days))
            }),
        Misconception(
            id: "dso_on_cogs",
            message: Message("你用日均销售成本计算应收账款天数。应收账款按售价计，应除以日均销售额（销售额 ÷ 天数）。",
                             "You divided by the daily cost of goods sold. Receivables are at selling prices, so divide them by daily revenue (revenue ÷ days)."),
            applies: { $0 == ["areas", "finance", "dso_days"] },
            value: { review, _ in
                review.case.balance.receivables / (review.case.pnl.cogs / Double(review.case.days))
            }),
        Misconception(
            id: "coverage_gap_rounded_down",
            message: Message("你把目标网点数向下取整了。达到目标覆盖率至少需要的网点数要向上取整，再减去已覆盖的网点。",
                             "You rounded the target outlets down. The outlets needed to reach the target rate are rounded up, then the covered outlets are subtracted."),
            applies: isCoverageGap,
            value: { review, path in coverageGap(review, path) { floorPlus($0.targetRate * $0.universe) } }),
        Misconception(
            id: "coverage_gap_to_universe",
            message: Message("你算的是到全部网点的差距。覆盖 GAP 是到目标覆盖率所需网点数的差距，而不是到网点总数。",
                             "You measured the gap to every outlet in the territory. The coverage GAP is to the outlets the target rate needs, not to the universe."),
            applies: isCoverageGap,
            value: { review, path in coverageGap(review, path) { $0.universe } }),
        Misconception(
            id: "achievement_as_gap_share",
            message: Message("你算的是差距占指标的比例。达成率 = 实际销售额 ÷ 销售指标。",
                             "You computed the gap's share of the target. The achievement rate is actual sales ÷ the sales target."),
            applies: { $0 == ["result", "achievement_rate"] },
            value: { review, _ in review.result.salesGap / review.result.salesTarget }),
        Misconception(
            id: "growth_without_minus_one",
            message: Message("你算的是今年与去年之比，忘了减 1。增长率 = 今年销售额 ÷ 去年同期 − 1。",
                             "You computed this year over last year and forgot to subtract 1. Growth = this year ÷ last year − 1."),
            applies: { $0 == ["result", "growth_rate"] },
            value: { review, _ in review.case.sales.lastYear.map { review.result.revenue / $0 } }),
        Misconception(
            id: "gross_margin_on_cogs",
            message: Message("你用毛利除以销售成本（那是加价率）。毛利率的分母是销售额。",
                             "You divided gross profit by the cost of goods sold (that is the markup). The gross margin divides by revenue."),
            applies: { $0 == ["result", "gross_margin"] },
            value: { review, _ in review.result.grossProfit / review.case.pnl.cogs }),
        Misconception(
            id: "net_profit_without_rebates",
            message: Message("你漏了厂家返利。净利润 = 毛利 + 返利 − 运营费用。",
                             "You left out the rebates. Net profit = gross profit + rebates − operating expenses."),
            applies: { $0 == ["result", "net_profit"] },
            value: { review, _ in review.result.grossProfit - review.result.operatingExpenses }),
        Misconception(
            id: "roi_without_rebates",
            message: Message("你的净利润漏了厂家返利。净利润 = 毛利 + 返利 − 运营费用，再除以投资额。",
                             "Your net profit leaves out the rebates. Net profit = gross profit + rebates − operating expenses, then divide by the investment."),
            applies: { $0 == ["result", "roi"] },
            value: { review, _ in
                (review.result.grossProfit - review.result.operatingExpenses) / review.result.investment
            }),
        Misconception(
            id: "inventory_turnover_on_revenue",
            message: Message("你用销售额除以库存。库存按成本计价，周转次数 = 销售成本 ÷ 平均库存。",
                             "You divided revenue by inventory. Inventory is at cost: turnover = cost of goods sold ÷ average inventory."),
            applies: { $0 == ["areas", "inventory", "inventory_turnover"] },
            value: { review, _ in review.result.revenue / review.case.balance.inventory }),
    ]

    /// `floor(x + 1e-9)`: the rounding-down twin of the model's `ceil⁺`, so
    /// that a whole product such as 0.95 × 120 stays 114 either way.
    static func floorPlus(_ x: Double) -> Double {
        (x + 1e-9).rounded(.down)
    }

    /// `areas.coverage.gap_outlets` or `areas.coverage.channels.<id>.gap_outlets`.
    @Sendable static func isCoverageGap(_ path: [Substring]) -> Bool {
        guard path.count >= 3, path[0] == "areas", path[1] == "coverage", path.last == "gap_outlets" else { return false }
        return path.count == 3 || (path.count == 5 && path[2] == "channels")
    }

    /// The gap of one channel (or the sum over channels) with `target` in
    /// place of the right target outlets.
    static func coverageGap(_ review: Review, _ path: [Substring], target: (Case.Channel) -> Double) -> Double? {
        let channels = path.count == 5 ? review.case.coverage.filter { $0.id == path[3] } : review.case.coverage
        guard !channels.isEmpty else { return nil }
        return channels.reduce(0) { $0 + max(0, target($1) - $1.covered) }
    }
}
