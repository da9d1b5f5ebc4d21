import Testing
@testable import JBPModel

func examplePlan() throws -> Plan {
    try Plan.read(fixture("example-plan.yaml"), file: "example-plan.yaml")
}

@Suite("Worked example: plan, projection, scorecard, segmentation")
struct WorkedExamplePlanningTests {
    @Test("example-plan.yaml projects the figures of model.md §8", arguments: [
        ("incremental_sales", 1_170_000.0), ("cost_savings", 0), ("capital_released", 292_000), ("plan_costs", 100_000),
        ("revenue", 11_370_000), ("net_profit", 322_700), ("investment", 3_201_711.765), ("roi", 0.1007898),
        ("coverage_rate", 0.566667),
    ])
    func projection(key: String, expected: Double) throws {
        let projection = Projection(review: try exampleReview(), plan: try examplePlan())
        let value = try #require(projection.json[key]?.doubleValue)
        #expect(isClose(value, expected), "\(key) = \(value), model.md says \(expected)")
    }

    /// model.md §8: G1 and G2 credible (limits 0.629 and 0.912192), G3 adds nothing (the
    /// distribution goals already lift sales past 900,000 × 12), G4 capped at 48.041469 days.
    @Test("the projection's effects: horizons, credible targets and amounts of §8", arguments: [
        ("G1", 1.0, 0.55, 714_000.0, true), ("G2", 0.747945, 0.90, 456_000, true),
        ("G3", 1.0, 900_000, 0, true), ("G4", 0.5, 48.041469, 292_000, false),
    ])
    func effect(goal: String, horizon: Double, credible: Double, amount: Double, isCredible: Bool) throws {
        let projection = Projection(review: try exampleReview(), plan: try examplePlan())
        #expect(projection.effects.map(\.goal) == ["G1", "G2", "G3", "G4"], "outcome goal G5 moves nothing")
        let effect = try #require(projection.effects.first { $0.goal == goal })
        #expect(isClose(effect.horizon, horizon))
        #expect(isClose(effect.credibleTarget, credible))
        #expect(isClose(effect.amount, amount))
        #expect(effect.isCredible == isCredible)
        #expect(effect.counted)
    }

    @Test("the limits of §8: c + L × h for coverage, c × (1 − L × h) for inventory days")
    func limitsOfTheExample() throws {
        let review = try exampleReview()
        let traditional = try #require(review.value(ofMetric: "coverage_rate.traditional"))
        let unbounded = Projection.credibleTarget(metric: try #require(Metric("coverage_rate.traditional")), target: 1,
                                                  current: traditional, horizon: 1, review: review)
        #expect(isClose(unbounded, 0.629167))
        let modern = Projection.credibleTarget(metric: try #require(Metric("coverage_rate.modern")), target: 1, current: 0.8,
                                               horizon: Projection.horizon(start: Day("2026-01-01"), deadline: Day("2026-09-30")),
                                               review: review)
        #expect(isClose(modern, 0.912192))
        // A case's own limits replace the defaults.
        var c = try exampleCase()
        c.limits.inventoryDays = 0.5
        let days = try #require(review.value(ofMetric: "inventory_days"))
        let own = Projection.credibleTarget(metric: try #require(Metric("inventory_days")), target: 1, current: days,
                                            horizon: 1, review: try Review(c))
        #expect(isClose(own, days * 0.5))
    }

