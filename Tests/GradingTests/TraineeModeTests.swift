import Testing
import JBPModel
@testable import Grading

@Suite("Trainee mode: before the reveal, nothing gives the right answer away")
struct TraineeModeTests {
    static let trainee = GradeOptions(trainee: true)

    /// The printed forms of an expected value a message could leak.
    static func forms(_ value: JSONValue, unit: FigureUnit?) -> [String] {
        switch value {
        case .number(let x):
            var forms = [Figures.format(x, unit ?? .ratio), Figures.decimal(x, places: 2, keep: 2, grouped: false),
                         Figures.decimal(x, places: 3, keep: 3, grouped: false), Figures.decimal(x, places: 2, keep: 0, grouped: true)]
            if unit == .rate {
                forms += [Figures.decimal(x * 100, places: 2, keep: 0, grouped: false) + "%",
                          Figures.decimal(x * 100, places: 1, keep: 1, grouped: false), Figures.decimal(x * 100, places: 2, keep: 2, grouped: false)]
            }
            if abs(x) >= 10_000 { forms.append(Figures.decimal(x / 10_000, places: 1, keep: 0, grouped: false) + "万") }
            return forms.filter { $0.count >= 3 }
        case .string(let text): return [text]
        case .array(let items):
            // A ranking leaks as its areas in order.
            let names = items.compactMap { $0.stringValue.flatMap(Area.init(rawValue:)) }
            return [names.map(\.chineseName).joined(separator: " > "), names.map(\.rawValue).joined(separator: " > "),
                    names.map(\.chineseName).joined(separator: "、")]
        default: return []
        }
    }

    static func leaks(_ grade: Grade, expected: [String: JSONValue], units: [String: FigureUnit]) -> [String] {
        var found: [String] = []
        for item in grade.items {
            if item.expected != nil { found.append("\(item.id): expected is shown") }
            guard let value = expected[item.id] else { continue }
            for form in forms(value, unit: units[item.id]) where item.feedback.contains(form) {
                found.append("\(item.id): \"\(item.feedback)\" contains \(form)")
            }
        }
        return found
    }

    @Test("Review: wrong answers of every sort leak no expected value", arguments: [0, 3], [Language.zh, .en])
    func review(variant: Int, language: Language) throws {
        let exercise = try Fixtures.exercise("review-hengda")
        let key = try exercise.answerKey(variant: variant)
        let json = try #require(key.reviewJSON)
        var expected: [String: JSONValue] = [:]
        var units: [String: FigureUnit] = [:]
        for question in exercise.reviewQuestions {
            expected[question.id] = json.lookup(question.answer)
            units[question.id] = FigureUnit.ofReviewPath(question.answer)
        }
        let review = try #require(key.review)
        let roi = review.result.roi
        let wrongSets: [[(String, JSONValue)]] = [
            // plain wrong figures, on both sides
            exercise.reviewQuestions.compactMap { q in expected[q.id]?.doubleValue.map { (q.id, .number($0 * 1.37 + 1)) } },
            exercise.reviewQuestions.compactMap { q in expected[q.id]?.doubleValue.map { (q.id, .number($0 * 0.5)) } },
            // percent points, misconceptions, partial rankings, wrong texts
            [("roi", .number(roi * 100)), ("achievement", .number(review.result.achievementRate * 100)),
             ("inventory_days", .number(review.case.balance.inventory / (review.result.revenue / 365))),
             ("dso", .number(review.case.balance.receivables / (review.case.pnl.cogs / 365))),
             ("opportunities", .string("finance, logistics, terminal, inventory, team, coverage")),
             ("top", .string("team, coverage")), ("coverage_kind", .string("capital"))],
            [("roi", .number(review.result.grossProfit / review.result.investment)),
             ("net_profit", .number(review.result.grossProfit - review.result.operatingExpenses))],
        ]
        for answers in wrongSets {
            let grade = Grader.grade(exercise, key: key, submission: .answers("review-hengda", answers),
                                     options: GradeOptions(language: language, trainee: true))
            #expect(grade.gradable)
            #expect(grade.items.contains { !$0.correct })
            let leaks = Self.leaks(grade, expected: expected, units: units)
            #expect(leaks.isEmpty, "\(leaks)")
        }
    }

