import Foundation
import Grading
import JBPModel
import JBPServer

/// A small course for the server's tests: a quiz, a review question with misconceptions and
/// variants, a text exercise with a rubric and the homework plan, graded by `FixtureEngine`.
enum Fixture {
    static let quiz = CourseExercise(
        id: "quiz-m1", title: "认识JBP 小测", kind: .quiz, module: "01-intro", attempts: 2, reveal: .afterSubmit,
        promptHTML: "<p>选择正确答案。</p>",
        questions: [
            Question(id: "q1", prompt: "JBP 是什么?", input: .choice, choices: [Choice(key: "a", text: "联合生意计划"), Choice(key: "b", text: "促销")]),
            Question(id: "q2", prompt: "哪些是六大领域?", input: .choices, choices: [Choice(key: "a", text: "覆盖"), Choice(key: "b", text: "库存"), Choice(key: "c", text: "广告")]),
        ])

    static let review = CourseExercise(
        id: "review-x", title: "恒达 ROI", kind: .review, module: "01-intro", attempts: 0, reveal: .manual, variants: true,
        promptHTML: "<p>算出 ROI。</p>",
        questions: [Question(id: "roi", prompt: "ROI", input: .number, points: 2)])

    static let text = CourseExercise(
        id: "text-letter", title: "VITO 信", kind: .text, module: "02-letter", attempts: 0, reveal: .manual,
        promptHTML: "<p>写一封信。</p>",
        questions: [Question(id: "text", prompt: "信", input: .text)],
        rubric: [RubricItem(id: "value", text: "讲清价值", points: 3), RubricItem(id: "ask", text: "明确请求", points: 2)])

    static let plan = CourseExercise(
        id: "plan-homework", title: "课后作业", kind: .plan, module: "02-letter", attempts: 0, reveal: .afterSubmit)

    static let modules = [
        CourseModule(
            id: "01-intro", title: "认识JBP", titleEn: "Meet JBP", order: 1, minutes: 60, objectives: ["说出 JBP 的四个步骤"],
            parts: [.html("<h2 id=\"intro\">开始</h2><p>正文。</p>"), .exercise(id: "quiz-m1"), .html("<p>再来。</p>"), .exercise(id: "review-x")]),
        CourseModule(
            id: "02-letter", title: "卖入", titleEn: "Sell-in", order: 2, minutes: 45, objectives: ["写 VITO 信"],
            parts: [.html("<p>信。</p>"), .exercise(id: "text-letter"), .exercise(id: "plan-homework")]),
    ]