    @Test("two goals on one driver metric count once: the latest deadline, then the last listed")
    func repeatedDriver() throws {
        let review = try exampleReview()
        var plan = try examplePlan()
        // No deadline counts as the earliest: G4 (06-30) still counts.
        plan.goals.append(Goal(id: "G6", metric: "inventory_days", baseline: 60, target: 30))
        var projection = Projection(review: review, plan: plan)
        #expect(projection.effects.filter { $0.metric.key == "inventory_days" }.map(\.goal) == ["G4"])
        #expect(projection.goals.filter { $0.metric.key == "inventory_days" }.map(\.counted) == [true, false])
        // Two goals at the year's end: the later deadline wins over G4, the last listed over G7.
        plan.goals.append(Goal(id: "G7", metric: "inventory_days", baseline: 60, target: 50, deadline: Day("2026-12-31")))
        plan.goals.append(Goal(id: "G8", metric: "inventory_days", baseline: 60, target: 45, deadline: Day("2026-12-31")))
        projection = Projection(review: review, plan: plan)
        #expect(projection.effects.filter { $0.metric.key == "inventory_days" }.map(\.goal) == ["G8"])
        #expect(isClose(projection.capitalReleased, (review.inventory.inventoryDays - 45) * review.inventory.dailyCOGS))
    }

    @Test("every driver kind moves the projection as model.md's table says, on the credible target")
    func allDrivers() throws {
        let review = try exampleReview()
        let plan = Plan(goals: [
            Goal(id: "a", metric: "skus_per_outlet", target: 9), Goal(id: "b", metric: "cost_per_case", target: 0.38),
            Goal(id: "c", metric: "dso_days", target: 30), Goal(id: "d", metric: "coverage_rate.rural", target: 0.9),
            Goal(id: "e", metric: "roi", target: 0.3), Goal(id: "f", metric: "sales_per_rep"),
        ])
        let projection = Projection(review: review, plan: plan)
        #expect(projection.effects.map(\.goal) == ["a", "b", "c"])
        // 7.2 + 2.0 ≥ 9 and 40.0 × 0.7 ≤ 30: both within reach, the whole GAP.
        #expect(isClose(projection.incrementalSales, review.opportunity(.terminal).amount))
        #expect(isClose(projection.capitalReleased, review.opportunity(.finance).amount))
        // 0.45 × (1 − 0.15) = 0.3825 > 0.38: only 0.0675 of the 0.07 a case is credible.
        let costPerCase = try #require(review.value(ofMetric: "cost_per_case"))
        #expect(isClose(projection.costSavings, (costPerCase - costPerCase * 0.85) * review.case.logistics.cases))
        #expect(projection.costSavings < review.opportunity(.logistics).amount)
        // A driver target already reached adds nothing.
        let reached = Projection(review: review, plan: Plan(goals: [Goal(id: "x", metric: "inventory_days", target: 90)]))
        #expect(reached.capitalReleased == 0)
        #expect(reached.roi == review.result.roi)
    }

