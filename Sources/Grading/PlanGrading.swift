import JBPModel

/// What plan grading needs from the exercise and the case, computed once.
final class PlanKey: Sendable {
    let review: Review
    let budgetCap: Double
    let points: [(check: PlanCheck, points: Double)]
    /// The areas of the first two top opportunities: the drivers a plan must address.
    let driverAreas: [Area]

    /// Every KPI key of model.md §6 this case knows, with its current value,
    /// looked up once per answer key.
    let kpis: [String: KPI]
    /// The budget cap as printed.
    let capText: String
    /// The `drivers` message of a plan that passes: zh, zh for a trainee, en, en for a trainee.
    let driversPassed: [String]

    init(review: Review, exercise: PlanExercise) {
        capText = Figures.format(exercise.budgetCap, .money)
        self.review = review
        budgetCap = exercise.budgetCap
        points = PlanCheck.allCases.map { ($0, exercise.points(for: $0)) }
        let areas = review.topOpportunities.prefix(2).map(\.area)
        driverAreas = areas
        driversPassed = [
            "驱动目标覆盖了前两大生意机会点所在的领域（\(areas.map(\.chineseName).joined(separator: "、"))）。",
            "驱动目标覆盖了前两大生意机会点所在的领域。",
            "The driver goals cover the areas of the first two top opportunities (\(areas.map(\.rawValue).joined(separator: ", "))).",
            "The driver goals cover the areas of the first two top opportunities.",
        ]
        var kpis: [String: KPI] = [:]
        for key in Metric.knownKeys + review.case.coverage.map({ "coverage_rate.\($0.id)" }) {
            if let metric = Metric(key) { kpis[key] = KPI(metric, review) }
        }
        self.kpis = kpis
    }

    /// The KPI a goal names, nil for a custom or missing metric.
    func kpi(_ goal: Goal) -> KPI? {
        guard let key = goal.metric else { return nil }
        if let kpi = kpis[key] { return kpi }
        return Metric(key).map { KPI($0, review) }
    }
}

/// A KPI as plan grading uses it, with what the case says of it.
struct KPI: Sendable {
    let metric: Metric
    /// The area whose GAP a driver goal on it closes; nil for other KPIs.
    let driver: Area?
    /// The case's current value; nil when the case has none (an unknown channel, say).
    let current: Double?

    init(_ metric: Metric, _ review: Review) {
        self.metric = metric
        driver = metric.driverArea
        current = review.value(of: metric)
    }
}

/// The thirteen checks of model.md §6 (version 2), each giving a pass or a fail and a
/// message that says what was expected and what was found. A check over a list that
/// is empty fails: an empty plan earns nothing.
struct PlanChecks {
    let plan: Plan
    let key: PlanKey
    let language: Language
    /// Grading for a trainee before the reveal: figures the trainee is to
    /// find (current values, the projection, the top opportunities) are not named.
    let trainee: Bool
    /// What the driver goals would do to the case (model.md §6).
    let projection: Projection

    /// The KPI of each goal, in the plan's order.
    let kpis: [KPI?]
    /// Their metrics.
    let metrics: [Metric?]

    init(plan: Plan, key: PlanKey, options: GradeOptions) {
        self.plan = plan
        self.key = key
        language = options.language
        trainee = options.withholdsAnswers
        kpis = plan.goals.map(key.kpi)
        metrics = kpis.map { $0?.metric }
        projection = Projection(review: key.review, plan: plan)
    }

    struct Outcome {
        var passed: Bool
        var feedback: String
        var expected: JSONValue? = nil
        var given: JSONValue? = nil
    }

    func items() -> [GradeItem] {
        var items: [GradeItem] = []
        items.reserveCapacity(key.points.count)
        for (check, points) in key.points {
            let outcome = run(check)
            items.append(GradeItem(id: check.rawValue, points: points, awarded: outcome.passed ? points : 0,
                             correct: outcome.passed, expected: trainee ? nil : outcome.expected, given: outcome.given,
                             feedback: outcome.feedback, misconception: nil))
        }
        return items
    }

