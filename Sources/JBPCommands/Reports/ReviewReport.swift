import Charts
import JBPModel

/// `jbp review` without `--json`: the review as a trainer puts it on the screen, in Chinese.
public enum ReviewReport {
    /// Result table, ROI tree, the six areas (actual, target, GAP), opportunities ranked.
    public static func text(_ review: Review) -> String {
        let c = review.case
        let r = review.result
        var out: [String] = []
        out.append("\(c.name)  (\(c.id) · \(c.days) 天 · \(c.currency))")
        out.append("")

        out.append("一、生意结果回顾")
        var result = TextTable(headers: ["指标", "实际", "目标", "GAP"], alignments: [.left, .right, .right, .right])
        result.add(["销售额", ChartFormat.money(r.revenue), ChartFormat.money(r.salesTarget), ChartFormat.money(r.salesGap)])
        result.add(["达成率", ChartFormat.percent(r.achievementRate), "", ""])
        result.add(["同比增长", ChartFormat.figure(r.growthRate, .rate), "", ""])
        result.add(["毛利", ChartFormat.money(r.grossProfit), "", ""])
        result.add(["毛利率", ChartFormat.percent(r.grossMargin), "", ""])
        result.add(["厂家返利", ChartFormat.money(r.rebates), "", ""])
        result.add(["运营费用", ChartFormat.money(r.operatingExpenses), "", ""])
        result.add(["净利润", ChartFormat.money(r.netProfit), "", ""])
        result.add(["净利率", ChartFormat.percent(r.netMargin), "", ""])
        result.add(["占用资金", ChartFormat.money(r.investment), "", ""])
        result.add(["资金周转次数", ChartFormat.fixed(r.capitalTurnover, 2), "", ""])
        result.add(["ROI(投入产出比)", ChartFormat.percent(r.roi), ChartFormat.percent(r.targetROI), ChartFormat.percent(r.roiGap)])
        out += result.lines
        out.append("")

        out.append("二、ROI 树")
        let b = c.balance
        out.append("  ROI \(ChartFormat.percent(r.roi)) = 净利率 \(ChartFormat.percent(r.netMargin)) × 资金周转次数 \(ChartFormat.fixed(r.capitalTurnover, 2))")
        out.append("  ├─ 净利率 \(ChartFormat.percent(r.netMargin)) = 净利润 \(ChartFormat.money(r.netProfit)) ÷ 销售额 \(ChartFormat.money(r.revenue))")
        out.append("  │   └─ 净利润 \(ChartFormat.money(r.netProfit)) = 毛利 \(ChartFormat.money(r.grossProfit)) + 返利 \(ChartFormat.money(r.rebates)) − 运营费用 \(ChartFormat.money(r.operatingExpenses))")
        out.append("  └─ 资金周转次数 \(ChartFormat.fixed(r.capitalTurnover, 2)) = 销售额 \(ChartFormat.money(r.revenue)) ÷ 占用资金 \(ChartFormat.money(r.investment))")
        out.append("      └─ 占用资金 \(ChartFormat.money(r.investment)) = 库存 \(ChartFormat.money(b.inventory)) + 应收账款 \(ChartFormat.money(b.receivables)) + 固定资产 \(ChartFormat.money(b.fixedAssets)) + 预付款 \(ChartFormat.money(b.prepayments)) − 应付账款 \(ChartFormat.money(b.payables))")
        out.append("  贡献率 \(ChartFormat.percent(review.contributionRate))(每多卖 1 元变成净利润的部分) · 营运资金率 \(ChartFormat.percent(review.workingCapitalRate))(每多卖 1 元占用的资金)")
        out.append("")

        out.append("三、生意过程回顾:六大领域")
        var areas = TextTable(headers: ["领域", "指标", "实际", "目标", "GAP"], alignments: [.left, .left, .right, .right, .right])
        let cov = review.coverage
        areas.add([Area.coverage.chineseName, "覆盖率(合计)", ChartFormat.percent(cov.coverageRate), "",
                   ChartFormat.grouped(cov.gapOutlets, decimals: 0) + " 家"])
        for ch in cov.channels {
            areas.add(["", "\(ch.name)覆盖率", ChartFormat.percent(ch.coverageRate),
                       "\(ChartFormat.percent(ch.targetRate)) (\(ChartFormat.grouped(ch.targetOutlets, decimals: 0)) 家)",
                       ChartFormat.grouped(ch.gapOutlets, decimals: 0) + " 家"])
        }
        let t = review.terminal
        areas.add([Area.terminal.chineseName, "单店SKU数", ChartFormat.fixed(t.skusPerOutlet, 2), ChartFormat.fixed(t.targetSKUsPerOutlet, 2),
                   ChartFormat.fixed(t.gapSKUsPerOutlet, 2)])
        areas.add(["", "铺货率", ChartFormat.percent(t.distributionRate), "", ""])
        let inv = review.inventory
        areas.add([Area.inventory.chineseName, "库存天数", ChartFormat.figure(inv.inventoryDays, .days), ChartFormat.figure(inv.targetDays, .days),
                   ChartFormat.figure(inv.gapDays, .days)])
        areas.add(["", "库存周转次数", ChartFormat.fixed(inv.inventoryTurnover, 2), "", ""])
        let l = review.logistics
        areas.add([Area.logistics.chineseName, "准时交货率", ChartFormat.percent(l.onTimeRate), ChartFormat.percent(l.targetOnTimeRate), ChartFormat.percent(l.onTimeGap)])
        areas.add(["", "订单满足率", ChartFormat.percent(l.fillRate), ChartFormat.percent(l.targetFillRate), ChartFormat.percent(l.fillRateGap)])
        areas.add(["", "每箱物流成本", ChartFormat.fixed(l.costPerCase, 2), ChartFormat.fixed(l.targetCostPerCase, 2), ChartFormat.fixed(l.costPerCaseGap, 2)])
        let f = review.finance
        areas.add([Area.finance.chineseName, "应收账款天数", ChartFormat.figure(f.dsoDays, .days), ChartFormat.figure(f.targetDSODays, .days),
                   ChartFormat.figure(f.gapDays, .days)])
        areas.add(["", "坏账率", ChartFormat.percent(f.badDebtRate), "", ""])
        let team = review.team
        areas.add([Area.team.chineseName, "人均销售额", ChartFormat.money(team.salesPerRep), ChartFormat.money(team.targetSalesPerRep),
                   ChartFormat.money(team.gapPerRep)])
        // The team's own GAP is what remains once coverage and terminal have brought their sales (model.md §3).
        areas.add(["", "覆盖终端补齐后销售额", ChartFormat.money(team.salesAfterDistribution),
                   ChartFormat.money(team.targetSalesPerRep * team.reps), ChartFormat.money(team.incrementalSales)])
        out += areas.lines
        out.append("")

        out.append("四、生意机会点:按 ROI 提升排序")
        var ranking = TextTable(headers: ["排名", "领域", "机会", "金额", "关闭GAP后ROI", "ROI提升"],
                                alignments: [.right, .left, .left, .right, .right, .right])
        for (i, o) in review.opportunities.enumerated() {
            ranking.add(["\(i + 1)", o.area.chineseName, o.kind.chineseName, ChartFormat.money(o.amount), ChartFormat.percent(o.roiAfter),
                         ChartFormat.signedPercent(o.roiDelta)])
        }
        out += ranking.lines
        let top = review.topOpportunities.map(\.area.chineseName)
        out.append("")
        out.append("  重点机会: " + (top.isEmpty ? "无(没有能提升 ROI 的 GAP)" : top.joined(separator: "、")))
        return out.joined(separator: "\n")
    }
}