    @Test("credible coverage stops at 100 % and credible SKUs at the must-sell list")
    func caps() throws {
        var c = try exampleCase()
        c.coverage[0].covered = 110 // modern: 110 of 120
        c.terminal.distributionPoints = c.terminal.auditedOutlets * (c.terminal.mustSellSKUs - 1)
        let review = try Review(c)
        let plan = Plan(goals: [Goal(id: "a", metric: "coverage_rate.modern", target: 1.5),
                                Goal(id: "b", metric: "skus_per_outlet", target: 99)])
        let projection = Projection(review: review, plan: plan)
        #expect(projection.effects.map(\.credibleTarget) == [1, c.terminal.mustSellSKUs])
        #expect(isClose(projection.incrementalSales,
                        10 * c.coverage[0].salesPerOutlet + 1 * (review.coverage.coveredOutlets) * c.terminal.salesPerSKUPoint))
    }

    @Test("a plan's own costs lower the projected net profit and nothing else")
    func planCosts() throws {
        let review = try exampleReview()
        var plan = try examplePlan()
        let with = Projection(review: review, plan: plan)
        for i in plan.plans.indices { plan.plans[i].cost = nil }
        let without = Projection(review: review, plan: plan)
        #expect(with.planCosts == 100_000 && without.planCosts == 0)
        #expect(isClose(without.netProfit - with.netProfit, 100_000))
        #expect(with.investment == without.investment && with.revenue == without.revenue)
    }

    @Test("the check-in of 2026-03-31 (f = 90/365)", arguments: [
        ("M1", 0.50, 0.496507, 1.007035), ("M4", 52, 55.068493, 1.059009), ("M5", 2_900_000, 2_835_616.438, 1.022705),
    ])
    func checkIn(id: String, actual: Double, expected: Double, attainment: Double) throws {
        let checkIns = try CheckIn.readAll(fixture("example-checkin.yaml"), file: "example-checkin.yaml")
        let results = try ScoreCard(plan: try examplePlan()).evaluate(checkIns, file: "example-checkin.yaml")
        #expect(results.count == 1)
        #expect(results[0].fraction == 90.0 / 365)
        let measure = try #require(results[0].measures.first { $0.id == id })
        #expect(measure.actual == actual)
        #expect(isClose(measure.expected, expected))
        #expect(isClose(try #require(measure.attainment), attainment))
        #expect(measure.status == .green)
    }

    @Test("the scorecard JSON has the command table's keys, measures in the plan's order")
    func scorecardJSON() throws {
        let checkIns = try CheckIn.readAll(fixture("example-checkin.yaml"), file: "example-checkin.yaml")
        let json = ScoreCard.json(try ScoreCard(plan: try examplePlan()).evaluate(checkIns, file: "c.yaml"))
        #expect(json.lookup("checkins.0.date") == .string("2026-03-31"))
        #expect(json.lookup("checkins.0.measures.M4.status") == .string("green"))
        guard case .object(let members)? = json.lookup("checkins.0.measures.0") else {
            Issue.record("no measure")
            return
        }
        #expect(members.map(\.key) == ["id", "actual", "expected", "attainment", "status"])
        #expect(json.lookup("checkins.0.measures")?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["M1", "M4", "M5"])
    }

    @Test("status thresholds: green from 1.00, amber from 0.90", arguments: [
        (1.0, ScorecardStatus.green), (1.3, .green), (0.999, .amber), (0.9, .amber), (0.8999, .red), (-1, .red),
    ])
    func status(attainment: Double, status: ScorecardStatus) {
        #expect(ScorecardStatus(attainment: attainment) == status)
    }

    @Test("f is clamped to [0, 1] and counts both ends", arguments: [
        ("2025-12-01", 0.0), ("2026-01-01", 1.0 / 365), ("2026-12-31", 1.0), ("2027-06-01", 1.0), ("2026-07-02", 183.0 / 365),
    ])
    func fraction(date: String, f: Double) throws {
        #expect(try ScoreCard(plan: try examplePlan()).fraction(at: try #require(Day(date))) == f)
    }

    @Test("lower is better: inventory days above the glide path is amber or red")
    func lowerIsBetter() throws {
        let card = ScoreCard(plan: try examplePlan())
        let day = try #require(Day("2026-03-31"))
        let result = try card.evaluate(CheckIn(date: day, values: [.init(measure: "M4", actual: 60)]), file: "c")
        let m4 = try #require(result.measures.first)
        #expect(isClose(try #require(m4.attainment), 55.068493 / 60))
        #expect(m4.status == .amber)
        // Before the period starts, a cumulative KPI expects 0: attainment is undefined, an actual ≥ 0 is on track.
        let early = try card.evaluate(CheckIn(date: try #require(Day("2025-12-01")), values: [.init(measure: "M5", actual: 10)]), file: "c")
        #expect(early.measures.first?.attainment == nil)
        #expect(early.measures.first?.status == .green)
    }

    @Test("scorecard refusals name the file and the place", arguments: [
        ("checkins:\n  - date: 2026-03-31\n    values: {M9: 1}\n", "c.yaml: checkins[0].values.M9: no measure M9 in the plan"),
        ("checkins:\n  - date: 2026-02-30\n    values: {M1: 1}\n", "c.yaml: checkins[0].date: expected a date like 2026-03-31, found the text \"2026-02-30\""),
        ("checkins:\n  - date: 2026-03-31\n    values: {M1: high}\n", "c.yaml: checkins[0].values.M1: expected a number, found the text \"high\""),
        ("checkins:\n  - date: 2026-03-31\n    value: {M1: 1}\n", "c.yaml: checkins[0].value: unknown key (did you mean values?)"),
        ("checkins: {date: 2026-03-31}\n", "c.yaml: checkins: expected a list, found a map"),
    ])
    func scorecardRefusals(text: String, message: String) throws {
        let card = ScoreCard(plan: try examplePlan(), planFile: "plan.yaml")
        let error = refusal { () throws(ModelError) in try card.evaluate(CheckIn.readAll(text, file: "c.yaml"), file: "c.yaml") }
        #expect(error?.description == message)
    }

    @Test("a plan without what the scorecard needs is refused, naming the plan's key")
    func scorecardNeedsPlanParts() throws {
        var plan = try examplePlan()
        plan.goals[3].baseline = nil
        let checkIn = CheckIn(date: try #require(Day("2026-03-31")), values: [.init(measure: "M4", actual: 52)])
        #expect(refusal { () throws(ModelError) in try ScoreCard(plan: plan, planFile: "plan.yaml").evaluate(checkIn, file: "c") }?.description
                == "plan.yaml: goals[3].baseline: missing (the scorecard's glide path starts from it)")
        plan.period = nil
        #expect(refusal { () throws(ModelError) in try ScoreCard(plan: plan, planFile: "plan.yaml").evaluate(checkIn, file: "c") }?.description
                == "plan.yaml: period.start: missing (the scorecard counts days from it)")
    }

    @Test("example-portfolio.yaml segments as model.md §8 says", arguments: [
        ("hengda", Segment.key), ("xinyuan", .advantaged), ("jiahe", .potential), ("fuli", .general),
        ("longsheng", .advantaged), ("tianrun", .potential),
    ])
    func segment(id: String, segment: Segment) throws {
        let segmentation = Segmentation(try Portfolio.read(fixture("example-portfolio.yaml"), file: "p.yaml"))
        #expect(segmentation.scaleThreshold == 6_600_000)
        #expect(segmentation.headroomThreshold == 0.5)
        #expect(segmentation.segment(of: id) == segment)
    }

    @Test("the segmentation JSON has the command table's keys")
    func segmentationJSON() throws {
        let json = Segmentation(try Portfolio.read(fixture("example-portfolio.yaml"), file: "p.yaml")).json
        guard case .object(let top) = json, case .object(let first)? = json.lookup("distributors.0") else {
            Issue.record("not an object")
            return
        }
        #expect(top.map(\.key) == ["scale_threshold", "headroom_threshold", "distributors"])
        #expect(first.map(\.key) == ["id", "headroom", "high_scale", "high_potential", "segment"])
        #expect(json.lookup("distributors.hengda.headroom")?.doubleValue.map { isClose($0, 1 - 10.2 / 26) } == true)
        #expect(json.lookup("distributors.fuli.high_scale") == .bool(false))
    }

    @Test("the median of an odd count is the middle value; a number threshold is used as is")
    func thresholds() throws {
        #expect(Segmentation.median([3, 1, 2]) == 2)
        #expect(Segmentation.median([4, 1, 3, 2]) == 2.5)
        let text = try fixture("example-portfolio.yaml").replacingOccurrences(of: "scale_threshold: median", with: "scale_threshold: 10200000")
        let segmentation = Segmentation(try Portfolio.read(text, file: "p.yaml"))
        #expect(segmentation.segment(of: "hengda") == .key) // sales ≥ threshold is high scale
        #expect(segmentation.segment(of: "longsheng") == .general)
    }

    @Test("portfolio refusals", arguments: [
        ("scale_threshold: median", "scale_threshold: middle", "p.yaml: segmentation.scale_threshold: expected a number or median, found the text \"middle\""),
        ("headroom_threshold: 0.5", "headroom_threshold: 50", "p.yaml: segmentation.headroom_threshold: 50 is not a rate between 0 and 1 (rates are fractions: 0.95, not 95)"),
        ("market_potential: 4000000", "market_potential: 0", "p.yaml: distributors[3].market_potential: is 0, but a formula divides by it (must be above zero)"),
        ("id: tianrun", "id: hengda", "p.yaml: distributors[5].id: duplicate distributor id hengda (also distributors[0])"),
        ("sales: 2600000", "sale: 2600000", "p.yaml: distributors[3].sale: unknown key (did you mean sales?)"),
        ("{scale_threshold: median, headroom_threshold: 0.5}", "{headroom_threshold: 0.5}", "p.yaml: segmentation.scale_threshold: missing (required)"),
    ])
    func portfolioRefusals(replace: String, with: String, message: String) throws {
        let text = try fixture("example-portfolio.yaml").replacingOccurrences(of: replace, with: with)
        #expect(refusal { () throws(ModelError) in try Portfolio.read(text, file: "p.yaml") }?.description == message)
    }

    @Test("segments by id or Chinese name", arguments: [
        ("key", Segment.key), ("重点", .key), ("重点经销商", .key), ("优势", .advantaged), ("潜力", .potential), ("一般", .general), (" General ", .general),
    ])
    func segmentNames(name: String, segment: Segment) {
        #expect(Segment(name: name) == segment)
    }
}

