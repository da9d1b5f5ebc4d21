/// A joint business plan (联合生意计划, model.md §6): objective, goals, strategies, plans
/// and measures (OGSPM).
///
/// A plan is read leniently as to what is there: a draft with missing parts is still a
/// `Plan` (those fields are nil or empty), because the grader's checks report what is
/// missing. What is there must have the right type, and unknown keys are refused.
public struct Plan: Equatable, Sendable {
    /// `case`: the id of the case the plan is for.
    public var caseID: String?
    /// `period`: start and end.
    public var period: Period?
    /// O: the objective.
    public var objective: String?
    /// `swot`.
    public var swot: SWOT?
    /// G.
    public var goals: [Goal]
    /// S.
    public var strategies: [Strategy]
    /// P (`plans`).
    public var plans: [PlanTask]
    /// M: the scorecard.
    public var measures: [Measure]
    /// `total_budget`: should equal the strategies' budgets summed.
    public var totalBudget: Double?
    /// The trainee's own figure for the projected ROI: shown beside the projection, not graded.
    public var projectedROI: Double?

    /// A plan from its parts (all optional).
    public init(caseID: String? = nil, period: Period? = nil, objective: String? = nil, swot: SWOT? = nil,
                goals: [Goal] = [], strategies: [Strategy] = [], plans: [PlanTask] = [], measures: [Measure] = [],
                totalBudget: Double? = nil, projectedROI: Double? = nil) {
        self.caseID = caseID
        self.period = period
        self.objective = objective
        self.swot = swot
        self.goals = goals
        self.strategies = strategies
        self.plans = plans
        self.measures = measures
        self.totalBudget = totalBudget
        self.projectedROI = projectedROI
    }

    /// The plan period.
    public struct Period: Equatable, Sendable {
        /// `period.start`.
        public var start: Day?
        /// `period.end`.
        public var end: Day?

        public init(start: Day?, end: Day?) {
            self.start = start
            self.end = end
        }

        /// Days in the period, both ends counted (365 for a calendar year); nil if incomplete or reversed.
        public var days: Int? {
            guard let start, let end, end >= start else { return nil }
            return end - start + 1
        }

        /// True when `day` lies in the period (ends included).
        public func contains(_ day: Day) -> Bool {
            guard let start, let end else { return false }
            return start <= day && day <= end
        }
    }

    /// The SWOT lists.
    public struct SWOT: Equatable, Sendable {
        public var strengths: [String]
        public var weaknesses: [String]
        public var opportunities: [String]
        public var threats: [String]

        public init(strengths: [String] = [], weaknesses: [String] = [], opportunities: [String] = [], threats: [String] = []) {
            self.strengths = strengths
            self.weaknesses = weaknesses
            self.opportunities = opportunities
            self.threats = threats
        }
    }

    /// The goal with this id (the first, should ids repeat).
    public func goal(_ id: String) -> Goal? {
        goals.first { $0.id == id }
    }

    /// The strategy with this id.
    public func strategy(_ id: String) -> Strategy? {
        strategies.first { $0.id == id }
    }

    /// The measure with this id.
    public func measure(_ id: String) -> Measure? {
        measures.first { $0.id == id }
    }

    /// The goals whose metric is a driver (关键生意驱动要素), i.e. moves the projection.
    public var driverGoals: [Goal] {
        goals.filter { $0.knownMetric?.driverArea != nil }
    }

    /// C: the sum of the plans' `cost` (model.md §6).
    public var planCosts: Double {
        plans.reduce(0) { $0 + ($1.cost ?? 0) }
    }
}

/// G: a goal. Every field may be missing in a draft.
public struct Goal: Equatable, Sendable {
    public var id: String?
    /// A KPI key (`coverage_rate.traditional`) or a custom name with `better`.
    public var metric: String?
    public var baseline: Double?
    public var target: Double?
    public var deadline: Day?
    /// For a custom metric: which way is better.
    public var better: Direction?

