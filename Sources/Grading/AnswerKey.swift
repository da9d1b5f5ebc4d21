import JBPModel

/// Everything grading needs that depends only on the exercise and the
/// variant, computed once: the variant's data, its review JSON, each
/// question's expected value, tolerance and the misconceptions' values.
/// Grading a submission against a key is then a few comparisons, which is
/// what lets the server regrade a session, and the benchmark run, quickly.
public struct AnswerKey: Sendable {
    /// The exercise it is the key of.
    public let exercise: String
    /// The variant it is the key of.
    public let variant: Int
    let body: Body

    enum Body: Sendable {
        case none
        case review(ReviewKey)
        case segmentation(SegmentationKey)
        case plan(PlanKey)
    }

    /// A placeholder used only while an exercise is being built.
    static let empty = AnswerKey(exercise: "", variant: 0, body: .none)

    private init(exercise: String, variant: Int, body: Body) {
        self.exercise = exercise
        self.variant = variant
        self.body = body
    }

    /// The key of `variant` of `exercise`.
    public init(_ exercise: Exercise, variant: Int) throws(ExerciseProblem) {
        guard variant >= 0 else {
            throw ExerciseProblem(file: exercise.file, message: "variant \(variant) is below 0")
        }
        self.exercise = exercise.id
        self.variant = variant
        switch exercise.content {
        case .review(let review):
            let data = try Exercise.located(review.caseFile) { () throws(ModelError) in
                let variantCase = try Variants.case(review.base, exercise: exercise.id, variant: variant)
                return try Review(variantCase, file: review.caseFile)
            }
            body = .review(ReviewKey(review: data, questions: review.questions))
        case .segmentation(let segmentation):
            let portfolio = try Exercise.located(segmentation.portfolioFile) { () throws(ModelError) in
                try Variants.portfolio(segmentation.portfolio, exercise: exercise.id, variant: variant)
            }
            body = .segmentation(SegmentationKey(portfolio: portfolio, points: segmentation.pointsPerDistributor))
        case .plan(let plan):
            // `case: own`: there is no key until a trainee's own case is given (init(_:ownCase:)).
            guard let base = plan.base else {
                body = .none
                return
            }
            let data = try Exercise.located(plan.caseFile) { () throws(ModelError) in
                let variantCase = try Variants.case(base, exercise: exercise.id, variant: variant)
                return try Review(variantCase, file: plan.caseFile)
            }
            body = .plan(PlanKey(review: data, exercise: plan))
        case .quiz, .text, .roleplay:
            body = .none
        }
    }

    /// The key of a `case: own` plan exercise for one trainee: the review of the case of their own
    /// distributor (read by the case reader's rules already). Variant 0: own figures are not varied.
    public init(_ exercise: Exercise, ownCase: Case) throws(ExerciseProblem) {
        guard case .plan(let plan) = exercise.content else {
            throw ExerciseProblem(file: exercise.file, message: "only a plan exercise is graded against an own case")
        }
        self.exercise = exercise.id
        self.variant = 0
        let data = try Exercise.located("own") { () throws(ModelError) in try Review(ownCase, file: "own") }
        body = .plan(PlanKey(review: data, exercise: plan))
    }

    /// The review of the variant's case (review and plan exercises).
    public var review: Review? {
        switch body {
        case .review(let key): return key.review
        case .plan(let key): return key.review
        default: return nil
        }
    }

    /// The review JSON answers are looked up in (review exercises).
    public var reviewJSON: JSONValue? {
        if case .review(let key) = body { return key.json }
        return nil
    }

    /// The segmentation of the variant's portfolio (segmentation exercises).
    public var segmentation: Segmentation? {
        if case .segmentation(let key) = body { return key.segmentation }
        return nil
    }

    /// The variant's case (review and plan exercises).
    public var variantCase: Case? { review?.case }

    /// The variant's portfolio (segmentation exercises).
    public var portfolio: Portfolio? {
        if case .segmentation(let key) = body { return key.portfolio }
        return nil
    }

    /// The data a trainee works on, in its own file format (model.md §1 or
    /// §5) as JSON: the variant's case or portfolio; nil for quiz and text.
    public var data: JSONValue? {
        variantCase?.json ?? portfolio?.json
    }
}

/// What a review question expects.
enum ExpectedAnswer: Sendable {
    /// A figure, its unit and tolerance, and the wrong figures of known slips.
    case number(Double, unit: FigureUnit, tolerance: Tolerance, misconceptions: [(Misconception, Double)])
    /// A list of areas in order (`opportunities`, `top_opportunities`).
    case ranking([Area])
    /// A text (an area's `kind`, say), compared without regard to case.
    case text(String)
    /// The path leads nowhere or to null: an error of the exercise, which `jbp check` reports.
    case missing(String)

