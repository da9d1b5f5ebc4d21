import JBPModel

/// How a grade is written.
public struct GradeOptions: Sendable, Equatable {
    /// The language of feedback and format errors (default Chinese, the course's).
    public var language: Language
    /// Grading for a trainee before the exercise reveals its solution: items
    /// carry no `expected` value and no message names the right answer (the
    /// CLI and the trainer see everything).
    public var trainee: Bool

    /// Options for a grade in `language`, for a trainee or not.
    public init(language: Language = .zh, trainee: Bool = false) {
        self.language = language
        self.trainee = trainee
    }

    var withholdsAnswers: Bool { trainee }
}

/// Grades submissions: a grade is a pure function of the exercise, the
/// variant and the submission (exercises.md "A grade").
public enum Grader {
    /// Grades `submission` on `exercise`. The variant is `variant` if given,
    /// else the submission's own, else 0.
    public static func grade(_ exercise: Exercise, variant: Int? = nil, submission: Submission,
                             options: GradeOptions = GradeOptions()) -> Grade {
        let number = variant ?? submission.variant ?? 0
        guard number >= 0 else {
            return unreadable(exercise, variant: number, [Message("variant 不能小于 0", "variant cannot be below 0")], options)
        }
        do {
            return grade(exercise, key: try exercise.answerKey(variant: number), submission: submission, options: options)
        } catch {
            return unreadable(exercise, variant: number,
                              [Message("无法生成第 \(number) 套数据：\(error.message)", "variant \(number) cannot be built: \(error.message)")], options)
        }
    }

    /// Grades `submission` against a key computed beforehand (see
    /// ``AnswerKey``): what a server regrading many submissions of one
    /// variant, or the benchmark, calls.
    public static func grade(_ exercise: Exercise, key: AnswerKey, submission: Submission,
                             options: GradeOptions = GradeOptions()) -> Grade {
        // A text that could not be read at all has nothing more to say.
        guard submission.problems.isEmpty else { return unreadable(exercise, variant: key.variant, submission.problems, options) }
        var errors: [Message] = []
        if let named = submission.exercise, named != exercise.id {
            errors.append(Message("这份提交是练习 \(named) 的，不是 \(exercise.id) 的",
                                  "the submission is for exercise \(named), not \(exercise.id)"))
        }
        guard key.exercise == exercise.id else {
            errors.append(Message("答案表属于练习 \(key.exercise)，不是 \(exercise.id)", "the answer key is of exercise \(key.exercise), not \(exercise.id)"))
            return unreadable(exercise, variant: key.variant, errors, options)
        }
        if case .plan(let plan) = exercise.content, plan.isOwnCase, case .none = key.body {
            errors.append(Message(
                "这份计划要对照你自己负责的经销商的数据评分：请先在「我的经销商」里录入他的数据",
                "this plan is graded against your own distributor's figures: enter them under 我的经销商 (My distributor) first"))
            return unreadable(exercise, variant: key.variant, errors, options)
        }
        var result: (items: [GradeItem], errors: [Message])
        // The key's body says the kind; only quiz and text read the exercise itself.
        if case .plan(let planKey) = key.body {
            guard let plan = submission.plan else {
                errors.append(submission.answers != nil
                    ? Message("这是计划练习：请提交 plan，而不是 answers", "this is a plan exercise: submit a plan, not answers")
                    : Message("没有找到计划（plan）", "no plan was found"))
                return unreadable(exercise, variant: key.variant, errors, options)
            }
            result = gradePlan(plan, key: planKey, options: options)
        } else {
            guard let answers = submission.answers else {
                errors.append(submission.planJSON != nil
                    ? Message("这不是计划练习：请提交 answers", "this is not a plan exercise: submit answers")
                    : Message("没有找到答案（answers）", "no answers were found"))
                return unreadable(exercise, variant: key.variant, errors, options)
            }
            switch key.body {
            case .review(let reviewKey):
                result = ReviewGrading(key: reviewKey, options: options).grade(answers)
            case .segmentation(let segmentationKey):
                result = gradeSegmentation(answers, key: segmentationKey, options: options)
            case .none, .plan:
                switch exercise.content {
                case .quiz(let quiz): result = gradeQuiz(answers, quiz: quiz, options: options)
                case .text(let text): result = gradeText(answers, text: text, options: options)
                case .roleplay:
                    // A role-play is scored by its observers (RoleplayGrading), not from answers.
                    errors.append(Message(
                        "角色扮演由观察员按检查表评分：观察员请提交 observations", "a role-play is scored by its observers on the checklist: observers submit observations"))
                    result = ([], [])
                default:
                    errors.append(Message("答案表与练习不符", "the answer key does not belong to this exercise"))
                    result = ([], [])
                }
            }
        }
        errors += result.errors
        guard errors.isEmpty else { return unreadable(exercise, variant: key.variant, errors, options) }
        let score = result.items.reduce(0) { $0 + $1.awarded }
        return Grade(exercise: exercise.id, variant: key.variant, gradable: true, formatErrors: [],
                     score: rounded(score), maxScore: exercise.maxScore, needsManual: exercise.needsManual, items: result.items)
    }