    public init(id: String? = nil, metric: String? = nil, baseline: Double? = nil, target: Double? = nil,
                deadline: Day? = nil, better: Direction? = nil) {
        self.id = id
        self.metric = metric
        self.baseline = baseline
        self.target = target
        self.deadline = deadline
        self.better = better
    }

    /// The KPI the metric names, nil for a custom (or missing) metric.
    public var knownMetric: Metric? { metric.flatMap(Metric.init) }

    /// The known KPI's direction, else the goal's `better`; nil when neither (such a goal
    /// fails `goals_smart`).
    public var direction: Direction? { knownMetric?.direction ?? better }
}

/// S: a strategy serving goals.
public struct Strategy: Equatable, Sendable {
    public var id: String?
    public var title: String?
    /// The ids of the goals it serves.
    public var goals: [String]
    public var budget: Double?

    public init(id: String? = nil, title: String? = nil, goals: [String] = [], budget: Double? = nil) {
        self.id = id
        self.title = title
        self.goals = goals
        self.budget = budget
    }
}

/// Who carries out a plan line (`party`): a JBP is a joint plan, not the maker's to-do list.
public enum Party: String, CaseIterable, Sendable {
    /// 厂家.
    case maker
    /// 经销商.
    case distributor
    /// 双方.
    case joint

    /// 厂家, 经销商, 双方.
    public var chineseName: String {
        switch self {
        case .maker: return "厂家"
        case .distributor: return "经销商"
        case .joint: return "双方"
        }
    }
}

/// P: one action plan line: 事 (task), 人 (owner), 物 (resources), and when.
public struct PlanTask: Equatable, Sendable {
    public var id: String?
    /// The id of the strategy it carries out.
    public var strategy: String?
    public var task: String?
    public var owner: String?
    /// A list of resources is kept as one text joined by "、".
    public var resources: String?
    public var due: Day?
    /// Who carries it out.
    public var party: Party?
    /// What the distributor itself spends on it (default 0): it lowers the projected
    /// net profit (model.md §6).
    public var cost: Double?

    public init(id: String? = nil, strategy: String? = nil, task: String? = nil, owner: String? = nil,
                resources: String? = nil, due: Day? = nil, party: Party? = nil, cost: Double? = nil) {
        self.id = id
        self.strategy = strategy
        self.task = task
        self.owner = owner
        self.resources = resources
        self.due = due
        self.party = party
        self.cost = cost
    }
}

/// How often a measure is reviewed.
public enum Frequency: String, CaseIterable, Sendable {
    case weekly, monthly, quarterly

    /// 每周, 每月, 每季度.
    public var chineseName: String {
        switch self {
        case .weekly: return "每周"
        case .monthly: return "每月"
        case .quarterly: return "每季度"
        }
    }

    /// By id (any case) or Chinese name (每周/周, 每月/月度, 每季度/季度); spaces around
    /// it are ignored (line breaks are not).
    public init?(name: String) {
        let text = name.trimmingSpaces()
        if let f = Frequency(rawValue: text) ?? Frequency(rawValue: text.lowercased()) {
            self = f
            return
        }
        switch text {
        case "每周", "周", "周度": self = .weekly
        case "每月", "月", "月度": self = .monthly
        case "每季度", "每季", "季度": self = .quarterly
        default: return nil
        }
    }
}

/// M: a measure of the scorecard, tracking one goal.
public struct Measure: Equatable, Sendable {
    public var id: String?
    /// The id of the goal it tracks.
    public var goal: String?
    /// The KPI key it reports (normally the goal's metric).
    public var kpi: String?
    public var target: Double?
    public var frequency: Frequency?
    public var owner: String?

    public init(id: String? = nil, goal: String? = nil, kpi: String? = nil, target: Double? = nil,
                frequency: Frequency? = nil, owner: String? = nil) {
        self.id = id
        self.goal = goal
        self.kpi = kpi
        self.target = target
        self.frequency = frequency
        self.owner = owner
    }
}

// MARK: - Reading

extension Plan {
    /// The top-level keys of the plan format, in model.md §6's order.
    public static let keys = ["case", "period", "objective", "swot", "goals", "strategies", "plans", "measures",
                              "total_budget", "projected_roi"]

