/// A distributor case (经销商案例, model.md §1): one distributor over one review period.
///
/// Money is in `currency`; rates are fractions (0.95, not 95). A `Case` read by
/// `Case.read` has passed every rule of §1; one built or changed in code (a variant)
/// should be checked with `validate(file:)` — `Review` does so itself.
public struct Case: Equatable, Sendable {
    /// `id`: the case's id (`hengda-2025`).
    public var id: String
    /// `name`: the distributor's name.
    public var name: String
    /// `currency`, default `CNY`.
    public var currency: String
    /// The length of the review period in days (default 365).
    public var days: Int
    /// `sales`.
    public var sales: Sales
    /// `pnl`.
    public var pnl: PnL
    /// `balance`.
    public var balance: Balance
    /// `targets`.
    public var targets: Targets
    /// The channels (`coverage[]`), in file order.
    public var coverage: [Channel]
    /// `terminal`.
    public var terminal: Terminal
    /// `inventory`.
    public var inventory: Inventory
    /// `logistics`.
    public var logistics: Logistics
    /// `finance`.
    public var finance: Finance
    /// `team`.
    public var team: Team
    /// `costs` (optional): costs that grow with sales.
    public var costs: Costs = Costs()
    /// `limits` (optional): the largest credible change of each driver metric in 12 months.
    public var limits: Limits = .defaults

    /// 销售指标, 实际销售额, 去年同期.
    public struct Sales: Equatable, Sendable {
        /// `sales.target`: 销售指标.
        public var target: Double
        /// `sales.actual`: 实际销售额 (R).
        public var actual: Double
        /// Nil when the case has no last year (then `growth_rate` is null).
        public var lastYear: Double?
    }

    /// One line of `pnl.expenses` (staff, warehouse, logistics, other, or any further key).
    public struct Expense: Equatable, Sendable {
        /// The expense key (`staff`, `logistics`, …).
        public var name: String
        public var amount: Double

        public init(name: String, amount: Double) {
            self.name = name
            self.amount = amount
        }
    }

    /// 损益: cost of goods sold, rebates received, operating expenses by type.
    public struct PnL: Equatable, Sendable {
        /// `pnl.cogs`: 销售成本.
        public var cogs: Double
        /// Default 0.
        public var rebates: Double
        /// In file order; `logistics` is required.
        public var expenses: [Expense]

        /// `expenses.logistics`: the one cost that grows with sales in the model.
        public var logisticsExpense: Double {
            expenses.first { $0.name == "logistics" }?.amount ?? 0
        }

        /// The sum of all expense lines (运营费用).
        public var operatingExpenses: Double {
            expenses.reduce(0) { $0 + $1.amount }
        }
    }

    /// Average balances over the period.
    public struct Balance: Equatable, Sendable {
        /// 平均库存, at cost.
        public var inventory: Double
        /// 平均应收账款.
        public var receivables: Double
        /// `balance.fixed_assets`, default 0.
        public var fixedAssets: Double
        /// `balance.prepayments`, default 0.
        public var prepayments: Double
        /// `balance.payables`, default 0.
        public var payables: Double

        /// 投资额/占用资金: inventory + receivables + fixed_assets + prepayments − payables.
        public var investment: Double {
            inventory + receivables + fixedAssets + prepayments - payables
        }
    }

    /// `targets`.
    public struct Targets: Equatable, Sendable {
        /// The ROI the manufacturer wants this distributor to reach.
        public var roi: Double
    }

    /// A channel of the territory (`coverage[]`).
    public struct Channel: Equatable, Sendable {
        /// `id`: unique among the channels; the review JSON addresses the channel by it.
        public var id: String
        /// `name` (现代渠道).
        public var name: String
        /// Outlets in the territory.
        public var universe: Double
        /// Active (covered) outlets.
        public var covered: Double
        /// `target_rate`: the coverage rate to reach.
        public var targetRate: Double
        /// Annual sales per covered outlet.
        public var salesPerOutlet: Double
    }