    func run(_ check: PlanCheck) -> Outcome {
        switch check {
        case .structure: return structure()
        case .goalsSmart: return goalsSmart()
        case .baselines: return baselines()
        case .drivers: return drivers()
        case .feasible: return feasible()
        case .alignment: return alignment()
        case .accountability: return accountability()
        case .twoSided: return twoSided()
        case .resourced: return resourced()
        case .budget: return budget()
        case .scorecard: return scorecard()
        case .outcomesBacked: return outcomesBacked()
        case .roiTarget: return roiTarget()
        }
    }

    // MARK: The checks

    func structure() -> Outcome {
        var missing: [String] = []
        if (plan.objective?.isBlank ?? true) { missing.append(l("目标陈述", "an objective")) }
        if plan.goals.isEmpty { missing.append(l("目标", "a goal")) }
        if plan.strategies.isEmpty { missing.append(l("策略", "a strategy")) }
        if plan.plans.isEmpty { missing.append(l("行动计划", "a plan")) }
        if plan.measures.isEmpty { missing.append(l("衡量指标", "a measure")) }
        let found = l("目标 \(plan.goals.count) 个、策略 \(plan.strategies.count) 个、行动计划 \(plan.plans.count) 个、衡量指标 \(plan.measures.count) 个",
                      "\(plan.goals.count) goals, \(plan.strategies.count) strategies, \(plan.plans.count) plans, \(plan.measures.count) measures")
        if missing.isEmpty {
            return Outcome(passed: true, feedback: l("结构完整：有目标陈述，\(found)。", "Complete: an objective, \(found)."))
        }
        return Outcome(passed: false, feedback: l(
            "OGSPM 结构不完整：应有非空的目标陈述，以及至少一个目标、策略、行动计划和衡量指标；缺少\(list(missing))（现有\(found)）。",
            "The OGSPM structure is incomplete: expected an objective and at least one goal, strategy, plan and measure; missing \(list(missing)) (found \(found))."))
    }

    func goalsSmart() -> Outcome {
        guard !plan.goals.isEmpty else { return nothingTo(l("目标", "goals")) }
        var problems: [String] = []
        for (i, goal) in plan.goals.enumerated() {
            let name = goalName(goal, i)
            var missing: [String] = []
            if (goal.metric?.isBlank ?? true) { missing.append("metric") }
            if goal.baseline == nil { missing.append("baseline") }
            if goal.target == nil { missing.append("target") }
            if goal.deadline == nil { missing.append("deadline") }
            if !missing.isEmpty {
                problems.append(l("\(name) 缺少 \(missing.joined(separator: "、"))", "\(name) has no \(missing.joined(separator: ", "))"))
                continue
            }
            if let deadline = goal.deadline, !(plan.period?.contains(deadline) ?? false) {
                problems.append(l("\(name) 的期限 \(deadline) 不在计划期间\(periodText)内",
                                  "\(name)'s deadline \(deadline) is not inside the plan period\(periodText)"))
            }
            guard let direction = metrics[i]?.direction ?? goal.better else {
                problems.append(l("\(name) 的指标 \(goal.metric ?? "") 不是已知 KPI，也没有用 better 说明越高越好还是越低越好",
                                  "\(name)'s metric \(goal.metric ?? "") is not a known KPI and has no better: higher|lower"))
                continue
            }
            if let baseline = goal.baseline, let target = goal.target, !direction.isBetter(target, than: baseline) {
                problems.append(l("\(name) 的目标值 \(number(target, i)) 没有比基线 \(number(baseline, i)) \(direction == .higher ? "更高" : "更低")",
                                  "\(name)'s target \(number(target, i)) does not improve on its baseline \(number(baseline, i)) (\(direction.rawValue) is better)"))
            }
        }
        return verdict(problems,
                       pass: l("每个目标都有指标、基线、目标值和计划期间内的期限，且目标值都优于基线。",
                               "Every goal has a metric, a baseline, a target and a deadline inside the period, and each target improves on its baseline."),
                       failPrefix: l("每个目标都应有指标、基线、目标值、计划期间内的期限，且目标值优于基线：", "Every goal needs a metric, baseline, target, a deadline inside the period, and a target better than its baseline: "))
    }

