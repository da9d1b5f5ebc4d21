import Foundation
import Testing
import JBPModel
@testable import Charts

/// The spec's worked example and the three course cases.
let caseFiles = ["example-case.yaml", "hengda-2025.yaml", "ruifeng-2025.yaml", "jinxiu-2025.yaml"]

@Suite("ROI tree")
struct ROITreeTests {
    @Test("every figure of the result review is drawn as text", arguments: caseFiles)
    func figures(file: String) throws {
        let review = try reviewOf(file)
        let chart = Charts.roiTree(review)
        checkWellFormed(chart)
        let r = review.result, b = review.case.balance
        let shown = texts(chart)
        for value in [ChartFormat.percent(r.roi), ChartFormat.percent(r.netMargin), ChartFormat.fixed(r.capitalTurnover, 2),
                      ChartFormat.money(r.netProfit), ChartFormat.money(r.revenue), ChartFormat.money(r.grossProfit),
                      ChartFormat.money(r.rebates), ChartFormat.money(r.operatingExpenses), ChartFormat.money(r.investment),
                      ChartFormat.money(b.inventory), ChartFormat.money(b.receivables), ChartFormat.money(b.fixedAssets),
                      ChartFormat.money(b.prepayments), ChartFormat.money(b.payables), ChartFormat.money(review.case.pnl.cogs)] {
            #expect(shown.contains(value), "\(file): \(value) not drawn")
        }
        for expense in review.case.pnl.expenses {
            #expect(shown.contains(ChartFormat.money(expense.amount)))
        }
        #expect(shows(chart, "目标 " + ChartFormat.percent(r.targetROI)))
        for figure in chart.figures { #expect(shows(chart, figure.value), "\(figure.label) \(figure.value) not in the SVG") }
        #expect(chart.summary.contains(ChartFormat.percent(r.roi)))
        #expect(chart.id == "chart-roi-" + review.case.id)
    }

    @Test("the worked example shows model.md §8's published figures")
    func workedExample() throws {
        let chart = Charts.roiTree(try reviewOf("example-case.yaml"))
        let shown = texts(chart)
        for value in ["9.19%", "2.88%", "3.19", "294,000", "10,200,000", "1,326,000", "1,236,000", "3,198,000", "1,460,000", "1,118,000"] {
            #expect(shown.contains(value), "\(value)")
        }
        #expect(shows(chart, "毛利率 13.00%"))
        #expect(shows(chart, "目标 20.00%"))
        #expect(shows(chart, "ROI 差距 10.81%"))
        // The expense types by their Chinese names.
        for name in ["人员费用", "仓储费用", "物流费用", "其他费用"] { #expect(shown.contains(name)) }
        // Boxes and connectors.
        #expect(chart.svg.components(separatedBy: "<rect").count - 1 >= 20)
        #expect(chart.svg.components(separatedBy: "<path").count - 1 >= 19)
    }
}

@Suite("Six GAP areas")
struct GapTests {
    @Test("each area's actual, target and GAP are drawn", arguments: caseFiles)
    func figures(file: String) throws {
        let review = try reviewOf(file)
        let chart = Charts.gaps(review)
        checkWellFormed(chart)
        let shown = texts(chart)
        for area in Area.allCases { #expect(shown.contains(area.chineseName), "\(area)") }
        for ch in review.coverage.channels {
            #expect(shown.contains(ChartFormat.percent(ch.coverageRate)))
            #expect(shown.contains(ChartFormat.grouped(ch.gapOutlets, decimals: 0) + " 家"))
        }
        #expect(shown.contains(ChartFormat.fixed(review.terminal.skusPerOutlet, 2)))
        #expect(shown.contains(ChartFormat.figure(review.inventory.inventoryDays, .days)))
        #expect(shown.contains(ChartFormat.figure(review.inventory.targetDays, .days)))
        #expect(shown.contains(ChartFormat.percent(review.logistics.onTimeRate)))
        #expect(shown.contains(ChartFormat.percent(review.logistics.fillRate)))
        #expect(shown.contains(ChartFormat.fixed(review.logistics.costPerCase, 2)))
        #expect(shown.contains(ChartFormat.figure(review.finance.dsoDays, .days)))
        #expect(shown.contains(ChartFormat.money(review.team.salesPerRep)))
        #expect(shown.contains(ChartFormat.money(review.team.targetSalesPerRep)))
        for figure in chart.figures { #expect(shown.contains(figure.value), "\(figure.label) \(figure.value) not in the SVG") }
    }

    @Test("the worked example shows model.md §8's KPIs and GAPs")
    func workedExample() throws {
        let chart = Charts.gaps(try reviewOf("example-case.yaml"))
        let shown = texts(chart)
        for value in ["80.00%", "47.92%", "18 家", "290 家", "7.20", "9.00", "1.80", "60.1 天", "30.0 天", "30.1 天",
                      "88.00%", "95.00%", "0.45", "0.38", "0.07", "40.0 天", "10.0 天", "850,000", "950,000", "100,000"] {
            #expect(shown.contains(value), "\(value)")
        }
        #expect(shown.contains("95.00%(114 家)"))
        #expect(shown.contains("60.00%(1,440 家)"))
        // Every area of the example has a GAP.
        #expect(chart.summary.contains("有 9 项指标未达目标"))
    }

    @Test("bars are scaled per row: no bar runs past its track")
    func scaled() throws {
        let chart = Charts.gaps(try reviewOf("jinxiu-2025.yaml"))
        let widths = chart.svg.components(separatedBy: "width=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(widths.allSatisfy { $0 >= 0 && $0 <= 960 })
    }
}

@Suite("Opportunity waterfall")
struct WaterfallTests {
    @Test("today's ROI, each area's gain in ranked order, the potential", arguments: caseFiles)
    func figures(file: String) throws {
        let review = try reviewOf(file)
        let chart = Charts.waterfall(review)
        checkWellFormed(chart)
        let shown = texts(chart)
        #expect(shown.contains(ChartFormat.percent(review.result.roi)))
        var positions: [Int] = []
        for (i, o) in review.opportunities.enumerated() {
            #expect(shown.contains(ChartFormat.signedPercent(o.roiDelta)))
            #expect(shown.contains(ChartFormat.money(o.amount)))
            #expect(shown.contains("→ ROI " + ChartFormat.percent(o.roiAfter)))
            let label = "\(i + 1). \(o.area.chineseName)"
            positions.append(shown.firstIndex(of: label) ?? -1)
        }
        #expect(positions.allSatisfy { $0 >= 0 } && positions == positions.sorted(), "ranked order")
        let potential = review.opportunities.reduce(review.result.roi) { $0 + $1.roiDelta }
        #expect(shown.contains(ChartFormat.percent(potential)))
        for figure in chart.figures { #expect(shows(chart, figure.value), "\(figure.label) \(figure.value) not in the SVG") }
    }

    @Test("the worked example: coverage, inventory, terminal, logistics, finance, team")
    func workedExample() throws {
        let chart = Charts.waterfall(try reviewOf("example-case.yaml"))
        let shown = texts(chart)
        let expected = [("1. 覆盖", "+4.49%", "1,902,000"), ("2. 库存", "+2.72%", "730,630"), ("3. 终端", "+1.73%", "672,840"),
                        ("4. 物流", "+1.49%", "47,600"), ("5. 财务", "+0.88%", "279,644"), ("6. 团队", "+0.00%", "0")]
        for (label, gain, amount) in expected {
            #expect(shown.contains(label) && shown.contains(gain) && shown.contains(amount), "\(label)")
        }
        #expect(shown.contains("→ ROI 13.68%"))
        #expect(shown.contains("9.19%"))
        #expect(shows(chart, "厂家目标 ROI 20.00%"))
        #expect(chart.summary.contains("重点机会 覆盖 +4.49%、库存 +2.72%、终端 +1.73%"))
    }
}

@Suite("Awkward cases")
struct AwkwardTests {
    /// The worked example losing money: 97 % of sales go on goods.
    func lossMaking() throws -> Review {
        var c = try Case.read(fixture("example-case.yaml"), file: "example-case.yaml")
        c.pnl.cogs = c.sales.actual * 0.97
        return try Review(c)
    }

    @Test("a loss-making distributor: negative ROI, profit and margins draw, with a minus sign")
    func negativeROI() throws {
        let review = try lossMaking()
        #expect(review.result.roi < 0 && review.result.netProfit < 0)
        for chart in [Charts.roiTree(review), Charts.gaps(review), Charts.waterfall(review)] {
            checkWellFormed(chart)
        }
        let tree = Charts.roiTree(review)
        #expect(texts(tree).contains(ChartFormat.percent(review.result.roi)))
        #expect(ChartFormat.percent(review.result.roi).hasPrefix("−"))
        #expect(texts(tree).contains(ChartFormat.money(review.result.netProfit)))
        let waterfall = Charts.waterfall(review)
        #expect(texts(waterfall).contains(ChartFormat.percent(review.result.roi)))
        // The axis reaches below zero: a tick under 0 %.
        #expect(texts(waterfall).contains { $0.hasPrefix("−") && $0.hasSuffix("%") && !$0.contains(".") })
        // Bars have positive heights.
        let heights = waterfall.svg.components(separatedBy: "height=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(heights.allSatisfy { $0 >= 0 })
    }

    @Test("a distributor above its contribution ROI: extra sales lower ROI, and the steps go down in red")
    func negativeGains() throws {
        var c = try Case.read(fixture("example-case.yaml"), file: "example-case.yaml")
        c.pnl.expenses = [Case.Expense(name: "logistics", amount: 306_000)]
        c.balance.payables = 2_000_000
        let review = try Review(c)
        let losses = review.opportunities.filter { $0.roiDelta < 0 }
        #expect(!losses.isEmpty)
        let chart = Charts.waterfall(review)
        checkWellFormed(chart)
        for o in losses {
            #expect(ChartFormat.signedPercent(o.roiDelta).hasPrefix("−"))
            #expect(texts(chart).contains(ChartFormat.signedPercent(o.roiDelta)))
        }
        #expect(chart.svg.contains("fill=\"\(SVG.Colour.red)\""))
    }

    @Test("names from users are escaped: a case named <script>&\"")
    func escaping() throws {
        var c = try Case.read(fixture("example-case.yaml"), file: "example-case.yaml")
        c.name = "<script>&\"'"
        c.id = "<script>&\""
        c.coverage[0].name = "<b>渠道</b>"
        c.pnl.expenses.append(Case.Expense(name: "a&b<c>", amount: 1000))
        c.pnl.expenses.append(Case.Expense(name: "bell\u{7}", amount: 1000))
        let review = try Review(c)
        for chart in [Charts.roiTree(review), Charts.gaps(review), Charts.waterfall(review)] {
            checkWellFormed(chart)
            #expect(!chart.svg.contains("<script>") && !chart.svg.contains("<b>"))
            #expect(chart.svg.contains("&lt;script&gt;&amp;&quot;&#39;"))
            #expect(ParsedSVG(chart.svg).titles.first?.text.contains("<script>&\"'") == true)
            #expect(!chart.figuresHTML.contains("<script>"))
            #expect(chart.id.hasPrefix("chart-") && chart.id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        #expect(texts(Charts.gaps(review)).contains { $0.contains("<b>渠道</b>") })
        #expect(texts(Charts.roiTree(review)).contains("a&b<c>"))
        let histogram = Charts.histogram(scores: [1, 2], maxScore: 10, title: "<script>&\"")
        checkWellFormed(histogram)
        #expect(!histogram.svg.contains("<script>"))
    }

    @Test("several charts on one page have distinct ids")
    func ids() throws {
        let review = try reviewOf("hengda-2025.yaml")
        let other = try reviewOf("ruifeng-2025.yaml")
        let (card, results) = try exampleScoreCard()
        let charts = [Charts.roiTree(review), Charts.gaps(review), Charts.waterfall(review), Charts.roiTree(other),
                      Charts.histogram(scores: [1], maxScore: 10, title: "练习 1"), Charts.histogram(scores: [1], maxScore: 10, title: "练习 2"),
                      Charts.scorecardTrend(card, measure: "M1", results: results), Charts.scorecardTrend(card, measure: "M4", results: results),
                      Charts.roiTree(review, id: "page-roi")]
        let ids = charts.flatMap { ParsedSVG($0.svg).ids }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(charts.last?.id == "page-roi")
        #expect(Set(charts.map(\.id)).count == charts.count)
    }
}

@Suite("Score histogram")
struct HistogramTests {
    @Test("ten bins with their counts")
    func counts() throws {
        let scores: [Double] = [95, 80, 72.5, 100, 0, 55, 61, 88, 90, 79.99]
        let chart = Charts.histogram(scores: scores, maxScore: 100, title: "练习 3 成绩分布")
        checkWellFormed(chart)
        let figures = Dictionary(chart.figures.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(figures["人数"] == "10")
        #expect(figures["0–10 分 人数"] == "1")
        #expect(figures["70–80 分 人数"] == "2")
        #expect(figures["80–90 分 人数"] == "2")
        #expect(figures["90–100 分 人数"] == "3")
        #expect(figures["平均分"] == "72.1")
        // The middle two of ten: 79.99 and 80 (79.995, printed to one decimal).
        #expect(figures["中位数"] == "80")
        let shown = texts(chart)
        for edge in ["0", "50", "100"] { #expect(shown.contains(edge)) }
        #expect(shown.contains("3") && shown.contains("2"))
        #expect(chart.summary.contains("共 10 个成绩"))
        #expect(shown.contains("人数 10 · 平均分 72.1 · 中位数 \(figures["中位数"] ?? "") · 最低分 0 · 最高分 100"))
        for figure in chart.figures { #expect(shows(chart, figure.value), "\(figure.label)") }
    }

    @Test("no scores: a chart that says there is no data", arguments: [0.0, 100, -5, .nan, .infinity])
    func empty(maxScore: Double) throws {
        let chart = Charts.histogram(scores: [], maxScore: maxScore, title: "练习 1")
        checkWellFormed(chart)
        #expect(texts(chart).contains("暂无成绩数据"))
        #expect(texts(chart).contains("人数 0"))
        #expect(chart.summary == "暂无成绩数据。")
    }

    @Test("odd scores: out of range, NaN, a full score of zero")
    func odd() throws {
        let chart = Charts.histogram(scores: [-3, 120, .nan, .infinity, 7], maxScore: 0, title: "t", bins: 0)
        checkWellFormed(chart)
        #expect(chart.figures.first?.value == "3")
    }
}

@Suite("ScoreCard trend")
struct TrendTests {
    @Test("model.md §8's check-in: actual, expected and status, on the glide path",
          arguments: [("M1", "50.00%", "49.65%", "100.70%", "47.90%", "55.00%"),
                      ("M4", "52.0 天", "55.1 天", "105.90%", "60.0 天", "40.0 天"),
                      ("M5", "2,900,000", "2,835,616", "102.27%", "起点 0", "11,500,000")])
    func checkIn(measure: String, actual: String, expected: String, attainment: String, start: String, target: String) throws {
        let (card, results) = try exampleScoreCard()
        let chart = Charts.scorecardTrend(card, measure: measure, results: results)
        checkWellFormed(chart)
        let shown = texts(chart)
        #expect(shown.contains(actual))
        #expect(shows(chart, "应达 " + expected))
        #expect(shows(chart, "达成度 " + attainment))
        #expect(shows(chart, "绿灯"))
        #expect(shows(chart, start) && shows(chart, "目标 " + target))
        #expect(chart.svg.contains("fill=\"\(SVG.Colour.green)\""))
        #expect(chart.summary.contains("绿灯"))
        for figure in chart.figures { #expect(shows(chart, figure.value), "\(figure.label) \(figure.value)") }
    }

    @Test("several check-ins: a line through points coloured green, amber, red")
    func statuses() throws {
        let (card, _) = try exampleScoreCard()
        let checkIns = [CheckIn(date: Day("2026-03-31")!, values: [.init(measure: "M4", actual: 52)]),
                        CheckIn(date: Day("2026-06-30")!, values: [.init(measure: "M4", actual: 54)]),
                        CheckIn(date: Day("2026-09-30")!, values: [.init(measure: "M4", actual: 80)])]
        let results = try card.evaluate(checkIns, file: "t")
        #expect(results.map { $0.measures[0].status } == [.green, .amber, .red])
        let chart = Charts.scorecardTrend(card, measure: "M4", results: results)
        checkWellFormed(chart)
        #expect(chart.svg.contains("<polyline"))
        for status in ScorecardStatus.allCases { #expect(chart.svg.contains("fill=\"\(Charts.colour(status))\"")) }
        #expect(chart.summary.contains("绿灯 1、黄灯 1、红灯 1"))
    }

    @Test("no check-ins, an unknown measure, a plan without a period: no-data charts, never a crash")
    func empty() throws {
        let (card, results) = try exampleScoreCard()
        let none = Charts.scorecardTrend(card, measure: "M2", results: results)
        checkWellFormed(none)
        #expect(texts(none).contains("暂无检查点数据"))
        #expect(shows(none, "目标 90.00%"))
        let unknown = Charts.scorecardTrend(card, measure: "M9", results: [])
        checkWellFormed(unknown)
        #expect(texts(unknown).contains { $0.hasPrefix("暂无数据") })
        var plan = card.plan
        plan.period = nil
        let noPeriod = ScoreCard(plan: plan)
        let chart = Charts.scorecardTrend(noPeriod, measure: "M4", results: results)
        checkWellFormed(chart)
        #expect(texts(chart).contains("52.0 天"))
    }
}

@Suite("Figures as text")
struct FormatTests {
    @Test("formatted as the reports do", arguments: [
        (0.0919325, FigureUnit.rate, "9.19%"), (10_200_000, .money, "10,200,000"), (0.45, .money, "0.45"),
        (60.051837, .days, "60.1 天"), (3.189493, .ratio, "3.19"), (1246, .count, "1,246"), (-294_000, .money, "−294,000"),
        (-0.0312, .rate, "−3.12%"), (-0.00001, .rate, "0.00%"), (.nan, .rate, "—"), (.infinity, .money, "—"),
    ])
    func figure(value: Double, unit: FigureUnit, text: String) {
        #expect(ChartFormat.figure(value, unit) == text)
    }

    @Test func signed() {
        #expect(ChartFormat.signedPercent(0.050030) == "+5.00%")
        #expect(ChartFormat.signedPercent(-0.008809) == "−0.88%")
        #expect(ChartFormat.signedPercent(-0.00001) == "+0.00%")
    }

    @Test func coordinates() {
        #expect(SVG.n(.nan) == "0" && SVG.n(.infinity) == "0" && SVG.n(12.0) == "12" && SVG.n(12.04) == "12")
        // SVG reads an ASCII minus only.
        #expect(SVG.n(-3.25) == "-3.3" && SVG.n(-0.01) == "0")
    }

    @Test func figuresTable() throws {
        let chart = Charts.roiTree(try reviewOf("example-case.yaml"))
        #expect(chart.figuresHTML.hasPrefix("<table class=\"grid chart-figures\" id=\"chart-roi-hengda-2025-figures\">"))
        #expect(chart.figuresHTML.contains("<tr><th scope=\"row\">ROI(投入产出比)</th><td class=\"num\">9.19%</td></tr>"))
    }
}

/// Writes every chart of the course cases to $CHARTS_OUT (when set), to look at.
@Test("writes the SVGs for a look", .enabled(if: ProcessInfo.processInfo.environment["CHARTS_OUT"] != nil))
func writeSVGs() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHARTS_OUT"] ?? "/tmp")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var charts: [(String, Chart)] = []
    for file in caseFiles.dropFirst() {
        let review = try reviewOf(file)
        let name = review.case.id
        charts += [("\(name)-roi", Charts.roiTree(review)), ("\(name)-gaps", Charts.gaps(review)), ("\(name)-waterfall", Charts.waterfall(review))]
    }
    var loss = try Case.read(fixture("example-case.yaml"), file: "x")
    loss.pnl.cogs = loss.sales.actual * 0.97
    charts.append(("loss-waterfall", Charts.waterfall(try Review(loss))))
    charts.append(("loss-roi", Charts.roiTree(try Review(loss))))
    charts.append(("histogram", Charts.histogram(scores: [95, 80, 72.5, 100, 0, 55, 61, 88, 90, 79.99, 66, 68, 71, 74, 77], maxScore: 100, title: "练习 3 成绩分布")))
    charts.append(("histogram-empty", Charts.histogram(scores: [], maxScore: 100, title: "练习 3 成绩分布")))
    let (card, _) = try exampleScoreCard()
    let checkIns = [CheckIn(date: Day("2026-03-31")!, values: [.init(measure: "M4", actual: 52), .init(measure: "M5", actual: 2_900_000)]),
                    CheckIn(date: Day("2026-04-30")!, values: [.init(measure: "M4", actual: 53), .init(measure: "M5", actual: 3_600_000)]),
                    CheckIn(date: Day("2026-06-30")!, values: [.init(measure: "M4", actual: 58), .init(measure: "M5", actual: 5_000_000)]),
                    CheckIn(date: Day("2026-09-30")!, values: [.init(measure: "M4", actual: 80), .init(measure: "M5", actual: 7_000_000)])]
    let results = try card.evaluate(checkIns, file: "t")
    charts.append(("trend-M4", Charts.scorecardTrend(card, measure: "M4", results: results)))
    charts.append(("trend-M5", Charts.scorecardTrend(card, measure: "M5", results: results)))
    charts.append(("trend-M2-empty", Charts.scorecardTrend(card, measure: "M2", results: results)))
    let weekly = (0..<40).map { w in
        CheckIn(date: Day("2026-01-07")!.adding(days: 7 * w)!, values: [.init(measure: "M1", actual: 0.479 + 0.0015 * Double(w) + (w % 3 == 0 ? -0.01 : 0.004))])
    }
    charts.append(("trend-M1-weekly", Charts.scorecardTrend(card, measure: "M1", results: try card.evaluate(weekly, file: "w"))))
    charts.append(("histogram-fine", Charts.histogram(scores: (0..<60).map { Double($0 % 15) * 0.5 }, maxScore: 7, title: "小测", bins: 28)))
    for (name, chart) in charts {
        try chart.svg.write(to: folder.appendingPathComponent(name + ".svg"), atomically: true, encoding: .utf8)
        try ("<!doctype html><meta charset=utf-8><body style='margin:0;width:1000px'>" + chart.svg + chart.figuresHTML)
            .write(to: folder.appendingPathComponent(name + ".html"), atomically: true, encoding: .utf8)
    }
}

@Suite("Axes")
struct AxisTests {
    @Test("tick labels have the decimals their step needs", arguments: [(2.5, 1), (5.0, 0), (0.25, 2), (1000.0, 0), (0.1, 1)])
    func decimals(step: Double, expected: Int) {
        #expect(Scale.decimals(for: step) == expected)
    }

    @Test("a glide path from 80 % to 90 % is labelled 82.5 %, not 83 %")
    func rateTicks() throws {
        let (card, results) = try exampleScoreCard()
        let shown = texts(Charts.scorecardTrend(card, measure: "M2", results: results))
        #expect(shown.contains("82.5%") && !shown.contains("83%"))
    }

    @Test("a scale covers its values and starts at zero when they do")
    func covering() {
        let scale = Scale(covering: [0, 0.0919, 0.2454], including: [0, 0.2], count: 6, from: 300, to: 60)
        #expect(scale.ticks.first == 0)
        #expect((scale.ticks.last ?? 0) >= 0.2454)
        #expect(scale(0) == 300)
        let flat = Scale(covering: [], count: 5, from: 100, to: 0)
        #expect(flat.ticks.allSatisfy(\.isFinite) && flat(.nan) == 100)
    }
}
