import PropertyBased
import Testing
@testable import JBPModel

/// Valid cases of every shape, built from uniform numbers so that shrinking keeps them valid.
enum ValidCases {
    /// A valid case from uniform numbers in [0, 1] (missing numbers count as 0.5) and 1–4 channels.
    static func make(_ u: [Double], channels: Int) -> Case {
        var next = 0
        func n() -> Double {
            defer { next += 1 }
            return next < u.count ? min(1, max(0, u[next])) : 0.5
        }
        func count(_ upTo: Double) -> Double { (n() * upTo).rounded() }
        let revenue = (100_000 + n() * 100_000_000).rounded()
        let days = 30 + Int(n() * 370)
        let cogs = (revenue * (0.5 + 0.45 * n())).rounded()
        let channelList: [Case.Channel] = (0..<max(1, channels)).map { i in
            let universe = 1 + count(5000)
            return Case.Channel(id: "ch\(i)", name: "渠道\(i)", universe: universe, covered: (n() * universe).rounded(),
                                targetRate: n(), salesPerOutlet: count(50_000))
        }
        let mustSell = 1 + count(20)
        let audited = 1 + count(500)
        let orders = 1 + count(100_000)
        let lines = 1 + count(500_000)
        let reps = 1 + count(50)
        return Case(
            id: "generated", name: "生成的案例", currency: "CNY", days: days,
            sales: Case.Sales(target: (revenue * (0.5 + n())).rounded(), actual: revenue,
                              lastYear: n() < 0.3 ? nil : (revenue * (0.5 + n())).rounded()),
            pnl: Case.PnL(cogs: cogs, rebates: (revenue * 0.05 * n()).rounded(), expenses: [
                Case.Expense(name: "staff", amount: (revenue * 0.05 * n()).rounded()),
                Case.Expense(name: "warehouse", amount: (revenue * 0.03 * n()).rounded()),
                Case.Expense(name: "logistics", amount: (revenue * (0.001 + 0.05 * n())).rounded()),
                Case.Expense(name: "other", amount: (revenue * 0.02 * n()).rounded()),
            ]),
            balance: {
                let fixed = 1000 + (revenue * 0.1 * n()).rounded()
                let prepayments = (revenue * 0.02 * n()).rounded()
                // Payables never exceed fixed assets and prepayments, so investment stays above
                // zero even with all excess stock and receivables released.
                return Case.Balance(inventory: 1 + (cogs * 0.3 * n()).rounded(), receivables: (revenue * 0.3 * n()).rounded(),
                                    fixedAssets: fixed, prepayments: prepayments, payables: ((fixed + prepayments) * 0.9 * n()).rounded())
            }(),
            targets: Case.Targets(roi: n() * 0.5),
            coverage: channelList,
            terminal: Case.Terminal(mustSellSKUs: mustSell, auditedOutlets: audited,
                                    distributionPoints: (n() * audited * mustSell).rounded(),
                                    targetSKUsPerOutlet: n() * mustSell, salesPerSKUPoint: count(1000)),
            inventory: Case.Inventory(targetDays: n() * 90),
            logistics: Case.Logistics(orders: orders, onTimeOrders: (n() * orders).rounded(), orderLines: lines,
                                      filledLines: (n() * lines).rounded(), cases: 1 + count(1_000_000),
                                      targetOnTimeRate: n(), targetFillRate: n(), targetCostPerCase: n() * 2),
            finance: Case.Finance(targetDSODays: n() * 90, badDebts: (revenue * 0.01 * n()).rounded()),
            team: Case.Team(reps: reps, targetSalesPerRep: (revenue / reps * (0.5 + n())).rounded()),
            costs: Case.Costs(variableRate: n() * 0.05),
            limits: Case.Limits(coverageRate: 0.01 + 0.3 * n(), skusPerOutlet: 0.1 + 4 * n(), salesPerRep: 0.01 + 0.5 * n(),
                                inventoryDays: 0.01 + 0.6 * n(), dsoDays: 0.01 + 0.6 * n(), costPerCase: 0.01 + 0.3 * n()))
    }

    static let generator = zip(Gen.double(in: 0...1).array(of: 80), Gen.int(in: 1...4)).map { u, channels in make(u, channels: channels) }
}