    /// The 终端 audit.
    public struct Terminal: Equatable, Sendable {
        /// `must_sell_skus`.
        public var mustSellSKUs: Double
        /// `audited_outlets`.
        public var auditedOutlets: Double
        /// Must-sell SKUs found on shelf across the audited outlets.
        public var distributionPoints: Double
        /// `target_skus_per_outlet`.
        public var targetSKUsPerOutlet: Double
        /// Annual sales per SKU on shelf in one outlet.
        public var salesPerSKUPoint: Double
    }

    /// `inventory`.
    public struct Inventory: Equatable, Sendable {
        /// 目标库存天数.
        public var targetDays: Double
    }

    /// `logistics`: 物流.
    public struct Logistics: Equatable, Sendable {
        /// `orders`.
        public var orders: Double
        /// `on_time_orders` (≤ orders).
        public var onTimeOrders: Double
        /// `order_lines`.
        public var orderLines: Double
        /// `filled_lines` (≤ order_lines).
        public var filledLines: Double
        /// `cases` shipped.
        public var cases: Double
        /// `target_on_time_rate`.
        public var targetOnTimeRate: Double
        /// `target_fill_rate`.
        public var targetFillRate: Double
        /// `target_cost_per_case`.
        public var targetCostPerCase: Double
    }

    /// `finance`: 财务.
    public struct Finance: Equatable, Sendable {
        /// `target_dso_days`.
        public var targetDSODays: Double
        /// Default 0.
        public var badDebts: Double
    }

    /// `team`: 团队.
    public struct Team: Equatable, Sendable {
        /// `reps`: sales reps.
        public var reps: Double
        /// `target_sales_per_rep`.
        public var targetSalesPerRep: Double
    }

    /// `costs`: costs other than logistics that grow with sales.
    public struct Costs: Equatable, Sendable {
        /// `costs.variable_rate`, default 0: commissions, handling, 报损 as a share of
        /// sales, in [0, 1). It lowers the contribution rate (model.md §2).
        public var variableRate: Double

        public init(variableRate: Double = 0) {
            self.variableRate = variableRate
        }
    }

    /// `limits`: the largest change a plan can credibly make to each driver metric in
    /// 12 months (model.md §6, credible targets). Points for coverage rates, SKUs for
    /// SKUs per outlet, a share of the current value for the others.
    public struct Limits: Equatable, Sendable {
        /// `limits.coverage_rate`, default 0.15 (points of coverage rate).
        public var coverageRate: Double
        /// `limits.skus_per_outlet`, default 2.0 (SKUs).
        public var skusPerOutlet: Double
        /// `limits.sales_per_rep`, default 0.25 (share of the current value).
        public var salesPerRep: Double
        /// `limits.inventory_days`, default 0.40 (share).
        public var inventoryDays: Double
        /// `limits.dso_days`, default 0.30 (share).
        public var dsoDays: Double
        /// `limits.cost_per_case`, default 0.15 (share).
        public var costPerCase: Double

        /// The keys of `limits`, in model.md §1's order.
        public static let keys = ["coverage_rate", "skus_per_outlet", "sales_per_rep", "inventory_days", "dso_days", "cost_per_case"]

        /// model.md §6's defaults.
        public static let defaults = Limits(coverageRate: 0.15, skusPerOutlet: 2.0, salesPerRep: 0.25,
                                            inventoryDays: 0.40, dsoDays: 0.30, costPerCase: 0.15)

        public init(coverageRate: Double, skusPerOutlet: Double, salesPerRep: Double,
                    inventoryDays: Double, dsoDays: Double, costPerCase: Double) {
            self.coverageRate = coverageRate
            self.skusPerOutlet = skusPerOutlet
            self.salesPerRep = salesPerRep
            self.inventoryDays = inventoryDays
            self.dsoDays = dsoDays
            self.costPerCase = costPerCase
        }

        /// The limit of a key of `limits` (a driver metric's base).
        public func value(_ key: String) -> Double? {
            switch key {
            case "coverage_rate": return coverageRate
            case "skus_per_outlet": return skusPerOutlet
            case "sales_per_rep": return salesPerRep
            case "inventory_days": return inventoryDays
            case "dso_days": return dsoDays
            case "cost_per_case": return costPerCase
            default: return nil
            }
        }

        /// The limits as pairs, in `keys`' order.
        var members: [(key: String, value: Double)] {
            Limits.keys.map { ($0, value($0) ?? 0) }
        }
    }

