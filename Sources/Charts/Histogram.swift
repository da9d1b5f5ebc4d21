extension Charts {
    /// The score histogram of the trainer's dashboard: how many scores fall in each of
    /// `bins` equal ranges from 0 to `maxScore` (the last range includes `maxScore`), each
    /// bar labelled with its count, with the count, mean, median, lowest and highest score
    /// in the text. Scores below 0 count in the first range, above `maxScore` in the last;
    /// NaN and infinite scores are left out. No scores give a chart that says so.
    ///
    /// - Parameters:
    ///   - scores: the scores, in any order.
    ///   - maxScore: the full score (满分); when it is not above zero, the highest score (or 1).
    ///   - title: the chart's title (`练习 3 成绩分布`).
    ///   - bins: the number of ranges, 1…50 (10 by default).
    ///   - id: the prefix of the SVG's ids; derived from the title when nil.
    public static func histogram(scores: [Double], maxScore: Double, title: String, bins: Int = 10, id: String? = nil) -> Chart {
        let prefix = chartID(id, kind: "histogram", key: title)
        let valid = scores.filter(\.isFinite).sorted()
        let top: Double = maxScore.isFinite && maxScore > 0 ? maxScore : max(valid.last ?? 1, 1)
        let binCount = min(max(bins, 1), 50)
        let binWidth = top / Double(binCount)
        var counts = Array(repeating: 0, count: binCount)
        for s in valid {
            let index = Int((s / binWidth).rounded(.down).clamped(0, Double(binCount - 1)))
            counts[index] += 1
        }
        func edge(_ i: Int) -> String { ChartFormat.short(binWidth * Double(i), decimals: 2) }
        func range(_ i: Int) -> String { "\(edge(i))–\(edge(i + 1))" }

        let (plotLeft, plotTop, plotBottom) = (56.0, 58.0, 268.0)
        let slot = max(28.0, min(64.0, 640.0 / Double(binCount)))
        let width = plotLeft + slot * Double(binCount) + 24
        let height = plotBottom + 50
        var svg = SVG(id: prefix, width: width, height: height)
        let maxCount = counts.max() ?? 0
        let y = Scale(covering: [Double(maxCount)], including: [0], count: min(5, max(1, maxCount)), from: plotBottom, to: plotTop)
        let step = max(1, y.ticks.count > 1 ? y.ticks[1] - y.ticks[0] : 1)
        for t in y.ticks where t == t.rounded() || step < 1 {
            svg.line(x1: plotLeft, y1: y(t), x2: plotLeft + slot * Double(binCount), y2: y(t),
                     stroke: t == 0 ? SVG.Colour.ink : SVG.Colour.faint, width: t == 0 ? 1.2 : 1)
            svg.text(ChartFormat.short(t, decimals: 0), x: plotLeft - 8, y: y(t) + 4, size: 11, anchor: .end, fill: SVG.Colour.muted)
        }
        svg.text("人数", x: plotLeft - 8, y: plotTop - 14, size: 11, anchor: .end, fill: SVG.Colour.muted)
        svg.text("分数(满分 \(ChartFormat.short(top, decimals: 2)))", x: plotLeft + slot * Double(binCount), y: height - 6,
                 size: 11, anchor: .end, fill: SVG.Colour.muted)

        if valid.isEmpty {
            svg.noData("暂无成绩数据", x: plotLeft + 10, y: plotTop + 40, width: slot * Double(binCount) - 20, height: 80)
        } else {
            for (i, count) in counts.enumerated() {
                let x = plotLeft + slot * Double(i)
                if count > 0 {
                    svg.rect(x: x + 2, y: y(Double(count)), width: slot - 4, height: plotBottom - y(Double(count)), fill: SVG.Colour.blue)
                }
                svg.text("\(count)", x: x + slot / 2, y: y(Double(count)) - 5, size: 12, anchor: .middle,
                         fill: count > 0 ? SVG.Colour.ink : SVG.Colour.muted, bold: count > 0)
            }
        }
        // Bin edges under the axis, thinned so that they do not overlap.
        let labelEvery = max(1, Int((SVG.textWidth(edge(binCount), size: 11) + 6) / slot) + 1)
        for i in 0...binCount where i % labelEvery == 0 || i == binCount {
            let x = plotLeft + slot * Double(i)
            svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: SVG.Colour.ink)
            svg.text(edge(i), x: x, y: plotBottom + 17, size: 11, anchor: .middle, fill: SVG.Colour.muted)
        }

        var figures: [Chart.Figure] = [.init(label: "人数", value: "\(valid.count)")]
        let summary: String
        if let low = valid.first, let high = valid.last {
            let mean = valid.reduce(0, +) / Double(valid.count)
            let middle = valid.count / 2
            let median = valid.count % 2 == 1 ? valid[middle] : (valid[middle - 1] + valid[middle]) / 2
            figures += [
                .init(label: "平均分", value: ChartFormat.short(mean, decimals: 1)),
                .init(label: "中位数", value: ChartFormat.short(median, decimals: 1)),
                .init(label: "最低分", value: ChartFormat.short(low, decimals: 1)),
                .init(label: "最高分", value: ChartFormat.short(high, decimals: 1)),
            ]
            let busiest = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
            summary = "共 \(valid.count) 个成绩(满分 \(ChartFormat.short(top, decimals: 2))),平均 \(ChartFormat.short(mean, decimals: 1)) 分,"
                + "中位数 \(ChartFormat.short(median, decimals: 1)) 分,最低 \(ChartFormat.short(low, decimals: 1)) 分,"
                + "最高 \(ChartFormat.short(high, decimals: 1)) 分;人数最多的分数段是 \(range(busiest)) 分(\(counts[busiest]) 人)。"
        } else {
            summary = "暂无成绩数据。"
        }
        // The statistics in one line over the bars; the per-range counts are the bars' labels.
        svg.text(figures.map { "\($0.label) \($0.value)" }.joined(separator: " · "), x: 16, y: 18, size: 12, fill: SVG.Colour.muted)
        figures += counts.indices.map { .init(label: "\(range($0)) 分 人数", value: "\(counts[$0])") }
        return Chart(id: prefix, title: title, summary: summary, figures: figures, svg: svg.render(title: title, summary: summary))
    }
}

extension Double {
    /// The value limited to `low…high`.
    func clamped(_ low: Double, _ high: Double) -> Double {
        Swift.min(Swift.max(self, low), high)
    }
}