    /// The value as a grade's `expected`.
    var json: JSONValue? {
        switch self {
        case .number(let value, _, _, _): return .number(value)
        case .ranking(let areas): return .array(areas.map { .string($0.rawValue) })
        case .text(let text): return .string(text)
        case .missing: return nil
        }
    }
}

final class ReviewKey: Sendable {
    let review: Review
    let json: JSONValue
    /// The questions' keys, in the exercise's order.
    let questions: [QuestionKey]
    /// Question id → index.
    let index: [String: Int]

    init(review: Review, questions: [ReviewQuestion]) {
        self.review = review
        let json = review.json
        self.json = json
        var index: [String: Int] = [:]
        for (i, question) in questions.enumerated() { index[question.id] = i }
        self.index = index
        self.questions = questions.map { QuestionKey(question: $0, expected: ReviewKey.expected(for: $0, in: json, review: review)) }
    }

    /// The expected answers, in the exercise's order.
    var expected: [ExpectedAnswer] { questions.map(\.expected) }

    static func expected(for question: ReviewQuestion, in json: JSONValue, review: Review) -> ExpectedAnswer {
        guard let value = json.lookup(question.answer) else {
            return .missing("the answer path \(question.answer) is not in the review JSON")
        }
        switch value {
        case .number(let figure):
            let unit = FigureUnit.ofReviewPath(question.answer) ?? .ratio
            let tolerance = question.tolerance ?? Tolerance.default(for: unit)
            // A slip that happens to give the right figure on this case is no slip here.
            let slips = Misconception.candidates(for: question.answer, in: review).filter {
                !tolerance.accepts($0.1, figure)
            }
            return .number(figure, unit: unit, tolerance: tolerance, misconceptions: slips)
        case .array(let items):
            let areas = items.compactMap { $0.stringValue.flatMap(Area.init(rawValue:)) }
            guard areas.count == items.count else {
                return .missing("the answer path \(question.answer) is a list, but not of areas")
            }
            return .ranking(areas)
        case .string(let text):
            return .text(text)
        case .null:
            return .missing("the answer path \(question.answer) is null for this case")
        case .bool, .object:
            return .missing("the answer path \(question.answer) is not a figure, a text or a list of areas")
        }
    }
}

/// One question's expected answer, unpacked for grading, with its feedback
/// written beforehand in both languages, for a trainee and for everyone
/// else: grading then only compares and picks a text. A class, so that
/// grading an item takes one reference rather than copying its parts.
final class QuestionKey: Sendable {
    enum Kind: Sendable { case number, ranking, text, missing }

    let id: String
    let points: Double
    let expected: ExpectedAnswer
    let expectedJSON: JSONValue?
    let kind: Kind
    /// For a figure: the value, its unit and tolerance, and the slips' ids and values.
    let figure: Double
    let unit: FigureUnit
    let tolerance: Tolerance
    let slipIDs: [String]
    let slipValues: [Double]
    /// `decimals` and `unit: points` of the question, and the units its prompt names.
    let decimals: Int?
    let inPoints: Bool
    let promptUnits: [String]
    /// For a ranking.
    let areas: [Area]
    /// For a text.
    let text: String
    /// zh, zh for a trainee, en, en for a trainee.
    private let feedback: [FeedbackTexts]

    init(question: ReviewQuestion, expected: ExpectedAnswer) {
        id = question.id
        points = question.points
        self.expected = expected
        expectedJSON = expected.json
        var figure = 0.0, unit = FigureUnit.ratio, tolerance = Tolerance.absolute(0), areas: [Area] = [], text = ""
        var slips: [(Misconception, Double)] = []
        switch expected {
        case .number(let value, let u, let t, let m):
            kind = .number
            (figure, unit, tolerance, slips) = (value, u, t, m)
        case .ranking(let list):
            kind = .ranking
            areas = list
        case .text(let value):
            kind = .text
            text = value
        case .missing:
            kind = .missing
        }
        self.figure = figure
        self.unit = unit
        self.tolerance = tolerance
        slipIDs = slips.map(\.0.id)
        slipValues = slips.map(\.1)
        self.areas = areas
        self.text = text
        decimals = question.decimals
        inPoints = question.inPoints
        promptUnits = question.promptUnits
        feedback = [(Language.zh, false), (.zh, true), (.en, false), (.en, true)].map {
            FeedbackTexts(expected, question: question, language: $0.0, trainee: $0.1)
        }
    }

    /// The factor from the model's unit to the unit the prompt names: percent for a rate or
    /// percentage points, 万 for 万元, 1 otherwise.
    var promptScale: Double {
        if inPoints || unit == .rate { return 100 }
        if unit == .money, promptUnits.contains("万元") { return 1e-4 }
        return 1
    }