    /// The channel with this id.
    public func channel(_ id: String) -> Channel? {
        coverage.first { $0.id == id }
    }
}

// MARK: - Reading

extension Case {
    /// The top-level keys of the case format, in model.md §1's order.
    public static let keys = ["id", "name", "currency", "days", "sales", "pnl", "balance", "targets",
                              "coverage", "terminal", "inventory", "logistics", "finance", "team", "costs", "limits"]

    /// Reads a case from YAML or JSON text and checks every rule of §1.
    /// `file` names the file in messages.
    public static func read(_ text: String, file: String) throws(ModelError) -> Case {
        try read(Document.parse(text, file: file))
    }

    /// Reads a case from a parsed document (or a part of one) and checks every rule of §1.
    public static func read(_ root: Field) throws(ModelError) -> Case {
        let top = try root.map(keys: keys)
        // Read in the format's order, so that the first problem reported is the first in the file.
        let id = try top.required("id").string()
        let name = try top.required("name").string()
        let currency = try top["currency"]?.string() ?? "CNY"
        let days = try top["days"]?.wholeNumber(in: 1...100_000) ?? 365
        let sales = try top.required("sales").map(keys: ["target", "actual", "last_year"])
        let pnl = try top.required("pnl").map(keys: ["cogs", "rebates", "expenses"])
        let expenseMap = try pnl.required("expenses").openMap()
        var expenses: [Expense] = []
        for member in expenseMap.members {
            expenses.append(Expense(name: member.key, amount: try member.field.number()))
        }
        _ = try expenseMap.required("logistics")
        let balance = try top.required("balance").map(keys: ["inventory", "receivables", "fixed_assets", "prepayments", "payables"])
        let targets = try top.required("targets").map(keys: ["roi"])

        var channels: [Channel] = []
        for item in try top.required("coverage").list() {
            let c = try item.map(keys: ["id", "name", "universe", "covered", "target_rate", "sales_per_outlet"])
            channels.append(Channel(
                id: try c.required("id").string(),
                name: try c.required("name").string(),
                universe: try c.required("universe").number(),
                covered: try c.required("covered").number(),
                targetRate: try c.required("target_rate").number(),
                salesPerOutlet: try c.required("sales_per_outlet").number()))
        }
        let terminal = try top.required("terminal").map(keys: ["must_sell_skus", "audited_outlets", "distribution_points",
                                                                "target_skus_per_outlet", "sales_per_sku_point"])
        let inventory = try top.required("inventory").map(keys: ["target_days"])
        let logistics = try top.required("logistics").map(keys: ["orders", "on_time_orders", "order_lines", "filled_lines", "cases",
                                                                  "target_on_time_rate", "target_fill_rate", "target_cost_per_case"])
        let finance = try top.required("finance").map(keys: ["target_dso_days", "bad_debts"])
        let team = try top.required("team").map(keys: ["reps", "target_sales_per_rep"])
        let costs = try top["costs"]?.map(keys: ["variable_rate"])
        let variableRate = try costs?["variable_rate"]?.number() ?? 0
        var limits = Limits.defaults
        if let field = top["limits"] {
            let map = try field.map(keys: Limits.keys)
            func read(_ key: String, _ into: inout Double) throws(ModelError) {
                if let value = try map[key]?.number() { into = value }
            }
            try read("coverage_rate", &limits.coverageRate)
            try read("skus_per_outlet", &limits.skusPerOutlet)
            try read("sales_per_rep", &limits.salesPerRep)
            try read("inventory_days", &limits.inventoryDays)
            try read("dso_days", &limits.dsoDays)
            try read("cost_per_case", &limits.costPerCase)
        }

        let result = Case(
            id: id, name: name, currency: currency, days: days,
            sales: Sales(target: try sales.required("target").number(),
                         actual: try sales.required("actual").number(),
                         lastYear: try sales["last_year"]?.number()),
            pnl: PnL(cogs: try pnl.required("cogs").number(),
                     rebates: try pnl["rebates"]?.number() ?? 0,
                     expenses: expenses),
            balance: Balance(inventory: try balance.required("inventory").number(),
                             receivables: try balance.required("receivables").number(),
                             fixedAssets: try balance["fixed_assets"]?.number() ?? 0,
                             prepayments: try balance["prepayments"]?.number() ?? 0,
                             payables: try balance["payables"]?.number() ?? 0),
            targets: Targets(roi: try targets.required("roi").number()),
            coverage: channels,
            terminal: Terminal(mustSellSKUs: try terminal.required("must_sell_skus").number(),
                               auditedOutlets: try terminal.required("audited_outlets").number(),
                               distributionPoints: try terminal.required("distribution_points").number(),
                               targetSKUsPerOutlet: try terminal.required("target_skus_per_outlet").number(),
                               salesPerSKUPoint: try terminal.required("sales_per_sku_point").number()),
            inventory: Inventory(targetDays: try inventory.required("target_days").number()),
            logistics: Logistics(orders: try logistics.required("orders").number(),
                                 onTimeOrders: try logistics.required("on_time_orders").number(),
                                 orderLines: try logistics.required("order_lines").number(),
                                 filledLines: try logistics.required("filled_lines").number(),
                                 cases: try logistics.required("cases").number(),
                                 targetOnTimeRate: try logistics.required("target_on_time_rate").number(),
                                 targetFillRate: try logistics.required("target_fill_rate").number(),
                                 targetCostPerCase: try logistics.required("target_cost_per_case").number()),
            finance: Finance(targetDSODays: try finance.required("target_dso_days").number(),
                             badDebts: try finance["bad_debts"]?.number() ?? 0),
            team: Team(reps: try team.required("reps").number(),
                       targetSalesPerRep: try team.required("target_sales_per_rep").number()),
            costs: Costs(variableRate: variableRate),
            limits: limits)
        do {
            try result.validate(file: root.file)
        } catch {
            var located = error
            located.line = root.line(at: error.path) ?? root.line
            throw located
        }
        return result
    }

