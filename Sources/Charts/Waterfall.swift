import JBPModel

extension Charts {
    /// The opportunity waterfall (发现生意机会点, model.md §4): today's ROI, then each area's
    /// ROI gain (`roi_delta`) in the model's ranked order, each step labelled with its gain
    /// and the opportunity's amount, to the potential ROI — today's ROI plus the six gains.
    /// Each gain is valued with only its own GAP closed, so the potential is their sum, an
    /// indication rather than a forecast (a plan's projection gives the combined figure).
    /// Gains are blue, losses red; a dashed line marks the manufacturer's target ROI; the
    /// axis runs below zero for a loss-making distributor.
    ///
    /// - Parameters:
    ///   - review: the case's review; every figure comes from it.
    ///   - id: the prefix of the SVG's ids; `chart-waterfall-<case id>` when nil.
    public static func waterfall(_ review: Review, id: String? = nil) -> Chart {
        let r = review.result
        let prefix = chartID(id, kind: "waterfall", key: review.case.id)
        let steps = review.opportunities
        var levels = [r.roi]
        for o in steps { levels.append((levels.last ?? r.roi) + o.roiDelta) }
        let potential = levels.last ?? r.roi

        let (plotLeft, plotTop, plotBottom) = (72.0, 64.0, 318.0)
        let slot = 100.0
        let width = plotLeft + slot * Double(steps.count + 2) + 16
        let height = plotBottom + 82
        let y = Scale(covering: levels, including: [0, r.targetROI], count: 6, from: plotBottom, to: plotTop)

        var svg = SVG(id: prefix, width: width, height: height)
        // Legend.
        svg.rect(x: 16, y: 14, width: 14, height: 12, fill: SVG.Colour.ink)
        svg.text("ROI", x: 36, y: 24, size: 12)
        svg.rect(x: 76, y: 14, width: 14, height: 12, fill: SVG.Colour.blue)
        svg.text("关闭该 GAP 的 ROI 提升", x: 96, y: 24, size: 12)
        svg.rect(x: 246, y: 14, width: 14, height: 12, fill: SVG.Colour.red)
        svg.text("ROI 下降", x: 266, y: 24, size: 12)
        svg.line(x1: 336, y1: 20, x2: 364, y2: 20, stroke: SVG.Colour.amberText, width: 2, dash: "6 4")
        svg.text("厂家目标 ROI \(ChartFormat.percent(r.targetROI))", x: 370, y: 24, size: 12)
        svg.text("各项提升单独计算(只关闭该项 GAP),潜力 ROI = 当前 ROI + 六项提升之和", x: 16, y: 44, size: 11.5, fill: SVG.Colour.muted)

        // Grid and axis.
        let tickStep = y.ticks.count > 1 ? y.ticks[1] - y.ticks[0] : 0.01
        let tickDecimals = Scale.decimals(for: tickStep * 100)
        for t in y.ticks {
            let ty = y(t)
            svg.line(x1: plotLeft, y1: ty, x2: width - 16, y2: ty, stroke: t == 0 ? SVG.Colour.ink : SVG.Colour.faint,
                     width: t == 0 ? 1.2 : 1)
            svg.text(ChartFormat.fixed(t * 100, tickDecimals) + "%", x: plotLeft - 8, y: ty + 4, size: 11, anchor: .end,
                     fill: SVG.Colour.muted)
        }
        if !y.ticks.contains(0) { svg.line(x1: plotLeft, y1: y(0), x2: width - 16, y2: y(0), stroke: SVG.Colour.ink, width: 1.2) }

        // The target line, under the bars' labels.
        svg.line(x1: plotLeft, y1: y(r.targetROI), x2: width - 16, y2: y(r.targetROI), stroke: SVG.Colour.amberText, width: 2, dash: "6 4")
        let barWidth = slot * 0.58
        func bar(_ index: Int, from a: Double, to b: Double, fill: String, label: String, above: Bool) {
            let x = plotLeft + slot * Double(index) + (slot - barWidth) / 2
            let (y1, y2) = (y(max(a, b)), y(min(a, b)))
            svg.rect(x: x, y: y1, width: barWidth, height: max(1, y2 - y1), fill: fill)
            let ly = above ? y1 - 6 : y2 + 15
            svg.text(label, x: x + barWidth / 2, y: ly, size: 12.5, anchor: .middle, fill: fill == SVG.Colour.red ? SVG.Colour.red : SVG.Colour.ink,
                     bold: true, halo: true)
        }
        func caption(_ index: Int, _ lines: [String]) {
            let cx = plotLeft + slot * Double(index) + slot / 2
            for (k, line) in lines.enumerated() {
                svg.text(SVG.fit(line, width: slot - 6, size: k == 0 ? 13 : 11), x: cx, y: plotBottom + 20 + Double(k) * 15,
                         size: k == 0 ? 13 : 11, anchor: .middle, fill: k == 0 ? SVG.Colour.ink : SVG.Colour.muted, bold: k == 0)
            }
        }
        func connector(after index: Int, at level: Double) {
            let x1 = plotLeft + slot * Double(index) + (slot + barWidth) / 2
            svg.line(x1: x1, y1: y(level), x2: x1 + slot - barWidth, y2: y(level), stroke: SVG.Colour.grey, dash: "3 2")
        }

        bar(0, from: 0, to: r.roi, fill: SVG.Colour.ink, label: ChartFormat.percent(r.roi), above: r.roi >= 0)
        caption(0, ["当前 ROI"])
        for (i, o) in steps.enumerated() {
            connector(after: i, at: levels[i])
            let gain = o.roiDelta >= 0
            bar(i + 1, from: levels[i], to: levels[i + 1], fill: gain ? SVG.Colour.blue : SVG.Colour.red,
                label: ChartFormat.signedPercent(o.roiDelta), above: gain)
            caption(i + 1, ["\(i + 1). \(o.area.chineseName)", o.kind.chineseName, ChartFormat.money(o.amount),
                             "→ ROI " + ChartFormat.percent(o.roiAfter)])
        }
        connector(after: steps.count, at: potential)
        bar(steps.count + 1, from: 0, to: potential, fill: SVG.Colour.ink, label: ChartFormat.percent(potential), above: potential >= 0)
        caption(steps.count + 1, ["潜力 ROI", "六项之和"])

        var figures: [Chart.Figure] = [.init(label: "当前 ROI", value: ChartFormat.percent(r.roi))]
        for (i, o) in steps.enumerated() {
            figures.append(.init(label: "\(i + 1). \(o.area.chineseName) \(o.kind.chineseName)", value: ChartFormat.money(o.amount)))
            figures.append(.init(label: "\(i + 1). \(o.area.chineseName) 关闭 GAP 后 ROI", value: ChartFormat.percent(o.roiAfter)))
            figures.append(.init(label: "\(i + 1). \(o.area.chineseName) ROI 提升", value: ChartFormat.signedPercent(o.roiDelta)))
        }
        figures.append(.init(label: "潜力 ROI(当前 + 六项提升之和)", value: ChartFormat.percent(potential)))
        figures.append(.init(label: "厂家目标 ROI", value: ChartFormat.percent(r.targetROI)))

        let top = review.topOpportunities.map { "\($0.area.chineseName) \(ChartFormat.signedPercent($0.roiDelta))" }
        let summary = "\(review.case.name) 当前 ROI \(ChartFormat.percent(r.roi));"
            + (top.isEmpty ? "没有能提升 ROI 的 GAP" : "重点机会 " + top.joined(separator: "、"))
            + ";六项提升之和使 ROI 达到 \(ChartFormat.percent(potential)),厂家目标 \(ChartFormat.percent(r.targetROI))。"
        let title = "生意机会点 ROI 瀑布图:\(review.case.name)"
        return Chart(id: prefix, title: title, summary: summary, figures: figures, svg: svg.render(title: title, summary: summary))
    }
}
