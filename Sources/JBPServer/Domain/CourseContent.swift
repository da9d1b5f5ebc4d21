import Grading
import JBPModel

/// What the server needs from the course and the grader, in the server's own terms.
///
/// The course (CourseMarkdown/JBPContent) and the grader (Grading) are adapted to these
/// types once at start-up, so that controllers and tests depend on nothing else.

/// One module of the course, rendered once at start-up.
public struct CourseModule: Sendable, Equatable {
    /// The module's id from its front matter (`02-review`).
    public var id: String
    /// Chinese title.
    public var title: String
    /// English title.
    public var titleEn: String
    /// Position in the course (1, 2, …).
    public var order: Int
    /// Planned length in minutes.
    public var minutes: Int
    /// Learning objectives, as sentences.
    public var objectives: [String]
    /// The rendered document: trusted HTML and the places where an exercise's form goes.
    public var parts: [Part]

    /// A piece of a rendered module.
    public enum Part: Sendable, Equatable {
        /// Trusted HTML rendered from the course's Markdown.
        case html(String)
        /// The place of an ` ```exercise ID ` block: the server puts the trainee's form here.
        case exercise(id: String)
    }

    public init(id: String, title: String, titleEn: String, order: Int, minutes: Int, objectives: [String], parts: [Part]) {
        self.id = id
        self.title = title
        self.titleEn = titleEn
        self.order = order
        self.minutes = minutes
        self.objectives = objectives
        self.parts = parts
    }

    /// Ids of the exercises placed in this module, in document order.
    public var exerciseIDs: [String] {
        parts.compactMap { if case .exercise(let id) = $0 { return id } else { return nil } }
    }
}

/// The kinds of exercise (exercises.md).
public enum ExerciseKind: String, Sendable, Codable, CaseIterable {
    case review, segmentation, plan, quiz, text, roleplay
}

/// A role of a role-play, as the server shows it: the card only to whoever plays it.
public struct RoleView: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The card as trusted HTML (rendered from the exercise's Markdown).
    public var cardHTML: String
    public var observer: Bool
}

/// When an exercise's expected values and solution become visible (exercises.md `reveal`).
public enum RevealPolicy: String, Sendable, Codable {
    case afterSubmit = "after_submit"
    case afterDeadline = "after_deadline"
    case manual
}

/// How a question is answered, which decides the form field a trainee sees.
public enum AnswerInput: String, Sendable, Codable {
    /// A number (accepts 1,902,000, 9.19%, 190.2万).
    case number
    /// One choice key.
    case choice
    /// Several choice keys.
    case choices
    /// An ordered list of area ids (a ranking).
    case ranking
    /// A segment for one distributor.
    case segment
    /// Free text.
    case text
}

/// One choice of a quiz question.
public struct Choice: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}

/// One question (or distributor, for segmentation) the trainee answers.
public struct Question: Sendable, Equatable, Codable {
    public var id: String
    public var prompt: String
    public var input: AnswerInput
    public var choices: [Choice]
    public var points: Double

    public init(id: String, prompt: String, input: AnswerInput, choices: [Choice] = [], points: Double = 1) {
        self.id = id
        self.prompt = prompt
        self.input = input
        self.choices = choices
        self.points = points
    }
}

/// A rubric item of a text exercise, scored by the trainer.
public struct RubricItem: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var points: Double
    public init(id: String, text: String, points: Double) {
        self.id = id
        self.text = text
        self.points = points
    }
}

/// An exercise as the server shows and grades it.
public struct CourseExercise: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: ExerciseKind
    /// The id of the module it belongs to.
    public var module: String?
    /// Graded attempts allowed; 0 = unlimited.
    public var attempts: Int
    public var reveal: RevealPolicy
    /// Whether each trainee gets its own variant of the case (review exercises).
    public var variants: Bool
    /// The task, as trusted HTML rendered from prompt.md.
    public var promptHTML: String
    /// The worked solution as trusted HTML, shown once revealed.
    public var solutionHTML: String?
    public var questions: [Question]
    public var rubric: [RubricItem]
    /// A plan exercise with `case: own`: each trainee plans for their own distributor.
    public var ownCase = false
    /// A role-play's roles (the first is the one scored) and the observers' checklist.
    public var roles: [RoleView] = []
    public var checklist: [RubricItem] = []
    /// A plan drafted by a group together in class (exercises.md `group: true`), not the homework.
    public var groupPlan = false

    public init(
        id: String, title: String, kind: ExerciseKind, module: String?, attempts: Int = 0,
        reveal: RevealPolicy = .afterSubmit, variants: Bool = false, promptHTML: String = "",
        solutionHTML: String? = nil, questions: [Question] = [], rubric: [RubricItem] = [], ownCase: Bool = false,
        roles: [RoleView] = [], checklist: [RubricItem] = []
    ) {
        self.ownCase = ownCase
        self.roles = roles
        self.checklist = checklist
        self.id = id
        self.title = title
        self.kind = kind
        self.module = module
        self.attempts = attempts
        self.reveal = reveal
        self.variants = variants
        self.promptHTML = promptHTML
        self.solutionHTML = solutionHTML
        self.questions = questions
        self.rubric = rubric
    }
}

