/// Which way a metric improves.
public enum Direction: String, Sendable {
    case higher, lower

    /// True when `a` is better than `b` in this direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .higher ? a > b : a < b
    }
}

/// A KPI a plan's goal or measure may name (model.md §6): `roi`, `revenue`,
/// `coverage_rate.traditional`, `inventory_days`, …, with its direction, unit and role.
public struct Metric: Hashable, Sendable, CustomStringConvertible {
    /// The key as written: `coverage_rate` or `coverage_rate.traditional`.
    public let key: String
    /// The KPI without a channel: `coverage_rate`.
    public let base: String
    /// The channel id of `coverage_rate.<channel>`, else nil.
    public let channel: String?
    /// Decides the tolerances (rate, days, money, count, ratio).
    public let unit: FigureUnit
    /// Lower is better for inventory_days, dso_days, cost_per_case and bad_debt_rate;
    /// higher for the rest.
    public let direction: Direction
    /// The process area the KPI belongs to; nil for result KPIs (revenue, roi, …).
    public let area: Area?
    /// 中文名, for reports.
    public let chineseName: String

    public var description: String { key }

    /// A KPI reported as a year-to-date actual (`revenue`, `net_profit`): its expected value
    /// at a check-in is target × f rather than a glide path from the baseline (§7).
    public var isCumulative: Bool { base == "revenue" || base == "net_profit" }

    /// A driver goal (关键生意驱动要素) moves the projection: `coverage_rate.<channel>`,
    /// `skus_per_outlet`, `sales_per_rep`, `cost_per_case`, `inventory_days`, `dso_days`.
    /// The area whose GAP it closes, or nil for a metric that is not a driver.
    public var driverArea: Area? {
        switch base {
        case "coverage_rate": return channel == nil ? nil : .coverage
        case "skus_per_outlet": return .terminal
        case "sales_per_rep": return .team
        case "cost_per_case": return .logistics
        case "inventory_days": return .inventory
        case "dso_days": return .finance
        default: return nil
        }
    }

    /// An outcome goal must be backed by the projection: `revenue`, `roi`, `net_profit`,
    /// total `coverage_rate`.
    public var isOutcome: Bool {
        ["revenue", "roi", "net_profit"].contains(base) || (base == "coverage_rate" && channel == nil)
    }

    private static let catalogue: [(key: String, unit: FigureUnit, direction: Direction, area: Area?, name: String)] = [
        ("roi", .rate, .higher, nil, "投入产出比(ROI)"),
        ("revenue", .money, .higher, nil, "销售额"),
        ("net_profit", .money, .higher, nil, "净利润"),
        ("achievement_rate", .rate, .higher, nil, "达成率"),
        ("growth_rate", .rate, .higher, nil, "增长率"),
        ("gross_profit", .money, .higher, nil, "毛利"),
        ("gross_margin", .rate, .higher, nil, "毛利率"),
        ("net_margin", .rate, .higher, nil, "净利率"),
        ("capital_turnover", .ratio, .higher, nil, "资金周转次数"),
        ("coverage_rate", .rate, .higher, .coverage, "覆盖率"),
        ("covered_outlets", .count, .higher, .coverage, "覆盖网点数"),
        ("skus_per_outlet", .ratio, .higher, .terminal, "单店SKU数"),
        ("distribution_rate", .rate, .higher, .terminal, "铺货率"),
        ("inventory_days", .days, .lower, .inventory, "库存天数"),
        ("inventory_turnover", .ratio, .higher, .inventory, "库存周转次数"),
        ("on_time_rate", .rate, .higher, .logistics, "准时交货率"),
        ("fill_rate", .rate, .higher, .logistics, "订单满足率"),
        ("cost_per_case", .money, .lower, .logistics, "每箱物流成本"),
        ("dso_days", .days, .lower, .finance, "应收账款天数"),
        ("bad_debt_rate", .rate, .lower, .finance, "坏账率"),
        ("sales_per_rep", .money, .higher, .team, "人效(人均销售额)"),
    ]

    /// Every known KPI key without a channel, in the catalogue's order.
    public static let knownKeys: [String] = catalogue.map(\.key)

    /// The KPI a key names, or nil for a custom metric. `coverage_rate.<id>` is read for
    /// any id; whether the case has that channel is `Review.value(of:)`'s question.
    /// Spaces around the key are ignored (line breaks are not).
    public init?(_ key: String) {
        let trimmed = key.trimmingSpaces()
        // The base and the channel, split at the first ".".
        let base: String
        var channel: String?
        if let dot = trimmed.utf8.firstIndex(of: UInt8(ascii: ".")) {
            base = String(trimmed[..<dot])
            channel = String(trimmed[trimmed.utf8.index(after: dot)...])
        } else {
            base = trimmed
        }
        guard let entry = Metric.catalogue.first(where: { $0.key == base }) else { return nil }
        if let channel {
            guard entry.key == "coverage_rate", !channel.isEmpty else { return nil }
        }
        self.key = trimmed
        self.base = entry.key
        self.channel = channel
        unit = entry.unit
        direction = entry.direction
        area = entry.area
        chineseName = channel.map { "\(entry.name)(\($0))" } ?? entry.name
    }
}

extension Review {
    /// The case's current value of a KPI (a goal's baseline should state it); nil for a
    /// custom metric, an unknown channel, or `growth_rate` without last year.
    public func value(of metric: Metric) -> Double? {
        switch metric.base {
        case "roi": return result.roi
        case "revenue": return result.revenue
        case "net_profit": return result.netProfit
        case "achievement_rate": return result.achievementRate
        case "growth_rate": return result.growthRate
        case "gross_profit": return result.grossProfit
        case "gross_margin": return result.grossMargin
        case "net_margin": return result.netMargin
        case "capital_turnover": return result.capitalTurnover
        case "coverage_rate":
            guard let id = metric.channel else { return coverage.coverageRate }
            return coverage.channel(id)?.coverageRate
        case "covered_outlets": return coverage.coveredOutlets
        case "skus_per_outlet": return terminal.skusPerOutlet
        case "distribution_rate": return terminal.distributionRate
        case "inventory_days": return inventory.inventoryDays
        case "inventory_turnover": return inventory.inventoryTurnover
        case "on_time_rate": return logistics.onTimeRate
        case "fill_rate": return logistics.fillRate
        case "cost_per_case": return logistics.costPerCase
        case "dso_days": return finance.dsoDays
        case "bad_debt_rate": return finance.badDebtRate
        case "sales_per_rep": return team.salesPerRep
        default: return nil
        }
    }

    /// The current value of the KPI named by `key`; nil when it is not a known KPI of this case.
    public func value(ofMetric key: String) -> Double? {
        Metric(key).flatMap(value(of:))
    }
}
