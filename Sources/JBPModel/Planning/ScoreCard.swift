/// A ScoreCard check-in (跟进): on a date, each measure's actual value.
public struct CheckIn: Equatable, Sendable {
    /// One measure's actual value.
    public struct Value: Equatable, Sendable {
        /// The measure's id (`M1`).
        public var measure: String
        public var actual: Double

        public init(measure: String, actual: Double) {
            self.measure = measure
            self.actual = actual
        }
    }

    public var date: Day
    /// In the order written.
    public var values: [Value]

    public init(date: Day, values: [Value]) {
        self.date = date
        self.values = values
    }

    /// Reads one check-in `{date, values: {measureId: number}}` (the server's POST body).
    public static func read(_ field: Field) throws(ModelError) -> CheckIn {
        let map = try field.map(keys: ["date", "values"])
        var values: [Value] = []
        for member in try map.required("values").openMap().members {
            values.append(Value(measure: member.key, actual: try member.field.number()))
        }
        return CheckIn(date: try map.required("date").day(), values: values)
    }

    /// Reads a check-in file: `checkins: [{date, values}]` (YAML or JSON).
    public static func readAll(_ text: String, file: String) throws(ModelError) -> [CheckIn] {
        let top = try Document.parse(text, file: file).map(keys: ["checkins"])
        var checkIns: [CheckIn] = []
        for item in try top.required("checkins").list() {
            checkIns.append(try read(item))
        }
        return checkIns
    }

    /// The check-in in its own format as JSON.
    public var json: JSONValue {
        .object([("date", .string(date.description)),
                 ("values", .object(values.map { (key: $0.measure, value: .number($0.actual)) }))])
    }

    /// A check-in file as JSON: `{checkins: [...]}`.
    public static func fileJSON(_ checkIns: [CheckIn]) -> JSONValue {
        .object([("checkins", .array(checkIns.map(\.json)))])
    }

    /// A check-in file as YAML.
    public static func fileYAML(_ checkIns: [CheckIn]) -> String {
        YAMLWriter.text(fileJSON(checkIns))
    }
}

/// A measure's status at a check-in.
public enum ScorecardStatus: String, CaseIterable, Sendable {
    /// attainment ≥ 1.00.
    case green
    /// attainment ≥ 0.90.
    case amber
    /// below 0.90.
    case red

    public init(attainment: Double) {
        if attainment >= 1 {
            self = .green
        } else if attainment >= 0.9 {
            self = .amber
        } else {
            self = .red
        }
    }

    /// 绿灯, 黄灯, 红灯.
    public var chineseName: String {
        switch self {
        case .green: return "绿灯"
        case .amber: return "黄灯"
        case .red: return "红灯"
        }
    }
}

/// The follow-up ScoreCard (跟进 ScoreCard, model.md §7) of a plan: what each measure
/// should show by a date, and how the actuals compare. It needs only the plan: its
/// period, goals (baselines, directions) and measures (targets).
public struct ScoreCard: Sendable {
    public let plan: Plan
    /// The plan's file, for messages about missing parts.
    public let planFile: String

    public init(plan: Plan, planFile: String = "plan") {
        self.plan = plan
        self.planFile = planFile
    }

    /// One measure at one check-in.
    public struct MeasureResult: Equatable, Sendable {
        public let id: String
        /// The goal it tracks.
        public let goal: String
        /// The KPI (the measure's `kpi`, else its goal's metric).
        public let kpi: String?
        public let actual: Double
        public let expected: Double
        /// actual / expected (higher is better) or expected / actual (lower is better);
        /// nil when that divides by zero.
        public let attainment: Double?
        /// From attainment; when that is undefined, green if the actual is at least as
        /// good as expected, else red.
        public let status: ScorecardStatus
    }

    /// One check-in evaluated.
    public struct Result: Equatable, Sendable {
        public let date: Day
        /// f: the share of the period elapsed, in [0, 1].
        public let fraction: Double
        /// In the plan's measure order.
        public let measures: [MeasureResult]
    }

    private func planError(_ path: String, _ message: String) -> ModelError {
        ModelError(file: planFile, path: path, message: message)
    }

    /// f = (days from period.start to `date`, both counted) / (days in the period), clamped to [0, 1].
    public func fraction(at date: Day) throws(ModelError) -> Double {
        guard let start = plan.period?.start else { throw planError("period.start", "missing (the scorecard counts days from it)") }
        guard let end = plan.period?.end else { throw planError("period.end", "missing (the scorecard counts days to it)") }
        guard end >= start else { throw planError("period.end", "\(end) is before period.start \(start)") }
        let elapsed = Double(date - start + 1)
        let total = Double(end - start + 1)
        return min(1, max(0, elapsed / total))
    }