    func baselines() -> Outcome {
        var checked = 0
        var problems: [String] = []
        for (i, goal) in plan.goals.enumerated() {
            guard let metric = metrics[i] else { continue }
            let name = goalName(goal, i)
            guard let current = kpis[i]?.current else {
                problems.append(l("\(name) 的指标 \(metric.key) 在本案例中没有数值（渠道不存在或缺少去年数据）",
                                  "\(name)'s metric \(metric.key) has no value in this case (no such channel, or no last year)"))
                continue
            }
            checked += 1
            guard let baseline = goal.baseline else {
                problems.append(l("\(name) 没有基线", "\(name) has no baseline"))
                continue
            }
            if !PlanChecks.baselineTolerance(metric.unit).accepts(baseline, current) {
                problems.append(trainee
                    ? l("\(name)（\(metric.chineseName)）的基线 \(Figures.format(baseline, metric.unit)) 与案例的现状不符",
                        "\(name) (\(metric.key)) baseline \(Figures.format(baseline, metric.unit)) is not the case's current value")
                    : l("\(name)（\(metric.chineseName)）的基线为 \(Figures.format(baseline, metric.unit))，案例现状为 \(Figures.format(current, metric.unit))",
                        "\(name) (\(metric.key)) baseline is \(Figures.format(baseline, metric.unit)), the case's current value is \(Figures.format(current, metric.unit))"))
            }
        }
        if checked == 0 && problems.isEmpty {
            return Outcome(passed: false, feedback: l(
                "没有一个目标用的是案例中的 KPI，无法核对基线：目标应使用回顾中的指标（如 coverage_rate.<渠道>、inventory_days）。",
                "No goal is on a KPI of the case, so no baseline can be checked: goals should use the review's KPIs (coverage_rate.<channel>, inventory_days, ...)."))
        }
        return verdict(problems,
                       pass: l("案例 KPI 上的目标，基线都与案例现状一致（比率 ±0.005，天数 ±1，金额及其他 ±1%）。",
                               "The baselines of the goals on case KPIs match the case (rates ±0.005, days ±1, money and others ±1 %)."),
                       failPrefix: l("基线应为案例的现状值（比率 ±0.005，天数 ±1，金额及其他 ±1%）：", "Baselines should state the case's current values (rates ±0.005, days ±1, money and others ±1 %): "))
    }

    /// model.md §6 `baselines`: rates ±0.005, days ±1, money and others ±1 % relative.
    static func baselineTolerance(_ unit: FigureUnit) -> Tolerance {
        switch unit {
        case .rate: return .absolute(0.005)
        case .days: return .absolute(1)
        default: return .relative(0.01)
        }
    }

    func drivers() -> Outcome {
        var covered: [Area] = []
        for kpi in kpis {
            if let area = kpi?.driver, !covered.contains(area) { covered.append(area) }
        }
        guard !covered.isEmpty else {
            return Outcome(passed: false, feedback: l(
                "计划没有驱动目标：至少要有一个关键生意驱动要素上的目标（如某渠道覆盖率、单店SKU数、库存天数、应收账款天数、每箱物流成本、人均销售额），结果才有来源。",
                "The plan has no driver goal: at least one goal on a key business driver (a channel's coverage rate, SKUs per outlet, inventory days, DSO, cost per case, sales per rep) is needed for the results to come from somewhere."))
        }
        let missing = key.driverAreas.filter { !covered.contains($0) }
        if missing.isEmpty {
            return Outcome(passed: true, feedback: key.driversPassed[(language == .zh ? 0 : 2) + (trainee ? 1 : 0)])
        }
        let found = covered.isEmpty ? l("没有驱动目标", "no driver goal")
            : l("驱动目标涉及：\(covered.map { $0.display(language) }.joined(separator: "、"))",
                "driver goals address: \(covered.map { $0.display(language) }.joined(separator: ", "))")
        if trainee {
            return Outcome(passed: false, feedback: l(
                "驱动目标应覆盖前两大生意机会点（按 ROI 提升排序）所在的领域，现在还缺 \(missing.count) 个；\(found)。请回到生意机会点的排序。",
                "The driver goals should cover the areas of the first two top opportunities (ranked by ROI gain); \(missing.count) of them is missing; \(found). Go back to the ranking of opportunities."))
        }
        return Outcome(passed: false, feedback: l(
            "驱动目标应覆盖前两大生意机会点所在的领域（\(key.driverAreas.map { $0.display(language) }.joined(separator: "、"))），缺少：\(missing.map { $0.display(language) }.joined(separator: "、"))；\(found)。",
            "The driver goals should cover the areas of the first two top opportunities (\(key.driverAreas.map { $0.display(language) }.joined(separator: ", "))); missing: \(missing.map { $0.display(language) }.joined(separator: ", ")); \(found)."))
    }