@Suite("Reading plans")
struct PlanReaderTests {
    @Test("the example plan reads completely")
    func example() throws {
        let plan = try examplePlan()
        #expect(plan.caseID == "hengda-2025")
        #expect(plan.period?.days == 365)
        #expect(plan.goals.count == 5)
        #expect(plan.goals[0] == Goal(id: "G1", metric: "coverage_rate.traditional", baseline: 0.479, target: 0.55, deadline: Day("2026-12-31")))
        #expect(plan.strategies[0].goals == ["G1", "G5"])
        #expect(plan.plans[2].owner == "张经理")
        #expect(plan.measures[2].frequency == .quarterly)
        #expect(plan.totalBudget == 280_000)
        #expect(plan.projectedROI == 0.1547)
        #expect(plan.swot?.weaknesses == ["库存天数60天", "传统渠道覆盖不足一半"])
        #expect(plan.driverGoals.map(\.id) == ["G1", "G2", "G3", "G4"])
    }

    @Test("a draft with missing parts is still a plan")
    func draft() throws {
        let plan = try Plan.read("objective: 提升ROI\ngoals:\n  - {id: G1, metric: roi}\n  - {}\n", file: "draft.yaml")
        #expect(plan.objective == "提升ROI")
        #expect(plan.goals == [Goal(id: "G1", metric: "roi"), Goal()])
        #expect(plan.period == nil && plan.strategies.isEmpty && plan.measures.isEmpty)
        #expect(try Plan.read("{}", file: "empty.json") == Plan())
    }