@Suite("Properties of the review over generated valid cases")
struct ReviewPropertyTests {
    @Test("every generated case is valid and its review has only finite figures")
    func valid() async {
        await propertyCheck(input: ValidCases.generator) { c in
            let review = try Review(c)
            #expect(allFinite(review.json))
            #expect((review.json.lookup("result.growth_rate") == .null) == (c.sales.lastYear == nil))
            #expect(try Case.read(c.yaml, file: "generated.yaml") == c)
        }
    }

    @Test("roi = net_margin × capital_turnover")
    func roiTree() async {
        await propertyCheck(input: ValidCases.generator) { c in
            let r = try Review(c).result
            #expect(isClose(r.roi, r.netMargin * r.capitalTurnover, tolerance: 1e-12))
        }
    }

    /// model.md §4 values an opportunity as the ROI after closing its GAP. Closing a GAP
    /// raises ROI when the distributor makes a profit and an extra unit of sales earns at
    /// least the current ROI on the capital it ties up (cm ≥ roi × wc); then every
    /// roi_delta ≥ 0. Otherwise a sales opportunity can lower ROI, and the sign of its
    /// delta is the sign of cm × INV − NP × wc.
    @Test("every roi_delta ≥ 0 for a profitable distributor whose extra sales earn at least its ROI")
    func deltasNonNegative() async {
        await propertyCheck(input: ValidCases.generator) { c in
            let review = try Review(c)
            let r = review.result
            let salesEarnEnough = review.contributionRate * r.investment >= r.netProfit * review.workingCapitalRate
            for o in review.opportunities {
                if o.amount == 0 {
                    #expect(o.roiDelta == 0, "\(o.area): no GAP, no change")
                } else if o.kind != .sales, r.netProfit >= 0 {
                    #expect(o.roiDelta >= 0, "\(o.area)")
                } else if o.kind == .sales, r.netProfit >= 0, salesEarnEnough {
                    #expect(o.roiDelta >= -1e-12 * max(1, abs(r.roi)), "\(o.area)")
                }
                if o.kind == .sales, o.amount > 0 {
                    let marginal = review.contributionRate * r.investment - r.netProfit * review.workingCapitalRate
                    if abs(marginal) > 1e-6 * r.investment { #expect((o.roiDelta > 0) == (marginal > 0), "\(o.area)") }
                }
            }
            #expect(review.topOpportunities.allSatisfy { $0.roiDelta > 0 })
        }
    }

    @Test("raising covered never lowers a coverage rate")
    func coverageMonotone() async {
        await propertyCheck(input: ValidCases.generator, Gen.double(in: 0...1)) { c, share in
            let before = try Review(c).coverage
            var raised = c
            let channel = raised.coverage[0]
            raised.coverage[0].covered = channel.covered + ((channel.universe - channel.covered) * share).rounded()
            let after = try Review(raised).coverage
            #expect(after.coverageRate >= before.coverageRate)
            #expect(after.channels[0].coverageRate >= before.channels[0].coverageRate)
            #expect(after.gapOutlets <= before.gapOutlets)
        }
    }

    @Test("reordering channels changes no total")
    func channelOrder() async {
        await propertyCheck(input: ValidCases.generator) { c in
            var reordered = c
            reordered.coverage.reverse()
            let a = try Review(c), b = try Review(reordered)
            #expect(a.coverage.universe == b.coverage.universe)
            #expect(a.coverage.coveredOutlets == b.coverage.coveredOutlets)
            #expect(a.coverage.coverageRate == b.coverage.coverageRate)
            #expect(a.coverage.gapOutlets == b.coverage.gapOutlets)
            #expect(a.coverage.incrementalSales == b.coverage.incrementalSales)
            #expect(a.opportunities == b.opportunities)
        }
    }
}

@Suite("Every rule of model.md §1 refuses a broken generated case, naming the key")
struct RulePropertyTests {
    /// One way to break a valid case, and the key the refusal must name.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let rule: String
        let path: String
        let breakCase: @Sendable (inout Case) -> Void
        var testDescription: String { rule }
    }

