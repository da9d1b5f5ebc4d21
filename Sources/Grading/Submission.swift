import JBPModel

/// What a trainee submitted, as read from JSON or YAML (exercises.md "A
/// submission"): `{exercise, variant, answers}`, `{exercise, plan}`, or a
/// bare plan. Reading never fails: a text that cannot be read is a
/// submission with `problems`, which grades as `gradable: false`. Whether
/// the answers fit the exercise (known question ids, numbers where numbers
/// are asked) is checked when grading, against the exercise.
public struct Submission: Sendable {
    /// The exercise id the submission names, if it names one.
    public var exercise: String?
    /// The variant the submission names (`variant:`), if any.
    public var variant: Int?
    /// The answers by question id (distributor id for segmentation, `text` for text).
    public var answers: [(key: String, value: JSONValue)]?
    /// The plan of a plan submission as submitted. Setting it reads it into
    /// ``plan``: a plan's form does not depend on the exercise, so it is
    /// decoded with the submission, and its problems are the submission's.
    public var planJSON: JSONValue? {
        didSet { decodePlan() }
    }
    /// The plan read into the model's type by the model's reader
    /// (`Plan.read(_:problems:)`, model.md §6): missing parts are allowed (the
    /// checks report them); wrong types, numbers written as text (`"55%"`) and
    /// unknown keys are problems, every one of them listed.
    public private(set) var plan: Plan?
    /// The score a sample expects (`expect_score`, samples only).
    public var expectScore: Double?
    /// Whether a sample expects to be gradable (`expect_gradable`, samples only; default true).
    public var expectGradable: Bool?
    /// Problems found in the text and its keys.
    var readingProblems: [Message] = []
    /// Problems found in the plan.
    private var planProblems: [Message] = []

    /// Problems found while reading: the submission is not gradable if there are any.
    public var problems: [Message] { readingProblems + planProblems }

    /// A submission naming `exercise`, with answers or a plan.
    public init(exercise: String? = nil, variant: Int? = nil,
                answers: [(key: String, value: JSONValue)]? = nil, plan: JSONValue? = nil) {
        self.exercise = exercise
        self.variant = variant
        self.answers = answers
        self.planJSON = plan
        decodePlan()
    }

    private mutating func decodePlan() {
        guard let planJSON else {
            plan = nil
            planProblems = []
            return
        }
        var problems: [ModelError] = []
        plan = Plan.read(Field(json: planJSON, file: "plan"), problems: &problems)
        planProblems = problems.map(Self.message)
    }

    /// A problem of the plan as the model's reader words it, at its key path:
    /// `计划格式有误：goals[0].target：应为数字，实际是文字“很高”`. The path stays in
    /// the file's keys, which is what a trainee who uploads YAML has in front of them.
    static func message(_ problem: ModelError) -> Message {
        let text = problem.path.isEmpty ? problem.message : "\(problem.path): \(problem.message)"
        let chinese = problem.chinese ?? problem.message
        return Message("计划格式有误：" + (problem.path.isEmpty ? chinese : "\(problem.path)：\(chinese)"), text)
    }

    /// The keys of a plan (model.md §6): a mapping with one of these and
    /// none of `answers`/`plan` is read as a bare plan.
    static let planKeys = Set(Plan.keys)

    /// The keys a submission file has besides its `answers` or `plan`: which exercise,
    /// which variant, and a sample's expectations.
    public static let ownKeys: Set<String> = ["exercise", "variant", "expect_score", "expect_gradable"]

    /// Reads a submission from JSON or YAML text. Text that starts with `{`
    /// or `[` is read as JSON first (the fast path: the server and the
    /// benchmark send JSON); anything else, or JSON that does not parse, as YAML.
    public static func read(_ text: String) -> Submission {
        switch parse(text) {
        case .success(let value): return from(value)
        case .failure(let problem):
            var submission = Submission()
            submission.readingProblems = [problem]
            return submission
        }
    }

