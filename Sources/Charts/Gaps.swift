import JBPModel

extension Charts {
    /// The six GAP areas (生意过程回顾, model.md §3): for each area's KPIs that have a target,
    /// the actual against the target as a bullet bar — the coloured bar is the actual (green
    /// when the model finds no GAP, red when it does), the dark tick the target. Each row is
    /// scaled on its own (the units differ), and labelled with the real values and the
    /// model's GAP: 覆盖 per channel (GAP in outlets), 终端 SKUs per outlet, 库存 days,
    /// 物流 on-time rate, fill rate and cost per case, 财务 DSO days, 团队 sales per rep.
    /// Rows marked ↓ are better lower.
    ///
    /// - Parameters:
    ///   - review: the case's review; every figure comes from it.
    ///   - id: the prefix of the SVG's ids; `chart-gaps-<case id>` when nil.
    public static func gaps(_ review: Review, id: String? = nil) -> Chart {
        let rows = gapRows(review)
        let prefix = chartID(id, kind: "gaps", key: review.case.id)

        let (left, top, rowHeight) = (16.0, 74.0, 36.0)
        let metricX = 58.0, barX = 212.0, barWidth = 360.0
        let actualX = 588.0, targetX = 690.0, gapX = 852.0
        let width = 960.0
        let height = top + Double(rows.count) * rowHeight + 12

        var svg = SVG(id: prefix, width: width, height: height)
        // Legend.
        svg.rect(x: left, y: 12, width: 22, height: 10, fill: SVG.Colour.green)
        svg.text("实际(无 GAP)", x: left + 28, y: 21, size: 12)
        svg.rect(x: left + 128, y: 12, width: 22, height: 10, fill: SVG.Colour.red)
        svg.text("实际(有 GAP)", x: left + 156, y: 21, size: 12)
        svg.line(x1: left + 262, y1: 8, x2: left + 262, y2: 26, stroke: SVG.Colour.ink, width: 3)
        svg.text("目标", x: left + 270, y: 21, size: 12)
        svg.text("↓ 越低越好 · 每行按本行数值缩放", x: left + 310, y: 21, size: 12, fill: SVG.Colour.muted)
        // Column heads.
        let headY = top - 12
        svg.text("领域", x: left, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.text("指标", x: metricX, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.text("实际 vs 目标", x: barX, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.text("实际", x: actualX, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.text("目标", x: targetX, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.text("GAP", x: gapX, y: headY, size: 12, fill: SVG.Colour.muted)
        svg.line(x1: left, y1: top - 4, x2: width - left, y2: top - 4, stroke: SVG.Colour.line)

        var previous: Area?
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let mid = y + rowHeight / 2
            if row.area != previous {
                if previous != nil { svg.line(x1: left, y1: y, x2: width - left, y2: y, stroke: SVG.Colour.line) }
                svg.text(row.area.chineseName, x: left, y: mid + 5, size: 14, bold: true)
                previous = row.area
            }
            let label = row.metric + (row.lowerIsBetter ? " ↓" : "")
            svg.text(SVG.fit(label, width: barX - metricX - 10, size: 12.5), x: metricX, y: mid + 4.5, size: 12.5)
            // Each row on its own scale: the larger of actual and target fills 90 % of the bar.
            let top = max(row.actual, row.target, 0)
            let unit = top > 0 ? barWidth * 0.9 / top : 0
            svg.rect(x: barX, y: mid - 9, width: barWidth, height: 18, fill: "#f6f7f9")
            let colour = row.hasGap ? SVG.Colour.red : SVG.Colour.green
            svg.rect(x: barX, y: mid - 6, width: max(0, row.actual) * unit, height: 12, fill: colour)
            let tick = barX + max(0, row.target) * unit
            svg.line(x1: tick, y1: mid - 11, x2: tick, y2: mid + 11, stroke: SVG.Colour.ink, width: 3)
            svg.text(row.actualText, x: actualX, y: mid + 4.5, size: 13, fill: row.hasGap ? SVG.Colour.red : SVG.Colour.green, bold: true)
            svg.text(row.targetText, x: targetX, y: mid + 4.5, size: 13)
            svg.text(row.gapText, x: gapX, y: mid + 4.5, size: 13, fill: row.hasGap ? SVG.Colour.red : SVG.Colour.muted)
        }

        var figures: [Chart.Figure] = []
        for row in rows {
            let name = "\(row.area.chineseName) · \(row.metric)"
            figures.append(.init(label: "\(name) 实际", value: row.actualText))
            figures.append(.init(label: "\(name) 目标", value: row.targetText))
            figures.append(.init(label: "\(name) GAP", value: row.gapText))
        }
        let open = rows.filter(\.hasGap)
        let phrases = open.map { "\($0.area.chineseName)\($0.metric) \($0.actualText)(目标 \($0.targetText))" }
        let summary = open.isEmpty
            ? "\(review.case.name) 的六大领域指标都达到了目标,没有 GAP。"
            : "\(review.case.name) 六大领域中有 \(open.count) 项指标未达目标:" + phrases.joined(separator: ";") + "。"
        let title = "六大领域 GAP:\(review.case.name)"
        return Chart(id: prefix, title: title, summary: summary, figures: figures, svg: svg.render(title: title, summary: summary))
    }

    /// One KPI of one area against its target, with the model's GAP.
    struct GapRow {
        let area: Area
        let metric: String
        let actual: Double
        let target: Double
        let lowerIsBetter: Bool
        let hasGap: Bool
        let actualText: String
        let targetText: String
        let gapText: String
    }

    /// The rows of the GAP chart, in the areas' fixed order; figures from the review only.
    static func gapRows(_ review: Review) -> [GapRow] {
        func row(_ area: Area, _ metric: String, _ actual: Double, _ target: Double, _ gap: Double, unit: FigureUnit,
                 lower: Bool = false, actualText: String? = nil, targetText: String? = nil, gapText: String? = nil) -> GapRow {
            GapRow(area: area, metric: metric, actual: actual, target: target, lowerIsBetter: lower, hasGap: gap > 0,
                   actualText: actualText ?? ChartFormat.figure(actual, unit), targetText: targetText ?? ChartFormat.figure(target, unit),
                   gapText: gapText ?? ChartFormat.figure(gap, unit))
        }
        var rows: [GapRow] = []
        for ch in review.coverage.channels {
            rows.append(row(.coverage, "\(ch.name)覆盖率", ch.coverageRate, ch.targetRate, ch.gapOutlets, unit: .rate,
                            targetText: "\(ChartFormat.percent(ch.targetRate))(\(ChartFormat.grouped(ch.targetOutlets, decimals: 0)) 家)",
                            gapText: ChartFormat.grouped(ch.gapOutlets, decimals: 0) + " 家"))
        }
        let t = review.terminal
        rows.append(row(.terminal, "单店SKU数", t.skusPerOutlet, t.targetSKUsPerOutlet, t.gapSKUsPerOutlet, unit: .ratio))
        let inv = review.inventory
        rows.append(row(.inventory, "库存天数", inv.inventoryDays, inv.targetDays, inv.gapDays, unit: .days, lower: true))
        let l = review.logistics
        rows.append(row(.logistics, "准时交货率", l.onTimeRate, l.targetOnTimeRate, l.onTimeGap, unit: .rate))
        rows.append(row(.logistics, "订单满足率", l.fillRate, l.targetFillRate, l.fillRateGap, unit: .rate))
        rows.append(row(.logistics, "每箱物流成本", l.costPerCase, l.targetCostPerCase, l.costPerCaseGap, unit: .ratio, lower: true))
        let f = review.finance
        rows.append(row(.finance, "应收账款天数", f.dsoDays, f.targetDSODays, f.gapDays, unit: .days, lower: true))
        let team = review.team
        rows.append(row(.team, "人均销售额", team.salesPerRep, team.targetSalesPerRep, team.gapPerRep, unit: .money))
        return rows
    }
}
