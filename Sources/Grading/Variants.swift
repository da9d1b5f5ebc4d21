import JBPModel

/// Variants of a case or a portfolio (exercises.md "Variants"): variant 0 is
/// the data as written; variant n ≥ 1 scales each amount and count by a
/// factor in [0.9, 1.1], the same on every machine.
///
/// **The generator.** The factor of the figure at key path `p` (for example
/// `sales.actual`, `coverage.modern.universe`, `distributors.hengda.sales`)
/// in variant n of exercise `e` is `0.9 + 0.2 × u`, where `u` is the first
/// ``SplitMix64/nextUnit()`` of a SplitMix64 seeded with FNV-1a 64 of the text
/// `"e#n#p"`. Each figure thus has its own stream: adding a channel to a case
/// does not change the factors of the others.
///
/// **What is scaled** (everything else is kept as written):
/// - money, rounded to whole units: `sales.target`, `sales.actual`,
///   `sales.last_year`, `pnl.cogs`, `pnl.rebates`, every `pnl.expenses.*`,
///   every `balance.*`, `finance.bad_debts`, `coverage[].sales_per_outlet`,
///   `terminal.sales_per_sku_point`; in a portfolio each distributor's
///   `sales` and `market_potential`;
/// - counts, rounded to whole numbers: `coverage[].universe`,
///   `coverage[].covered`, `terminal.audited_outlets`,
///   `terminal.distribution_points`, `logistics.orders`,
///   `logistics.on_time_orders`, `logistics.order_lines`,
///   `logistics.filled_lines`, `logistics.cases`, `team.reps`.
///
/// Not scaled: `days`, every rate, and every target or standard the
/// manufacturer sets (`targets.roi`, `coverage[].target_rate`,
/// `terminal.target_skus_per_outlet`, `inventory.target_days`,
/// `logistics.target_*`, `finance.target_dso_days`,
/// `team.target_sales_per_rep`, a portfolio's thresholds), nor
/// `terminal.must_sell_skus`, which defines the must-sell list the SKU
/// target is set against.
///
/// **One set of books.** `pnl.cogs`, `pnl.rebates` and every expense share
/// the factor of `sales.actual`: margins and cost ratios stay as the case
/// tells them (independent factors on revenue and cost of goods could turn
/// a 13 % gross margin into a loss), while achievement, growth, ROI, the
/// balance-sheet days and every process KPI still move.
///
/// **Rules kept** after rounding, in this order: a figure above zero stays
/// at least 1; covered ≤ universe, on_time_orders ≤ orders, filled_lines ≤
/// order_lines, distribution_points ≤ audited_outlets × must_sell_skus and
/// a distributor's sales ≤ its market potential, each by lowering the
/// part; payables are lowered so that the investment stays above zero
/// even after either capital GAP is closed (model.md §1). The result is
/// then checked with `Case.validate`.
///
/// **The story is kept** (exercises.md "Variants"): a variant's
/// `top_opportunities` must be variant 0's areas in variant 0's order, so
/// the class discusses one case while each trainee computes their own
/// figures. Draw k (k = 0, 1, …) takes the (k+1)-th number of every
/// figure's stream; where draw k breaks the story (or the case's rules), draw
/// k + 1 is tried, at most 100 redraws; if none keeps it, the variant is
/// variant 0's case (``fallsBack(_:exercise:variant:)`` says so, for `jbp check`).
public enum Variants {
    /// Redraws tried after the first draw before a variant falls back to variant 0.
    public static let redraws = 100
    /// The case of variant `variant` of a review or plan exercise; nil for other kinds.
    public static func `case`(for exercise: Exercise, variant: Int) throws(ExerciseProblem) -> Case? {
        try exercise.answerKey(variant: variant).variantCase
    }

    /// The portfolio of variant `variant` of a segmentation exercise; nil for other kinds.
    public static func portfolio(for exercise: Exercise, variant: Int) throws(ExerciseProblem) -> Portfolio? {
        try exercise.answerKey(variant: variant).portfolio
    }