    static var content: CourseContent {
        CourseContent(
            title: "生意回顾与联合生意计划", titleEn: "Business Review and JBP", modules: modules, exercises: [quiz, review, text, plan],
            engine: FixtureEngine(),
            renderTraineeMarkdown: { text in "<p>" + text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") + "</p>" })
    }

    /// The ROI of variant n: 0.0919 scaled by 1 + n/100, so every trainee has its own figure.
    static func roi(variant: Int) -> Double { 0.0919 * (1 + Double(variant) / 100) }
}

/// Grades the fixture exercises the way exercises.md says, on a tiny scale.
struct FixtureEngine: ExerciseEngine {
    func data(for exercise: CourseExercise, variant: Int) -> JSONValue? {
        exercise.kind == .review ? .object(["id": .string("hengda"), "variant": .number(Double(variant)), "roi": .number(Fixture.roi(variant: variant))]) : nil
    }

    func tablesHTML(for exercise: CourseExercise, variant: Int) -> String? {
        exercise.kind == .review ? "<table class=\"case\"><tr><th>ROI</th><td class=\"num\">\(Fixture.roi(variant: variant))</td></tr></table>" : nil
    }

    func grade(_ exercise: CourseExercise, variant: Int, submission: JSONValue) -> (full: Grade, trainee: Grade) {
        let full = fullGrade(exercise, variant: variant, submission: submission)
        return (full, full.withoutExpected)
    }

    func fullGrade(_ exercise: CourseExercise, variant: Int, submission: JSONValue) -> Grade {
        let answers = submission["answers"]?.object ?? [:]
        switch exercise.kind {
        case .quiz:
            var problems: [String] = []
            for id in answers.keys where !exercise.questions.contains(where: { $0.id == id }) { problems.append("unknown question id \(id)") }
            guard problems.isEmpty else { return .unreadable(exercise: exercise.id, variant: variant, maxScore: 2, problems: problems) }
            let q1 = answers["q1"]?.string == "a"
            let q2Given = Set(answers["q2"]?.array?.compactMap(\.string) ?? [])
            let q2 = q2Given == ["a", "b"]
            return Grade(
                exercise: exercise.id, variant: variant, score: (q1 ? 1 : 0) + (q2 ? 1 : 0), maxScore: 2,
                items: [
                    .init(id: "q1", points: 1, awarded: q1 ? 1 : 0, correct: q1, expected: .string("a"), given: answers["q1"], feedback: q1 ? "对" : "JBP 是联合生意计划"),
                    .init(id: "q2", points: 1, awarded: q2 ? 1 : 0, correct: q2, expected: .array([.string("a"), .string("b")]), given: answers["q2"]),
                ])
        case .review:
            let expected = Fixture.roi(variant: variant)
            guard let raw = answers["roi"] else {
                return .unreadable(exercise: exercise.id, variant: variant, maxScore: 2, problems: ["roi: no answer"])
            }
            let text = raw.string?.replacingOccurrences(of: "%", with: "")
            guard let number = raw.number ?? text.flatMap(Double.init).map({ raw.string!.hasSuffix("%") ? $0 / 100 : $0 }) else {
                return .unreadable(exercise: exercise.id, variant: variant, maxScore: 2, problems: ["roi: not a number"])
            }
            let correct = abs(number - expected) <= 0.001
            let misconception = abs(number - 0.0288) <= 0.001 ? "roi_on_revenue" : nil
            return Grade(
                exercise: exercise.id, variant: variant, score: correct ? 2 : 0, maxScore: 2,
                items: [
                    .init(
                        id: "roi", points: 2, awarded: correct ? 2 : 0, correct: correct, expected: .number(expected), given: .number(number),
                        feedback: misconception != nil ? "这是净利率,不是ROI" : "", misconception: misconception)
                ])
        case .text:
            let text = answers["text"]?.string ?? ""
            let long = text.count >= 10
            return Grade(
                exercise: exercise.id, variant: 0, score: long ? 1 : 0, maxScore: 6, needsManual: true,
                items: [.init(id: "min_chars", points: 1, awarded: long ? 1 : 0, correct: long, given: .number(Double(text.count)))])
        case .plan:
            let plan = submission["plan"]
            let hasGoals = (plan?["goals"]?.array?.isEmpty == false)
            return Grade(
                exercise: exercise.id, variant: 0, score: hasGoals ? 5 : 0, maxScore: 10,
                items: [.init(id: "goals", points: 5, awarded: hasGoals ? 5 : 0, correct: hasGoals), .init(id: "roi_target", points: 5, awarded: 0, correct: false)])
        case .segmentation:
            return .unreadable(exercise: exercise.id, variant: variant, maxScore: 0, problems: ["not in the fixture"])
        }
    }

    func checkIn(plan: JSONValue, date: String, values: JSONValue) throws(CheckInError) -> JSONValue {
        guard let members = values.object else { throw CheckInError("values must map measures to numbers") }
        for id in members.keys where id != "M1" { throw CheckInError("The plan has no measure \(id).") }
        let actual = members["M1"]?.number ?? 0
        let expected = 0.496507
        let attainment = actual / expected
        return .object([
            "date": .string(date),
            "measures": .array([
                .object([
                    "id": .string("M1"), "actual": .number(actual), "expected": .number(expected), "attainment": .number(attainment),
                    "status": .string(attainment >= 1 ? "green" : attainment >= 0.9 ? "amber" : "red"),
                ])
            ]),
        ])
    }
}
