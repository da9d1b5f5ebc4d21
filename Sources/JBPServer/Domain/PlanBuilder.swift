import JBPModel

/// What the plan builder needs from the model, in the server's terms: the KPIs a goal may
/// pick with the case's current values, the live projection of an unfinished plan, and the
/// plan as YAML in the format of model.md §6 (import and export).
///
/// Pure: every figure comes from JBPModel (`Review`, `Projection`, `Plan`), none is computed here.
public enum PlanBuilder {
    /// A KPI a goal may name, with the case's current value (the goal's baseline).
    public struct MetricChoice: Sendable, Equatable {
        /// `inventory_days`, `coverage_rate.traditional`, …
        public var key: String
        /// 中文名.
        public var name: String
        /// The case's current value; nil for a KPI the case cannot say (growth without last year).
        public var current: Double?
        /// `rate`, `days`, `money`, `count` or `ratio`: how the builder shows and reads it.
        public var unit: String
        /// `higher` or `lower` is better.
        public var better: String
        /// A driver goal (关键生意驱动要素) moves the projection; an outcome goal must be backed by it.
        public var driver: Bool
        /// The GAP area it belongs to (`coverage`, …), nil for result KPIs.
        public var area: String?
    }

    /// Every KPI of model.md §6 a goal may name, with one `coverage_rate.<channel>` per channel of
    /// the case, in the catalogue's order.
    public static func metrics(_ review: Review) -> [MetricChoice] {
        var keys: [String] = []
        for key in Metric.knownKeys {
            keys.append(key)
            if key == "coverage_rate" { keys += review.coverage.channels.map { "coverage_rate.\($0.id)" } }
        }
        return keys.compactMap { key in
            guard let metric = Metric(key) else { return nil }
            var name = metric.chineseName
            if let channel = metric.channel, let named = review.coverage.channel(channel) { name = "覆盖率(\(named.name))" }
            return MetricChoice(
                key: key, name: name, current: review.value(of: metric), unit: "\(metric.unit)", better: metric.direction.rawValue,
                driver: metric.driverArea != nil, area: metric.area?.rawValue)
        }
    }

    /// The metric choices as JSON, for the builder's script.
    public static func metricsJSON(_ review: Review) -> JSONValue {
        .array(
            metrics(review).map { choice in
                .object([
                    "key": .string(choice.key), "name": .string(choice.name), "current": choice.current.map(JSONValue.number) ?? .null,
                    "unit": .string(choice.unit), "better": .string(choice.better), "driver": .bool(choice.driver),
                    "area": choice.area.map(JSONValue.string) ?? .null,
                ])
            })
    }

    /// The projection of a plan, finished or not, onto the case (model.md §6, Projection):
    /// today's figures, the projected ones, each driver goal's effect, and what in the plan
    /// could not be read (an unreadable part is left out of the projection, not refused).
    public static func projection(_ review: Review, plan: JSONValue) -> JSONValue {
        var problems: [ModelError] = []
        let model: Plan
        do {
            model = Plan.read(try Document.parse(plan.jsonString(), file: "plan"), problems: &problems)
        } catch {
            model = Plan()
            problems.append(error)
        }
        let projection = Projection(review: review, plan: model)
        let result = review.result
        let projectedROI: JSONValue = projection.roi.map(JSONValue.number) ?? .null
        return .object([
            "current": .object([
                "revenue": .number(result.revenue), "net_profit": .number(result.netProfit), "investment": .number(result.investment),
                "roi": .number(result.roi), "coverage_rate": .number(review.coverage.coverageRate),
            ]),
            "projected": .object([
                "incremental_sales": .number(projection.incrementalSales), "cost_savings": .number(projection.costSavings),
                "capital_released": .number(projection.capitalReleased), "plan_costs": .number(projection.planCosts),
                "revenue": .number(projection.revenue), "net_profit": .number(projection.netProfit),
                "investment": .number(projection.investment), "roi": projectedROI, "coverage_rate": .number(projection.coverageRate),
            ]),
            "target_roi": .number(result.targetROI),
            "meets_target": .bool((projection.roi ?? -.infinity) >= result.targetROI),
            // Every driver goal, counted or not, with the target the projection may use by its
            // deadline: the builder shows it beside the goal as it is typed (model.md §6).
            "effects": .array(
                projection.goals.map { effect in
                    .object([
                        "goal": effect.goal.map(JSONValue.string) ?? .null, "metric": .string(effect.metric.key),
                        "name": .string(effect.metric.chineseName), "current": .number(effect.current), "target": .number(effect.target),
                        "credible_target": .number(effect.credibleTarget), "credible": .bool(effect.isCredible),
                        "improves": .bool(effect.improves), "counted": .bool(effect.counted), "horizon": .number(effect.horizon),
                        "deadline": model.goals[effect.index].deadline.map { JSONValue.string("\($0)") } ?? .null,
                        "kind": .string(effect.kind.rawValue), "kind_name": .string(effect.kind.chineseName), "amount": .number(effect.amount),
                    ])
                }),
            "problems": .array(problems.map { .string($0.description) }),
        ])
    }

    /// Reads a plan written as YAML (or JSON) for import into the builder. Only the text's shape is
    /// checked here (a map at the top); what the grader would say of its content is the grade's business.
    public static func plan(fromYAML text: String) throws(ModelError) -> JSONValue {
        let root = try Document.parse(text, file: "plan.yaml")
        guard root.isMap else { throw root.error("a plan is a map (case, period, objective, swot, goals, …), not \(root.kindDescription)") }
        return root.jsonValue
    }

    /// The plan as YAML in the format of model.md §6, its keys in the order the format lists them.
    public static func yaml(_ plan: JSONValue) -> String {
        YAMLWriter.text(ordered(plan))
    }

    /// model.md §6's order of keys; keys it does not name follow in alphabetical order.
    static let keyOrder: [String: Int] = Dictionary(
        uniqueKeysWithValues: [
            "case", "period", "start", "end", "objective", "swot", "strengths", "weaknesses", "opportunities", "threats", "goals", "id",
            "metric", "better", "baseline", "target", "deadline", "strategies", "title", "budget", "plans", "strategy", "task", "owner",
            "resources", "due", "party", "cost", "measures", "goal", "kpi", "frequency", "total_budget", "projected_roi",
        ].enumerated().map { ($0.element, $0.offset) })

    static func ordered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(ordered))
        case .object(let members):
            return .object(members.sorted { a, b in
                let (ra, rb) = (keyOrder[a.key] ?? Int.max, keyOrder[b.key] ?? Int.max)
                return ra != rb ? ra < rb : a.key < b.key
            }.map { (key: $0.key, value: ordered($0.value)) })
        default: return value
        }
    }
}
