import Charts
import JBPModel

/// The ScoreCard after the course (model.md §7), from the model: the measures of a submitted
/// plan and a trend chart per measure over the stored check-ins. Pure.
public enum FollowUp {
    /// A measure of the plan, as the check-in form asks for it.
    public struct MeasureField: Sendable, Equatable {
        public var id: String
        /// The KPI's Chinese name, else the KPI as written.
        public var name: String
        public var target: Double?
        public var frequency: String?
        public var owner: String?
        /// `rate`, `days`, …: how the form says what to type.
        public var unit: String?
    }

    /// The plan's measures, in the plan's order; nil when the plan cannot be read.
    public static func measures(of plan: JSONValue) -> [MeasureField]? {
        guard let model = try? Plan.read(plan.jsonString(), file: "plan") else { return nil }
        return model.measures.compactMap { measure in
            guard let id = measure.id else { return nil }
            let kpi = measure.kpi ?? measure.goal.flatMap(model.goal)?.metric
            let metric = kpi.flatMap(Metric.init)
            return MeasureField(
                id: id, name: metric?.chineseName ?? kpi ?? id, target: measure.target ?? measure.goal.flatMap(model.goal)?.target,
                frequency: measure.frequency?.rawValue, owner: measure.owner, unit: metric.map { "\($0.unit)" })
        }
    }

    /// One trend chart per measure of the plan over the check-ins (oldest first); check-ins the
    /// model cannot evaluate any more are left out.
    public static func trends(plan: JSONValue, checkIns: [(date: String, values: JSONValue)], idPrefix: String = "trend") -> [Chart] {
        guard let model = try? Plan.read(plan.jsonString(), file: "plan") else { return [] }
        let scoreCard = ScoreCard(plan: model)
        let results = checkIns.compactMap { checkIn -> ScoreCard.Result? in
            guard let day = Day(checkIn.date) else { return nil }
            return try? scoreCard.evaluate(modelCheckIn(date: day, values: checkIn.values), file: "check-in")
        }
        return model.measures.compactMap(\.id).map { measure in
            Charts.scorecardTrend(scoreCard, measure: measure, results: results, id: "\(idPrefix)-\(measure)")
        }
    }

    /// A check-in's `{measure id: actual}` as the model's check-in (values that are not numbers are left out).
    static func modelCheckIn(date: Day, values: JSONValue) -> JBPModel.CheckIn {
        let measures = (values.object ?? [:]).sorted { $0.key < $1.key }.compactMap { id, value in
            value.number.map { JBPModel.CheckIn.Value(measure: id, actual: $0) }
        }
        return JBPModel.CheckIn(date: date, values: measures)
    }

    /// A figure of a KPI as the reports print it (`9.19%`, `60.1 天`, `1,902,000`).
    public static func show(_ value: Double?, unit: String?) -> String {
        guard let value else { return "" }
        guard let unit, let figureUnit = FigureUnit(rawValue: unit) else { return ChartFormat.fixed(value, value == value.rounded() ? 0 : 4) }
        return ChartFormat.figure(value, figureUnit)
    }
}
