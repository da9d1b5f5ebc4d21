import JBPModel

/// Reads a submitted plan from a `JSONValue` tree into the model's `Plan`.
///
/// An adapter: the model reads plans through its YAML reader (`Plan.read`),
/// which costs far more than grading a plan does, and a submission's plan is
/// already a tree by the time it is graded. This follows `Plan.read`'s rules
/// key for key (missing parts allowed, unknown keys and wrong types refused)
/// and, like every answer, also takes numbers written as text (`"55%"`,
/// `"1,150万"`) through ``NumberReader``. Every problem is collected, not
/// only the first, so that a trainee sees all of them at once.
enum PlanReader {
    static func read(_ root: JSONValue) -> (plan: Plan, problems: [Message]) {
        var reader = Reader()
        let plan = reader.plan(root)
        return (plan, reader.problems)
    }

    /// `YYYY-MM-DD` read from its bytes: the common case, without splitting strings.
    static func day(_ text: String) -> Day? {
        let bytes = text.utf8
        guard bytes.count == 10 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(8)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                digits.append(Int(byte - 0x30))
            }
        }
        return Day(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                   month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
    }

    private struct Reader {
        var problems: [Message] = []

        mutating func plan(_ root: JSONValue) -> Plan {
            var plan = Plan()
            guard let top = map(root, "plan", keys: Plan.keys) else { return plan }
            plan.caseID = text(top["case"], "case")
            if let period = map(top["period"], "period", keys: ["start", "end"]) {
                plan.period = Plan.Period(start: day(period["start"], "period.start"), end: day(period["end"], "period.end"))
            }
            plan.objective = text(top["objective"], "objective")
            if let swot = map(top["swot"], "swot", keys: ["strengths", "weaknesses", "opportunities", "threats"]) {
                plan.swot = Plan.SWOT(strengths: texts(swot["strengths"], "swot.strengths"),
                                      weaknesses: texts(swot["weaknesses"], "swot.weaknesses"),
                                      opportunities: texts(swot["opportunities"], "swot.opportunities"),
                                      threats: texts(swot["threats"], "swot.threats"))
            }
            for (i, item) in list(top["goals"], "goals").enumerated() {
                let at = "goals[\(i)]"
                guard let g = map(item, at, keys: ["id", "metric", "baseline", "target", "deadline", "better"]) else { continue }
                var better: Direction?
                if let name = text(g["better"], "\(at).better") {
                    better = Direction(rawValue: name) ?? Direction(rawValue: name.trimmedSpaces.lowercased())
                    if better == nil {
                        problems.append(Message("\(at).better：应为 higher 或 lower", "\(at).better: expected higher or lower"))
                    }
                }
                plan.goals.append(Goal(id: text(g["id"], "\(at).id"), metric: text(g["metric"], "\(at).metric"),
                                       baseline: number(g["baseline"], "\(at).baseline"),
                                       target: number(g["target"], "\(at).target"),
                                       deadline: day(g["deadline"], "\(at).deadline"), better: better))
            }
            for (i, item) in list(top["strategies"], "strategies").enumerated() {
                let at = "strategies[\(i)]"
                guard let s = map(item, at, keys: ["id", "title", "goals", "budget"]) else { continue }
                plan.strategies.append(Strategy(id: text(s["id"], "\(at).id"), title: text(s["title"], "\(at).title"),
                                                goals: texts(s["goals"], "\(at).goals"),
                                                budget: number(s["budget"], "\(at).budget")))
            }
            for (i, item) in list(top["plans"], "plans").enumerated() {
                let at = "plans[\(i)]"
                guard let p = map(item, at, keys: ["id", "strategy", "task", "owner", "resources", "due"]) else { continue }
                let resources = p["resources"].map { _ in texts(p["resources"], "\(at).resources").joined(separator: "、") }
                plan.plans.append(PlanTask(id: text(p["id"], "\(at).id"), strategy: text(p["strategy"], "\(at).strategy"),
                                           task: text(p["task"], "\(at).task"), owner: text(p["owner"], "\(at).owner"),
                                           resources: resources, due: day(p["due"], "\(at).due")))
            }
            for (i, item) in list(top["measures"], "measures").enumerated() {
                let at = "measures[\(i)]"
                guard let m = map(item, at, keys: ["id", "goal", "kpi", "target", "frequency", "owner"]) else { continue }
                var frequency: Frequency?
                if let name = text(m["frequency"], "\(at).frequency") {
                    frequency = Frequency(rawValue: name) ?? Frequency(name: name)
                    if frequency == nil {
                        problems.append(Message("\(at).frequency：应为 weekly、monthly 或 quarterly（每周、每月、每季度）",
                                                "\(at).frequency: expected weekly, monthly or quarterly"))
                    }
                }
                plan.measures.append(Measure(id: text(m["id"], "\(at).id"), goal: text(m["goal"], "\(at).goal"),
                                             kpi: text(m["kpi"], "\(at).kpi"), target: number(m["target"], "\(at).target"),
                                             frequency: frequency, owner: text(m["owner"], "\(at).owner")))
            }
            plan.totalBudget = number(top["total_budget"], "total_budget")
            plan.projectedROI = number(top["projected_roi"], "projected_roi")
            return plan
        }

        /// A mapping's members, refusing unknown keys; nil (and a problem) for another type.
        mutating func map(_ value: JSONValue?, _ path: String, keys: [String]) -> JSONValue? {
            guard let value, value != .null else { return nil }
            guard case .object(let members) = value else {
                problems.append(Message("\(path)：应是键值表", "\(path): expected a mapping"))
                return nil
            }
            for member in members where !keys.contains(member.key) {
                let at = path == "plan" ? member.key : "\(path).\(member.key)"
                problems.append(Message("\(at)：未知的键（可用：\(keys.joined(separator: "、"))）",
                                        "\(at): unknown key (expected one of: \(keys.joined(separator: ", ")))"))
            }
            return value
        }

        mutating func list(_ value: JSONValue?, _ path: String) -> [JSONValue] {
            guard let value, value != .null else { return [] }
            guard case .array(let items) = value else {
                problems.append(Message("\(path)：应是列表", "\(path): expected a list"))
                return []
            }
            return items
        }

        /// Any scalar's text (`G1`, `2025`); lists and mappings are refused.
        mutating func text(_ value: JSONValue?, _ path: String) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case .number(let number)?: return JSONValue.numberText(number)
            case .bool(let flag)?: return flag ? "true" : "false"
            default:
                problems.append(Message("\(path)：应是文字", "\(path): expected text"))
                return nil
            }
        }

        /// A list of texts; a single text is a list of one.
        mutating func texts(_ value: JSONValue?, _ path: String) -> [String] {
            if case .array(let items)? = value {
                return items.enumerated().compactMap { text($1, "\(path)[\($0)]") }
            }
            return text(value, path).map { [$0] } ?? []
        }

        mutating func number(_ value: JSONValue?, _ path: String) -> Double? {
            switch value {
            case nil, .null?: return nil
            case .number(let number)?: return number
            case .string(let text)?:
                switch NumberReader.read(text) {
                case .success(let number): return number
                case .failure(let problem):
                    problems.append(Message("\(path)：\(problem.message(.zh))", "\(path): \(problem.message(.en))"))
                    return nil
                }
            default:
                problems.append(Message("\(path)：应是数字", "\(path): expected a number"))
                return nil
            }
        }

        mutating func day(_ value: JSONValue?, _ path: String) -> Day? {
            guard let text = text(value, path) else { return nil }
            guard let day = PlanReader.day(text) ?? Day(text.trimmedSpaces) else {
                problems.append(Message("\(path)：应是日期，如 2026-03-31", "\(path): expected a date like 2026-03-31"))
                return nil
            }
            return day
        }
    }
}