    /// The expected value of measure `index` of the plan at fraction `f` of the period:
    /// target × f for a cumulative KPI (revenue, net_profit), else the glide path
    /// baseline + (target − baseline) × f from its goal's baseline.
    public func expected(measureAt index: Int, fraction f: Double) throws(ModelError) -> Double {
        let (_, goal, _, kpi) = try resolve(index)
        let target = try target(index, goal)
        if let metric = kpi.flatMap(Metric.init), metric.isCumulative {
            return target * f
        }
        guard let baseline = goal.value.baseline else {
            throw planError("goals[\(goal.index)].baseline", "missing (the scorecard's glide path starts from it)")
        }
        return baseline + (target - baseline) * f
    }

    private func resolve(_ index: Int) throws(ModelError) -> (measure: Measure, goal: (index: Int, value: Goal), id: String, kpi: String?) {
        let measure = plan.measures[index]
        let at = "measures[\(index)]"
        guard let id = measure.id else { throw planError("\(at).id", "missing (check-ins name measures by it)") }
        guard let goalID = measure.goal else { throw planError("\(at).goal", "missing (the scorecard needs the goal it tracks)") }
        guard let goalIndex = plan.goals.firstIndex(where: { $0.id == goalID }) else {
            throw planError("\(at).goal", "no goal \(goalID) in the plan")
        }
        let goal = plan.goals[goalIndex]
        return (measure, (goalIndex, goal), id, measure.kpi ?? goal.metric)
    }

    private func target(_ index: Int, _ goal: (index: Int, value: Goal)) throws(ModelError) -> Double {
        guard let target = plan.measures[index].target ?? goal.value.target else {
            throw planError("measures[\(index)].target", "missing, and goal \(goal.value.id ?? "?") has no target either")
        }
        return target
    }

    /// Evaluates one check-in. `file` and `path` name it in messages (a value for a
    /// measure the plan does not have is refused).
    public func evaluate(_ checkIn: CheckIn, file: String, path: String = "") throws(ModelError) -> Result {
        let f = try fraction(at: checkIn.date)
        for value in checkIn.values where !plan.measures.contains(where: { $0.id == value.measure }) {
            let at = path.isEmpty ? "values.\(value.measure)" : "\(path).values.\(value.measure)"
            throw ModelError(file: file, path: at, message: "no measure \(value.measure) in the plan",
                             chinese: "计划里没有衡量指标 \(value.measure)")
        }
        var results: [MeasureResult] = []
        for index in plan.measures.indices {
            guard let id = plan.measures[index].id,
                  let value = checkIn.values.first(where: { $0.measure == id }) else { continue }
            let (_, goal, _, kpi) = try resolve(index)
            let expected = try expected(measureAt: index, fraction: f)
            let direction = kpi.flatMap(Metric.init)?.direction ?? goal.value.better ?? .higher
            let (numerator, denominator) = direction == .higher ? (value.actual, expected) : (expected, value.actual)
            let attainment: Double? = denominator != 0 ? numerator / denominator : nil
            let status: ScorecardStatus
            if let attainment {
                status = ScorecardStatus(attainment: attainment)
            } else {
                status = direction.isBetter(expected, than: value.actual) ? .red : .green
            }
            results.append(MeasureResult(id: id, goal: goal.value.id ?? "", kpi: kpi, actual: value.actual,
                                         expected: expected, attainment: attainment, status: status))
        }
        return Result(date: checkIn.date, fraction: f, measures: results)
    }

    /// Evaluates the check-ins of a file (`checkins[i]` in messages).
    public func evaluate(_ checkIns: [CheckIn], file: String) throws(ModelError) -> [Result] {
        var results: [Result] = []
        for (i, checkIn) in checkIns.enumerated() {
            results.append(try evaluate(checkIn, file: file, path: "checkins[\(i)]"))
        }
        return results
    }

    /// As `jbp scorecard --json` prints it: `checkins[]`: `date`, `measures[]`: `id`,
    /// `actual`, `expected`, `attainment`, `status`.
    public static func json(_ results: [Result]) -> JSONValue {
        .object([("checkins", .array(results.map { r in
            .object([
                ("date", .string(r.date.description)),
                ("measures", .array(r.measures.map { m in
                    .object([("id", .string(m.id)), ("actual", .number(m.actual)), ("expected", .number(m.expected)),
                             ("attainment", .number(m.attainment)), ("status", .string(m.status.rawValue))])
                })),
            ])
        }))])
    }
}