    @Test("a plan in JSON reads like YAML, and a plan writes back as itself")
    func roundTrip() throws {
        let plan = try examplePlan()
        #expect(try Plan.read(plan.json.text(), file: "plan.json") == plan)
        #expect(try Plan.read(plan.yaml, file: "plan.yaml") == plan)
    }

    @Test("custom metrics carry their direction; lists and Chinese frequencies are accepted")
    func lenient() throws {
        let text = """
            goals: [{id: G1, metric: 新品上市数, better: higher, baseline: 2, target: 5}]
            strategies: [{id: S1, goals: G1}]
            plans: [{id: P1, resources: [2名业务员, 1辆车]}]
            measures: [{id: M1, frequency: 每月}]
            """
        let plan = try Plan.read(text, file: "p.yaml")
        #expect(plan.goals[0].direction == .higher)
        #expect(plan.goals[0].knownMetric == nil)
        #expect(plan.strategies[0].goals == ["G1"])
        #expect(plan.plans[0].resources == "2名业务员、1辆车")
        #expect(plan.measures[0].frequency == .monthly)
    }

    @Test("wrong types and unknown keys are refused", arguments: [
        ("goals: {id: G1}", "p.yaml: goals: expected a list, found a map"),
        ("goals: [{id: G1, metrc: roi}]", "p.yaml: goals[0].metrc: unknown key (did you mean metric?)"),
        ("goals: [{id: G1, target: 百分之十五}]", "p.yaml: goals[0].target: expected a number, found the text \"百分之十五\""),
        ("goals: [{id: G1, better: up}]", "p.yaml: goals[0].better: expected higher or lower, found the text \"up\""),
        ("goals: [{id: G1, deadline: 2026-06-31}]", "p.yaml: goals[0].deadline: expected a date like 2026-03-31, found the text \"2026-06-31\""),
        ("measures: [{id: M1, frequency: daily}]", "p.yaml: measures[0].frequency: expected weekly, monthly or quarterly, found the text \"daily\""),
        ("period: [2026-01-01, 2026-12-31]", "p.yaml: period: expected a map, found a list"),
        ("objective: [a, b]", "p.yaml: objective: expected text, found a list"),
        ("plan: {}", "p.yaml: plan: unknown key (did you mean plans?)"),
        ("projected_roi: 15%", "p.yaml: projected_roi: expected a number, found the text \"15%\""),
        // A quoted key over two lines is named on one (a mangled-input test found it).
        ("goals: [{\"met\\nric\": roi}]", "p.yaml: goals[0].met ric: unknown key (did you mean metric?)"),
        ("goals: [{id: G1, target: \"0.55\"}]", "p.yaml: goals[0].target: expected a number, found the text \"0.55\""),
        ("measures: [{id: M1}, 7]", "p.yaml: measures[1]: expected a map, found the number 7"),
    ])
    func refusals(text: String, message: String) {
        #expect(refusal { () throws(ModelError) in try Plan.read(text, file: "p.yaml") }?.description == message)
    }
}

