import JBPModel

/// Grades the answers of a review exercise against its key.
struct ReviewGrading {
    let key: ReviewKey
    let options: GradeOptions

    var language: Language { options.language }

    func grade(_ answers: [(key: String, value: JSONValue)]) -> (items: [GradeItem], errors: [Message]) {
        let keys = key.questions
        var errors: [Message] = []
        // Where each question's answer is in `answers` (-1: not answered).
        var position = [Int](repeating: -1, count: keys.count)
        var next = 0
        for (index, answer) in answers.enumerated() {
            // Answers usually come in the exercise's order, some left out:
            // look a little ahead before hashing.
            var found = -1
            var i = next
            while i < keys.count, i < next + 4 {
                if keys[i].id == answer.key { found = i; break }
                i += 1
            }
            if found < 0, let i = key.index[answer.key] { found = i }
            if found >= 0 {
                position[found] = index
                next = found + 1
            } else {
                errors.append(Message("未知的题号“\(answer.key)”", "unknown question id \"\(answer.key)\""))
            }
        }
        var items: [GradeItem] = []
        items.reserveCapacity(keys.count)
        for i in keys.indices {
            switch item(keys[i], position[i] < 0 ? nil : answers[position[i]].value) {
            case .success(let item): items.append(item)
            case .failure(let problem): errors.append(problem)
            }
        }
        return (items, errors)
    }

    func item(_ answer: QuestionKey, _ given: JSONValue?) -> Result<GradeItem, Message> {
        let texts = answer.texts(options)
        let points = answer.points
        let shownExpected = options.withholdsAnswers ? nil : answer.expectedJSON
        func make(_ awarded: Double, _ feedback: String, _ misconception: String? = nil) -> GradeItem {
            GradeItem(id: answer.id, points: points, awarded: Grader.rounded(awarded),
                      correct: awarded >= points, expected: shownExpected, given: given == .null ? nil : given,
                      feedback: feedback, misconception: misconception)
        }
        switch answer.kind {
        case .missing:
            // An error of the exercise, not of the trainee: reported by `jbp check`.
            return .success(make(0, texts.missing))

        case .number:
            let value: Double
            switch AnswerReading.number(given) {
            case .none: return .success(make(0, texts.unanswered))
            case .problem(let problem): return .failure(Message("\(answer.id)：\(problem.message(.zh))", "\(answer.id): \(problem.message(.en))"))
            case .number(let number): value = number
            }
            let figure = answer.figure
            let tolerance = answer.tolerance
            if tolerance.accepts(value, figure) {
                return .success(make(points, texts.correct))
            }
            if answer.unit == .rate, tolerance.timesHundred.accepts(value, figure * 100) {
                return .success(make(0, texts.percentPoints))
            }
            // Two slips may land close together (net margin and ROI without rebates, say): the nearer one is named.
            var nearest: Int?
            for (i, slip) in answer.slipValues.enumerated() where tolerance.accepts(value, slip) {
                if let best = nearest, abs(answer.slipValues[best] - value) <= abs(slip - value) { continue }
                nearest = i
            }
            if let i = nearest {
                return .success(make(0, texts.slips[i], answer.slipIDs[i]))
            }
            return .success(make(0, value > figure ? texts.tooHigh : texts.tooLow))

        case .ranking:
            let named: [Area]
            switch AnswerReading.areas(given) {
            case .none: return .success(make(0, texts.unanswered))
            case .problem(let text):
                return .failure(Message("\(answer.id)：“\(text)”不是六个领域之一（覆盖、终端、库存、物流、财务、团队）",
                                        "\(answer.id): \"\(text)\" is not one of the six areas (coverage, terminal, inventory, logistics, finance, team)"))
            case .areas(let list): named = list
            }
            let areas = answer.areas
            let score = Ranking.score(named, expected: areas, points: points)
            if score.awarded >= points { return .success(make(score.awarded, texts.correct)) }
            let total = areas.count
            var feedback = language.pick(
                "应有的 \(total) 个领域中你列出了 \(score.named) 个，其中 \(score.placed) 个位置正确。",
                "You named \(score.named) of the \(total) areas expected, \(score.placed) of them in the right place.")
            if named.count > total {
                feedback += language.pick(" 只计前 \(total) 个：多列的不算。", " Only the first \(total) count.")
            }
            return .success(make(score.awarded, feedback + texts.rankingHint))

        case .text:
            guard case .string(let text)? = given, !text.isBlank else {
                if given == nil || given == .null { return .success(make(0, texts.unanswered)) }
                return .failure(Message("\(answer.id)：应填文字", "\(answer.id): a text was expected"))
            }
            let right = AnswerReading.sameText(text, answer.text)
            return .success(make(right ? points : 0, right ? texts.correct : texts.textWrong))
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
        // Areas as bits: each expected area named once, however often it is repeated.
        var expectedBits = 0
        for area in expected { expectedBits |= 1 << area.order }
        var namedBits = 0
        var placed = 0
        for (i, area) in given.prefix(expected.count).enumerated() {
            namedBits |= (1 << area.order) & expectedBits
            if area == expected[i] { placed += 1 }
        }
        let named = namedBits.nonzeroBitCount
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
        var areas: [Area] = []
        areas.reserveCapacity(names.count)
        for name in names {
            if let area = Area(name: name) {
                areas.append(area)
            } else if !name.isBlank {
                return .problem(name)
            }
        }
        return areas.isEmpty ? .none : .areas(areas)
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