    /// Reads a plan (YAML or JSON). Missing parts are allowed; wrong types and unknown
    /// keys are refused with one line (the first problem in the text).
    public static func read(_ text: String, file: String) throws(ModelError) -> Plan {
        try read(Document.parse(text, file: file))
    }

    /// Reads a plan from a parsed document (or a part of one: a submission's `plan`),
    /// refusing it with its first problem.
    public static func read(_ root: Field) throws(ModelError) -> Plan {
        var problems: [ModelError] = []
        let plan = read(root, problems: &problems)
        if let first = problems.first { throw first }
        return plan
    }

    /// Reads a plan, going on past its problems so that all of them can be shown at
    /// once (the grader lists them): each is appended to `problems`, in the order of
    /// the text, and what it is in is left out (the field is nil, the goal or plan
    /// line is not in its list). The rules are those of `read(_:)`, which throws the
    /// first of these problems.
    public static func read(_ root: Field, problems: inout [ModelError]) -> Plan {
        var r = LenientReader()
        var plan = Plan()
        r.members(root, keys: keys) { key, field, r in
            switch key {
            case "case": plan.caseID = r.string(field)
            case "period":
                var period = Period(start: nil, end: nil)
                if r.members(field, keys: ["start", "end"], { key, field, r in
                    if key == "start" { period.start = r.day(field) } else { period.end = r.day(field) }
                }) { plan.period = period }
            case "objective": plan.objective = r.string(field)
            case "swot":
                var swot = SWOT()
                if r.members(field, keys: ["strengths", "weaknesses", "opportunities", "threats"], { key, field, r in
                    let list = r.stringList(field) ?? []
                    switch key {
                    case "strengths": swot.strengths = list
                    case "weaknesses": swot.weaknesses = list
                    case "opportunities": swot.opportunities = list
                    default: swot.threats = list
                    }
                }) { plan.swot = swot }
            case "goals": plan.goals = r.items(field, keys: ["id", "metric", "baseline", "target", "deadline", "better"], Goal(), goal)
            case "strategies": plan.strategies = r.items(field, keys: ["id", "title", "goals", "budget"], Strategy(), strategy)
            case "plans":
                plan.plans = r.items(field, keys: ["id", "strategy", "task", "owner", "resources", "due", "party", "cost"], PlanTask(), task)
            case "measures":
                plan.measures = r.items(field, keys: ["id", "goal", "kpi", "target", "frequency", "owner"], Measure(), measure)
            case "total_budget": plan.totalBudget = r.number(field)
            default: plan.projectedROI = r.number(field) // projected_roi
            }
        }
        problems += r.problems
        return plan
    }

    private static func goal(_ goal: inout Goal, _ key: String, _ field: Field, _ r: inout LenientReader) {
        switch key {
        case "id": goal.id = r.string(field)
        case "metric": goal.metric = r.string(field)
        case "baseline": goal.baseline = r.number(field)
        case "target": goal.target = r.number(field)
        case "deadline": goal.deadline = r.day(field)
        default: // better
            goal.better = r.value { () throws(ModelError) in
                guard let direction = Direction(rawValue: try field.string()) else {
                    throw field.error("expected higher or lower, found \(field.tree.kindDescription)",
                                      chinese: "应为 higher（越高越好）或 lower（越低越好），实际是\(field.tree.chineseKindDescription)")
                }
                return direction
            }
        }
    }

    private static func strategy(_ strategy: inout Strategy, _ key: String, _ field: Field, _ r: inout LenientReader) {
        switch key {
        case "id": strategy.id = r.string(field)
        case "title": strategy.title = r.string(field)
        case "goals": strategy.goals = r.stringList(field) ?? []
        default: strategy.budget = r.number(field) // budget
        }
    }