@Suite("Metrics")
struct MetricTests {
    @Test("a metric's current value, direction and unit", arguments: [
        ("roi", 0.0919325, Direction.higher, FigureUnit.rate), ("revenue", 10_200_000, .higher, .money),
        ("net_profit", 294_000, .higher, .money), ("coverage_rate", 0.494444, .higher, .rate),
        ("coverage_rate.traditional", 0.479167, .higher, .rate), ("skus_per_outlet", 7.2, .higher, .ratio),
        ("distribution_rate", 0.6, .higher, .rate), ("inventory_days", 60.051837, .lower, .days),
        ("on_time_rate", 0.88, .higher, .rate), ("fill_rate", 0.95, .higher, .rate), ("cost_per_case", 0.45, .lower, .money),
        ("dso_days", 40.006863, .lower, .days), ("sales_per_rep", 850_000, .higher, .money), ("bad_debt_rate", 0.002, .lower, .rate),
        ("capital_turnover", 3.189493, .higher, .ratio), ("covered_outlets", 1246, .higher, .count),
        ("inventory_turnover", 6.078082, .higher, .ratio), ("growth_rate", 0.0625, .higher, .rate),
    ])
    func known(key: String, value: Double, direction: Direction, unit: FigureUnit) throws {
        let metric = try #require(Metric(key))
        #expect(metric.direction == direction)
        #expect(metric.unit == unit)
        #expect(isClose(try #require(try exampleReview().value(of: metric)), value))
    }

    @Test("driver and outcome metrics")
    func roles() {
        #expect(Metric("coverage_rate.modern")?.driverArea == .coverage)
        #expect(Metric("coverage_rate")?.driverArea == nil)
        #expect(Metric("coverage_rate")?.isOutcome == true)
        #expect(Metric("coverage_rate.modern")?.isOutcome == false)
        #expect(Metric("dso_days")?.driverArea == .finance)
        #expect(Metric("revenue")?.isCumulative == true && Metric("roi")?.isCumulative == false)
        #expect(["roi", "revenue", "net_profit"].allSatisfy { Metric($0)?.isOutcome == true })
    }