    static let breakages: [Breakage] = [
        Breakage(rule: "negative amount", path: "pnl.rebates") { $0.pnl.rebates = -1 },
        Breakage(rule: "negative expense", path: "pnl.expenses.other") { $0.pnl.expenses[3].amount = -0.5 },
        Breakage(rule: "negative count", path: "coverage[0].covered") { $0.coverage[0].covered = -1 },
        Breakage(rule: "covered > universe", path: "coverage[0].covered") { $0.coverage[0].covered = $0.coverage[0].universe + 1 },
        Breakage(rule: "on_time_orders > orders", path: "logistics.on_time_orders") { $0.logistics.onTimeOrders = $0.logistics.orders + 1 },
        Breakage(rule: "filled_lines > order_lines", path: "logistics.filled_lines") { $0.logistics.filledLines = $0.logistics.orderLines * 1.5 },
        Breakage(rule: "distribution_points > audited_outlets × must_sell_skus", path: "terminal.distribution_points") {
            $0.terminal.distributionPoints = $0.terminal.auditedOutlets * $0.terminal.mustSellSKUs + 1
        },
        Breakage(rule: "rate above 1", path: "logistics.target_fill_rate") { $0.logistics.targetFillRate = 1.01 },
        Breakage(rule: "rate below 0", path: "coverage[0].target_rate") { $0.coverage[0].targetRate = -0.01 },
        Breakage(rule: "zero sales (divided by)", path: "sales.actual") { $0.sales.actual = 0 },
        Breakage(rule: "zero target (divided by)", path: "sales.target") { $0.sales.target = 0 },
        Breakage(rule: "zero cogs (divided by)", path: "pnl.cogs") { $0.pnl.cogs = 0 },
        Breakage(rule: "zero universe (divided by)", path: "coverage[0].universe") { $0.coverage[0].universe = 0; $0.coverage[0].covered = 0 },
        Breakage(rule: "zero audited outlets (divided by)", path: "terminal.audited_outlets") { $0.terminal.auditedOutlets = 0 },
        Breakage(rule: "zero orders (divided by)", path: "logistics.orders") { $0.logistics.orders = 0; $0.logistics.onTimeOrders = 0 },
        Breakage(rule: "zero reps (divided by)", path: "team.reps") { $0.team.reps = 0 },
        Breakage(rule: "investment not above zero", path: "balance") { $0.balance.payables = $0.balance.investment + $0.balance.payables },
        Breakage(rule: "days not positive", path: "days") { $0.days = 0 },
        Breakage(rule: "two channels with one id", path: "coverage[1].id") {
            $0.coverage.insert($0.coverage[0], at: 1)
        },
        Breakage(rule: "a non-finite amount", path: "balance.receivables") { $0.balance.receivables = .nan },
    ]

    @Test("a broken case is refused, both built in code and read from its YAML", arguments: breakages)
    func refused(_ breakage: Breakage) async {
        await propertyCheck(count: 30, input: ValidCases.generator) { valid in
            var c = valid
            breakage.breakCase(&c)
            let error = refusal { () throws(ModelError) in try c.validate(file: "case.yaml") }
            #expect(error?.path == breakage.path, "\(error?.description ?? "accepted")")
            if c.balance.receivables.isFinite {
                let read = refusal { () throws(ModelError) in try Case.read(c.yaml, file: "case.yaml") }
                #expect(read?.path == breakage.path, "\(read?.description ?? "accepted")")
                #expect(read?.line != nil)
            }
        }
    }

    /// Every key of a generated case, as (path to its map, key).
    static func keys(of value: JSONValue, at path: String = "") -> [(parent: String, key: String)] {
        switch value {
        case .object(let members):
            return members.flatMap { member -> [(parent: String, key: String)] in
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                return [(path, member.key)] + keys(of: member.value, at: child)
            }
        case .array(let items):
            return items.enumerated().flatMap { keys(of: $1, at: "\(path)[\($0)]") }
        default:
            return []
        }
    }