    /// Checks the rules of model.md §1 that are about values: no negative amount, rates in
    /// [0, 1], no zero that a formula divides by, covered ≤ universe, on_time_orders ≤
    /// orders, filled_lines ≤ order_lines, distribution_points ≤ audited_outlets ×
    /// must_sell_skus, investment above zero, days a positive whole number, one id per
    /// channel. The first broken rule is thrown, naming its key path, in English
    /// (`message`, for authors and `jbp check`) and in Chinese (`chinese`, for the trainee
    /// who enters a distributor's figures), the figure named as the case template names it.
    public func validate(file: String) throws(ModelError) {
        let rules = Rules(file: file, channels: coverage)
        guard days >= 1 else {
            throw rules.fail("days", "\(days) is not a positive whole number",
                             chinese: "回顾期天数应为正整数（如 365），实际是 \(days)")
        }
        try rules.positive(sales.target, "sales.target")
        try rules.positive(sales.actual, "sales.actual")
        if let lastYear = sales.lastYear { try rules.positive(lastYear, "sales.last_year") }
        try rules.positive(pnl.cogs, "pnl.cogs")
        try rules.amount(pnl.rebates, "pnl.rebates")
        for expense in pnl.expenses { try rules.amount(expense.amount, "pnl.expenses.\(expense.name)") }
        guard pnl.expenses.contains(where: { $0.name == "logistics" }) else {
            throw rules.fail("pnl.expenses.logistics", "missing (required)",
                             chinese: "缺少\(rules.name("pnl.expenses.logistics"))（必填；没有这项费用就填 0）")
        }
        try rules.positive(balance.inventory, "balance.inventory")
        try rules.amount(balance.receivables, "balance.receivables")
        try rules.amount(balance.fixedAssets, "balance.fixed_assets")
        try rules.amount(balance.prepayments, "balance.prepayments")
        try rules.amount(balance.payables, "balance.payables")
        try rules.rate(targets.roi, "targets.roi")

        guard !coverage.isEmpty else {
            throw rules.fail("coverage", "has no channel (at least one is needed)",
                             chinese: "一个渠道也没有填，至少要填一个渠道（它的网点总数、活跃网点数等）")
        }
        var seen: [String: Int] = [:]
        for (i, channel) in coverage.enumerated() {
            let at = "coverage[\(i)]"
            guard !channel.id.isEmpty, !channel.id.contains("."), !channel.id.contains(where: \.isWhitespace) else {
                throw rules.fail("\(at).id", "\"\(channel.id)\" is not a usable channel id (non-empty, no spaces or dots)",
                                 chinese: channel.id.isEmpty
                                     ? "\(rules.name("\(at).id"))是空的，要填一个编号（英文字母，不能有空格或点）"
                                     : "\(rules.name("\(at).id"))“\(Rules.shown(channel.id))”不能用：编号要用英文字母，不能有空格或点")
            }
            if let first = seen[channel.id] {
                throw rules.fail("\(at).id", "duplicate channel id \(channel.id) (also coverage[\(first)])",
                                 chinese: "\(rules.name("\(at).id"))“\(Rules.shown(channel.id))”和第 \(first + 1) 个渠道的编号重复了，每个渠道的编号要不同")
            }
            seen[channel.id] = i
            try rules.positive(channel.universe, "\(at).universe")
            try rules.amount(channel.covered, "\(at).covered")
            try rules.atMost(channel.covered, "\(at).covered", channel.universe, "universe", chinese: "这个渠道的区域内网点总数")
            try rules.rate(channel.targetRate, "\(at).target_rate")
            try rules.amount(channel.salesPerOutlet, "\(at).sales_per_outlet")
        }

        try rules.positive(terminal.mustSellSKUs, "terminal.must_sell_skus")
        try rules.positive(terminal.auditedOutlets, "terminal.audited_outlets")
        try rules.amount(terminal.distributionPoints, "terminal.distribution_points")
        try rules.atMost(terminal.distributionPoints, "terminal.distribution_points",
                         terminal.auditedOutlets * terminal.mustSellSKUs, "audited_outlets × must_sell_skus",
                         chinese: "检查过的网点数 × 必销 SKU 数")
        try rules.amount(terminal.targetSKUsPerOutlet, "terminal.target_skus_per_outlet")
        try rules.amount(terminal.salesPerSKUPoint, "terminal.sales_per_sku_point")
        try rules.amount(inventory.targetDays, "inventory.target_days")

        try rules.positive(logistics.orders, "logistics.orders")
        try rules.amount(logistics.onTimeOrders, "logistics.on_time_orders")
        try rules.atMost(logistics.onTimeOrders, "logistics.on_time_orders", logistics.orders, "orders", chinese: "订单数")
        try rules.positive(logistics.orderLines, "logistics.order_lines")
        try rules.amount(logistics.filledLines, "logistics.filled_lines")
        try rules.atMost(logistics.filledLines, "logistics.filled_lines", logistics.orderLines, "order_lines", chinese: "订单行数")
        try rules.positive(logistics.cases, "logistics.cases")
        try rules.rate(logistics.targetOnTimeRate, "logistics.target_on_time_rate")
        try rules.rate(logistics.targetFillRate, "logistics.target_fill_rate")
        try rules.amount(logistics.targetCostPerCase, "logistics.target_cost_per_case")

        try rules.amount(finance.targetDSODays, "finance.target_dso_days")
        try rules.amount(finance.badDebts, "finance.bad_debts")
        try rules.positive(team.reps, "team.reps")
        try rules.amount(team.targetSalesPerRep, "team.target_sales_per_rep")
        try rules.finite(costs.variableRate, "costs.variable_rate")
        guard costs.variableRate >= 0, costs.variableRate < 1 else {
            throw rules.fail("costs.variable_rate", "\(NumberSyntax.format(costs.variableRate)) is not a share of sales in [0, 1) (0.01 is 1 % of sales)",
                             chinese: "\(rules.name("costs.variable_rate"))应在 0 到 1 之间（可以是 0，不能是 1；0.01 表示销售额的 1%），实际是 \(NumberSyntax.format(costs.variableRate))")
        }
        for (key, value) in limits.members {
            try rules.finite(value, "limits.\(key)")
            guard value > 0, value <= Rules.largest else {
                // A limit of 0 would make every improvement incredible; say what a limit is.
                let example = NumberSyntax.format(Limits.defaults.value(key) ?? 0.15)
                let name = rules.name("limits.\(key)")
                throw rules.fail("limits.\(key)", "\(NumberSyntax.format(value)) is not above zero (a limit is the largest credible change in 12 months, e.g. \(example))",
                                 chinese: value > 0
                                     ? "\(name)太大了（\(NumberSyntax.format(value))），不能超过 1000 万亿（10^15）"
                                     : "\(name)应大于 0（上限是 12 个月内能做到的最大改变，如 \(example)），实际是 \(NumberSyntax.format(value))")
            }
        }

        // ROI divides by the investment, and so do the ROIs after releasing capital (§4).
        let investment = balance.investment
        guard investment > 0 else {
            throw rules.fail("balance", "investment (inventory + receivables + fixed_assets + prepayments − payables) is \(NumberSyntax.format(investment)), must be above zero",
                             chinese: "投资额（平均库存 + 平均应收账款 + 固定资产 + 预付款 − 应付账款）是 \(NumberSyntax.format(investment))，应大于 0（ROI 要除以它）")
        }
        let dailyCOGS = pnl.cogs / Double(days)
        let excessStock = max(0, balance.inventory / dailyCOGS - inventory.targetDays) * dailyCOGS
        let dailySales = sales.actual / Double(days)
        let excessReceivables = max(0, balance.receivables / dailySales - finance.targetDSODays) * dailySales
        for (area, released) in [("inventory", excessStock), ("finance", excessReceivables)] where !(investment - released > 0) {
            throw rules.fail("balance", "investment after closing the \(area) GAP would be \(NumberSyntax.format(investment - released)), must stay above zero (a formula divides by it)",
                             chinese: "补上\(area == "inventory" ? "库存" : "应收账款")的 GAP 后，投资额会变成 \(NumberSyntax.format(investment - released))，应保持大于 0（ROI 要除以它）：请核对平均库存、平均应收账款和应付账款")
        }
    }
}

