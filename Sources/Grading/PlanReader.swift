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
        var year = 0, month = 0, day = 0
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            if i < 4 { year = year * 10 + digit } else if i < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
        }
        return Day(year: year, month: month, day: day)
    }

    private struct Reader {
        var problems: [Message] = []

        mutating func plan(_ root: JSONValue) -> Plan {
            var plan = Plan()
            // One pass over each mapping: its keys are checked and read together.
            // Paths are only spelled out when there is a problem to name.
            for (key, value) in members(root, "plan") {
                switch key {
                case "case": plan.caseID = text(value, "case")
                case "period":
                    var period = Plan.Period(start: nil, end: nil)
                    for (key, value) in members(value, "period") {
                        switch key {
                        case "start": period.start = day(value, "period.start")
                        case "end": period.end = day(value, "period.end")
                        default: unknown("period.\(key)", ["start", "end"])
                        }
                    }
                    plan.period = period
                case "objective": plan.objective = text(value, "objective")
                case "swot":
                    var swot = Plan.SWOT()
                    for (key, value) in members(value, "swot") {
                        switch key {
                        case "strengths": swot.strengths = texts(value, "swot.strengths")
                        case "weaknesses": swot.weaknesses = texts(value, "swot.weaknesses")
                        case "opportunities": swot.opportunities = texts(value, "swot.opportunities")
                        case "threats": swot.threats = texts(value, "swot.threats")
                        default: unknown("swot.\(key)", ["strengths", "weaknesses", "opportunities", "threats"])
                        }
                    }
                    plan.swot = swot
                case "goals":
                    for (i, item) in list(value, "goals").enumerated() {
                        plan.goals.append(goal(item, i))
                    }
                case "strategies":
                    for (i, item) in list(value, "strategies").enumerated() {
                        var strategy = Strategy()
                        for (key, value) in members(item, "strategies[\(i)]") {
                            switch key {
                            case "id": strategy.id = text(value, "strategies[\(i)].id")
                            case "title": strategy.title = text(value, "strategies[\(i)].title")
                            case "goals": strategy.goals = texts(value, "strategies[\(i)].goals")
                            case "budget": strategy.budget = number(value, "strategies[\(i)].budget")
                            default: unknown("strategies[\(i)].\(key)", ["id", "title", "goals", "budget"])
                            }
                        }
                        plan.strategies.append(strategy)
                    }
                case "plans":
                    for (i, item) in list(value, "plans").enumerated() {
                        var task = PlanTask()
                        for (key, value) in members(item, "plans[\(i)]") {
                            switch key {
                            case "id": task.id = text(value, "plans[\(i)].id")
                            case "strategy": task.strategy = text(value, "plans[\(i)].strategy")
                            case "task": task.task = text(value, "plans[\(i)].task")
                            case "owner": task.owner = text(value, "plans[\(i)].owner")
                            case "resources":
                                if case .string(let resources) = value { task.resources = resources } else if value != .null {
                                    task.resources = texts(value, "plans[\(i)].resources").joined(separator: "、")
                                }
                            case "due": task.due = day(value, "plans[\(i)].due")
                            default: unknown("plans[\(i)].\(key)", ["id", "strategy", "task", "owner", "resources", "due"])
                            }
                        }
                        plan.plans.append(task)
                    }
                case "measures":
                    for (i, item) in list(value, "measures").enumerated() {
                        plan.measures.append(measure(item, i))
                    }
                case "total_budget": plan.totalBudget = number(value, "total_budget")
                case "projected_roi": plan.projectedROI = number(value, "projected_roi")
                default: unknown(key, Plan.keys)
                }
            }
            return plan
        }

        mutating func goal(_ item: JSONValue, _ i: Int) -> Goal {
            var goal = Goal()
            for (key, value) in members(item, "goals[\(i)]") {
                switch key {
                case "id": goal.id = text(value, "goals[\(i)].id")
                case "metric": goal.metric = text(value, "goals[\(i)].metric")
                case "baseline": goal.baseline = number(value, "goals[\(i)].baseline")
                case "target": goal.target = number(value, "goals[\(i)].target")
                case "deadline": goal.deadline = day(value, "goals[\(i)].deadline")
                case "better":
                    if let name = text(value, "goals[\(i)].better") {
                        goal.better = Direction(rawValue: name) ?? Direction(rawValue: name.trimmedSpaces.lowercased())
                        if goal.better == nil {
                            problems.append(Message("goals[\(i)].better：应为 higher 或 lower", "goals[\(i)].better: expected higher or lower"))
                        }
                    }
                default: unknown("goals[\(i)].\(key)", ["id", "metric", "baseline", "target", "deadline", "better"])
                }
            }
            return goal
        }

        mutating func measure(_ item: JSONValue, _ i: Int) -> Measure {
            var measure = Measure()
            for (key, value) in members(item, "measures[\(i)]") {
                switch key {
                case "id": measure.id = text(value, "measures[\(i)].id")
                case "goal": measure.goal = text(value, "measures[\(i)].goal")
                case "kpi": measure.kpi = text(value, "measures[\(i)].kpi")
                case "target": measure.target = number(value, "measures[\(i)].target")
                case "frequency":
                    if let name = text(value, "measures[\(i)].frequency") {
                        measure.frequency = Frequency(rawValue: name) ?? Frequency(name: name)
                        if measure.frequency == nil {
                            problems.append(Message("measures[\(i)].frequency：应为 weekly、monthly 或 quarterly（每周、每月、每季度）",
                                                    "measures[\(i)].frequency: expected weekly, monthly or quarterly"))
                        }
                    }
                case "owner": measure.owner = text(value, "measures[\(i)].owner")
                default: unknown("measures[\(i)].\(key)", ["id", "goal", "kpi", "target", "frequency", "owner"])
                }
            }
            return measure
        }

        mutating func unknown(_ path: String, _ keys: [String]) {
            problems.append(Message("\(path)：未知的键（可用：\(keys.joined(separator: "、"))）",
                                    "\(path): unknown key (expected one of: \(keys.joined(separator: ", ")))"))
        }

        /// A mapping's members; none (and a problem) for another type, none for null.
        mutating func members(_ value: JSONValue, _ path: @autoclosure () -> String) -> [(key: String, value: JSONValue)] {
            switch value {
            case .object(let members): return members
            case .null: return []
            default:
                problems.append(Message("\(path())：应是键值表", "\(path()): expected a mapping"))
                return []
            }
        }

        mutating func list(_ value: JSONValue, _ path: @autoclosure () -> String) -> [JSONValue] {
            switch value {
            case .array(let items): return items
            case .null: return []
            default:
                problems.append(Message("\(path())：应是列表", "\(path()): expected a list"))
                return []
            }
        }

        /// Any scalar's text (`G1`, `2025`); lists and mappings are refused.
        mutating func text(_ value: JSONValue, _ path: @autoclosure () -> String) -> String? {
            switch value {
            case .null: return nil
            case .string(let text): return text
            case .number(let number): return JSONValue.numberText(number)
            case .bool(let flag): return flag ? "true" : "false"
            default:
                problems.append(Message("\(path())：应是文字", "\(path()): expected text"))
                return nil
            }
        }

        /// A list of texts; a single text is a list of one.
        mutating func texts(_ value: JSONValue, _ path: @autoclosure () -> String) -> [String] {
            if case .array(let items) = value {
                var texts: [String] = []
                texts.reserveCapacity(items.count)
                for (i, item) in items.enumerated() {
                    if let text = text(item, "\(path())[\(i)]") { texts.append(text) }
                }
                return texts
            }
            return text(value, path()).map { [$0] } ?? []
        }

        mutating func number(_ value: JSONValue, _ path: @autoclosure () -> String) -> Double? {
            switch value {
            case .null: return nil
            case .number(let number): return number
            case .string(let text):
                switch NumberReader.read(text) {
                case .success(let number): return number
                case .failure(let problem):
                    problems.append(Message("\(path())：\(problem.message(.zh))", "\(path()): \(problem.message(.en))"))
                    return nil
                }
            default:
                problems.append(Message("\(path())：应是数字", "\(path()): expected a number"))
                return nil
            }
        }

        mutating func day(_ value: JSONValue, _ path: @autoclosure () -> String) -> Day? {
            guard let text = text(value, path()) else { return nil }
            guard let day = PlanReader.day(text) ?? Day(text.trimmedSpaces) else {
                problems.append(Message("\(path())：应是日期，如 2026-03-31", "\(path()): expected a date like 2026-03-31"))
                return nil
            }
            return day
        }
    }
}