    func alignment() -> Outcome {
        guard !plan.strategies.isEmpty else { return nothingTo(l("策略", "strategies")) }
        var problems: [String] = []
        let goalIDs = Set(plan.goals.compactMap(\.id))
        for (i, goal) in plan.goals.enumerated() {
            let served = goal.id.map { id in plan.strategies.contains { $0.goals.contains(id) } } ?? false
            if !served { problems.append(l("\(goalName(goal, i)) 没有策略支撑", "\(goalName(goal, i)) is served by no strategy")) }
        }
        for (i, strategy) in plan.strategies.enumerated() {
            let name = strategy.id ?? l("第 \(i + 1) 个策略", "strategy \(i + 1)")
            if strategy.goals.isEmpty {
                problems.append(l("\(name) 没有指明服务哪个目标", "\(name) names no goal"))
            }
            for id in strategy.goals where !goalIDs.contains(id) {
                problems.append(l("\(name) 指向不存在的目标 \(id)", "\(name) names a goal \(id) that does not exist"))
            }
            let planned = strategy.id.map { id in plan.plans.contains { $0.strategy == id } } ?? false
            if !planned { problems.append(l("\(name) 没有行动计划", "\(name) has no plan")) }
        }
        return verdict(problems,
                       pass: l("每个目标都有策略支撑，每个策略都指向已有目标并有行动计划。",
                               "Every goal is served by a strategy; every strategy names existing goals and has a plan."),
                       failPrefix: l("每个目标应有策略支撑，每个策略应指向已有目标并至少有一个行动计划：", "Every goal should be served by a strategy, and every strategy name existing goals and have at least one plan: "))
    }

    func accountability() -> Outcome {
        guard !plan.plans.isEmpty else { return nothingTo(l("行动计划", "plans")) }
        var problems: [String] = []
        for (i, task) in plan.plans.enumerated() {
            let name = task.id ?? l("第 \(i + 1) 个行动计划", "plan \(i + 1)")
            var missing: [String] = []
            if (task.task?.isBlank ?? true) { missing.append(l("事（任务）", "task")) }
            if (task.owner?.isBlank ?? true) { missing.append(l("人（负责人）", "owner")) }
            if (task.resources?.isBlank ?? true) { missing.append(l("物（资源）", "resources")) }
            if task.party == nil { missing.append(l("执行方（厂家、经销商或双方）", "party")) }
            if task.due == nil { missing.append(l("完成日期", "due date")) }
            // Every problem of a plan at once, so one resubmission can fix them all.
            var found: [String] = []
            if !missing.isEmpty { found.append(l("缺少\(missing.joined(separator: "、"))", "has no \(missing.joined(separator: ", "))")) }
            let written = task.task?.trimmedSpaces ?? ""
            if !written.isEmpty, written.count < 4 {
                found.append(l("任务“\(written)”太笼统：至少写4个字，说清楚做什么", "its task \"\(written)\" is too vague: at least 4 characters that say what is done"))
            }
            if let due = task.due, !(plan.period?.contains(due) ?? false) {
                found.append(l("完成日期 \(due) 不在计划期间\(periodText)内", "its due date \(due) is not inside the plan period\(periodText)"))
            }
            if !found.isEmpty { problems.append("\(name) " + found.joined(separator: l("，", "; "))) }
        }
        return verdict(problems,
                       pass: l("每个行动计划都有具体的事、人、物、执行方和计划期间内的完成日期。",
                               "Every plan has a task, an owner, resources, a party and a due date inside the period."),
                       failPrefix: l("每个行动计划都应有具体的事（至少4个字）、人、物、执行方和计划期间内的完成日期：", "Every plan needs a task (at least 4 characters), an owner, resources, a party and a due date inside the period: "))
    }

