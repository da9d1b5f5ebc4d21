import CourseMarkdown
import Foundation
import Grading
import JBPModel
import Synchronization

/// The grader (Grading) and the model (JBPModel) behind the server's `ExerciseEngine`.
///
/// The server, the grader and the model share one JSON value, so a parsed request goes
/// to the grader as it is.
final class GradingEngine: ExerciseEngine {
    private let exercises: [String: Exercise]
    /// Answer keys by exercise and variant: a key is the review of the variant's case,
    /// computed once and reused for every later submission of that variant.
    private let keys = Mutex<[String: AnswerKey]>([:])
    /// A key holds a whole review (tens of kB): a class needs a few hundred; more are computed again.
    private let maxKeys = 256

    init(exercises: [Exercise]) {
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func key(_ exercise: Exercise, variant: Int) -> AnswerKey? {
        let name = "\(exercise.id)#\(variant)"
        if let cached = keys.withLock({ $0[name] }) { return cached }
        guard let key = try? exercise.answerKey(variant: variant) else { return nil }
        keys.withLock { cache in
            if cache.count >= maxKeys { cache.removeAll() }
            cache[name] = key
        }
        return key
    }

    func roleplayGrade(_ exercise: CourseExercise, observations: [RoleplayGrading.Observation]) -> Grade? {
        guard let graded = exercises[exercise.id], case .roleplay(let roleplay) = graded.content else { return nil }
        return RoleplayGrading.grade(graded, roleplay: roleplay, observations: observations)
    }

    func roleplayProblems(_ exercise: CourseExercise, marks: [String: Bool]) -> [String] {
        guard let graded = exercises[exercise.id], case .roleplay(let roleplay) = graded.content else { return [] }
        return RoleplayGrading.problems(marks, roleplay: roleplay)
    }

    func review(for exercise: CourseExercise, variant: Int) -> Review? {
        guard let graded = exercises[exercise.id] else { return nil }
        return key(graded, variant: variant)?.review
    }

    func data(for exercise: CourseExercise, variant: Int) -> JSONValue? {
        guard let graded = exercises[exercise.id], let key = key(graded, variant: variant) else { return nil }
        if let portfolio = portfolio(graded, variant: variant) { return portfolio.json }
        if let variantCase = key.review?.case { return variantCase.json }
        return nil
    }

    /// The portfolio of a segmentation exercise's variant.
    private func portfolio(_ exercise: Exercise, variant: Int) -> Portfolio? {
        guard case .segmentation(let segmentation) = exercise.content else { return nil }
        guard segmentation.variants, variant > 0 else { return segmentation.portfolio }
        return try? Variants.portfolio(segmentation.portfolio, exercise: exercise.id, variant: variant)
    }

    /// A case's figures as HTML tables (the own distributor's, as a course case's are shown).
    public func tablesHTML(of ownCase: Case) -> String? {
        guard let tables = try? CaseTables(yaml: ownCase.yaml) else { return nil }
        return CaseTables.sections.compactMap { tables.html[$0] }.joined()
    }

    func tablesHTML(for exercise: CourseExercise, variant: Int) -> String? {
        guard exercise.variants || exercise.kind == .segmentation || exercise.kind == .plan, let graded = exercises[exercise.id],
            let key = key(graded, variant: variant)
        else { return nil }
        if let variantCase = key.review?.case, let tables = try? CaseTables(yaml: variantCase.yaml) {
            return CaseTables.sections.compactMap { tables.html[$0] }.joined()
        }
        if let portfolio = portfolio(graded, variant: variant) {
            let rows = portfolio.distributors.map { distributor in
                "<tr><th>\(HTML.escape(distributor.id))</th><td>\(HTML.escape(distributor.name))</td>"
                    + "<td class=\"num\">\(show(distributor.sales))</td><td class=\"num\">\(show(distributor.marketPotential))</td></tr>"
            }
            return "<table><thead><tr><th>代码</th><th>经销商</th><th>销售额</th><th>市场潜力</th></tr></thead><tbody>"
                + rows.joined() + "</tbody></table>"
        }
        return nil
    }

    func grade(_ exercise: CourseExercise, variant: Int, submission: JSONValue, ownCase: Case?) -> (full: Grade, trainee: Grade) {
        guard let graded = exercises[exercise.id] else {
            let none = Grade.unreadable(exercise: exercise.id, variant: variant, maxScore: 0, problems: ["没有练习 \(exercise.id) 的评分规则。"])
            return (none, none)
        }
        // The parsed request goes to the grader as it is: no round trip through text.
        let read = Grading.Submission.from(submission)
        // A plan for the trainee's own distributor: the key is that case's, made now (not cached:
        // each trainee's is their own, and it changes when they correct a figure).
        if exercise.ownCase, let ownCase, let key = try? AnswerKey(graded, ownCase: ownCase) {
            return Grader.views(graded, key: key, submission: read, language: .zh)
        }
        guard let key = key(graded, variant: variant) else {
            let full = Grader.grade(graded, variant: variant, submission: read, options: GradeOptions(language: .zh))
            return (full, full.withoutExpected)
        }
        return Grader.views(graded, key: key, submission: read, language: .zh)
    }

    func checkIn(plan: JSONValue, date: String, values: JSONValue) throws(CheckInError) -> JSONValue {
        guard let day = Day(date) else { throw CheckInError("检查日期应写成 YYYY-MM-DD。") }
        let model: Plan
        do {
            model = try Plan.read(plan.jsonString(), file: "plan")
        } catch {
            throw CheckInError("提交的计划读不出来：\(error.chinese ?? error.message)（\(error.path)）")
        }
        do {
            let result = try ScoreCard(plan: model).evaluate(FollowUp.modelCheckIn(date: day, values: values), file: "check-in")
            let json = ScoreCard.json([result])
            return json["checkins"]?.array?.first ?? .null
        } catch {
            // The trainee's words where the model has them (an unknown measure), else its own.
            throw CheckInError(error.chinese ?? "\(error.path)：\(error.message)")
        }
    }
}

extension ServerCourse {
    /// Reads every exercise folder under `root/exercises` (those with an exercise.yaml) with the
    /// grader's loader; their prompts and solutions are rendered by the course's renderer.
    static func loadExercises(root: URL, renderer: MarkdownRenderer) throws -> (exercises: [CourseExercise], engine: GradingEngine) {
        let folder = root.appendingPathComponent("exercises")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("exercise.yaml").path)
        }
        var loaded: [Exercise] = []
        var problems: [String] = []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            do {
                loaded.append(
                    try Exercise.load(folder: path) { relative in
                        try String(contentsOfFile: URL(fileURLWithPath: path).appendingPathComponent(relative).path, encoding: .utf8)
                    })
            } catch {
                problems.append(error.description)
            }
        }
        guard problems.isEmpty else { throw CourseRefused(problems: problems) }
        func html(_ file: URL) -> String? {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            return renderer.render(text, trust: .course).html(exercise: { _ in "" })
        }
        let exercises = loaded.map { exercise in
            let base = folder.appendingPathComponent(exercise.id)
            var view = CourseExercise(
                id: exercise.id, title: exercise.title, kind: ExerciseKind(rawValue: exercise.kind.rawValue) ?? .quiz, module: exercise.module,
                attempts: exercise.attempts, reveal: RevealPolicy(rawValue: exercise.reveal.rawValue) ?? .afterSubmit,
                variants: exercise.hasVariants, promptHTML: html(base.appendingPathComponent("prompt.md")) ?? "",
                solutionHTML: html(base.appendingPathComponent("solution.md")), questions: questions(of: exercise),
                rubric: rubric(of: exercise), ownCase: { if case .plan(let plan) = exercise.content { plan.isOwnCase } else { false } }(),
                roles: roleViews(of: exercise, html: { renderer.render($0, trust: .course).html(exercise: { _ in "" }) }),
                checklist: { if case .roleplay(let roleplay) = exercise.content { roleplay.checklist.map { RubricItem(id: $0.id, text: $0.text, points: $0.points) } } else { [] } }())
            if case .plan(let plan) = exercise.content { view.groupPlan = plan.group }
            return view
        }
        return (exercises, GradingEngine(exercises: loaded))
    }

    /// What the trainee answers, and with which kind of field.
    static func questions(of exercise: Exercise) -> [Question] {
        switch exercise.content {
        case .review(let review):
            return review.questions.map { question in
                let ranking = question.answer.hasSuffix("opportunities")
                return Question(id: question.id, prompt: question.prompt, input: ranking ? .ranking : .number, points: question.points)
            }
        case .quiz(let quiz):
            return quiz.questions.map { question in
                Question(
                    id: question.id, prompt: question.prompt, input: question.multiple ? .choices : .choice,
                    choices: question.choices.map { Choice(key: $0.key, text: $0.text) }, points: question.points)
            }
        case .segmentation(let segmentation):
            return segmentation.portfolio.distributors.map { distributor in
                Question(id: distributor.id, prompt: distributor.name, input: .segment, points: segmentation.pointsPerDistributor)
            }
        case .text(let text):
            return [Question(id: "text", prompt: text.prompt, input: .text, points: text.checks.reduce(0) { $0 + $1.points })]
        case .plan, .roleplay:
            return []
        }
    }

    /// A role-play's roles with their cards rendered; none for other kinds.
    static func roleViews(of exercise: Exercise, html: (String) -> String) -> [RoleView] {
        guard case .roleplay(let roleplay) = exercise.content else { return [] }
        return roleplay.roles.map { RoleView(id: $0.id, name: $0.name, cardHTML: html($0.card), observer: $0.observer) }
    }

    static func rubric(of exercise: Exercise) -> [RubricItem] {
        exercise.rubric.map { RubricItem(id: $0.id, text: $0.text, points: $0.points) }
    }
}
