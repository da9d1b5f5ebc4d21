import JBPModel

extension Charts {
    /// One ScoreCard measure over the plan period (跟进 ScoreCard, model.md §7): the glide
    /// path — the value expected at each date, from the goal's baseline (or from zero for a
    /// cumulative KPI such as revenue) at period start to the target at period end, as the
    /// model's `ScoreCard.expected` gives it — dashed, and the actual values of the
    /// check-ins as a line whose points are coloured by the model's status (绿灯, 黄灯,
    /// 红灯) and labelled with the actual value. A plan without a period or a baseline draws
    /// the check-ins without the path; a measure without check-ins says so.
    ///
    /// - Parameters:
    ///   - scoreCard: the plan's ScoreCard.
    ///   - measure: the measure's id (`M4`).
    ///   - results: the evaluated check-ins (`scoreCard.evaluate(...)`), in any order;
    ///     those without a value for this measure are skipped.
    ///   - id: the prefix of the SVG's ids; `chart-trend-<measure>` when nil.
    public static func scorecardTrend(_ scoreCard: ScoreCard, measure: String, results: [ScoreCard.Result],
                                      id: String? = nil) -> Chart {
        let plan = scoreCard.plan
        let prefix = chartID(id, kind: "trend", key: measure)
        let index = plan.measures.firstIndex { $0.id == measure }
        let goal = index.flatMap { plan.measures[$0].goal }.flatMap(plan.goal)
        let kpi = index.flatMap { plan.measures[$0].kpi } ?? goal?.metric
        let metric = kpi.flatMap(Metric.init)
        let unit = metric?.unit ?? .ratio
        let kpiName = metric?.chineseName ?? kpi ?? "衡量指标"
        func text(_ x: Double) -> String { ChartFormat.figure(x, unit) }

        // The glide path's two ends, from the model (expected values are linear in the date).
        var path: (start: Day, startValue: Double, end: Day, endValue: Double)?
        // f = (days from period.start, both counted) / (days in the period) is 0 the day
        // before the start, where the path leaves the baseline.
        if let index, let period = plan.period, let first = period.start, let end = period.end, end >= first,
           let start = first.adding(days: -1),
           let v0 = try? scoreCard.expected(measureAt: index, fraction: 0),
           let v1 = try? scoreCard.expected(measureAt: index, fraction: 1), v0.isFinite, v1.isFinite {
            path = (start, v0, end, v1)
        }
        let points: [(date: Day, m: ScoreCard.MeasureResult)] = results
            .compactMap { r in r.measures.first { $0.id == measure }.map { (r.date, $0) } }
            .filter { $0.m.actual.isFinite && $0.m.expected.isFinite }
            .sorted { $0.date < $1.date }

        // Time axis: the period, widened to any check-in outside it.
        var dates = points.map(\.date)
        if let path { dates += [path.start, path.end] }
        var first = dates.min(), last = dates.max()
        if let f = first, let l = last, l - f < 28 {
            first = f.adding(days: -14) ?? f
            last = l.adding(days: 14) ?? l
        }
        let (plotLeft, plotRight, plotTop, plotBottom) = (84.0, 796.0, 60.0, 300.0)
        let width = plotRight + 24, height = plotBottom + 44
        var svg = SVG(id: prefix, width: width, height: height)

        // Legend.
        svg.line(x1: 16, y1: 20, x2: 44, y2: 20, stroke: SVG.Colour.grey, width: 2, dash: "6 4")
        svg.text("应达路径", x: 50, y: 24, size: 12)
        var lx = 118.0
        for status in ScorecardStatus.allCases {
            svg.circle(cx: lx + 6, cy: 20, r: 5.5, fill: colour(status))
            svg.text(status.chineseName, x: lx + 16, y: 24, size: 12)
            lx += 62
        }
        var name = "\(measure) · \(kpiName)"
        if let path {
            name += " · \((metric?.isCumulative ?? false) ? "起点" : "基线") \(text(path.startValue)) → 目标 \(text(path.endValue))"
        }
        svg.text(SVG.fit(name, width: width - lx - 20, size: 12), x: lx + 10, y: 24, size: 12, fill: SVG.Colour.muted)

        let title = "ScoreCard 跟进:\(measure) \(kpiName)"
        guard let first, let last else {
            svg.noData("暂无数据:计划缺少期间或基线,也没有检查点", x: plotLeft, y: plotTop + 40, width: plotRight - plotLeft, height: 80)
            let summary = "\(measure) \(kpiName):暂无数据(计划缺少期间或基线,也没有检查点)。"
            return Chart(id: prefix, title: title, summary: summary, figures: [], svg: svg.render(title: title, summary: summary))
        }
        let span = Double(max(1, last - first))
        func x(_ d: Day) -> Double { plotLeft + Double(d - first) / span * (plotRight - plotLeft) }
        var values = points.flatMap { [$0.m.actual, $0.m.expected] }
        if let path { values += [path.startValue, path.endValue] }
        // Some room above and below, so that labels stay inside the plot (not below zero for
        // figures that cannot be negative).
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        let pad = (high - low) * 0.1
        var padded = [low - pad, high + pad]
        if low >= 0 { padded[0] = max(0, padded[0]) }
        let y = Scale(covering: values + padded, count: 5, from: plotBottom, to: plotTop)

        // Value grid.
        for t in y.ticks {
            svg.line(x1: plotLeft, y1: y(t), x2: plotRight, y2: y(t), stroke: SVG.Colour.faint)
            svg.text(tickText(t, unit: unit, step: y.ticks.count > 1 ? y.ticks[1] - y.ticks[0] : 1), x: plotLeft - 8, y: y(t) + 4,
                     size: 11, anchor: .end, fill: SVG.Colour.muted)
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: SVG.Colour.ink)
        // Month ticks (every month, or every third over a long span).
        let monthStep = span > 500 ? 3 : 1
        var month = Day(year: first.year, month: first.month, day: 1) ?? first
        if month < first { month = nextMonth(month, by: 1) ?? last }
        var lastLabelEnd = -Double.infinity
        var count = 0
        while month <= last, count < 200 {
            let mx = x(month)
            svg.line(x1: mx, y1: plotBottom, x2: mx, y2: plotBottom + 4, stroke: SVG.Colour.ink)
            let label = month.month == 1 || lastLabelEnd == -.infinity ? "\(month.year)年\(month.month)月" : "\(month.month)月"
            let w = SVG.textWidth(label, size: 11)
            if mx - w / 2 > lastLabelEnd + 4, mx + w / 2 <= width {
                svg.text(label, x: mx, y: plotBottom + 18, size: 11, anchor: .middle, fill: SVG.Colour.muted)
                lastLabelEnd = mx + w / 2
            }
            month = nextMonth(month, by: monthStep) ?? last.adding(days: 1) ?? last
            count += 1
        }

        // The glide path, with its ends named.
        if let path {
            let (x0, y0, x1, y1) = (x(path.start), y(path.startValue), x(path.end), y(path.endValue))
            svg.line(x1: x0, y1: y0, x2: x1, y2: y1, stroke: SVG.Colour.grey, width: 2, dash: "6 4")
            // Its ends are named in the legend, where no check-in can cover them.
        }

        var figures: [Chart.Figure] = []
        if let path {
            figures.append(.init(label: (metric?.isCumulative ?? false) ? "应达路径起点" : "应达路径起点(基线)", value: text(path.startValue)))
            figures.append(.init(label: "目标 \(path.end)", value: text(path.endValue)))
        }
        if points.isEmpty {
            svg.noData("暂无检查点数据", x: plotLeft + (plotRight - plotLeft) / 2 - 120, y: plotTop + 70, width: 240, height: 56)
        } else {
            svg.polyline(points.map { (x($0.date), y($0.m.actual)) }, stroke: SVG.Colour.ink, width: 2)
            var labelEnd = -Double.infinity
            for (k, p) in points.enumerated() {
                let (px, py) = (x(p.date), y(p.m.actual))
                let detail = "\(p.date) 实际 \(text(p.m.actual)) · 应达 \(text(p.m.expected)) · 达成度 "
                    + "\(ChartFormat.figure(p.m.attainment, .rate)) · \(p.m.status.chineseName)"
                svg.raw("<g>")
                svg.raw("<title>\(SVG.escape(detail))</title>")
                svg.circle(cx: px, cy: py, r: 6, fill: colour(p.m.status), stroke: "#fff", strokeWidth: 2)
                svg.raw("</g>")
                let label = text(p.m.actual)
                let w = SVG.textWidth(label, size: 12)
                // Labels that would overlap the previous one are left to the table, except the last.
                if px - w / 2 > labelEnd + 4 || k == points.count - 1 {
                    let below = py - 12 < plotTop + 4
                    svg.text(label, x: px, y: below ? py + 20 : py - 11, size: 12, anchor: .middle,
                             fill: p.m.status == .amber ? SVG.Colour.amberText : colour(p.m.status), bold: true, halo: true)
                    labelEnd = px + w / 2
                }
                figures.append(.init(label: "\(p.date) 实际", value: label))
                figures.append(.init(label: "\(p.date) 应达", value: text(p.m.expected)))
                figures.append(.init(label: "\(p.date) 达成度", value: ChartFormat.figure(p.m.attainment, .rate)))
                figures.append(.init(label: "\(p.date) 状态", value: p.m.status.chineseName))
            }
        }

        if let latest = points.last {
            let line = "最近检查 \(latest.date):实际 \(text(latest.m.actual)) · 应达 \(text(latest.m.expected)) · 达成度 "
                + "\(ChartFormat.figure(latest.m.attainment, .rate)) · \(latest.m.status.chineseName)"
            svg.text(line, x: 16, y: 44, size: 12, fill: latest.m.status == .amber ? SVG.Colour.amberText : colour(latest.m.status))
        }

        var summary = "\(measure) \(kpiName)"
        if let path, let start = plan.period?.start { summary += "(\(start) 至 \(path.end),目标 \(text(path.endValue)))" }
        if let latest = points.last {
            let tally = ScorecardStatus.allCases.map { s in "\(s.chineseName) \(points.filter { $0.m.status == s }.count)" }
            summary += ":最近一次检查 \(latest.date) 实际 \(text(latest.m.actual)),应达 \(text(latest.m.expected)),"
                + "达成度 \(ChartFormat.figure(latest.m.attainment, .rate)),\(latest.m.status.chineseName)。"
                + "共 \(points.count) 次检查:" + tally.joined(separator: "、") + "。"
        } else {
            summary += ":暂无检查点数据。"
        }
        return Chart(id: prefix, title: title, summary: summary, figures: figures, svg: svg.render(title: title, summary: summary))
    }

    static func colour(_ status: ScorecardStatus) -> String {
        switch status {
        case .green: return SVG.Colour.green
        case .amber: return SVG.Colour.amber
        case .red: return SVG.Colour.red
        }
    }

    /// An axis label: percent for rates (with as many decimals as the step needs), else short numbers.
    static func tickText(_ t: Double, unit: FigureUnit, step: Double) -> String {
        switch unit {
        case .rate:
            return ChartFormat.fixed(t * 100, Scale.decimals(for: step * 100)) + "%"
        case .money where abs(t) >= 10_000:
            return ChartFormat.grouped(t, decimals: 0)
        default:
            return ChartFormat.fixed(t, Scale.decimals(for: step))
        }
    }

    /// The first day of the month `n` months after `d`'s.
    static func nextMonth(_ d: Day, by n: Int) -> Day? {
        let total = d.year * 12 + (d.month - 1) + n
        return Day(year: total / 12, month: total % 12 + 1, day: 1)
    }
}