    func budget() -> Outcome {
        guard !plan.strategies.isEmpty else { return nothingTo(l("策略预算", "strategy budgets")) }
        var problems: [String] = []
        var sum = 0.0
        for (i, strategy) in plan.strategies.enumerated() {
            let amount = strategy.budget ?? 0
            if amount < 0 {
                problems.append(l("\(strategy.id ?? "第 \(i + 1) 个策略") 的预算为负数", "\(strategy.id ?? "strategy \(i + 1)") has a negative budget"))
            }
            sum += amount
        }
        let cap = key.capText
        let total = Figures.format(sum, .money)
        if sum > key.budgetCap + 0.005 {
            problems.append(l("预算合计 \(total) 超过上限 \(cap)", "the budgets add up to \(total), above the cap of \(cap)"))
        }
        if let declared = plan.totalBudget, abs(declared - sum) > 0.5 {
            problems.append(l("总预算写的是 \(Figures.format(declared, .money))，各策略预算合计为 \(total)",
                              "total_budget says \(Figures.format(declared, .money)), the strategies' budgets add up to \(total)"))
        }
        var outcome = verdict(problems,
                              pass: l("预算合计 \(total)，不超过上限 \(cap)\(plan.totalBudget == nil ? "" : "，与总预算一致")。",
                                      "The budgets add up to \(total), within the cap of \(cap)\(plan.totalBudget == nil ? "" : ", as total_budget says")."),
                              failPrefix: l("各策略预算应不为负、合计不超过 \(cap)，且与总预算一致：", "Budgets should be 0 or more, add up to at most \(cap), and match total_budget: "))
        outcome.expected = .number(key.budgetCap)
        outcome.given = .number(sum)
        return outcome
    }

    func scorecard() -> Outcome {
        guard !plan.measures.isEmpty else { return nothingTo(l("衡量指标", "measures")) }
        var problems: [String] = []
        for (i, goal) in plan.goals.enumerated() {
            let measured = goal.id.map { id in plan.measures.contains { $0.goal == id } } ?? false
            if !measured { problems.append(l("\(goalName(goal, i)) 没有衡量指标", "\(goalName(goal, i)) has no measure")) }
        }
        for (i, measure) in plan.measures.enumerated() {
            let name = measure.id ?? l("第 \(i + 1) 个衡量指标", "measure \(i + 1)")
            guard let goalID = measure.goal, let g = plan.goals.firstIndex(where: { $0.id == goalID }) else {
                problems.append(measure.goal.map { l("\(name) 指向不存在的目标 \($0)", "\(name) names a goal \($0) that does not exist") }
                                ?? l("\(name) 没有指明目标", "\(name) names no goal"))
                continue
            }
            if measure.frequency == nil { problems.append(l("\(name) 没有频率", "\(name) has no frequency")) }
            if (measure.owner?.isBlank ?? true) { problems.append(l("\(name) 没有负责人", "\(name) has no owner")) }
            if let target = measure.target, let goalTarget = plan.goals[g].target {
                if abs(target - goalTarget) > 1e-9 * max(1, abs(goalTarget)) {
                    problems.append(l("\(name) 的目标值 \(number(target, g)) 与 \(goalID) 的目标值 \(number(goalTarget, g)) 不一致",
                                      "\(name)'s target \(number(target, g)) differs from \(goalID)'s target \(number(goalTarget, g))"))
                }
            } else {
                problems.append(l("\(name) 或其目标 \(goalID) 没有目标值", "\(name) or its goal \(goalID) has no target"))
            }
        }
        return verdict(problems,
                       pass: l("每个目标都有衡量指标；每个衡量指标都指向已有目标，有频率、负责人，目标值与目标一致。",
                               "Every goal has a measure; every measure names an existing goal, a frequency and an owner, with its goal's target."),
                       failPrefix: l("每个目标应有衡量指标，每个衡量指标应指向已有目标、有频率和负责人，且目标值与目标一致：", "Every goal needs a measure, and every measure an existing goal, a frequency, an owner and its goal's target: "))
    }

