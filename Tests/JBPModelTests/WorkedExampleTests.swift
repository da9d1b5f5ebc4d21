import Testing
@testable import JBPModel

/// model.md §8: every figure of the worked example (恒达商贸), from example-case.yaml.
@Suite("Worked example: the review of 恒达商贸")
struct WorkedExampleReviewTests {
    /// Each row: a path into `jbp review --json` and the figure model.md §8 prints.
    static let figures: [(String, Double)] = [
        ("result.revenue", 10_200_000),
        ("result.sales_target", 12_000_000),
        ("result.achievement_rate", 0.85),
        ("result.sales_gap", 1_800_000),
        ("result.growth_rate", 0.0625),
        ("result.gross_profit", 1_326_000),
        ("result.gross_margin", 0.13),
        ("result.rebates", 204_000),
        ("result.operating_expenses", 1_236_000),
        ("result.net_profit", 294_000),
        ("result.net_margin", 0.0288235),
        ("result.investment", 3_198_000),
        ("result.capital_turnover", 3.189493),
        ("result.roi", 0.0919325),
        ("result.target_roi", 0.20),
        ("result.roi_gap", 0.1080675),
        ("contribution_rate", 0.11),
        ("working_capital_rate", 0.2527451),
        // coverage
        ("areas.coverage.coverage_rate", 0.494444),
        ("areas.coverage.channels.modern.coverage_rate", 0.80),
        ("areas.coverage.channels.modern.target_outlets", 114),
        ("areas.coverage.channels.modern.gap_outlets", 18),
        ("areas.coverage.channels.traditional.coverage_rate", 0.479167),
        ("areas.coverage.channels.traditional.target_outlets", 1440),
        ("areas.coverage.channels.traditional.gap_outlets", 290),
        ("areas.coverage.gap_outlets", 308),
        ("areas.coverage.amount", 1_902_000),
        ("areas.coverage.roi_after", 0.136792),
        ("areas.coverage.roi_delta", 0.044860),
        // terminal
        ("areas.terminal.skus_per_outlet", 7.2),
        ("areas.terminal.distribution_rate", 0.6),
        ("areas.terminal.gap_skus_per_outlet", 1.8),
        ("areas.terminal.amount", 672_840),
        ("areas.terminal.roi_after", 0.109265),
        ("areas.terminal.roi_delta", 0.017333),
        // inventory
        ("areas.inventory.inventory_days", 60.051837),
        ("areas.inventory.inventory_turnover", 6.078082),
        ("areas.inventory.gap_days", 30.051837),
        ("areas.inventory.amount", 730_630.137),
        ("areas.inventory.roi_after", 0.119155),
        ("areas.inventory.roi_delta", 0.027223),
        // logistics
        ("areas.logistics.on_time_rate", 0.88),
        ("areas.logistics.fill_rate", 0.95),
        ("areas.logistics.cost_per_case", 0.45),
        ("areas.logistics.cost_per_case_gap", 0.07),
        ("areas.logistics.amount", 47_600),
        ("areas.logistics.roi_after", 0.106817),
        ("areas.logistics.roi_delta", 0.014884),
        // finance
        ("areas.finance.dso_days", 40.006863),
        ("areas.finance.gap_days", 10.006863),
        ("areas.finance.bad_debt_rate", 0.002),
        ("areas.finance.amount", 279_643.836),
        ("areas.finance.roi_after", 0.100742),
        ("areas.finance.roi_delta", 0.008809),
        // team
        ("areas.team.sales_per_rep", 850_000),
        ("areas.team.gap_per_rep", 100_000),
        ("areas.team.sales_after_distribution", 12_774_840),
        ("areas.team.amount", 0),
        ("areas.team.roi_after", 0.0919325),
        ("areas.team.roi_delta", 0),
    ]

    @Test("figure at path", arguments: figures)
    func figure(path: String, expected: Double) throws {
        let value = try #require(exampleReview().json.lookup(path)?.doubleValue, "no number at \(path)")
        #expect(isClose(value, expected), "\(path) = \(value), model.md says \(expected)")
    }

    @Test("the figures of the typed review agree with its JSON")
    func typedFigures() throws {
        let review = try exampleReview()
        #expect(isClose(review.result.roi, 0.0919325))
        #expect(isClose(review.result.roi, review.result.netMargin * review.result.capitalTurnover, tolerance: 1e-12))
        #expect(review.coverage.channel("modern")?.targetOutlets == 114)
        #expect(isClose(review.opportunity(.inventory).amount, 730_630.137))
        #expect(review.opportunity(.finance).kind == .capital)
        #expect(review.opportunity(.logistics).kind == .cost)
        #expect(review.opportunity(.team).kind == .sales)
    }

    @Test("opportunities rank coverage, inventory, terminal, logistics, finance, team")
    func ranking() throws {
        let json = try exampleReview().json
        #expect(json.lookup("opportunities") == .array(["coverage", "inventory", "terminal", "logistics", "finance", "team"].map(JSONValue.string)))
        #expect(json.lookup("top_opportunities") == .array(["coverage", "inventory", "terminal"].map(JSONValue.string)))
    }