/// `jbp project` without `--json`.
public enum ProjectionReport {
    /// The driver goals' effects and the figures before and after.
    public static func text(_ projection: Projection, review: Review, plan: Plan) -> String {
        let r = review.result
        var out: [String] = []
        out.append("联合生意计划测算:\(review.case.name)")
        out.append("")
        out.append("一、驱动目标(关键生意驱动要素)")
        if projection.goals.isEmpty {
            out.append("  计划中没有驱动目标:测算与现状相同。")
        } else {
            // Every driver goal, with the target the projection may use by its deadline (model.md §6);
            // a goal on a metric another goal already counts for is listed but moves nothing.
            var effects = TextTable(headers: ["目标", "指标", "当前", "目标值", "可信目标", "带来", "金额"],
                                    alignments: [.left, .left, .right, .right, .right, .left, .right])
            var notes: [String] = []
            for e in projection.goals {
                // A channel goal reads better with the channel's own name from the case.
                let name = e.metric.channel.flatMap(review.coverage.channel).map { "\($0.name)覆盖率" } ?? e.metric.chineseName
                let credible = ChartFormat.figure(e.credibleTarget, e.metric.unit) + (e.isCredible ? "" : " !")
                effects.add([e.goal ?? "?", name, ChartFormat.figure(e.current, e.metric.unit), ChartFormat.figure(e.target, e.metric.unit),
                             credible, e.kind.chineseName, e.counted ? ChartFormat.money(e.amount) : "不计"])
                if !e.isCredible {
                    notes.append("  ! \(e.goal ?? "?"):目标超出可信范围,测算只按可信目标 \(ChartFormat.figure(e.credibleTarget, e.metric.unit)) 计算")
                }
                if !e.counted {
                    notes.append("  \(e.goal ?? "?"):同一指标已有期限更晚(或列在后面)的目标,本目标不计入测算")
                }
            }
            out += effects.lines
            out += notes
        }
        out.append("")
        out.append("二、测算结果")
        var table = TextTable(headers: ["项目", "现状", "计划后"], alignments: [.left, .right, .right])
        table.add(["增量销售额", "", ChartFormat.money(projection.incrementalSales)])
        table.add(["成本节约", "", ChartFormat.money(projection.costSavings)])
        table.add(["释放资金", "", ChartFormat.money(projection.capitalReleased)])
        table.add(["经销商投入", "", ChartFormat.money(projection.planCosts)])
        table.add(["销售额", ChartFormat.money(r.revenue), ChartFormat.money(projection.revenue)])
        table.add(["净利润", ChartFormat.money(r.netProfit), ChartFormat.money(projection.netProfit)])
        table.add(["占用资金", ChartFormat.money(r.investment), ChartFormat.money(projection.investment)])
        table.add(["ROI", ChartFormat.percent(r.roi), ChartFormat.figure(projection.roi, .rate)])
        table.add(["覆盖率(合计)", ChartFormat.percent(review.coverage.coverageRate), ChartFormat.percent(projection.coverageRate)])
        out += table.lines
        out.append("")
        out.append("  厂家目标 ROI \(ChartFormat.percent(r.targetROI)):" + verdict(projection.roi, target: r.targetROI))
        if let own = plan.projectedROI {
            let note = projection.roi.map { "差 \(ChartFormat.fixed(abs(own - $0) * 100, 2)) 个百分点" } ?? "测算 ROI 无法计算"
            out.append("  计划自报 ROI \(ChartFormat.percent(own)):\(note)")
        }
        return out.joined(separator: "\n")
    }