    /// The tree of a JSON or YAML text, or why it cannot be read.
    public static func parse(_ text: String) -> Result<JSONValue, Message> {
        let first = text.utf8.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        var jsonFailure: JSONReader.Failure?
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            switch JSONReader.read(text) {
            case .success(let value): return .success(value)
            case .failure(let failure): jsonFailure = failure
            }
        }
        // The YAML reader builds its tree recursively: refuse absurd nesting before it sees it.
        var tooDeep = false
        if case .tooDeep? = jsonFailure?.problem { tooDeep = true }
        if tooDeep || bracketDepth(text) > JSONReader.Options.submissions.maxDepth {
            return .failure(Message("不是有效的 JSON 或 YAML：嵌套层数太多", "not valid JSON or YAML: nested too deeply"))
        }
        do {
            return .success(try Document.parse(text, file: "").jsonValue)
        } catch {
            // Text that starts like JSON but is neither JSON nor YAML: the JSON problem is the useful one.
            if let jsonFailure {
                let what = Self.wording(jsonFailure.problem)
                return .failure(Message("第\(jsonFailure.line)行：不是有效的 JSON：\(what)", "line \(jsonFailure.line): not valid JSON: \(what)"))
            }
            let what = error.message
            if let line = error.line, !what.hasPrefix("line ") {
                return .failure(Message("无法读取：第\(line)行：\(what)", "line \(line): \(what)"))
            }
            return .failure(Message("无法读取：\(what)", what))
        }
    }

    /// The deepest nesting of `[` and `{` in a text, quotes not considered:
    /// an upper bound of the nesting a YAML or JSON reader would build.
    static func bracketDepth(_ text: String) -> Int {
        var depth = 0
        var deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                deepest = max(deepest, depth)
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth = max(0, depth - 1)
            }
        }
        return deepest
    }

    /// A submission from a parsed tree.
    public static func from(_ root: JSONValue) -> Submission {
        var submission = Submission()
        guard case .object(let members) = root else {
            submission.readingProblems.append(Message("提交的内容应是一个键值表（exercise、answers 或 plan）",
                                               "a submission must be a mapping (exercise, answers or plan)"))
            return submission
        }
        var pairs = members
        let keys = Set(pairs.map(\.key))
        if keys.isDisjoint(with: ["answers", "plan"]), !keys.isDisjoint(with: planKeys) {
            // A bare plan: the submission's own keys (a sample's expectations,
            // say) are taken out, everything else is the plan.
            let own = ownKeys
            submission.planJSON = .object(pairs.filter { !own.contains($0.key) })
            pairs = pairs.filter { own.contains($0.key) }
        }
        for (key, value) in pairs {
            switch key {
            case "exercise":
                if case .string(let id) = value { submission.exercise = id } else {
                    submission.readingProblems.append(Message("exercise 应是练习的编号", "exercise must be the exercise's id"))
                }
            case "variant":
                if case .number(let n) = value, n == n.rounded(), n >= 0, n < 1e9 {
                    submission.variant = Int(n)
                } else if case .null = value {
                } else {
                    submission.readingProblems.append(Message("variant 应是不小于 0 的整数", "variant must be a whole number, 0 or more"))
                }
            case "answers":
                switch value {
                case .object(let answers): submission.answers = answers
                case .null: submission.answers = []
                default:
                    submission.readingProblems.append(Message("answers 应是“题号: 答案”的键值表", "answers must map question ids to answers"))
                }
            case "plan":
                submission.planJSON = value
            case "expect_score":
                if case .number(let score) = value, score.isFinite { submission.expectScore = score } else {
                    submission.readingProblems.append(Message("expect_score 应是数字", "expect_score must be a number"))
                }
            case "expect_gradable":
                if case .bool(let flag) = value { submission.expectGradable = flag } else {
                    submission.readingProblems.append(Message("expect_gradable 应是 true 或 false", "expect_gradable must be true or false"))
                }
            default:
                submission.readingProblems.append(Message("未知的键“\(key)”（可用：exercise、variant、answers、plan）",
                                                   "unknown key \"\(key)\" (known: exercise, variant, answers, plan)"))
            }
        }
        if submission.answers != nil, submission.planJSON != nil {
            submission.readingProblems.append(Message("answers 和 plan 只能给一个", "give either answers or plan, not both"))
        }
        return submission
    }

}

/// A message in both languages, for problems found before the language of
/// the grade is known (reading a submission happens once, grading may be
/// asked in either language).
public struct Message: Error, Equatable, Hashable, Sendable {
    /// The Chinese text.
    public var zh: String
    /// The English text.
    public var en: String

    /// A message with its Chinese and English texts.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    /// The message after a question id, as format errors name their place (`roi：…`).
    func prefixed(_ id: String) -> Message {
        Message("\(id)：\(zh)", "\(id): \(en)")
    }
}

extension Submission {
    /// What is wrong with a JSON text, as a trainee's format error says it.
    static func wording(_ problem: JSONReader.Problem) -> String {
        switch problem {
        case .endOfText: return "unexpected end of the text"
        case .trailingText: return "unexpected text after the JSON value"
        case .valueExpected, .unknownWord: return "a JSON value was expected"
        case .keyExpected: return "a key in double quotes was expected"
        case .colonExpected: return "`:` was expected after a key"
        case .commaOrBraceExpected: return "`,` or `}` was expected"
        case .commaOrBracketExpected: return "`,` or `]` was expected"
        case .leadingZero: return "a number may not start with 0"
        case .digitsAfterPoint: return "digits were expected after the decimal point"
        case .digitsInExponent: return "digits were expected in the exponent"
        case .notUTF8: return "the text is not valid UTF-8"
        case .loneSurrogate: return "a lone surrogate in a \\u escape"
        case .badUnicodeEscape: return "an invalid \\u escape"
        case .unknownEscape: return "an invalid escape in a text"
        case .controlCharacter: return "a control character in a text"
        case .unclosedString: return "a text is not closed"
        case .tooDeep: return "nested too deeply"
        case .outOfRange(let numeral): return "the number \(numeral) is out of range"
        }
    }
}