/// The value rules of model.md §1, each throwing a one-line refusal in English and in Chinese.
struct Rules {
    let file: String
    /// The case's channels, to name a channel's figure in Chinese (`coverage[1]` is
    /// 第 2 个渠道（传统渠道）); empty outside a case.
    var channels: [Case.Channel] = []

    func fail(_ path: String, _ message: String, chinese: String? = nil) -> ModelError {
        ModelError(file: file, path: path, message: message, chinese: chinese)
    }

    /// The figure at `path` in a Chinese sentence: see `Case.chineseName(at:channels:)`.
    func name(_ path: String) -> String {
        Case.chineseName(at: path, channels: channels)
    }

    func finite(_ x: Double, _ path: String) throws(ModelError) {
        guard x.isFinite else {
            throw fail(path, "\(x) is not a finite number",
                       chinese: Rules.spaced(name(path), x.isNaN ? "不是有效的数字，应填一个普通的数字" : "是无穷大，应填一个普通的数字"))
        }
    }

    /// No amount or count in the formats comes near 10^15; beyond it products of figures
    /// could overflow to infinity, which no figure may be.
    static let largest = 1e15

    /// An amount or a count: not negative, and not absurdly large.
    func amount(_ x: Double, _ path: String) throws(ModelError) {
        try finite(x, path)
        guard x >= 0 else {
            throw fail(path, "\(NumberSyntax.format(x)) is negative (must be 0 or more)",
                       chinese: Rules.spaced(name(path), "不能是负数（\(NumberSyntax.format(x))），应为 0 或以上"))
        }
        guard x <= Rules.largest else {
            throw fail(path, "\(NumberSyntax.format(x)) is too large (at most 10^15)",
                       chinese: Rules.spaced(name(path), "太大了（\(NumberSyntax.format(x))），不能超过 1000 万亿（10^15）"))
        }
    }

