import JBPModel

extension Charts {
    /// The ROI tree (ROI 树, model.md §2) of a reviewed case, drawn left to right: ROI at the
    /// root, = 净利率 × 资金周转次数; 净利率 = 净利润 ÷ 销售额, 净利润 = 毛利 + 返利 − 运营费用
    /// (毛利 = 销售额 − 销售成本, 运营费用 by type); 资金周转次数 = 销售额 ÷ 占用资金, 占用资金 =
    /// 库存 + 应收账款 + 固定资产 + 预付款 − 应付账款. The root is green when ROI reaches the
    /// manufacturer's target, red when it does not; negative figures are red.
    ///
    /// - Parameters:
    ///   - review: the case's review; every figure comes from it (or from its case).
    ///   - id: the prefix of the SVG's ids; `chart-roi-<case id>` when nil.
    public static func roiTree(_ review: Review, id: String? = nil) -> Chart {
        let c = review.case
        let r = review.result
        let b = c.balance
        let prefix = chartID(id, kind: "roi", key: c.id)

        func node(_ label: String, _ value: Double, unit: FigureUnit = .money, op: String? = nil,
                  _ children: [TreeNode] = []) -> TreeNode {
            TreeNode(label: label, value: ChartFormat.figure(value, unit), negative: value < 0, op: op, children: children)
        }
        let expenses = c.pnl.expenses.enumerated().map { i, e in
            node(expenseName(e.name), e.amount, op: i == 0 ? nil : "+")
        }
        let grossLabel = "毛利 · 毛利率 \(ChartFormat.percent(r.grossMargin))"
        let profit = node("净利润", r.netProfit, [
            node(grossLabel, r.grossProfit, [node("销售额", r.revenue), node("销售成本", c.pnl.cogs, op: "−")]),
            node("厂家返利", r.rebates, op: "+"),
            node("运营费用", r.operatingExpenses, op: "−", expenses),
        ])
        let investment = node("占用资金", r.investment, op: "÷", [
            node("库存", b.inventory), node("应收账款", b.receivables, op: "+"), node("固定资产", b.fixedAssets, op: "+"),
            node("预付款", b.prepayments, op: "+"), node("应付账款", b.payables, op: "−"),
        ])
        var root = node("ROI(投入产出比)", r.roi, unit: .rate, [
            node("净利率", r.netMargin, unit: .rate, [profit, node("销售额", r.revenue, op: "÷")]),
            node("资金周转次数", r.capitalTurnover, unit: .ratio, op: "×", [node("销售额", r.revenue), investment]),
        ])
        root.note = "目标 \(ChartFormat.percent(r.targetROI))"
        root.tone = r.roi >= r.targetROI ? .good : .bad

        // Layout: one row per leaf, a parent centred on its children, one column per level.
        let boxWidth = 156.0, boxHeight = 38.0, rowHeight = 46.0, columnGap = 34.0, left = 16.0, top = 56.0
        let rootHeight = 56.0
        var placed: [(node: TreeNode, x: Double, y: Double, height: Double, parent: Int?)] = []
        var nextRow = 0.0
        func place(_ n: TreeNode, depth: Int, parent: Int?) -> Double {
            let index = placed.count
            let x = left + Double(depth) * (boxWidth + columnGap)
            let height = depth == 0 ? rootHeight : boxHeight
            placed.append((n, x, 0, height, parent))
            let centre: Double
            if n.children.isEmpty {
                centre = top + nextRow * rowHeight + boxHeight / 2
                nextRow += 1
            } else {
                // Half a row between the root's two branches, so that they read apart.
                var centres: [Double] = []
                for (k, child) in n.children.enumerated() {
                    if depth == 0 && k > 0 { nextRow += 0.5 }
                    centres.append(place(child, depth: depth + 1, parent: index))
                }
                centre = ((centres.first ?? 0) + (centres.last ?? 0)) / 2
            }
            placed[index].y = centre - height / 2
            return centre
        }
        _ = place(root, depth: 0, parent: nil)
        let depth = placed.map { Int((($0.x - left) / (boxWidth + columnGap)).rounded()) }.max() ?? 0
        let width = left * 2 + Double(depth + 1) * boxWidth + Double(depth) * columnGap
        let height = top + nextRow * rowHeight + 8

        var svg = SVG(id: prefix, width: width, height: height)
        let headline = "ROI \(ChartFormat.percent(r.roi)) = 净利率 \(ChartFormat.percent(r.netMargin)) × 资金周转次数 \(ChartFormat.fixed(r.capitalTurnover, 2))"
        svg.text(headline, x: left, y: 22, size: 15, bold: true)
        svg.text("厂家目标 ROI \(ChartFormat.percent(r.targetROI)) · ROI 差距 \(ChartFormat.percent(r.roiGap))",
                 x: left, y: 42, size: 12, fill: SVG.Colour.muted)
        // Connectors first, boxes over them.
        for p in placed {
            guard let parentIndex = p.parent else { continue }
            let parent = placed[parentIndex]
            let (px, py) = (parent.x + boxWidth, parent.y + parent.height / 2)
            let (cx, cy) = (p.x, p.y + p.height / 2)
            let mid = px + columnGap / 2
            svg.path("M\(SVG.n(px)),\(SVG.n(py)) H\(SVG.n(mid)) V\(SVG.n(cy)) H\(SVG.n(cx))", stroke: SVG.Colour.grey, width: 1.2)
        }
        for p in placed {
            let n = p.node
            let (fill, stroke): (String, String)
            switch n.tone {
            case .good: (fill, stroke) = (SVG.Colour.paleGreen, SVG.Colour.green)
            case .bad: (fill, stroke) = (SVG.Colour.paleRed, SVG.Colour.red)
            case .plain: (fill, stroke) = ("#f6f7f9", SVG.Colour.line)
            }
            svg.rect(x: p.x, y: p.y, width: boxWidth, height: p.height, fill: fill, stroke: stroke, radius: 5,
                     strokeWidth: n.tone == .plain ? 1 : 1.5)
            let inner = boxWidth - 16
            svg.text(SVG.fit(n.label, width: inner, size: 11.5), x: p.x + 8, y: p.y + 15, size: 11.5, fill: SVG.Colour.muted)
            svg.text(SVG.fit(n.value, width: inner, size: 14), x: p.x + 8, y: p.y + 32, size: 14,
                     fill: n.negative ? SVG.Colour.red : SVG.Colour.ink, bold: true)
            if let note = n.note {
                svg.text(note, x: p.x + 8, y: p.y + 49, size: 11.5, fill: SVG.Colour.muted)
            }
            if let op = n.op {
                let (ox, oy) = (p.x - 9, p.y + p.height / 2)
                svg.circle(cx: ox, cy: oy, r: 7.5, fill: "#fff", stroke: SVG.Colour.grey, strokeWidth: 1)
                svg.text(op, x: ox, y: oy + 4.5, size: 12, anchor: .middle, fill: SVG.Colour.ink, bold: true)
            }
        }

        var figures: [Chart.Figure] = [
            .init(label: "ROI(投入产出比)", value: ChartFormat.percent(r.roi)),
            .init(label: "厂家目标 ROI", value: ChartFormat.percent(r.targetROI)),
            .init(label: "ROI 差距", value: ChartFormat.percent(r.roiGap)),
            .init(label: "净利率", value: ChartFormat.percent(r.netMargin)),
            .init(label: "资金周转次数", value: ChartFormat.fixed(r.capitalTurnover, 2)),
            .init(label: "净利润", value: ChartFormat.money(r.netProfit)),
            .init(label: "销售额", value: ChartFormat.money(r.revenue)),
            .init(label: "毛利", value: ChartFormat.money(r.grossProfit)),
            .init(label: "毛利率", value: ChartFormat.percent(r.grossMargin)),
            .init(label: "销售成本", value: ChartFormat.money(c.pnl.cogs)),
            .init(label: "厂家返利", value: ChartFormat.money(r.rebates)),
            .init(label: "运营费用", value: ChartFormat.money(r.operatingExpenses)),
        ]
        figures += c.pnl.expenses.map { .init(label: "运营费用 · " + expenseName($0.name), value: ChartFormat.money($0.amount)) }
        figures += [
            .init(label: "占用资金", value: ChartFormat.money(r.investment)),
            .init(label: "库存", value: ChartFormat.money(b.inventory)),
            .init(label: "应收账款", value: ChartFormat.money(b.receivables)),
            .init(label: "固定资产", value: ChartFormat.money(b.fixedAssets)),
            .init(label: "预付款", value: ChartFormat.money(b.prepayments)),
            .init(label: "应付账款", value: ChartFormat.money(b.payables)),
        ]
        let verdict = r.roi >= r.targetROI
            ? "达到厂家目标 ROI \(ChartFormat.percent(r.targetROI))"
            : "低于厂家目标 ROI \(ChartFormat.percent(r.targetROI)),差 \(ChartFormat.fixed(r.roiGap * 100, 2)) 个百分点"
        let summary = "\(c.name) 的 ROI 为 \(ChartFormat.percent(r.roi)) = 净利率 \(ChartFormat.percent(r.netMargin)) × 资金周转次数 "
            + "\(ChartFormat.fixed(r.capitalTurnover, 2)),\(verdict)。净利润 \(ChartFormat.money(r.netProfit)),销售额 "
            + "\(ChartFormat.money(r.revenue)),占用资金 \(ChartFormat.money(r.investment))。"
        let title = "ROI 树:\(c.name)"
        return Chart(id: prefix, title: title, summary: summary, figures: figures, svg: svg.render(title: title, summary: summary))
    }

    /// An expense type's Chinese name (the case's key when it is not one of the usual four).
    static func expenseName(_ key: String) -> String {
        switch key {
        case "staff": return "人员费用"
        case "warehouse": return "仓储费用"
        case "logistics": return "物流费用"
        case "other": return "其他费用"
        default: return key
        }
    }
}

/// A box of the ROI tree.
struct TreeNode {
    enum Tone { case plain, good, bad }
    var label: String
    var value: String
    var negative: Bool
    /// How it combines with its elder siblings: ×, ÷, +, −.
    var op: String?
    var children: [TreeNode]
    var note: String?
    var tone: Tone = .plain

    init(label: String, value: String, negative: Bool, op: String?, children: [TreeNode]) {
        self.label = label
        self.value = value
        self.negative = negative
        self.op = op
        self.children = children
    }
}
