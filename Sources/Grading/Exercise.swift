import JBPModel

/// An exercise as loaded from its folder (exercises.md "exercise.yaml"):
/// what is asked, how it is graded, and the data it is graded on.
public struct Exercise: Sendable {
    /// The six kinds of exercise.
    public enum Kind: String, Sendable, CaseIterable {
        case review, segmentation, plan, quiz, text, roleplay
    }

    /// When the solution and the expected values become visible to trainees.
    public enum Reveal: String, Sendable, CaseIterable {
        case afterSubmit = "after_submit"
        case afterDeadline = "after_deadline"
        case manual
    }

    /// What the exercise asks, by kind.
    public enum Content: Sendable {
        case review(ReviewExercise)
        case segmentation(SegmentationExercise)
        case plan(PlanExercise)
        case quiz(QuizExercise)
        case text(TextExercise)
        case roleplay(RoleplayExercise)
    }

    /// The exercise id, which is also its folder's name.
    public let id: String
    /// The title trainees see.
    public let title: String
    /// The course module it belongs to, if named.
    public let module: String?
    /// Graded attempts allowed; 0 = unlimited (the default).
    public let attempts: Int
    /// When expected values are shown (default `after_submit`).
    public let reveal: Reveal
    /// The kind-specific part.
    public let content: Content
    /// The exercise file, as named in messages (`review-hengda/exercise.yaml`).
    public let file: String
    /// The answer key of variant 0, computed once when the exercise is loaded.
    public internal(set) var baseKey: AnswerKey

    /// The kind of exercise.
    public var kind: Kind {
        switch content {
        case .review: return .review
        case .segmentation: return .segmentation
        case .plan: return .plan
        case .quiz: return .quiz
        case .text: return .text
        case .roleplay: return .roleplay
        }
    }

    /// The points available: the sum over questions, distributors, plan
    /// checks, or a text's automatic checks and rubric.
    public var maxScore: Double { maxPoints }

    /// `maxScore`, added up once when the exercise is built.
    private let maxPoints: Double

    /// True for a text or plan exercise with a rubric: its grades wait for the trainer.
    public let needsManual: Bool

    /// The rubric the trainer scores (a text's or a plan's); empty for other kinds.
    public var rubric: [RubricItem] {
        switch content {
        case .text(let text): return text.rubric
        case .plan(let plan): return plan.rubric
        default: return []
        }
    }

    init(id: String, title: String, module: String?, attempts: Int, reveal: Reveal, content: Content, file: String,
         baseKey: AnswerKey) {
        self.id = id
        self.title = title
        self.module = module
        self.attempts = attempts
        self.reveal = reveal
        self.content = content
        self.file = file
        self.baseKey = baseKey
        maxPoints = Exercise.maxScore(content)
        switch content {
        case .text(let text): needsManual = !text.rubric.isEmpty
        case .plan(let plan): needsManual = !plan.rubric.isEmpty
        default: needsManual = false
        }
    }

    static func maxScore(_ content: Content) -> Double {
        switch content {
        case .review(let review): return review.questions.reduce(0) { $0 + $1.points }
        case .segmentation(let segmentation):
            return segmentation.pointsPerDistributor * Double(segmentation.portfolio.distributors.count)
        case .plan(let plan):
            return PlanCheck.allCases.reduce(0) { $0 + plan.points(for: $1) } + plan.rubric.reduce(0) { $0 + $1.points }
        case .quiz(let quiz): return quiz.questions.reduce(0) { $0 + $1.points }
        case .text(let text): return text.checks.reduce(0) { $0 + $1.points } + text.rubric.reduce(0) { $0 + $1.points }
        case .roleplay(let roleplay): return roleplay.checklist.reduce(0) { $0 + $1.points }
        }
    }

    /// Whether trainees get variants of the data (review, and segmentation
    /// when its file asks for them).
    public var hasVariants: Bool {
        switch content {
        case .review(let review): return review.variants
        case .segmentation(let segmentation): return segmentation.variants
        default: return false
        }
    }