    @Test("unknown metrics and channels", arguments: ["新品上市数", "roi.modern", "coverage_rate.", "", "inventory"])
    func unknown(key: String) {
        #expect(Metric(key) == nil)
    }

    @Test("a channel the case does not have has no value")
    func unknownChannel() throws {
        #expect(try exampleReview().value(ofMetric: "coverage_rate.rural") == nil)
    }

    @Test("areas by id or Chinese name", arguments: [("coverage", Area.coverage), ("覆盖", .coverage), ("团队", .team), ("Finance", .finance)])
    func areaNames(name: String, area: Area) {
        #expect(Area(name: name) == area)
    }
}

@Suite("Reading plans: every problem at once")
struct LenientPlanReaderTests {
    @Test("every problem is listed in the text's order, and the rest of the plan is read")
    func everyProblem() throws {
        let text = """
            case: hengda-2025
            objectve: x
            goals:
              - {id: G1, metric: roi, target: 很高, deadline: 2026-13-01}
              - 7
              - {id: G2, metric: revenue, target: 11500000}
            measures: [{id: M1, frequency: daily, owner: 王经理}]
            strategies: {S1: 1}
            """
        var problems: [ModelError] = []
        let plan = Plan.read(try Document.parse(text, file: "p.yaml"), problems: &problems)
        #expect(problems.map(\.description) == [
            "p.yaml: objectve: unknown key (did you mean objective?)",
            "p.yaml: goals[0].target: expected a number, found the text \"很高\"",
            "p.yaml: goals[0].deadline: expected a date like 2026-03-31, found the text \"2026-13-01\"",
            "p.yaml: goals[1]: expected a map, found the number 7",
            "p.yaml: measures[0].frequency: expected weekly, monthly or quarterly, found the text \"daily\"",
            "p.yaml: strategies: expected a list, found a map",
        ])
        #expect(plan.caseID == "hengda-2025")
        #expect(plan.goals == [Goal(id: "G1", metric: "roi"), Goal(id: "G2", metric: "revenue", target: 11_500_000)])
        #expect(plan.measures == [Measure(id: "M1", owner: "王经理")])
        #expect(plan.strategies.isEmpty)
        // The throwing reader refuses with the first of them.
        #expect(refusal { () throws(ModelError) in try Plan.read(text, file: "p.yaml") } == problems.first)
    }

    @Test("a plan already parsed as JSON reads as its JSON text would", arguments: [
        #"{"case": "hengda-2025", "goals": [{"id": 2025, "target": 0.55, "deadline": "2026-12-31"}], "total_budget": 280000}"#,
        #"{"swot": {"strengths": ["a", "b"]}, "plans": [{"resources": ["x", "y"], "due": null}], "projected_roi": 1e-3}"#,
        #"{"goals": [{"target": "0.55"}], "objective": ["a"], "period": {"start": true}}"#,
        #"{"measures": [{"frequency": "每月", "target": -1.5e2}], "strategies": [{"goals": "G1", "budget": 0}]}"#,
    ])
    func json(text: String) throws {
        let document = try Document.parse(text, file: "p.json")
        let json = document.jsonValue
        var fromText: [ModelError] = [], fromJSON: [ModelError] = []
        let a = Plan.read(document, problems: &fromText)
        let b = Plan.read(Field(json: json, file: "p.json"), problems: &fromJSON)
        #expect(a == b)
        // The same problems, but for the lines, which a parsed value no longer has.
        #expect(fromText.map { ModelError(file: $0.file, path: $0.path, message: $0.message, chinese: $0.chinese) } == fromJSON)
    }
}