    /// The two views of one submission at once: the full grade (the trainer's and the
    /// store's) and what a trainee may read before the reveal. A text exercise's checks say
    /// nothing a trainee may not read (they count words and find figures), so its trainee
    /// view is the full grade without `expected`: it is graded once, and its case-folding
    /// searches, the costliest part of a submission, run once. A quiz, a review, a
    /// segmentation and a plan word some of their feedback differently for a trainee
    /// (no right answer named), so their trainee view is a second pass over the same key
    /// and the same parsed submission, which costs a few microseconds.
    public static func views(_ exercise: Exercise, key: AnswerKey, submission: Submission,
                             language: Language = .zh) -> (full: Grade, trainee: Grade) {
        let full = grade(exercise, key: key, submission: submission, options: GradeOptions(language: language))
        if case .text = exercise.content { return (full, full.withoutExpected) }
        guard full.gradable else { return (full, full) }
        let trainee = grade(exercise, key: key, submission: submission, options: GradeOptions(language: language, trainee: true))
        return (full, trainee.withoutExpected)
    }

    /// A grade for a submission that cannot be read: no score, no attempt used.
    static func unreadable(_ exercise: Exercise, variant: Int, _ errors: [Message], _ options: GradeOptions) -> Grade {
        Grade(exercise: exercise.id, variant: variant, gradable: false, formatErrors: errors.map { $0.text(options.language) },
              score: 0, maxScore: exercise.maxScore, needsManual: false, items: [])
    }

    /// Points to four decimals, so that thirds of a ranking's points add up cleanly.
    static func rounded(_ points: Double) -> Double {
        (points * 10_000).rounded() / 10_000
    }

    // MARK: Plan

    static func gradePlan(_ plan: Plan, key: PlanKey, options: GradeOptions) -> (items: [GradeItem], errors: [Message]) {
        let caseID = key.review.case.id
        if let named = plan.caseID, named != caseID {
            return ([], [Message("这份计划写的是案例 \(named)，本练习的案例是 \(caseID)",
                                 "the plan is for case \(named), this exercise is on \(caseID)")])
        }
        return (PlanChecks(plan: plan, key: key, options: options).items(), [])
    }

    // MARK: Segmentation

    static func gradeSegmentation(_ answers: [(key: String, value: JSONValue)], key: SegmentationKey,
                                  options: GradeOptions) -> (items: [GradeItem], errors: [Message]) {
        let points = key.points
        let language = options.language
        var errors: [Message] = []
        var given = [Segment?](repeating: nil, count: key.segmentation.distributors.count)
        var givenValues = [JSONValue?](repeating: nil, count: given.count)
        for (id, value) in answers {
            guard let i = key.index[id] else {
                errors.append(Message("未知的经销商“\(id)”", "unknown distributor \"\(id)\""))
                continue
            }
            switch value {
            case .null: continue
            case .string(let name) where name.isBlank: continue
            case .string(let name):
                guard let segment = Segment(name: name) else {
                    errors.append(Message("\(id)：“\(name)”不是分类之一（重点、潜力、优势、一般，或 key、potential、advantaged、general）",
                                          "\(id): \"\(name)\" is not a segment (key, potential, advantaged, general, or 重点, 潜力, 优势, 一般)"))
                    continue
                }
                given[i] = segment
                givenValues[i] = value
            default:
                errors.append(Message("\(id)：应填一个分类名称", "\(id): a segment name was expected"))
            }
        }
        guard errors.isEmpty else { return ([], errors) }
        let s = key.segmentation
        let items = s.distributors.enumerated().map { i, entry -> GradeItem in
            let expected = JSONValue.string(entry.segment.rawValue)
            guard let answer = given[i] else {
                return GradeItem(id: entry.distributor.id, points: points, awarded: 0, correct: false,
                                 expected: options.trainee ? nil : expected, given: nil,
                                 feedback: language.pick("未作答。", "Not answered."), misconception: nil)
            }
            if answer == entry.segment {
                return GradeItem(id: entry.distributor.id, points: points, awarded: points, correct: true,
                                 expected: options.trainee ? nil : expected, given: givenValues[i],
                                 feedback: language.pick("正确。", "Correct."), misconception: nil)
            }
            let slip = key.slips[i].first { $0.segment == answer }
            var feedback = slip.map { $0.message.text(language) + " " } ?? ""
            if options.trainee {
                feedback += language.pick("分类不正确：用销售额对比规模门槛，用发展空间（1 − 销售额 ÷ 市场潜力）对比空间门槛。",
                                          "Not the right segment: compare sales with the scale threshold, and headroom (1 − sales ÷ market potential) with the headroom threshold.")
            } else {
                let sales = Figures.format(entry.distributor.sales, .money)
                let threshold = Figures.format(s.scaleThreshold, .money)
                let headroom = Figures.format(entry.headroom, .rate)
                let headroomThreshold = Figures.format(s.headroomThreshold, .rate)
                feedback += language.pick(
                    "应为\(entry.segment.display(.zh))：销售额 \(sales) \(entry.highScale ? "≥" : "<") 规模门槛 \(threshold)（规模\(entry.highScale ? "高" : "低")），发展空间 \(headroom) \(entry.highPotential ? "≥" : "<") \(headroomThreshold)（潜力\(entry.highPotential ? "高" : "低")）。",
                    "Expected \(entry.segment.rawValue): sales \(sales) \(entry.highScale ? "≥" : "<") the scale threshold \(threshold) (\(entry.highScale ? "high" : "low") scale), headroom \(headroom) \(entry.highPotential ? "≥" : "<") \(headroomThreshold) (\(entry.highPotential ? "high" : "low") potential).")
            }
            return GradeItem(id: entry.distributor.id, points: points, awarded: 0, correct: false,
                             expected: options.trainee ? nil : expected, given: givenValues[i],
                             feedback: feedback, misconception: slip?.id)
        }
        return (items, [])
    }