    /// An amount a formula divides by: above zero.
    func positive(_ x: Double, _ path: String) throws(ModelError) {
        try amount(x, path)
        guard x > 0 else {
            throw fail(path, "is 0, but a formula divides by it (must be above zero)",
                       chinese: Rules.spaced(name(path), "不能是 0（计算时要除以它），应大于 0"))
        }
    }

    /// A rate: a fraction in [0, 1].
    func rate(_ x: Double, _ path: String) throws(ModelError) {
        try finite(x, path)
        guard (0...1).contains(x) else {
            throw fail(path, "\(NumberSyntax.format(x)) is not a rate between 0 and 1 (rates are fractions: 0.95, not 95)",
                       chinese: Rules.spaced(name(path), "应在 0 到 1 之间（比率写成小数，0.95 表示 95%），实际是 \(NumberSyntax.format(x))"))
        }
    }

    /// `x` at most `limit`; `limitName` is the limit in English, `chinese` in Chinese.
    func atMost(_ x: Double, _ path: String, _ limit: Double, _ limitName: String, chinese: String) throws(ModelError) {
        guard x <= limit else {
            throw fail(path, "\(NumberSyntax.format(x)) is more than \(limitName) \(NumberSyntax.format(limit))",
                       chinese: Rules.spaced(name(path), "是 \(NumberSyntax.format(x))，不能超过\(chinese)（\(NumberSyntax.format(limit))）"))
        }
    }