    @Test("Outside trainee mode the same grade does give the answer")
    func notTrainee() throws {
        let grade = Grader.grade(try Fixtures.exercise("review-hengda"), submission: .answers("review-hengda", [("roi", .number(0.5))]))
        #expect(grade.item("roi")?.feedback.contains("0.0919") == true)
        #expect(grade.item("roi")?.expected != nil)
    }

    @Test("Plans: the projection, current values and top opportunities are not named")
    func plan() throws {
        let exercise = try Fixtures.exercise("plan-homework")
        var submission = try Fixtures.sample("plan-homework", "example-plan.yaml")
        if case .object(var members)? = submission.planJSON {
            // A wrong baseline and no inventory driver (G4 on fill rate), besides the example's own failures.
            if let i = members.firstIndex(where: { $0.key == "goals" }), case .array(var goals) = members[i].value,
               case .object(var g1) = goals[0], case .object(var g4) = goals[3] {
                g1[2].value = .number(0.40)
                g4[1].value = .string("fill_rate")
                goals[0] = .object(g1)
                goals[3] = .object(g4)
                members[i].value = .array(goals)
            }
            submission.planJSON = .object(members)
        }
        let review = try #require(exercise.baseKey.review)
        for language in Language.allCases {
            let grade = Grader.grade(exercise, submission: submission, options: GradeOptions(language: language, trainee: true))
            #expect(grade.items.filter { !$0.correct }.map(\.id)
                    == ["goals_smart", "baselines", "drivers", "outcomes_backed", "roi_target"])
            let secrets = ["0.4792", "0.479167", "47.9", Figures.format(review.result.roi, .rate), "0.1008", "10.1", "覆盖、库存",
                           "coverage, inventory", Figures.format(11_370_000, .money), "11,370,000"]
            for item in grade.items {
                #expect(item.expected == nil)
                for secret in secrets {
                    #expect(!item.feedback.contains(secret), "\(item.id): \(item.feedback)")
                }
            }
        }
    }

    @Test("Segmentation and quiz: no expected segment or key in trainee feedback")
    func segmentationAndQuiz() throws {
        let segmentation = Grader.grade(try Fixtures.exercise("segment-portfolio"),
                                        submission: .answers("segment-portfolio", [("hengda", .string("general")), ("fuli", .string("key"))]),
                                        options: Self.trainee)
        for item in segmentation.items {
            #expect(item.expected == nil)
            for name in ["重点", "一般", "key", "general"] where item.given != .string(name) {
                #expect(!item.feedback.contains(name), "\(item.feedback)")
            }
        }
        let quiz = Grader.grade(try Fixtures.exercise("quiz-basics"),
                                submission: .answers("quiz-basics", [("q1", .string("A")), ("q2", .string("A"))]), options: Self.trainee)
        for item in quiz.items {
            #expect(item.expected == nil)
            #expect(!item.feedback.contains("B") && !item.feedback.contains("投资额"), "\(item.feedback)")
        }
    }

    @Test("withoutExpected strips expected values from a stored grade")
    func withoutExpected() throws {
        let grade = Grader.grade(try Fixtures.exercise("review-hengda"), submission: .answers("review-hengda", [("roi", .number(0.09))]))
        #expect(grade.items.contains { $0.expected != nil })
        #expect(grade.withoutExpected.items.allSatisfy { $0.expected == nil })
    }
}

/// `Grader.views`: the full grade and the trainee's view of one submission in one call.
@Suite("Both views at once")
struct BothViewsTests {
    @Test("Each view is what the grader gives in its own mode; a text is graded once", arguments: [
        ("text-vito", "letter.yaml"), ("review-hengda", "partial.yaml"), ("review-hengda", "full.yaml"), ("quiz-basics", "partial.yaml"),
        ("segment-portfolio", "partial.yaml"), ("plan-homework", "example-plan.yaml"), ("plan-homework", "not-a-plan.yaml"),
    ])
    func viewsMatchTheModes(exercise id: String, sample: String) throws {
        let exercise = try Fixtures.exercise(id)
        let submission = try Fixtures.sample(id, sample)
        let key = try exercise.answerKey(variant: 0)
        let views = Grader.views(exercise, key: key, submission: submission)
        #expect(views.full == Grader.grade(exercise, key: key, submission: submission))
        let trainee = Grader.grade(exercise, key: key, submission: submission, options: GradeOptions(trainee: true)).withoutExpected
        #expect(views.trainee == trainee)
        #expect(views.trainee.items.allSatisfy { $0.expected == nil })
        #expect(views.full.score == views.trainee.score)
    }
}
