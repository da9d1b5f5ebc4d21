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
            body = .segmentation(SegmentationKey(portfolio: portfolio))
        case .plan(let plan):
            let data = try Exercise.located(plan.caseFile) { () throws(ModelError) in
                let variantCase = try Variants.case(plan.base, exercise: exercise.id, variant: variant)
                return try Review(variantCase, file: plan.caseFile)
            }
            body = .plan(PlanKey(review: data, exercise: plan))
        case .quiz, .text:
            body = .none
        }
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

struct ReviewKey: Sendable {
    let review: Review
    let json: JSONValue
    /// In the exercise's order.
    let expected: [ExpectedAnswer]
    /// Question id → index.
    let index: [String: Int]

    init(review: Review, questions: [ReviewQuestion]) {
        self.review = review
        let json = review.json
        self.json = json
        var index: [String: Int] = [:]
        for (i, question) in questions.enumerated() { index[question.id] = i }
        self.index = index
        expected = questions.map { ReviewKey.expected(for: $0, in: json, review: review) }
    }

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

struct SegmentationKey: Sendable {
    let segmentation: Segmentation
    /// Distributor id → index.
    let index: [String: Int]
    /// Per distributor, the wrong segments that known slips give.
    let slips: [[SegmentSlip]]

    init(portfolio: Portfolio) {
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