    /// The case or portfolio of variant `variant` as YAML in its own format
    /// (what `jbp variant` prints); nil for exercises without data.
    public static func yaml(for exercise: Exercise, variant: Int) throws(ExerciseProblem) -> String? {
        try exercise.answerKey(variant: variant).data.map(YAMLWriter.text)
    }

    /// The factor of the figure at `path` in draw `draw` of variant `variant` of `exercise`.
    public static func factor(exercise: String, variant: Int, path: String, draw: Int = 0) -> Double {
        var generator = SplitMix64(seedText: "\(exercise)#\(variant)#\(path)")
        var u = generator.nextUnit()
        for _ in 0..<draw { u = generator.nextUnit() }
        return 0.9 + 0.2 * u
    }

    /// Variant `variant` of `base` for exercise `exercise`: `base` itself for 0;
    /// else the first draw that keeps the case's story, or `base` if none does.
    public static func `case`(_ base: Case, exercise: String, variant: Int) throws(ModelError) -> Case {
        guard variant != 0 else { return base }
        return storyDraw(base, exercise: exercise, variant: variant)?.case ?? base
    }

    /// Whether variant `variant` of `base` falls back to variant 0 because no
    /// draw keeps its story.
    public static func fallsBack(_ base: Case, exercise: String, variant: Int) -> Bool {
        variant != 0 && storyDraw(base, exercise: exercise, variant: variant) == nil
    }

    /// The first draw (0…``redraws``) whose case is valid and ranks the same
    /// top opportunities as `base`, with its number; nil when none does.
    static func storyDraw(_ base: Case, exercise: String, variant: Int) -> (case: Case, draw: Int)? {
        guard let story = try? Review(base).topOpportunities.map(\.area) else { return nil }
        for draw in 0...redraws {
            guard let c = try? scaled(base, exercise: exercise, variant: variant, draw: draw),
                  let top = try? Review(c).topOpportunities.map(\.area), top == story else { continue }
            return (c, draw)
        }
        return nil
    }

    /// Draw `draw` of variant `variant` of `base`, before the story is checked.
    static func scaled(_ base: Case, exercise: String, variant: Int, draw: Int) throws(ModelError) -> Case {
        let scale = Scaler(exercise: exercise, variant: variant, draw: draw)
        var c = base
        let booksFactor = scale.factor("sales.actual")
        c.sales.target = scale.money(base.sales.target, "sales.target")
        c.sales.actual = Scaler.money(base.sales.actual * booksFactor, from: base.sales.actual)
        c.sales.lastYear = base.sales.lastYear.map { scale.money($0, "sales.last_year") }
        c.pnl.cogs = Scaler.money(base.pnl.cogs * booksFactor, from: base.pnl.cogs)
        c.pnl.rebates = Scaler.money(base.pnl.rebates * booksFactor, from: base.pnl.rebates)
        for i in c.pnl.expenses.indices {
            let amount = base.pnl.expenses[i].amount
            c.pnl.expenses[i].amount = Scaler.money(amount * booksFactor, from: amount)
        }
        c.balance.inventory = scale.money(base.balance.inventory, "balance.inventory")
        c.balance.receivables = scale.money(base.balance.receivables, "balance.receivables")
        c.balance.fixedAssets = scale.money(base.balance.fixedAssets, "balance.fixed_assets")
        c.balance.prepayments = scale.money(base.balance.prepayments, "balance.prepayments")
        c.balance.payables = scale.money(base.balance.payables, "balance.payables")
        c.finance.badDebts = scale.money(base.finance.badDebts, "finance.bad_debts")

        for i in c.coverage.indices {
            let channel = base.coverage[i]
            let at = "coverage.\(channel.id)"
            c.coverage[i].universe = scale.count(channel.universe, "\(at).universe")
            c.coverage[i].covered = min(scale.count(channel.covered, "\(at).covered"), c.coverage[i].universe)
            c.coverage[i].salesPerOutlet = scale.money(channel.salesPerOutlet, "\(at).sales_per_outlet")
        }
        c.terminal.auditedOutlets = scale.count(base.terminal.auditedOutlets, "terminal.audited_outlets")
        c.terminal.distributionPoints = min(scale.count(base.terminal.distributionPoints, "terminal.distribution_points"),
                                            c.terminal.auditedOutlets * c.terminal.mustSellSKUs)
        c.terminal.salesPerSKUPoint = scale.money(base.terminal.salesPerSKUPoint, "terminal.sales_per_sku_point")
        c.logistics.orders = scale.count(base.logistics.orders, "logistics.orders")
        c.logistics.onTimeOrders = min(scale.count(base.logistics.onTimeOrders, "logistics.on_time_orders"), c.logistics.orders)
        c.logistics.orderLines = scale.count(base.logistics.orderLines, "logistics.order_lines")
        c.logistics.filledLines = min(scale.count(base.logistics.filledLines, "logistics.filled_lines"), c.logistics.orderLines)
        c.logistics.cases = scale.count(base.logistics.cases, "logistics.cases")
        c.team.reps = scale.count(base.team.reps, "team.reps")

        c.balance.payables = min(c.balance.payables, payablesCap(c))
        try c.validate(file: "variant \(variant) of \(base.id)")
        return c
    }