    private static func verdict(_ roi: Double?, target: Double) -> String {
        guard let roi else { return "测算的占用资金不为正,ROI 无法计算" }
        return roi >= target ? "测算可以达到" : "测算还差 \(ChartFormat.fixed((target - roi) * 100, 2)) 个百分点"
    }
}

/// `jbp segment` without `--json`.
public enum SegmentationReport {
    /// Each distributor's scale, potential and segment, and the 2×2 matrix.
    public static func text(_ segmentation: Segmentation) -> String {
        var out: [String] = []
        out.append("经销商分类")
        out.append("  规模门槛 \(ChartFormat.money(segmentation.scaleThreshold)) · 潜力门槛(增长空间)\(ChartFormat.percent(segmentation.headroomThreshold))")
        out.append("")
        var table = TextTable(headers: ["经销商", "销售额", "市场潜力", "增长空间", "规模", "潜力", "分类"],
                              alignments: [.left, .right, .right, .right, .left, .left, .left])
        for e in segmentation.distributors {
            let d = e.distributor
            table.add(["\(d.name) (\(d.id))", ChartFormat.money(d.sales), ChartFormat.money(d.marketPotential), ChartFormat.percent(e.headroom),
                       e.highScale ? "高" : "低", e.highPotential ? "高" : "低", e.segment.chineseName + "经销商"])
        }
        out += table.lines
        out.append("")
        func names(_ segment: Segment) -> String {
            let list = segmentation.distributors.filter { $0.segment == segment }.map(\.distributor.name)
            return list.isEmpty ? "—" : list.joined(separator: "、")
        }
        var matrix = TextTable(headers: ["", "高潜力", "低潜力"], alignments: [.left, .left, .left])
        matrix.add(["高规模", "重点: " + names(.key), "优势: " + names(.advantaged)])
        matrix.add(["低规模", "潜力: " + names(.potential), "一般: " + names(.general)])
        out += matrix.lines
        return out.joined(separator: "\n")
    }
}

/// `jbp scorecard` without `--json`.
public enum ScorecardReport {
    /// Each check-in's measures: actual, expected, attainment, status.
    public static func text(_ results: [ScoreCard.Result], plan: Plan) -> String {
        var out: [String] = ["跟进 ScoreCard"]
        if results.isEmpty { out.append("  (没有检查点)") }
        for result in results {
            out.append("")
            out.append("  \(result.date) · 计划期已过 \(ChartFormat.percent(result.fraction, decimals: 1))")
            var table = TextTable(headers: ["衡量", "目标", "KPI", "实际", "应达", "达成度", "状态"],
                                  alignments: [.left, .left, .left, .right, .right, .right, .left])
            table.indent = "    "
            for m in result.measures {
                let metric = m.kpi.flatMap(Metric.init)
                let unit = metric?.unit ?? .ratio
                table.add([m.id, m.goal, metric?.chineseName ?? m.kpi ?? "", ChartFormat.figure(m.actual, unit), ChartFormat.figure(m.expected, unit),
                           ChartFormat.figure(m.attainment, .rate), m.status.chineseName])
            }
            out += table.lines
        }
        return out.joined(separator: "\n")
    }
}
