/// The unit of a figure, which decides its default tolerance and how it is printed.
public enum FigureUnit: String, Sendable, Codable {
    /// A fraction (ROI 0.0919, a coverage rate): ±0.001 absolute.
    case rate
    /// An amount of money, including money per unit: ±0.5 % relative.
    case money
    /// A number of days: ±0.5 absolute.
    case days
    /// Outlets, orders, reps: exact.
    case count
    /// Any other ratio (turnover, SKUs per outlet): ±1 % relative.
    case ratio

    /// The unit of the figure a review answer path points at, from its last
    /// key (`result.roi`, `areas.inventory.inventory_days`, ...). Unknown keys
    /// are treated as other ratios, the most forgiving relative tolerance.
    public static func ofReviewPath(_ path: String) -> FigureUnit {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        if let unit = byKey[key] { return unit }
        if key.hasSuffix("_rate") || key.hasSuffix("_margin") || key.hasPrefix("roi") { return .rate }
        if key.hasSuffix("_days") { return .days }
        return .ratio
    }

    /// The figures of model.md §2–3 whose unit the name alone does not tell.
    private static let byKey: [String: FigureUnit] = [
        "roi": .rate, "target_roi": .rate, "roi_gap": .rate, "roi_after": .rate, "roi_delta": .rate,
        "on_time_gap": .rate, "fill_rate_gap": .rate,
        "revenue": .money, "sales_target": .money, "sales_gap": .money, "gross_profit": .money,
        "rebates": .money, "operating_expenses": .money, "net_profit": .money, "investment": .money,
        "amount": .money, "incremental_sales": .money, "sales_per_rep": .money, "gap_per_rep": .money,
        "daily_cogs": .money, "daily_sales": .money, "cost_per_case": .money,
        "cost_per_case_gap": .money, "bad_debts": .money,
        "gap_days": .days, "inventory_days": .days, "dso_days": .days,
        "universe": .count, "covered": .count, "covered_outlets": .count, "target_outlets": .count,
        "gap_outlets": .count, "reps": .count,
        "capital_turnover": .ratio, "inventory_turnover": .ratio, "skus_per_outlet": .ratio,
        "gap_skus_per_outlet": .ratio,
    ]
}

/// How far an answer may be from the expected value and still be right.
public enum Tolerance: Equatable, Sendable {
    /// |given − expected| ≤ the bound.
    case absolute(Double)
    /// |given − expected| ≤ the bound × |expected|.
    case relative(Double)

    /// The default of exercises.md for a unit. Counts are exact, written as
    /// an absolute bound of zero (half a unit would already be another count).
    public static func `default`(for unit: FigureUnit) -> Tolerance {
        switch unit {
        case .rate: return .absolute(0.001)
        case .money: return .relative(0.005)
        case .days: return .absolute(0.5)
        case .count: return .absolute(0)
        case .ratio: return .relative(0.01)
        }
    }

    /// Whether `given` is within this tolerance of `expected`. A tiny slack
    /// (1e-9 of the larger magnitude) keeps binary rounding from failing an
    /// answer that is exactly on the bound, such as 0.0929 against 0.0919.
    @inlinable
    public func accepts(_ given: Double, _ expected: Double) -> Bool {
        let difference = abs(given - expected)
        let slack = 1e-9 * max(1, abs(expected), abs(given))
        switch self {
        case .absolute(let bound): return difference <= bound + slack
        case .relative(let bound): return difference <= bound * abs(expected) + slack
        }
    }

    /// The same tolerance for a figure 100 times larger: used to recognise an
    /// answer written in percent points.
    public var timesHundred: Tolerance {
        switch self {
        case .absolute(let bound): return .absolute(bound * 100)
        case .relative: return self
        }
    }
}