    /// The answer key of `variant`: the precomputed one for 0, computed now for
    /// any other. Throws only if the variant's data breaks a rule of the
    /// model, which ``Variants`` is built to prevent.
    public func answerKey(variant: Int) throws(ExerciseProblem) -> AnswerKey {
        if variant == 0 { return baseKey }
        return try AnswerKey(self, variant: variant)
    }
}

/// A `review` exercise: figures of a case, looked up in its review.
public struct ReviewExercise: Sendable {
    /// The case file, as named in messages.
    public let caseFile: String
    /// The case as written (variant 0).
    public let base: Case
    /// Whether trainees get variants of the case.
    public let variants: Bool
    /// The questions, in the file's order.
    public let questions: [ReviewQuestion]
}

/// A question of a review exercise.
public struct ReviewQuestion: Sendable {
    /// The question id (the key of its answer in a submission).
    public let id: String
    /// The question as the trainee reads it.
    public let prompt: String
    /// The path of the expected value in the review JSON (`result.roi`).
    public let answer: String
    /// Points (default 1).
    public let points: Double
    /// The question's own tolerance, overriding the unit's default.
    public let tolerance: Tolerance?
    /// `decimals: N`: the precision the prompt asks for, in the unit the prompt names
    /// (percent for a rate or percentage points, 万 where the prompt asks 万元); an answer
    /// equal to the expected value rounded half up to N decimals is right (exercises.md).
    public let decimals: Int?
    /// `unit: points`: the prompt asks for percentage points (百分点): `4.38` means 0.0438.
    public let inPoints: Bool
    /// The line of the question in exercise.yaml.
    public let line: Int?

    public init(id: String, prompt: String, answer: String, points: Double, tolerance: Tolerance?,
                decimals: Int? = nil, inPoints: Bool = false, line: Int?) {
        self.id = id
        self.prompt = prompt
        self.answer = answer
        self.points = points
        self.tolerance = tolerance
        self.decimals = decimals
        self.inPoints = inPoints
        self.line = line
    }

    /// The units the prompt itself names, which may follow a number in the answer
    /// (exercises.md: 元, 天, 家, 次, 万元), longest first so that 万元 is found before 元.
    public var promptUnits: [String] {
        AnswerUnits.words.filter { prompt.contains($0) }
    }
}

/// The unit words an answer may carry after its number.
public enum AnswerUnits {
    /// The units a prompt may name, longest first.
    public static let words = ["万元", "元", "天", "家", "次", "箱", "个"]
    /// Words that mean percentage points.
    public static let points = ["个百分点", "百分点", "pp"]
}

/// A `segmentation` exercise: each distributor of a portfolio in its segment.
public struct SegmentationExercise: Sendable {
    /// The portfolio file, as named in messages.
    public let portfolioFile: String
    /// The portfolio as written (variant 0).
    public let portfolio: Portfolio
    /// Points per distributor (default 1).
    public let pointsPerDistributor: Double
    /// Whether trainees get variants of the portfolio (default false).
    public let variants: Bool
}

/// A `plan` exercise: a joint business plan graded by the checks of model.md §6.
public struct PlanExercise: Sendable {
    /// The case file, as named in messages (`own` for `case: own`).
    public let caseFile: String
    /// The case the plan is written for; nil for `case: own`, where each trainee's plan is graded
    /// against the case of their own distributor (``AnswerKey/init(_:ownCase:)``).
    public let base: Case?
    /// Whether each trainee plans for their own distributor (exercises.md `case: own`).
    public var isOwnCase: Bool { base == nil }
    /// The most the strategies' budgets may add up to.
    public let budgetCap: Double
    /// Points per check id where the exercise overrides the default.
    public let weights: [PlanCheck: Double]
    /// The trainer's rubric (exercises.md): what no check can see; its points add to the checks'.
    public let rubric: [RubricItem]
    /// `group: true`: drafted together by a group in class (the day-2 workshop) and handed in
    /// for all its members; never the homework.
    public var group: Bool = false

    /// The points of one check: the exercise's weight or model.md's default.
    public func points(for check: PlanCheck) -> Double {
        weights[check] ?? check.defaultPoints
    }
}

/// A `quiz` exercise.
public struct QuizExercise: Sendable {
    /// The questions, in the file's order.
    public let questions: [QuizQuestion]
}

