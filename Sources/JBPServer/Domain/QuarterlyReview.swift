import Foundation
import JBPModel

/// 季度生意回顾: the plan's period in quarters, each with the ScoreCard's check-ins that fall
/// in it; the quarter's picture is its last check-in (expected, actual and status per measure).
public struct Quarter: Sendable {
    /// 1 for the plan's first three months.
    public var number: Int
    /// `YYYY-MM-DD`, both days in the quarter.
    public var start: String
    public var end: String
    /// The check-ins dated in the quarter, oldest first.
    public var checkIns: [Classroom.CheckInView]
    /// The last of them: the quarter's status.
    public var last: Classroom.CheckInView? { checkIns.last }

    /// The quarters of a plan's period (`period.start`, `period.end`), the last one cut at the
    /// period's end; empty when the plan has no readable period.
    public static func of(plan: JSONValue, checkIns: [Classroom.CheckInView]) -> [Quarter] {
        guard let startText = plan["period"]?["start"]?.string, let endText = plan["period"]?["end"]?.string,
              let start = Dates.day(startText), let end = Dates.day(endText), start <= end
        else { return [] }
        var quarters: [Quarter] = []
        var from = start
        // At most 8 quarters (a two-year plan); a longer period is cut there.
        while from <= end, quarters.count < 8 {
            guard let next = Dates.dayCalendar.date(byAdding: .month, value: 3, to: from) else { break }
            let last = min(end, next.addingTimeInterval(-86_400))
            let (first, final) = (Dates.dayText(from), Dates.dayText(last))
            quarters.append(Quarter(
                number: quarters.count + 1, start: first, end: final,
                checkIns: checkIns.filter { $0.checkIn.date >= first && $0.checkIn.date <= final }))
            from = next
        }
        return quarters
    }

    /// The quarter `date` falls in, or nil outside the period.
    public static func containing(_ date: String, in quarters: [Quarter]) -> Quarter? {
        quarters.first { $0.start <= date && date <= $0.end }
    }
}

extension Classroom {
    /// The next period's plan, started from this one (the quarterly review's last step): the same
    /// plan one period later, each goal's baseline its measure's latest actual (where there is one),
    /// saved as the trainee's draft for the plan builder.
    public func startNextPeriod(trainee: Trainee) async throws -> PlanDraft {
        let status = try await planStatus(trainee: trainee)
        guard let submitted = status.submitted, var plan = JSONValue.parse(submitted.raw)?["plan"]?.object else {
            throw AppError.conflict("Hand in a plan first; the next one starts from it.", zh: "请先提交计划，下一期的计划从它开始。")
        }
        let checkIns = try await self.checkIns(trainee: trainee)
        // The latest actual of each goal's measure (a check-in's result names measures; the plan
        // says which goal each one measures).
        var goalOfMeasure: [String: String] = [:]
        for measure in plan["measures"]?.array ?? [] {
            if let id = measure["id"]?.string, let goal = measure["goal"]?.string { goalOfMeasure[id] = goal }
        }
        var actualByGoal: [String: Double] = [:]
        for view in checkIns {
            for measure in view.result["measures"]?.array ?? [] {
                if let id = measure["id"]?.string, let goal = goalOfMeasure[id], let actual = measure["actual"]?.number { actualByGoal[goal] = actual }
            }
        }
        func shifted(_ text: String?, months: Int) -> JSONValue? {
            text.flatMap { Dates.day($0, plusMonths: months) }.map { .string(Dates.dayText($0)) }
        }
        var months = 12
        if let start = plan["period"]?["start"]?.string.flatMap(Dates.day), let end = plan["period"]?["end"]?.string.flatMap(Dates.day) {
            months = max(1, (Dates.dayCalendar.dateComponents([.month], from: start, to: end.addingTimeInterval(86_400)).month ?? 12))
        }
        if let period = plan["period"]?.object {
            plan["period"] = .object(period.mapValues { shifted($0.string, months: months) ?? $0 })
        }
        if let goals = plan["goals"]?.array {
            plan["goals"] = .array(goals.map { goal in
                guard var fields = goal.object else { return goal }
                if let id = fields["id"]?.string, let actual = actualByGoal[id] { fields["baseline"] = .number(actual) }
                if let deadline = shifted(fields["deadline"]?.string, months: months) { fields["deadline"] = deadline }
                return .object(fields)
            })
        }
        if let tasks = plan["plans"]?.array {
            plan["plans"] = .array(tasks.map { task in
                guard var fields = task.object else { return task }
                if let due = shifted(fields["due"]?.string, months: months) { fields["due"] = due }
                return .object(fields)
            })
        }
        return try await saveDraft(trainee: trainee, plan: .object(plan))
    }
}

extension Classroom {
    /// Records the trainee's own distributor's figures, as they stand now, as quarter `number`'s
    /// actual figures of the handed-in plan: the quarterly review then shows the fresh review
    /// of that quarter beside the plan's baselines. (The figures are entered, checked and
    /// imported on the trainee's 我的经销商 page: one place to type a case.) A second record
    /// of the same quarter replaces the first.
    @discardableResult
    public func recordQuarterFigures(trainee: Trainee, quarter number: Int) async throws -> QuarterCase {
        let session = try await self.session(trainee.sessionId)
        try Self.refuseIfArchived(session)
        guard let submitted = try await planStatus(trainee: trainee).submitted, let plan = JSONValue.parse(submitted.raw)?["plan"] else {
            throw AppError.conflict("Hand in a plan first: a quarter's figures are held against it.", zh: "请先提交计划：季度的实际数据要和计划对照。")
        }
        let quarters = Quarter.of(plan: plan, checkIns: [])
        guard let quarter = quarters.first(where: { $0.number == number }) else {
            throw AppError.notFound("The plan's period has no quarter \(number).", zh: "计划期间没有第 \(number) 季度。")
        }
        guard quarter.start <= Dates.today(timeZone: session.zone) else {
            throw AppError.conflict(
                "Quarter \(number) has not begun (it starts on \(quarter.start)): record its figures at its end.",
                zh: "第 \(number) 季度还没有开始（\(quarter.start) 开始）：请在季度末再记录它的实际数据。")
        }
        guard let own = try await store.ownCase(trainee: trainee.id) else {
            throw AppError.conflict(
                "Enter the distributor's figures at the quarter's end under My distributor (/t/my-case) first.",
                zh: "请先在「我的经销商」（/t/my-case）里录入经销商在本季度末的数据。")
        }
        let record = QuarterCase(
            traineeId: trainee.id, periodStart: quarters[0].start, quarter: number, caseJSON: own.caseJSON, updatedAt: Date())
        try await store.saveQuarterCase(record)
        return record
    }

    /// The quarters' recorded figures of the plan, read as cases, by quarter number (a record that
    /// no longer reads, after a rule changed, is left out rather than failing the page).
    public func quarterFigures(trainee: Trainee, plan: JSONValue) async throws -> [Int: (record: QuarterCase, review: Review)] {
        guard let start = Quarter.of(plan: plan, checkIns: []).first?.start else { return [:] }
        var figures: [Int: (record: QuarterCase, review: Review)] = [:]
        for record in try await store.quarterCases(trainee: trainee.id, periodStart: start) {
            guard let read = try? Self.readOwnCase(record.caseJSON, file: "Q\(record.quarter)"), let review = try? Self.review(of: read) else { continue }
            figures[record.quarter] = (record, review)
        }
        return figures
    }
}