    /// `name` followed by `rest`, with a space between when the name ends in a Latin
    /// letter or a digit (`目标投入产出比 ROI 应在…`, `平均库存不能…`).
    static func spaced(_ name: String, _ rest: String) -> String {
        guard let last = name.unicodeScalars.last, last.isASCII, last.properties.isAlphabetic || ("0"..."9").contains(last) else {
            return name + rest
        }
        return name + " " + rest
    }

    /// Text the user typed (a channel id or name, an expense key), on one line and short,
    /// so that a Chinese refusal stays one line.
    static func shown(_ text: String) -> String {
        let line = Document.oneLine(text)
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}

extension Case {
    /// Figures whose Chinese name in a sentence is not the case template's 中文名称 with
    /// its explanation in brackets left out (a question, or too long to stand in a sentence).
    static let chineseNames: [String: String] = [
        "balance": "投资额",
        "coverage": "渠道",
        "targets.roi": "目标投入产出比 ROI",
        "costs.variable_rate": "变动费用率",
        "limits.coverage_rate": "覆盖率的计划上限",
        "limits.skus_per_outlet": "单店 SKU 数的计划上限",
        "limits.sales_per_rep": "人均销售额的计划上限",
        "limits.inventory_days": "库存天数的计划上限",
        "limits.dso_days": "应收账款天数的计划上限",
        "limits.cost_per_case": "每箱物流成本的计划上限",
        // A portfolio's figures (model.md §5), which share these rules.
        "segmentation.scale_threshold": "规模门槛",
        "segmentation.headroom_threshold": "增长空间门槛",
    ]

    /// The figure at a key path as a Chinese sentence names it: the case template's
    /// 中文名称 without its bracketed explanation (`balance.inventory` is 平均库存), a
    /// channel's figure with the channel's place and name (`coverage[1].covered` is
    /// 第 2 个渠道（传统渠道）的活跃网点数), a further expense line by its key; the path
    /// itself for a path that is no figure.
    static func chineseName(at path: String, channels: [Channel] = []) -> String {
        if let name = chineseNames[path] { return name }
        for (list, noun) in [("coverage", "个渠道"), ("distributors", "家经销商")] where path.hasPrefix(list + "[") {
            let rest = path.dropFirst(list.count + 1)
            guard let close = rest.firstIndex(of: "]"), let i = Int(rest[..<close]) else { break }
            var owner = "第 \(i + 1) \(noun)"
            if list == "coverage", channels.indices.contains(i), !channels[i].name.isEmpty {
                owner += "（\(Rules.shown(channels[i].name))）"
            }
            let field = String(rest[rest.index(after: close)...].drop(while: { $0 == "." }))
            if field.isEmpty { return owner }
            let name: String?
            if list == "coverage" {
                name = CaseTemplate.channelFields.first { $0.field == field }.map { plain($0.name) }
            } else {
                name = ["id": "编号", "name": "名称", "sales": "销售额", "market_potential": "市场潜量"][field]
            }
            return owner + "的" + (name ?? field)
        }
        if let row = CaseTemplate.rows.first(where: { $0.key == path }) { return plain(row.name) }
        if path.hasPrefix("pnl.expenses.") { return "费用“\(Rules.shown(String(path.dropFirst("pnl.expenses.".count))))”" }
        return path
    }

