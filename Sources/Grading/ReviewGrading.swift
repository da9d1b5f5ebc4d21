import JBPModel

/// Grades the answers of a review exercise against its key.
struct ReviewGrading {
    let questions: [ReviewQuestion]
    let key: ReviewKey
    let options: GradeOptions

    var language: Language { options.language }

    func grade(_ answers: [(key: String, value: JSONValue)]) -> (items: [GradeItem], errors: [Message]) {
        var errors: [Message] = []
        var given = [JSONValue?](repeating: nil, count: questions.count)
        for (id, value) in answers {
            guard let i = key.index[id] else {
                errors.append(Message("未知的题号“\(id)”", "unknown question id \"\(id)\""))
                continue
            }
            given[i] = value
        }
        var items: [GradeItem] = []
        items.reserveCapacity(questions.count)
        for (i, question) in questions.enumerated() {
            switch item(question, key.expected[i], given[i]) {
            case .success(let item): items.append(item)
            case .failure(let problem): errors.append(problem)
            }
        }
        return (items, errors)
    }

    func item(_ question: ReviewQuestion, _ expected: ExpectedAnswer, _ given: JSONValue?) -> Result<GradeItem, Message> {
        let shownExpected = options.withholdsAnswers ? nil : expected.json
        func make(_ awarded: Double, _ feedback: String, _ misconception: String? = nil) -> GradeItem {
            GradeItem(id: question.id, points: question.points, awarded: Grader.rounded(awarded),
                      correct: awarded >= question.points, expected: shownExpected, given: given.flatMap { $0 == .null ? nil : $0 },
                      feedback: feedback, misconception: misconception)
        }
        let unanswered = make(0, language.pick("未作答。", "Not answered."))
        switch expected {
        case .missing(let reason):
            // An error of the exercise, not of the trainee: reported by `jbp check`.
            return .success(make(0, language.pick("本题无法评分（练习配置有误：\(reason)），请告知讲师。",
                                                  "This question cannot be graded (the exercise is wrong: \(reason)); tell the trainer.")))

        case .number(let figure, let unit, let tolerance, let slips):
            let value: Double
            switch AnswerReading.number(given) {
            case .none: return .success(unanswered)
            case .problem(let problem): return .failure(Message("\(question.id)：\(problem.message(.zh))", "\(question.id): \(problem.message(.en))"))
            case .number(let number): value = number
            }
            if tolerance.accepts(value, figure) {
                return .success(make(question.points, language.pick("正确。", "Correct.")))
            }
            let reveal = options.withholdsAnswers ? "" : language.pick("正确答案是 \(shown(figure, unit))。", " The answer is \(shown(figure, unit)).")
            if unit == .rate, tolerance.timesHundred.accepts(value, figure * 100) {
                return .success(make(0, language.pick(
                    "看起来你填的是百分点数（百分数去掉了 % 号）。比率要写成小数，或者带上 % 号。\(reveal)",
                    "This looks like percent points (a percentage without its % sign). Write a rate as a fraction, or with the % sign.\(reveal)")))
            }
            // Two slips may land close together (net margin and ROI without rebates, say): the nearer one is named.
            if let slip = slips.filter({ tolerance.accepts(value, $0.1) }).min(by: { abs($0.1 - value) < abs($1.1 - value) }) {
                return .success(make(0, slip.0.message.text(language) + reveal, slip.0.id))
            }
            let direction = value > figure ? language.pick("偏高", "too high") : language.pick("偏低", "too low")
            if options.withholdsAnswers {
                return .success(make(0, language.pick("不正确：\(direction)，超出允许误差（\(toleranceText(tolerance, unit))）。请检查公式和取数。",
                                                      "Not right: \(direction), beyond the tolerance (\(toleranceText(tolerance, unit))). Check the formula and the figures used.")))
            }
            return .success(make(0, language.pick(
                "不正确：你的答案 \(shown(value, unit)) \(direction)，正确答案是 \(shown(figure, unit))（允许误差 \(toleranceText(tolerance, unit))）。",
                "Not right: your \(shown(value, unit)) is \(direction); the answer is \(shown(figure, unit)) (tolerance \(toleranceText(tolerance, unit))).")))

        case .ranking(let areas):
            let named: [Area]
            switch AnswerReading.areas(given) {
            case .none: return .success(unanswered)
            case .problem(let text):
                return .failure(Message("\(question.id)：“\(text)”不是六个领域之一（覆盖、终端、库存、物流、财务、团队）",
                                        "\(question.id): \"\(text)\" is not one of the six areas (coverage, terminal, inventory, logistics, finance, team)"))
            case .areas(let list): named = list
            }
            let score = Ranking.score(named, expected: areas, points: question.points)
            let total = areas.count
            var feedback = language.pick(
                "应有的 \(total) 个领域中你列出了 \(score.named) 个，其中 \(score.placed) 个位置正确。",
                "You named \(score.named) of the \(total) areas expected, \(score.placed) of them in the right place.")
            if named.count > total {
                feedback += language.pick(" 只计前 \(total) 个：多列的不算。", " Only the first \(total) count.")
            }
            if score.awarded >= question.points {
                feedback = language.pick("正确。", "Correct.")
            } else if !options.withholdsAnswers {
                feedback += language.pick(" 正确顺序：\(areas.map { $0.display(.zh) }.joined(separator: " > "))。",
                                          " The right order: \(areas.map(\.rawValue).joined(separator: " > ")).")
            } else {
                feedback += language.pick(" 按每个领域关闭 GAP 后的 ROI 提升从大到小排序。", " Rank the areas by the ROI gain of closing each GAP, largest first.")
            }
            return .success(make(score.awarded, feedback))

        case .text(let text):
            guard case .string(let answer)? = given, !answer.trimmedSpaces.isEmpty else {
                if given == nil || given == .null { return .success(unanswered) }
                return .failure(Message("\(question.id)：应填文字", "\(question.id): a text was expected"))
            }
            let right = AnswerReading.sameText(answer, text)
            let feedback = right ? language.pick("正确。", "Correct.")
                : options.withholdsAnswers ? language.pick("不正确。", "Not right.")
                : language.pick("不正确，正确答案是 \(text)。", "Not right; the answer is \(text).")
            return .success(make(right ? question.points : 0, feedback))
        }
    }