    func outcomesBacked() -> Outcome {
        var problems: [String] = []
        var checked = 0
        for (i, goal) in plan.goals.enumerated() {
            guard let metric = metrics[i], metric.isOutcome else { continue }
            checked += 1
            let name = goalName(goal, i)
            guard let target = goal.target else {
                problems.append(l("\(name) 没有目标值", "\(name) has no target"))
                continue
            }
            let projected: Double?
            let allowed: Double
            switch metric.base {
            case "revenue":
                projected = projection.revenue
                allowed = projection.revenue + 0.005 * abs(projection.revenue)
            case "net_profit":
                projected = projection.netProfit
                allowed = projection.netProfit + 0.005 * abs(projection.netProfit)
            case "roi":
                projected = projection.roi
                allowed = (projection.roi ?? 0) + 0.005
            default: // total coverage_rate
                projected = projection.coverageRate
                allowed = projection.coverageRate + 0.005
            }
            guard let projected else {
                problems.append(l("\(name)：投资额推算为零或负数，无法推算 ROI", "\(name): the projected investment is not above zero, so no ROI can be projected"))
                continue
            }
            let unit = metric.unit
            if target > allowed + 1e-9 {
                let metricName = metricTitle(metric)
                problems.append(trainee
                    ? l("\(name) 的\(metricName)目标 \(readable(target, metric)) 高于驱动目标能推算出的结果", "\(name)'s \(metric.key) target \(Figures.format(target, unit)) is above what the driver goals project")
                    : l("\(name) 的\(metricName)目标 \(readable(target, metric)) 高于驱动目标推算的 \(readable(projected, metric))",
                        "\(name)'s \(metric.key) target \(Figures.format(target, unit)) is above the projected \(Figures.format(projected, unit))"))
            }
        }
        if checked == 0 {
            return Outcome(passed: false, feedback: l(
                "计划没有结果目标：一份联合生意计划要说明它追求的结果（销售额、净利润、ROI 或总覆盖率中至少一个），并由驱动目标推算支撑。",
                "The plan states no outcome goal: a JBP says what result it aims at (revenue, net profit, ROI or total coverage rate), backed by the driver goals."))
        }
        return verdict(problems,
                       pass: l("结果目标都在驱动目标推算的范围内。", "The outcome goals are within what the driver goals project."),
                       failPrefix: l("结果目标应由驱动目标的推算支撑（销售额、净利润 ≤ 推算值 + 0.5%，ROI、总覆盖率 ≤ 推算值 + 0.005）：",
                                     "Outcome goals should be backed by the projection (revenue and net profit ≤ projected + 0.5 %, ROI and total coverage rate ≤ projected + 0.005): "))
    }

    func feasible() -> Outcome {
        var problems: [String] = []
        var drivers = 0
        for (i, goal) in plan.goals.enumerated() {
            guard let metric = metrics[i], metric.driverArea != nil else { continue }
            drivers += 1
            let name = goalName(goal, i)
            guard let effect = projection.goals.first(where: { $0.index == i }) else {
                problems.append(goal.target == nil
                    ? l("\(name) 没有目标值", "\(name) has no target")
                    : l("\(name) 的指标 \(metricTitle(metric)) 在本案例中没有数值", "\(name)'s metric \(metric.key) has no value in this case"))
                continue
            }
            let by = goal.deadline.map { l("\($0.month)月\($0.day)日前", "by \($0)") } ?? l("在计划期内", "within the period")
            let verb = metric.direction == .higher ? l("提高到", "raise") : l("降到", "lower")
            let metricName = metricTitle(metric)
            // Before the reveal a trainee computes the case's current values (`baselines`):
            // the message then names the goal's target and the credible one, not the current value.
            let from = trainee ? "" : l("从\(readable(effect.current, metric))", "from \(Figures.format(effect.current, metric.unit)) ")
            if !effect.improves {
                let now = trainee ? l("案例现状", "the case's current value") : l("现状 \(readable(effect.current, metric))", "the current \(Figures.format(effect.current, metric.unit))")
                problems.append(l("\(name)：\(metricName)的目标 \(readable(effect.target, metric, keep: 0)) 没有比\(now)\(metric.direction == .higher ? "更高" : "更低")",
                                  "\(name): the \(metric.key) target \(Figures.format(effect.target, metric.unit)) does not improve on \(now)"))
            } else if !effect.isCredible {
                problems.append(l("\(name)：\(by)把\(metricName)\(from)\(verb)\(readable(effect.target, metric, keep: 0))不可信，最多可到\(credibleShown(effect.credibleTarget, metric))",
                                  "\(name): to \(verb) \(metric.key) \(from)to \(Figures.format(effect.target, metric.unit)) \(by) is not credible; at most \(Figures.format(effect.credibleTarget, metric.unit))"))
            }
        }
        guard drivers > 0 else {
            return Outcome(passed: false, feedback: l("计划没有驱动目标，无从判断目标是否可信。", "The plan has no driver goal whose credibility could be judged."))
        }
        return verdict(problems,
                       pass: l("每个驱动目标都比现状更好，而且在完成日期前做得到（不超过经销商12个月内可信的改变幅度）。",
                               "Every driver goal improves on the case and is credible by its deadline (within what a distributor can change in 12 months)."),
                       failPrefix: l("驱动目标要比现状更好，而且在完成日期前做得到：", "Driver goals must improve on the case and be credible by their deadlines: "))
    }