/// The grader and the model as the server calls them. Pure: every call returns a value.
public protocol ExerciseEngine: Sendable {
    /// The case (or portfolio) of `variant` of the exercise, in the case format of model.md §1/§5,
    /// or nil for exercises without one.
    func data(for exercise: CourseExercise, variant: Int) -> JSONValue?

    /// The variant's figures as HTML tables (trusted HTML), shown beside the trainee's form.
    func tablesHTML(for exercise: CourseExercise, variant: Int) -> String?

    /// A trainee's own distributor's figures as HTML tables, as a course case's are shown.
    func tablesHTML(of ownCase: Case) -> String?

    /// Grades a submission (`{"answers": …}` or `{"plan": …}`) of the given variant, in one
    /// call: the full grade (`expected` present, what the trainer sees and the store keeps)
    /// and the trainee's view before the reveal (no `expected`, and no feedback that names
    /// the right answer).
    /// `ownCase`: the trainee's own distributor, for a `case: own` plan exercise.
    func grade(_ exercise: CourseExercise, variant: Int, submission: JSONValue, ownCase: Case?) -> (full: Grade, trainee: Grade)

    /// A ScoreCard check-in of a submitted plan (model.md §7): each measure's status.
    func checkIn(plan: JSONValue, date: String, values: JSONValue) throws(CheckInError) -> JSONValue

    /// The review of the variant's case (review and plan exercises), whose figures the plan
    /// builder and the charts show; nil for exercises without a case.
    func review(for exercise: CourseExercise, variant: Int) -> Review?

    /// A role-play player's grade from their observers' marks (the mean of their checklist
    /// scores); nil for an exercise that is not a role-play.
    func roleplayGrade(_ exercise: CourseExercise, observations: [RoleplayGrading.Observation]) -> Grade?

    /// The problems of one observer's marks (unknown or missing checklist items), in Chinese.
    func roleplayProblems(_ exercise: CourseExercise, marks: [String: Bool]) -> [String]
}

extension ExerciseEngine {
    /// An engine without role-plays (a test's) grades none.
    public func roleplayGrade(_ exercise: CourseExercise, observations: [RoleplayGrading.Observation]) -> Grade? { nil }
    public func roleplayProblems(_ exercise: CourseExercise, marks: [String: Bool]) -> [String] { [] }

    public func tablesHTML(of ownCase: Case) -> String? { nil }

    /// By default an exercise has no case to review.
    public func review(for exercise: CourseExercise, variant: Int) -> Review? { nil }
}

/// A check-in the model could not read (unknown measure, bad date).
public struct CheckInError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Everything the server serves from disk: loaded, checked and rendered once at start-up.
public struct CourseContent: Sendable {
    public var title: String
    public var titleEn: String
    public var modules: [CourseModule]
    public var exercises: [CourseExercise]
    public var engine: any ExerciseEngine
    /// Trainee-written Markdown to safe HTML (raw HTML dropped, unsafe links emptied).
    public var renderTraineeMarkdown: @Sendable (String) -> String
    /// The Markdown files of `course/downloads/`, rendered once, by file name (the data request).
    public var downloadPages: [String: String] = [:]

    /// A rendered download (`data-request.md`), or nil.
    public func downloadHTML(_ name: String) -> String? { downloadPages[name] }

    public init(
        title: String, titleEn: String, modules: [CourseModule], exercises: [CourseExercise],
        engine: any ExerciseEngine, renderTraineeMarkdown: @escaping @Sendable (String) -> String
    ) {
        self.title = title
        self.titleEn = titleEn
        self.modules = modules.sorted { $0.order < $1.order }
        self.exercises = exercises
        self.engine = engine
        self.renderTraineeMarkdown = renderTraineeMarkdown
        self.exercisesByID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private var exercisesByID: [String: CourseExercise]

    /// The exercise with this id.
    public func exercise(_ id: String) -> CourseExercise? { exercisesByID[id] }

    /// The module with this id.
    public func module(_ id: String) -> CourseModule? { modules.first { $0.id == id } }

    /// Exercises in course order: by module, then as placed in it, then the rest by id.
    public var exercisesInOrder: [CourseExercise] {
        var seen = Set<String>()
        var ordered: [CourseExercise] = []
        for module in modules {
            for id in module.exerciseIDs where !seen.contains(id) {
                if let exercise = exercisesByID[id] {
                    ordered.append(exercise)
                    seen.insert(id)
                }
            }
        }
        for exercise in exercises.sorted(by: { $0.id < $1.id }) where !seen.contains(exercise.id) {
            ordered.append(exercise)
        }
        return ordered
    }
}