/// A concept question with choices.
public struct QuizQuestion: Sendable {
    /// The question id.
    public let id: String
    /// The question text.
    public let prompt: String
    /// The choices, in the file's order: key (`A`) and text.
    public let choices: [(key: String, text: String)]
    /// The right key, or keys for a question with several.
    public let answer: [String]
    /// Whether the file gave a list (several keys are to be chosen).
    public let multiple: Bool
    /// Points (default 1).
    public let points: Double
    /// Why the answer is right: shown once the exercise is revealed.
    public let explain: String?
}

/// A `text` exercise: free text with automatic checks and a rubric the trainer scores.
public struct TextExercise: Sendable {
    /// The task.
    public let prompt: String
    /// The automatic checks.
    public let checks: [TextCheck]
    /// The rubric, scored by the trainer.
    public let rubric: [RubricItem]
}

/// One automatic check of a text.
public struct TextCheck: Sendable {
    /// What is checked.
    public enum Rule: Sendable, Equatable {
        /// At most this many characters (spaces and line breaks not counted).
        case maxChars(Int)
        /// At least this many characters.
        case minChars(Int)
        /// At least one figure written in digits.
        case containsNumber
        /// At least one of these terms (case does not matter).
        case mentionsAny([String])
    }

    /// The item id in the grade: the rule's key (`max_chars`), or `mentions_any-2` for a second one.
    public let id: String
    /// The rule.
    public let rule: Rule
    /// Points (default 1).
    public let points: Double
}

/// One rubric item of a text, scored by the trainer.
public struct RubricItem: Sendable {
    /// The item id.
    public let id: String
    /// What the trainer looks for.
    public let text: String
    /// Points.
    public let points: Double
}

/// The thirteen checks of a plan (model.md §6, version 2), in its order.
public enum PlanCheck: String, Sendable, CaseIterable, Hashable {
    case structure
    case goalsSmart = "goals_smart"
    case baselines
    case drivers
    case feasible
    case alignment
    case accountability
    case twoSided = "two_sided"
    case resourced
    case budget
    case scorecard
    case outcomesBacked = "outcomes_backed"
    case roiTarget = "roi_target"

    /// model.md §6's points (they add up to 100).
    public var defaultPoints: Double {
        switch self {
        case .structure: return 5
        case .goalsSmart: return 5
        case .baselines: return 10
        case .drivers: return 15
        case .feasible: return 20
        case .alignment: return 5
        case .accountability: return 10
        case .twoSided: return 5
        case .resourced: return 5
        case .budget: return 5
        case .scorecard: return 5
        case .outcomesBacked: return 5
        case .roiTarget: return 5
        }
    }

    /// The check's name as trainees read it (the plan report, the trainer's plans page).
    public var chineseName: String {
        switch self {
        case .structure: return "结构完整"
        case .goalsSmart: return "目标符合 SMART"
        case .baselines: return "基线与案例一致"
        case .drivers: return "驱动目标覆盖前两大机会"
        case .feasible: return "目标可信、做得到"
        case .alignment: return "目标—策略—行动对齐"
        case .accountability: return "事·人·物·执行方·时间齐全"
        case .twoSided: return "双方都有承诺"
        case .resourced: return "驱动策略有投入"
        case .budget: return "预算"
        case .scorecard: return "ScoreCard 完整"
        case .outcomesBacked: return "结果目标有预测支撑"
        case .roiTarget: return "预测 ROI 达到目标"
        }
    }

    /// The check's name in English.
    public var englishName: String {
        switch self {
        case .structure: return "Structure"
        case .goalsSmart: return "SMART goals"
        case .baselines: return "Baselines match the case"
        case .drivers: return "Drivers cover the top two opportunities"
        case .feasible: return "Credible targets"
        case .alignment: return "Goals, strategies and plans aligned"
        case .accountability: return "Task, owner, resources, party, due date"
        case .twoSided: return "Both sides commit"
        case .resourced: return "Driver strategies funded"
        case .budget: return "Budget"
        case .scorecard: return "ScoreCard complete"
        case .outcomesBacked: return "Outcome goals backed by the projection"
        case .roiTarget: return "Projected ROI reaches the target"
        }
    }
}