    // MARK: Quiz

    static func gradeQuiz(_ answers: [(key: String, value: JSONValue)], quiz: QuizExercise,
                          options: GradeOptions) -> (items: [GradeItem], errors: [Message]) {
        let language = options.language
        var errors: [Message] = []
        var given: [String: (keys: [String], value: JSONValue)] = [:]
        for (id, value) in answers {
            guard let question = quiz.questions.first(where: { $0.id == id }) else {
                errors.append(Message("未知的题号“\(id)”", "unknown question id \"\(id)\""))
                continue
            }
            switch chosenKeys(value, question) {
            case .success(let keys): if !keys.isEmpty { given[id] = (keys, value) }
            case .failure(let problem): errors.append(problem)
            }
        }
        guard errors.isEmpty else { return ([], errors) }
        let items = quiz.questions.map { question -> GradeItem in
            let expected: JSONValue = question.multiple ? .array(question.answer.map(JSONValue.string)) : .string(question.answer[0])
            let shownExpected = options.trainee ? nil : expected
            guard let answer = given[question.id] else {
                return GradeItem(id: question.id, points: question.points, awarded: 0, correct: false, expected: shownExpected,
                                 given: nil, feedback: language.pick("未作答。", "Not answered."), misconception: nil)
            }
            let correct = Set(answer.keys) == Set(question.answer)
            var feedback: String
            if correct {
                feedback = language.pick("正确。", "Correct.")
                if let explain = question.explain { feedback += " " + explain }
            } else if options.trainee {
                feedback = question.multiple
                    ? language.pick("不正确：本题有 \(question.answer.count) 个正确选项，要全部选对且不多选。",
                                    "Not right: this question has \(question.answer.count) right choices; choose all of them and no other.")
                    : language.pick("不正确。", "Not right.")
            } else {
                feedback = language.pick("不正确，正确答案是 \(question.answer.joined(separator: "、"))。",
                                         "Not right; the answer is \(question.answer.joined(separator: ", ")).")
                if let explain = question.explain { feedback += " " + explain }
            }
            return GradeItem(id: question.id, points: question.points, awarded: correct ? question.points : 0, correct: correct,
                             expected: shownExpected, given: answer.value, feedback: feedback, misconception: nil)
        }
        return (items, [])
    }