    @Test("the review JSON has exactly the keys of the command table")
    func keys() throws {
        let json = try exampleReview().json
        guard case .object(let top) = json, case .object(let result)? = json["result"],
              case .object(let areas)? = json["areas"] else {
            Issue.record("not an object")
            return
        }
        #expect(top.map(\.key) == ["case", "result", "contribution_rate", "working_capital_rate", "areas", "opportunities", "top_opportunities"])
        #expect(result.map(\.key) == ["revenue", "sales_target", "achievement_rate", "sales_gap", "growth_rate", "gross_profit",
                                      "gross_margin", "rebates", "operating_expenses", "net_profit", "net_margin", "investment",
                                      "capital_turnover", "roi", "target_roi", "roi_gap"])
        #expect(areas.map(\.key) == ["coverage", "terminal", "inventory", "logistics", "finance", "team"])
        for (area, value) in areas {
            guard case .object(let members) = value else { continue }
            #expect(Array(members.suffix(4).map(\.key)) == ["kind", "amount", "roi_after", "roi_delta"], "\(area)")
            for (key, member) in members where member.doubleValue != nil {
                #expect(FigureUnit.ofReviewKey(key) != nil, "areas.\(area).\(key) has no unit")
            }
        }
        guard case .array(let channels)? = json.lookup("areas.coverage.channels"), case .object(let channel)? = channels.first else {
            Issue.record("no channels")
            return
        }
        #expect(channel.map(\.key) == ["id", "name", "universe", "covered", "coverage_rate", "target_rate", "target_outlets",
                                       "gap_outlets", "incremental_sales"])
        #expect(json.lookup("case.name") == .string("恒达商贸(虚构案例)"))
    }

    @Test("growth_rate is null without last_year")
    func growthWithoutLastYear() throws {
        var c = try exampleCase()
        c.sales.lastYear = nil
        let review = try Review(c)
        #expect(review.result.growthRate == nil)
        #expect(review.json.lookup("result.growth_rate") == .null)
    }
}

@Suite("ceil⁺ and the tie order of opportunities")
struct RoundingAndTieTests {
    @Test("ceil⁺ forgives floating-point dust but not a real fraction", arguments: [
        (0.95 * 120, 114.0), (0.6 * 2400, 1440.0), (114.0, 114.0), (113.5, 114.0), (0.0, 0.0), (113.000001, 114.0),
    ])
    func ceilPlusRule(x: Double, expected: Double) {
        #expect(ceilPlus(x) == expected)
    }

    @Test("0.95 × 120 outlets is a target of 114, not 115")
    func modernTarget() throws {
        let channel = try #require(exampleReview().coverage.channel("modern"))
        #expect(channel.targetOutlets == 114)
        #expect(channel.gapOutlets == 18)
    }

    @Test("a target rate of 0.07 on 100 outlets is 7 outlets, although 0.07 × 100 computes as 7.000000000000001")
    func floatingPointDust() throws {
        #expect(0.07 * 100 > 7) // the dust ceil⁺ exists for
        var c = try exampleCase()
        c.coverage[0].universe = 100
        c.coverage[0].covered = 5
        c.coverage[0].targetRate = 0.07
        let channel = try #require(Review(c).coverage.channel("modern"))
        #expect(channel.targetOutlets == 7)
        #expect(channel.gapOutlets == 2)
    }

    /// A case whose inventory and finance GAPs each release exactly 50 of capital, and whose
    /// coverage and team GAPs each add exactly 1000 of sales (the team's after coverage's:
    /// 2 × 1500 − (1000 + 1000)): equal ROI deltas, so the fixed order decides (coverage
    /// before team, inventory before finance).
    static let tiedCase = """
        id: tie
        name: 并列
        days: 100
        sales: {target: 1000, actual: 1000}
        pnl:
          cogs: 500
          expenses: {staff: 100, logistics: 100}
        balance: {inventory: 100, receivables: 150, fixed_assets: 50}
        targets: {roi: 0.5}
        coverage:
          - {id: modern, name: 现代渠道, universe: 10, covered: 5, target_rate: 0.6, sales_per_outlet: 1000}
        terminal: {must_sell_skus: 10, audited_outlets: 10, distribution_points: 50, target_skus_per_outlet: 5, sales_per_sku_point: 3}
        inventory: {target_days: 10}
        logistics: {orders: 10, on_time_orders: 10, order_lines: 10, filled_lines: 10, cases: 100,
                    target_on_time_rate: 1, target_fill_rate: 1, target_cost_per_case: 1}
        finance: {target_dso_days: 10}
        team: {reps: 2, target_sales_per_rep: 1500}
        """

    @Test("exact ties keep the order coverage, terminal, inventory, logistics, finance, team")
    func tieOrder() throws {
        let review = try Review(Case.read(Self.tiedCase, file: "tie.yaml"))
        #expect(review.opportunity(.coverage).amount == 1000)
        #expect(review.opportunity(.team).amount == 1000)
        #expect(review.opportunity(.inventory).amount == 50)
        #expect(review.opportunity(.finance).amount == 50)
        #expect(review.opportunity(.coverage).roiDelta == review.opportunity(.team).roiDelta)
        #expect(review.opportunity(.inventory).roiDelta == review.opportunity(.finance).roiDelta)
        #expect(review.opportunities.map(\.area) == [.coverage, .team, .inventory, .finance, .terminal, .logistics])
        #expect(review.topOpportunities.map(\.area) == [.coverage, .team, .inventory])
    }

    @Test("a case without GAPs has every area tied at 0 and no top opportunity")
    func noGaps() throws {
        var c = try Case.read(Self.tiedCase, file: "tie.yaml")
        c.coverage[0].targetRate = 0.5
        c.team.targetSalesPerRep = 500
        c.inventory.targetDays = 20
        c.finance.targetDSODays = 15
        let review = try Review(c)
        #expect(review.opportunities.map(\.area) == Area.allCases)
        #expect(review.opportunities.allSatisfy { $0.roiDelta == 0 })
        #expect(review.topOpportunities.isEmpty)
    }
}