    func twoSided() -> Outcome {
        guard !plan.plans.isEmpty else { return nothingTo(l("行动计划", "plans")) }
        let parties = Set(plan.plans.compactMap(\.party))
        if parties.contains(.joint) || (parties.contains(.maker) && parties.contains(.distributor)) {
            return Outcome(passed: true, feedback: l("行动计划里有双方的承诺：厂家和经销商都有要做的事。", "The plans hold commitments of both sides."))
        }
        let missing: String
        if parties.contains(.maker) {
            missing = l("经销商没有任何承诺（所有行动都由厂家执行）", "the distributor commits to nothing (every plan is the maker's)")
        } else if parties.contains(.distributor) {
            missing = l("厂家没有任何承诺（所有行动都由经销商执行）", "the maker commits to nothing (every plan is the distributor's)")
        } else {
            missing = l("没有一项行动写明执行方", "no plan says who carries it out")
        }
        return Outcome(passed: false, feedback: l(
            "联合生意计划是双方的计划：应有一项双方共同执行的行动，或厂家和经销商各有一项；现在\(missing)。",
            "A JBP is a joint plan: it needs a joint plan line, or one of the maker's and one of the distributor's; now \(missing)."))
    }

    func resourced() -> Outcome {
        let countedGoals = Set(projection.effects.compactMap(\.goal))
        var serving = 0
        var unfunded: [String] = []
        for (i, strategy) in plan.strategies.enumerated() where strategy.goals.contains(where: countedGoals.contains) {
            serving += 1
            let funded = (strategy.budget ?? 0) > 0
                || plan.plans.contains { $0.strategy != nil && $0.strategy == strategy.id && ($0.cost ?? 0) > 0 }
            if !funded {
                let name = strategy.id ?? l("第 \(i + 1) 个策略", "strategy \(i + 1)")
                let title = strategy.title.map { l("（\($0)）", " (\($0))") } ?? ""
                unfunded.append(name + title)
            }
        }
        guard serving > 0 else {
            return Outcome(passed: false, feedback: l(
                "没有一个策略服务于计入推算的驱动目标：驱动目标要有策略去实现，策略要有投入。",
                "No strategy serves a counted driver goal: driver goals need strategies, and strategies need resources."))
        }
        return verdict(unfunded,
                       pass: l("每个服务于驱动目标的策略都有投入（厂家预算或经销商投入）。",
                               "Every strategy behind a driver goal is funded (a maker's budget or a distributor's cost)."),
                       failPrefix: l("服务于驱动目标的策略要有投入（厂家预算 > 0，或某项行动的经销商投入 > 0），这些策略没有：",
                                     "Every strategy behind a driver goal needs a budget > 0 or a plan with a cost > 0; these have neither: "))
    }

    func roiTarget() -> Outcome {
        let target = key.review.result.targetROI
        // In percent, as the course and the case speak of an ROI (20%, not 0.20).
        let targetText = Figures.percent(target)
        guard let roi = projection.roi else {
            return Outcome(passed: false, feedback: l("按驱动目标推算，投资额不为正，无法推算 ROI；厂家目标为 \(targetText)。",
                                                      "The projected investment is not above zero, so no ROI can be projected; the target is \(targetText)."),
                           expected: .number(target))
        }
        let passed = roi >= target - 1e-12
        let roiText = Figures.percent(roi)
        let message: String
        if trainee {
            message = passed
                ? l("按驱动目标推算的 ROI 达到厂家目标 \(targetText)。", "The projected ROI reaches the target of \(targetText).")
                : l("按驱动目标推算的 ROI 低于厂家目标 \(targetText)：驱动目标还不够。", "The projected ROI is below the target of \(targetText): the driver goals do not reach it yet.")
        } else {
            message = passed
                ? l("推算 ROI \(roiText) 达到厂家目标 \(targetText)。", "The projected ROI \(roiText) reaches the target of \(targetText).")
                : l("推算 ROI \(roiText) 低于厂家目标 \(targetText)。", "The projected ROI \(roiText) is below the target of \(targetText).")
        }
        return Outcome(passed: passed, feedback: message, expected: .number(target), given: trainee ? nil : .number(roi))
    }