    /// The choice keys an answer names: `"B"`, `["A", "C"]`, `"A, C"`, `"AC"`
    /// (when every key is one letter); keys match without regard to case.
    static func chosenKeys(_ value: JSONValue, _ question: QuizQuestion) -> Result<[String], Message> {
        func key(_ text: String) -> String? {
            let wanted = text.trimmedSpaces.lowercased()
            return question.choices.first { $0.key.lowercased() == wanted }?.key
        }
        func unknown(_ text: String) -> Message {
            let keys = question.choices.map(\.key).joined(separator: "、")
            return Message("\(question.id)：“\(text)”不是本题的选项（\(keys)）", "\(question.id): \"\(text)\" is not one of the choices (\(keys))")
        }
        var names: [String]
        switch value {
        case .null: return .success([])
        case .string(let text):
            if text.isBlank { return .success([]) }
            if let single = key(text) { return .success([single]) }
            names = text.split(whereSeparator: { ",，、;； /".contains($0) }).map(String.init)
            if names.count == 1, question.choices.allSatisfy({ $0.key.count == 1 }) {
                names = text.trimmedSpaces.map { String($0) }
            }
        case .array(let items):
            names = []
            for item in items {
                guard case .string(let text) = item else {
                    return .failure(Message("\(question.id)：应填选项字母", "\(question.id): choice keys were expected"))
                }
                names.append(text)
            }
        default:
            return .failure(Message("\(question.id)：应填选项字母", "\(question.id): choice keys were expected"))
        }
        var keys: [String] = []
        for name in names {
            guard let found = key(name) else { return .failure(unknown(name)) }
            if !keys.contains(found) { keys.append(found) }
        }
        return .success(keys)
    }

    // MARK: Text

    static func gradeText(_ answers: [(key: String, value: JSONValue)], text exercise: TextExercise,
                          options: GradeOptions) -> (items: [GradeItem], errors: [Message]) {
        let language = options.language
        var errors: [Message] = []
        var written: String?
        for (id, value) in answers {
            guard id == "text" else {
                errors.append(Message("未知的键“\(id)”：文字练习只有 text", "unknown key \"\(id)\": a text exercise has only text"))
                continue
            }
            switch value {
            case .string(let text): written = text
            case .null: written = nil
            default: errors.append(Message("text 应是一段文字", "text must be a text"))
            }
        }
        guard errors.isEmpty else { return ([], errors) }
        let text = written?.trimmedSpaces ?? ""
        let characters = text.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
        let items = exercise.checks.map { check -> GradeItem in
            guard !text.isEmpty else {
                return GradeItem(id: check.id, points: check.points, awarded: 0, correct: false, expected: nil, given: nil,
                                 feedback: language.pick("未作答。", "Not answered."), misconception: nil)
            }
            let passed: Bool
            let feedback: String
            var given: JSONValue?
            var expected: JSONValue?
            switch check.rule {
            case .maxChars(let limit):
                passed = characters <= limit
                given = .number(Double(characters))
                expected = .number(Double(limit))
                feedback = passed ? language.pick("共 \(characters) 字，不超过 \(limit) 字。", "\(characters) characters, within \(limit).")
                    : language.pick("共 \(characters) 字，超过上限 \(limit) 字。", "\(characters) characters, more than the limit of \(limit).")
            case .minChars(let limit):
                passed = characters >= limit
                given = .number(Double(characters))
                expected = .number(Double(limit))
                feedback = passed ? language.pick("共 \(characters) 字，达到 \(limit) 字。", "\(characters) characters, at least \(limit).")
                    : language.pick("共 \(characters) 字，少于 \(limit) 字。", "\(characters) characters, fewer than \(limit).")
            case .containsNumber:
                passed = text.unicodeScalars.contains { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
                feedback = passed ? language.pick("含有具体数字。", "It contains a figure.")
                    : language.pick("没有具体数字：用一个数字说明收益（如 ROI、销售额、天数）。", "It contains no figure: state the benefit with a number (ROI, sales, days).")
            case .mentionsAny(let terms):
                let lowered = Array(text.lowercased().utf8)
                let found = terms.filter { Self.contains(lowered, Array($0.lowercased().utf8)) }
                passed = !found.isEmpty
                given = found.isEmpty ? nil : .array(found.map(JSONValue.string))
                feedback = passed ? language.pick("提到了：\(found.joined(separator: "、"))。", "It mentions: \(found.joined(separator: ", ")).")
                    : language.pick("应至少提到其中之一：\(terms.joined(separator: "、"))。", "It should mention at least one of: \(terms.joined(separator: ", ")).")
            }
            return GradeItem(id: check.id, points: check.points, awarded: passed ? check.points : 0, correct: passed,
                             expected: expected, given: given, feedback: feedback, misconception: nil)
        }
        return (items, [])
    }

    /// Whether `needle` occurs in `haystack` (both UTF-8, already lowercased): a plain byte
    /// search. Foundation's `contains` (locale-aware folding through CFString) was the costliest
    /// step of a text submission in a profile; UTF-8 is self-synchronising, so a byte match of
    /// whole characters is a character match.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