    static func editing(_ value: JSONValue, at parent: String, _ key: String, _ edit: ([(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)]) -> JSONValue {
        func walk(_ v: JSONValue, _ path: String) -> JSONValue {
            switch v {
            case .object(let members):
                let edited = path == parent ? edit(members) : members
                return .object(edited.map { m in (m.key, walk(m.value, path.isEmpty ? m.key : "\(path).\(m.key)")) })
            case .array(let items):
                return .array(items.enumerated().map { walk($1, "\(path)[\($0)]") })
            default:
                return v
            }
        }
        return walk(value, "")
    }

    static let optionalKeys: Set<String> = Set(["currency", "days", "last_year", "rebates", "fixed_assets", "prepayments", "payables",
                                    "bad_debts", "staff", "warehouse", "other", "costs", "variable_rate", "limits"])
        .union(Case.Limits.keys)

    @Test("a missing required key is refused naming it")
    func missingKey() async {
        await propertyCheck(count: 50, input: ValidCases.generator, Gen.int(in: 0...10_000)) { c, pick in
            let json = c.json
            let required = Self.keys(of: json).filter { !Self.optionalKeys.contains($0.key) }
            let (parent, key) = required[pick % required.count]
            let broken = Self.editing(json, at: parent, key) { $0.filter { $0.key != key } }
            let error = refusal { () throws(ModelError) in try Case.read(YAMLWriter.text(broken), file: "case.yaml") }
            let path = parent.isEmpty ? key : "\(parent).\(key)"
            #expect(error?.description.hasPrefix("case.yaml: \(path): missing (required)") == true, "\(path): \(error?.description ?? "accepted")")
        }
    }

    @Test("a misspelt key is refused naming it and the key meant")
    func typo() async {
        await propertyCheck(count: 50, input: ValidCases.generator, Gen.int(in: 0...10_000)) { c, pick in
            let json = c.json
            // Expense lines are an open map: any key there is an expense.
            let candidates = Self.keys(of: json).filter { !$0.parent.hasSuffix("expenses") && $0.key.count > 3 }
            let (parent, key) = candidates[pick % candidates.count]
            var chars = Array(key)
            chars.swapAt(1, 2)
            let typo = String(chars) == key ? key + "x" : String(chars)
            let broken = Self.editing(json, at: parent, key) { $0.map { ($0.key == key ? typo : $0.key, $0.value) } }
            let error = refusal { () throws(ModelError) in try Case.read(YAMLWriter.text(broken), file: "case.yaml") }
            let path = parent.isEmpty ? typo : "\(parent).\(typo)"
            #expect(error?.description == "case.yaml: \(path): unknown key (did you mean \(key)?)", "\(error?.description ?? "accepted")")
        }
    }
}

@Suite("Mangled input never crashes")
struct MangledInputTests {
    static let significant = Array(":-[]{}\"'#&*!|>%@,?~ \n\t0.e9一")

    @Test("a randomly mangled case, plan or check-in file is read or refused with one line")
    func mangled() async throws {
        let files = [try fixture("example-case.yaml"), try fixture("example-plan.yaml"), try fixture("example-checkin.yaml"),
                     try fixture("example-portfolio.yaml")]
        let edit = zip(Gen.int(in: 0...3), Gen.int(in: 0...100_000), Gen.int(in: 0...8), Gen.int(in: 0...1000).array(of: 0...6))
        await propertyCheck(count: 300, input: edit) { which, at, cut, inserts in
            var chars = Array(files[which])
            let start = at % chars.count
            chars.removeSubrange(start..<min(chars.count, start + cut))
            chars.insert(contentsOf: inserts.map { Self.significant[$0 % Self.significant.count] }, at: min(start, chars.count))
            let text = String(chars)
            let errors: [ModelError?] = [
                refusal { () throws(ModelError) in try Review(Case.read(text, file: "f")) },
                refusal { () throws(ModelError) in try Plan.read(text, file: "f") },
                refusal { () throws(ModelError) in try CheckIn.readAll(text, file: "f") },
                refusal { () throws(ModelError) in try Segmentation(Portfolio.read(text, file: "f")) },
            ]
            for error in errors.compactMap({ $0 }) {
                #expect(!error.description.contains("\n"))
                #expect(error.description.hasPrefix("f: "))
            }
            if errors[0] == nil {
                let review = try Review(Case.read(text, file: "f"))
                #expect(allFinite(review.json))
            }
        }
    }
}

/// True when every number in `value` is finite.
func allFinite(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let x): return x.isFinite
    case .array(let items): return items.allSatisfy(allFinite)
    case .object(let members): return members.allSatisfy { allFinite($0.value) }
    default: return true
    }
}