    private static func task(_ task: inout PlanTask, _ key: String, _ field: Field, _ r: inout LenientReader) {
        switch key {
        case "id": task.id = r.string(field)
        case "strategy": task.strategy = r.string(field)
        case "task": task.task = r.string(field)
        case "owner": task.owner = r.string(field)
        case "resources": task.resources = r.stringList(field)?.joined(separator: "、")
        case "party":
            task.party = r.value { () throws(ModelError) in
                guard let party = Party(rawValue: try field.string()) else {
                    throw field.error("expected maker (厂家), distributor (经销商) or joint (双方), found \(field.tree.kindDescription)",
                                      chinese: "执行方应为厂家、经销商或双方，实际是\(field.tree.chineseKindDescription)")
                }
                return party
            }
        case "cost":
            task.cost = r.value { () throws(ModelError) in
                let amount = try field.number()
                guard amount >= 0 else { throw field.error("\(NumberSyntax.format(amount)) is negative (a cost is 0 or more)",
                                                 chinese: "\(NumberSyntax.format(amount)) 是负数（投入应为 0 或以上）") }
                return amount
            }
        default: task.due = r.day(field) // due
        }
    }

    private static func measure(_ measure: inout Measure, _ key: String, _ field: Field, _ r: inout LenientReader) {
        switch key {
        case "id": measure.id = r.string(field)
        case "goal": measure.goal = r.string(field)
        case "kpi": measure.kpi = r.string(field)
        case "target": measure.target = r.number(field)
        case "frequency":
            measure.frequency = r.value { () throws(ModelError) in
                guard let frequency = Frequency(name: try field.string()) else {
                    throw field.error("expected weekly, monthly or quarterly, found \(field.tree.kindDescription)",
                                      chinese: "频率应为每周、每月或每季度，实际是\(field.tree.chineseKindDescription)")
                }
                return frequency
            }
        default: measure.owner = r.string(field) // owner
        }
    }
}

// MARK: - Writing

extension Plan {
    /// The plan in its own format as JSON; absent parts are left out.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        func add(_ key: String, _ value: JSONValue?) {
            if let value { members.append((key, value)) }
        }
        func text(_ s: String?) -> JSONValue? { s.map(JSONValue.string) }
        func number(_ x: Double?) -> JSONValue? { x.map(JSONValue.number) }
        func day(_ d: Day?) -> JSONValue? { d.map { .string($0.description) } }
        func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
            .object(pairs.compactMap { key, value in value.map { (key: key, value: $0) } })
        }
        add("case", text(caseID))
        if let period { add("period", object([("start", day(period.start)), ("end", day(period.end))])) }
        add("objective", text(objective))
        if let swot {
            add("swot", .object([("strengths", .array(swot.strengths.map(JSONValue.string))),
                                 ("weaknesses", .array(swot.weaknesses.map(JSONValue.string))),
                                 ("opportunities", .array(swot.opportunities.map(JSONValue.string))),
                                 ("threats", .array(swot.threats.map(JSONValue.string)))]))
        }
        add("goals", .array(goals.map { g in
            object([("id", text(g.id)), ("metric", text(g.metric)), ("baseline", number(g.baseline)), ("target", number(g.target)),
                    ("deadline", day(g.deadline)), ("better", text(g.better?.rawValue))])
        }))
        add("strategies", .array(strategies.map { s in
            object([("id", text(s.id)), ("title", text(s.title)), ("goals", .array(s.goals.map(JSONValue.string))),
                    ("budget", number(s.budget))])
        }))
        add("plans", .array(plans.map { p in
            object([("id", text(p.id)), ("strategy", text(p.strategy)), ("task", text(p.task)), ("owner", text(p.owner)),
                    ("resources", text(p.resources)), ("due", day(p.due)), ("party", text(p.party?.rawValue)),
                    ("cost", number(p.cost))])
        }))
        add("measures", .array(measures.map { m in
            object([("id", text(m.id)), ("goal", text(m.goal)), ("kpi", text(m.kpi)), ("target", number(m.target)),
                    ("frequency", text(m.frequency?.rawValue)), ("owner", text(m.owner))])
        }))
        add("total_budget", number(totalBudget))
        add("projected_roi", number(projectedROI))
        return .object(members)
    }

    /// The plan as YAML in its own format.
    public var yaml: String { YAMLWriter.text(json) }
}
