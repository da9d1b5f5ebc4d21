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
            var value: Double
            // A unit the prompt names may follow the number (exercises.md); percentage points too
            // where the question asks for them.
            var reading = given
            var percentSign = false
            if case .string(let text)? = given {
                switch AnswerReading.unitStripped(text, key: answer) {
                case .failure(let problem): return .failure(problem.prefixed(answer.id))
                case .success(let stripped):
                    reading = .string(stripped.text)
                    percentSign = stripped.percent
                }
            }
            switch AnswerReading.number(reading) {
            case .none: return .success(make(0, texts.unanswered))
            case .problem(let problem): return .failure(Message("\(answer.id)：\(problem.message(.zh))", "\(answer.id): \(problem.message(.en))"))
            case .number(let number): value = number
            }
            let figure = answer.figure
            let tolerance = answer.tolerance
            // 百分点: 4.38 (or 4.38个百分点, 4.38pp) is 0.0438; with a % sign it was read as 0.0438 already.
            let bare = value
            if answer.inPoints, !percentSign { value /= 100 }
            if tolerance.accepts(value, figure) || answer.roundsAsAsked(value) {
                return .success(make(points, texts.correct))
            }
            if answer.inPoints {
                if !percentSign, tolerance.accepts(bare, figure) { return .success(make(0, texts.percentPoints)) }
            } else if answer.unit == .rate, tolerance.timesHundred.accepts(value, figure * 100) {
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

    /// The answer's text with a trailing unit taken off (exercises.md): a unit the prompt names
    /// (万元 kept as 万, so that it scales), or 百分点 / pp where the question asks for
    /// percentage points. A known unit the prompt does not name is a format error naming both.
    static func unitStripped(_ text: String, key: QuestionKey) -> Result<(text: String, percent: Bool), Message> {
        var body = Substring(text.trimmedSpaces)
        let percent = body.hasSuffix("%") || body.hasSuffix("％")
        for word in AnswerUnits.points where body.lowercased().hasSuffix(word) {
            guard key.inPoints else {
                return .failure(Message("“\(text)”：本题问的不是百分点，请按题目要求的单位填写",
                                        "\"\(text)\": the question does not ask for percentage points"))
            }
            return .success((String(body.dropLast(word.count)).trimmedSpaces, false))
        }
        for word in AnswerUnits.words where body.hasSuffix(word) {
            body = body.dropLast(word.count)
            // 万元 where the prompt asks 元 is still 元: 万 scales it.
            if key.promptUnits.contains(word) || (word == "万元" && key.promptUnits.contains("元")) {
                return .success((String(body).trimmedSpaces + (word == "万元" ? "万" : ""), percent))
            }
            let asked = key.promptUnits.first { !($0 == "元" && key.promptUnits.contains("万元")) }
            return .failure(Message(
                asked.map { "“\(text)”：本题的单位是\($0)，不是\(word)" } ?? "“\(text)”：本题的答案不带单位\(word)",
                asked.map { "\"\(text)\": the question asks for \($0), not \(word)" } ?? "\"\(text)\": the answer has no unit \(word)"))
        }
        return .success((String(body), percent))
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