    /// exercises.md: with `decimals: N`, the expected value rounded half up to N decimals in the
    /// prompt's unit is right, so that two trainees who round as asked are graded alike.
    func roundsAsAsked(_ value: Double) -> Bool {
        guard let decimals else { return false }
        let scale = promptScale
        let rounded = QuestionKey.roundHalfUp(figure * scale, decimals)
        return abs(value * scale - rounded) <= 1e-9 * max(1, abs(rounded))
    }

    /// Half up (away from zero), forgiving the binary dust of a decimal like 0.4275 (stored as 0.42749999…).
    static func roundHalfUp(_ x: Double, _ decimals: Int) -> Double {
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let scaled = x * p
        let nudged = scaled + (scaled < 0 ? -1 : 1) * 1e-9 * max(1, abs(scaled))
        return nudged.rounded(.toNearestOrAwayFromZero) / p
    }

    func texts(_ options: GradeOptions) -> FeedbackTexts {
        feedback[(options.language == .zh ? 0 : 2) + (options.withholdsAnswers ? 1 : 0)]
    }
}

/// The feedback of one question in one language, with or without the
/// answer. A class: grading reads a few of its texts for every item, and a
/// reference is cheaper to pass around than nine strings.
final class FeedbackTexts: Sendable {
    let correct: String
    let unanswered: String
    let missing: String
    let percentPoints: String
    let tooHigh: String
    let tooLow: String
    /// Aligned with the expected answer's misconceptions.
    let slips: [String]
    /// Said after a ranking's partial credit: the right order, or how to find it.
    let rankingHint: String
    let textWrong: String

    init(_ expected: ExpectedAnswer, question: ReviewQuestion, language: Language, trainee: Bool) {
        func l(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        correct = l("正确。", "Correct.")
        unanswered = l("未作答。", "Not answered.")
        var missing = "", percentPoints = "", tooHigh = "", tooLow = "", rankingHint = "", textWrong = ""
        var slips: [String] = []
        switch expected {
        case .missing(let reason):
            missing = l("本题无法评分（练习配置有误：\(reason)），请告知讲师。", "This question cannot be graded (the exercise is wrong: \(reason)); tell the trainer.")
        case .number(let figure, let unit, let tolerance, let misconceptions):
            let shown = FeedbackTexts.shown(figure, unit: unit, question: question, language: language)
            let reveal = trainee ? "" : l("正确答案是 \(shown)。", " The answer is \(shown).")
            let bound = FeedbackTexts.toleranceText(tolerance, unit, language)
            if question.inPoints {
                // The other way round: the prompt asks 百分点, the answer is a fraction.
                percentPoints = l("看起来你填的是小数。本题问的是百分点：提升 0.0438 要写成 4.38（个百分点）。",
                                  "This looks like a fraction. The question asks for percentage points: a rise of 0.0438 is written 4.38.") + reveal
            } else {
                percentPoints = l("看起来你填的是百分点数（百分数去掉了 % 号）。比率要写成小数，或者带上 % 号。",
                                  "This looks like percent points (a percentage without its % sign). Write a rate as a fraction, or with the % sign.") + reveal
            }
            slips = misconceptions.map { $0.0.message.text(language) + reveal }
            for high in [true, false] {
                let direction = high ? l("偏高", "too high") : l("偏低", "too low")
                let text = trainee
                    ? l("不正确：\(direction)，超出允许误差（\(bound)）。请检查公式和取数。",
                        "Not right: \(direction), beyond the tolerance (\(bound)). Check the formula and the figures used.")
                    : l("不正确：\(direction)。正确答案是 \(shown)（允许误差 \(bound)）。",
                        "Not right: \(direction). The answer is \(shown) (tolerance \(bound)).")
                if high { tooHigh = text } else { tooLow = text }
            }
        case .ranking(let areas):
            rankingHint = trainee
                ? l(" 按每个领域关闭 GAP 后的 ROI 提升从大到小排序。", " Rank the areas by the ROI gain of closing each GAP, largest first.")
                : l(" 正确顺序：\(areas.map(\.chineseName).joined(separator: " > "))。", " The right order: \(areas.map(\.rawValue).joined(separator: " > ")).")
        case .text(let text):
            textWrong = trainee ? l("不正确。", "Not right.") : l("不正确，正确答案是 \(text)。", "Not right; the answer is \(text).")
        }
        self.missing = missing
        self.percentPoints = percentPoints
        self.tooHigh = tooHigh
        self.tooLow = tooLow
        self.slips = slips
        self.rankingHint = rankingHint
        self.textWrong = textWrong
    }

    /// The expected figure as the question asks for it (exercises.md): a rate in percent, percentage
    /// points as 个百分点, money with separators and the prompt's 元 or 万元, days with 天, outlets
    /// with 家; `decimals` decides the places where the question states them.
    static func shown(_ figure: Double, unit: FigureUnit, question: ReviewQuestion, language: Language) -> String {
        let units = question.promptUnits
        let zh = language == .zh
        func places(_ fallback: Int) -> Int { question.decimals ?? fallback }
        if question.inPoints {
            let text = Figures.decimal(figure * 100, places: places(2), keep: places(2), grouped: false)
            return zh ? "\(text) 个百分点" : "\(text) percentage points"
        }
        switch unit {
        case .rate:
            guard let decimals = question.decimals else { return Figures.rateWithPercent(figure) }
            return Figures.decimal(figure * 100, places: decimals, keep: decimals, grouped: false) + "%"
        case .money where units.contains("万元"):
            return Figures.decimal(figure / 1e4, places: places(1), keep: places(1), grouped: true) + (zh ? "万元" : "0,000 yuan")
        case .money:
            let text = Figures.decimal(figure, places: places(0), keep: places(0), grouped: true)
            return units.contains("元") ? text + (zh ? " 元" : " yuan") : text
        case .days:
            return Figures.decimal(figure, places: places(1), keep: places(1), grouped: false) + (zh ? " 天" : " days")
        case .count where units.contains("家"):
            return Figures.decimal(figure, places: places(0), keep: places(0), grouped: true) + (zh ? " 家" : " outlets")
        default:
            guard let decimals = question.decimals else { return Figures.format(figure, unit) }
            return Figures.decimal(figure, places: decimals, keep: decimals, grouped: true)
        }
    }

    static func toleranceText(_ tolerance: Tolerance, _ unit: FigureUnit, _ language: Language) -> String {
        switch tolerance {
        case .absolute(let bound) where bound == 0: return language == .zh ? "须完全一致" : "exact"
        case .absolute(let bound): return "±" + Figures.format(bound, unit == .rate ? .ratio : unit)
        case .relative(let bound): return "±" + Figures.format(bound * 100, .ratio) + "%"
        }
    }
}

final class SegmentationKey: Sendable {
    let portfolio: Portfolio
    /// Points per distributor.
    let points: Double
    let segmentation: Segmentation
    /// Distributor id → index.
    let index: [String: Int]
    /// Per distributor, the wrong segments that known slips give.
    let slips: [[SegmentSlip]]