    /// Variant `variant` of `base` for exercise `exercise`: `base` itself for 0.
    public static func portfolio(_ base: Portfolio, exercise: String, variant: Int) throws(ModelError) -> Portfolio {
        guard variant != 0 else { return base }
        let scale = Scaler(exercise: exercise, variant: variant)
        var p = base
        for i in p.distributors.indices {
            let d = base.distributors[i]
            let at = "distributors.\(d.id)"
            p.distributors[i].marketPotential = scale.money(d.marketPotential, "\(at).market_potential")
            let sales = scale.money(d.sales, "\(at).sales")
            // Keep a distributor that was within its potential within it.
            p.distributors[i].sales = d.sales <= d.marketPotential ? min(sales, p.distributors[i].marketPotential) : sales
        }
        try p.validate(file: "variant \(variant) of the portfolio")
        return p
    }

    /// The most payables can be while the investment stays above zero, also
    /// after the excess stock or the excess receivables is released (model.md §1, §4).
    static func payablesCap(_ c: Case) -> Double {
        let assets = c.balance.inventory + c.balance.receivables + c.balance.fixedAssets + c.balance.prepayments
        let days = Double(c.days)
        let dailyCOGS = c.pnl.cogs / days
        let excessStock = max(0, c.balance.inventory / dailyCOGS - c.inventory.targetDays) * dailyCOGS
        let dailySales = c.sales.actual / days
        let excessReceivables = max(0, c.balance.receivables / dailySales - c.finance.targetDSODays) * dailySales
        return max(0, (assets - max(excessStock, excessReceivables) - 1).rounded(.down))
    }

    /// Draws and applies the factors of one variant.
    struct Scaler {
        let exercise: String
        let variant: Int
        var draw = 0

        func factor(_ path: String) -> Double {
            Variants.factor(exercise: exercise, variant: variant, path: path, draw: draw)
        }

        /// Money: whole units.
        func money(_ value: Double, _ path: String) -> Double {
            Scaler.money(value * factor(path), from: value)
        }

        /// A count: whole numbers.
        func count(_ value: Double, _ path: String) -> Double {
            Scaler.money(value * factor(path), from: value)
        }

        /// Rounds half away from zero (the same on every machine: IEEE
        /// arithmetic and this rounding are exact and specified), keeping a
        /// figure that was above zero at 1 or more, so no divisor becomes zero.
        static func money(_ scaled: Double, from original: Double) -> Double {
            let rounded = scaled.rounded(.toNearestOrAwayFromZero)
            return original > 0 ? max(1, rounded) : rounded
        }
    }
}