    func shown(_ value: Double, _ unit: FigureUnit) -> String {
        unit == .rate ? Figures.rateWithPercent(value) : Figures.format(value, unit)
    }

    func toleranceText(_ tolerance: Tolerance, _ unit: FigureUnit) -> String {
        switch tolerance {
        case .absolute(let bound) where bound == 0: return language.pick("须完全一致", "exact")
        case .absolute(let bound): return "±" + Figures.format(bound, unit == .rate ? .ratio : unit)
        case .relative(let bound): return "±" + Figures.format(bound * 100, .ratio) + "%"
        }
    }
}

/// The ranking score of exercises.md: of a question's points, half is
/// shared by how many of the expected areas the answer names, half by how
/// many stand in the right place. Only the first N areas of the answer
/// count (N = the number expected), so that listing all six does not
/// collect the first half for free.
enum Ranking {
    struct Score: Equatable {
        var named: Int
        var placed: Int
        var awarded: Double
    }

    static func score(_ given: [Area], expected: [Area], points: Double) -> Score {
        guard !expected.isEmpty else {
            return Score(named: 0, placed: 0, awarded: given.isEmpty ? points : 0)
        }
        let considered = Array(given.prefix(expected.count))
        var seen = Set<Area>()
        let named = considered.filter { expected.contains($0) && seen.insert($0).inserted }.count
        let placed = zip(considered, expected).filter { $0 == $1 }.count
        let n = Double(expected.count)
        let awarded = points / 2 * Double(named) / n + points / 2 * Double(placed) / n
        return Score(named: named, placed: placed, awarded: awarded)
    }
}

/// Reading one answer's value.
enum AnswerReading {
    enum NumberAnswer {
        case none
        case number(Double)
        case problem(NumberProblem)
    }

    /// A JSON number, or text read by ``NumberReader``; null and empty text are no answer.
    static func number(_ value: JSONValue?) -> NumberAnswer {
        switch value {
        case nil, .null?: return .none
        case .number(let number)?: return number.isFinite ? .number(number) : .problem(.tooLong)
        case .string(let text)?:
            if text.utf8.allSatisfy({ $0 == 0x20 }) { return .none }
            switch NumberReader.read(text) {
            case .success(let number): return .number(number)
            case .failure(.empty): return .none
            case .failure(let problem): return .problem(problem)
            }
        case .bool?: return .problem(.wrongType("true/false"))
        case .array?: return .problem(.wrongType("list"))
        case .object?: return .problem(.wrongType("mapping"))
        }
    }

    enum AreaAnswer {
        case none
        case areas([Area])
        case problem(String)
    }

    /// A list of area names, or one text of names separated by commas, `、`,
    /// `>` or spaces.
    static func areas(_ value: JSONValue?) -> AreaAnswer {
        var names: [String]
        switch value {
        case nil, .null?: return .none
        case .string(let text)?:
            names = text.split(whereSeparator: { ",，、>＞;； ".contains($0) }).map(String.init)
        case .array(let items)?:
            names = []
            for item in items {
                guard case .string(let text) = item else { return .problem(JSONValue.numberText(item.doubleValue ?? 0) ?? "?") }
                names.append(text)
            }
        default:
            return .problem("?")
        }
        names = names.filter { !$0.trimmedSpaces.isEmpty }
        if names.isEmpty { return .none }
        var areas: [Area] = []
        for name in names {
            guard let area = Area(name: name) else { return .problem(name) }
            areas.append(area)
        }
        return .areas(areas)
    }

    /// Text answers match without regard to case or surrounding spaces; an
    /// area or opportunity kind also matches its Chinese name.
    static func sameText(_ given: String, _ expected: String) -> Bool {
        let answer = given.trimmedSpaces
        if answer.lowercased() == expected.lowercased() { return true }
        if let area = Area(rawValue: expected), Area(name: answer) == area { return true }
        if let kind = OpportunityKind(rawValue: expected), answer == kind.chineseName { return true }
        return false
    }
}