    /// A template name without its explanation: `平均库存（按进货成本）` is 平均库存.
    private static func plain(_ name: String) -> String {
        String(name[..<(name.firstIndex(of: "（") ?? name.endIndex)]).trimmingSpacesAndNewlines()
    }
}

extension Field {
    /// The line of the value at a key path below this one (`coverage[1].covered`), if any.
    func line(at path: String) -> Int? {
        var tree = self.tree
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.first == "." { rest = rest.dropFirst() }
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      case .list(let items, _) = tree, items.indices.contains(index) else { return tree.line }
                tree = items[index]
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = String(rest[..<end])
                guard case .map(let entries, _) = tree, let entry = entries.first(where: { $0.key == key }) else { return tree.line }
                tree = entry.value
                rest = rest[end...]
            }
        }
        return tree.line
    }
}

// MARK: - Writing

extension Case {
    /// The case in its own format as JSON, keys in model.md §1's order (defaults written out).
    public var json: JSONValue {
        var salesMembers: [(key: String, value: JSONValue)] = [("target", .number(sales.target)), ("actual", .number(sales.actual))]
        if let lastYear = sales.lastYear { salesMembers.append(("last_year", .number(lastYear))) }
        return .object([
            ("id", .string(id)),
            ("name", .string(name)),
            ("currency", .string(currency)),
            ("days", .number(Double(days))),
            ("sales", .object(salesMembers)),
            ("pnl", .object([
                ("cogs", .number(pnl.cogs)),
                ("rebates", .number(pnl.rebates)),
                ("expenses", .object(pnl.expenses.map { (key: $0.name, value: .number($0.amount)) })),
            ])),
            ("balance", .object([
                ("inventory", .number(balance.inventory)),
                ("receivables", .number(balance.receivables)),
                ("fixed_assets", .number(balance.fixedAssets)),
                ("prepayments", .number(balance.prepayments)),
                ("payables", .number(balance.payables)),
            ])),
            ("targets", .object([("roi", .number(targets.roi))])),
            ("coverage", .array(coverage.map { channel in
                .object([
                    ("id", .string(channel.id)),
                    ("name", .string(channel.name)),
                    ("universe", .number(channel.universe)),
                    ("covered", .number(channel.covered)),
                    ("target_rate", .number(channel.targetRate)),
                    ("sales_per_outlet", .number(channel.salesPerOutlet)),
                ])
            })),
            ("terminal", .object([
                ("must_sell_skus", .number(terminal.mustSellSKUs)),
                ("audited_outlets", .number(terminal.auditedOutlets)),
                ("distribution_points", .number(terminal.distributionPoints)),
                ("target_skus_per_outlet", .number(terminal.targetSKUsPerOutlet)),
                ("sales_per_sku_point", .number(terminal.salesPerSKUPoint)),
            ])),
            ("inventory", .object([("target_days", .number(inventory.targetDays))])),
            ("logistics", .object([
                ("orders", .number(logistics.orders)),
                ("on_time_orders", .number(logistics.onTimeOrders)),
                ("order_lines", .number(logistics.orderLines)),
                ("filled_lines", .number(logistics.filledLines)),
                ("cases", .number(logistics.cases)),
                ("target_on_time_rate", .number(logistics.targetOnTimeRate)),
                ("target_fill_rate", .number(logistics.targetFillRate)),
                ("target_cost_per_case", .number(logistics.targetCostPerCase)),
            ])),
            ("finance", .object([
                ("target_dso_days", .number(finance.targetDSODays)),
                ("bad_debts", .number(finance.badDebts)),
            ])),
            ("team", .object([
                ("reps", .number(team.reps)),
                ("target_sales_per_rep", .number(team.targetSalesPerRep)),
            ])),
            ("costs", .object([("variable_rate", .number(costs.variableRate))])),
            ("limits", .object(limits.members.map { (key: $0.key, value: JSONValue.number($0.value)) })),
        ])
    }

    /// The case as YAML text in the case format (what `jbp variant` prints); reads back
    /// with `Case.read` as an equal case.
    public var yaml: String { YAMLWriter.text(json) }
}