    // MARK: Helpers

    /// A metric by its Chinese name, a channel by its name in the case (传统渠道覆盖率).
    func metricTitle(_ metric: Metric) -> String {
        guard language == .zh else { return metric.key }
        if let id = metric.channel {
            return (key.review.case.channel(id)?.name ?? id) + "覆盖率"
        }
        return metric.chineseName
    }

    /// A figure as a trainee reads it: rates in percent with one decimal, days with one
    /// decimal and 天, money with separators and 元 (in English: as `Figures` prints it).
    /// `keep` 0 prints a target as the trainee typed it (40天), 1 a computed figure (48.0天).
    func readable(_ value: Double, _ metric: Metric, keep: Int = 1) -> String {
        guard language == .zh else { return Figures.format(value, metric.unit) }
        switch metric.unit {
        case .rate: return Figures.decimal(value * 100, places: 1, keep: 0, grouped: false) + "%"
        case .days: return Figures.decimal(value, places: 1, keep: keep, grouped: false) + "天"
        case .money:
            return Figures.decimal(value, places: abs(value) < 100 ? 2 : 0, keep: 0, grouped: true) + "元"
        case .count: return Figures.decimal(value, places: 0, keep: 0, grouped: true)
        case .ratio: return Figures.decimal(value, places: 1, keep: keep, grouped: false)
        }
    }

    /// A credible target as the trainee reads it, rounded at the shown precision *toward* what
    /// is credible (down for higher-is-better, up for lower-is-better): typing the figure the
    /// message names must pass. 48.04 days is shown 48.1天, 62.92 % as 62.9%, 0.3825元 as 0.39元.
    func credibleShown(_ value: Double, _ metric: Metric) -> String {
        guard language == .zh else { return Figures.format(value, metric.unit) }
        let scale: Double
        switch metric.unit {
        case .rate: scale = 1000  // one decimal of a percent
        case .days, .ratio: scale = 10
        case .money: scale = abs(value) < 100 ? 100 : 1
        case .count: scale = 1
        }
        let x = value * scale
        let rounded = (metric.direction == .higher ? (x + 1e-9).rounded(.down) : (x - 1e-9).rounded(.up)) / scale
        return readable(rounded, metric, keep: metric.unit == .days || metric.unit == .ratio ? 1 : 0)
    }

    func l(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String { language == .zh ? zh() : en() }

    func list(_ items: [String]) -> String { items.joined(separator: language == .zh ? "、" : ", ") }

    func goalName(_ goal: Goal, _ index: Int) -> String {
        goal.id ?? l("第 \(index + 1) 个目标", "goal \(index + 1)")
    }

    /// A figure of goal `index`, printed for its metric's unit.
    func number(_ value: Double, _ index: Int) -> String {
        Figures.format(value, metrics[index]?.unit ?? .ratio)
    }

    var periodText: String {
        guard let start = plan.period?.start, let end = plan.period?.end else { return l("（计划没有完整的期间）", " (the plan has no complete period)") }
        return l("（\(start) 至 \(end)）", " (\(start) to \(end))")
    }

    func nothingTo(_ what: String) -> Outcome {
        Outcome(passed: false, feedback: l("没有可检查的\(what)。", "There are no \(what) to check."))
    }

    /// A pass, or a fail listing at most five problems.
    func verdict(_ problems: [String], pass: @autoclosure () -> String, failPrefix: @autoclosure () -> String) -> Outcome {
        guard !problems.isEmpty else { return Outcome(passed: true, feedback: pass()) }
        var shown = problems.prefix(5).joined(separator: language == .zh ? "；" : "; ")
        if problems.count > 5 { shown += l("；另有 \(problems.count - 5) 处", "; and \(problems.count - 5) more") }
        return Outcome(passed: false, feedback: failPrefix() + shown + l("。", "."))
    }
}