    init(portfolio: Portfolio, points: Double) {
        self.portfolio = portfolio
        self.points = points
        let segmentation = Segmentation(portfolio)
        self.segmentation = segmentation
        var index: [String: Int] = [:]
        for (i, entry) in segmentation.distributors.enumerated() { index[entry.distributor.id] = i }
        self.index = index
        let sales = portfolio.distributors.map(\.sales)
        let mean = sales.reduce(0, +) / Double(max(1, sales.count))
        slips = segmentation.distributors.map { entry in
            var found: [SegmentSlip] = []
            let d = entry.distributor
            // Headroom taken as the share already sold (sales ÷ potential) instead of 1 − that.
            let inverted = Segment(highScale: entry.highScale,
                                   highPotential: d.sales / d.marketPotential >= segmentation.headroomThreshold)
            if inverted != entry.segment { found.append(SegmentSlip.headroomInverted(inverted)) }
            // The mean of the portfolio's sales instead of its median.
            if portfolio.scaleThreshold == .median {
                let onMean = Segment(highScale: d.sales >= mean, highPotential: entry.highPotential)
                if onMean != entry.segment, onMean != inverted { found.append(SegmentSlip.meanThreshold(onMean)) }
            }
            return found
        }
    }
}

/// A known slip in segmenting, and the segment it leads to.
struct SegmentSlip: Sendable {
    let id: String
    let segment: Segment
    let message: Message

    static func headroomInverted(_ segment: Segment) -> SegmentSlip {
        SegmentSlip(id: "segment_headroom_inverted", segment: segment, message: Message(
            "你把“已实现的份额”（销售额 ÷ 市场潜力）当成了发展空间。发展空间 = 1 − 销售额 ÷ 市场潜力。",
            "You took the share already achieved (sales ÷ market potential) as the headroom. Headroom = 1 − sales ÷ market potential."))
    }

    static func meanThreshold(_ segment: Segment) -> SegmentSlip {
        SegmentSlip(id: "segment_mean_threshold", segment: segment, message: Message(
            "你用平均数作规模门槛。本组合的规模门槛是销售额的中位数（偶数个时取中间两个的平均）。",
            "You used the mean as the scale threshold. This portfolio's threshold is the median of sales (the mean of the two middle values for an even count)."))
    }
}
