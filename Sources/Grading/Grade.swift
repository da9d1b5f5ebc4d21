import JBPModel

/// The grade of one submission (exercises.md "A grade"): a value, computed
/// by ``Grader`` and stored or printed by someone else.
public struct Grade: Equatable, Sendable {
    /// The exercise graded.
    public var exercise: String
    /// The variant graded (0 = the case as written).
    public var variant: Int
    /// False when the submission could not be read; it then costs no attempt.
    public var gradable: Bool
    /// Every problem that made the submission unreadable, in the language asked for.
    public var formatErrors: [String]
    /// Points awarded (the automatic part, for a text exercise).
    public var score: Double
    /// Points available.
    public var maxScore: Double
    /// True while a trainer still has to score part of it (a text exercise's rubric).
    public var needsManual: Bool
    /// One item per question, distributor or check.
    public var items: [GradeItem]

    /// A grade with every field given.
    public init(exercise: String, variant: Int, gradable: Bool = true, formatErrors: [String] = [], score: Double,
                maxScore: Double, needsManual: Bool = false, items: [GradeItem]) {
        self.exercise = exercise
        self.variant = variant
        self.gradable = gradable
        self.formatErrors = formatErrors
        self.score = score
        self.maxScore = maxScore
        self.needsManual = needsManual
        self.items = items
    }

    /// The grade as exercises.md writes it, keys in its order, `null` kept.
    public var json: JSONValue { json(leavingOutMissingExpected: false) }

    /// The grade as exercises.md writes it. With `leavingOutMissingExpected`, an item with
    /// no `expected` leaves the key out instead of writing `null` (api.md: "left out until
    /// revealed", so that a client cannot mistake it for an answer): the server's form.
    public func json(leavingOutMissingExpected: Bool) -> JSONValue {
        .object([
            (key: "exercise", value: .string(exercise)),
            (key: "variant", value: .number(Double(variant))),
            (key: "gradable", value: .bool(gradable)),
            (key: "format_errors", value: .array(formatErrors.map(JSONValue.string))),
            (key: "score", value: .number(score)),
            (key: "max_score", value: .number(maxScore)),
            (key: "needs_manual", value: .bool(needsManual)),
            (key: "items", value: .array(items.map { $0.json(leavingOutMissingExpected: leavingOutMissingExpected) })),
        ])
    }

    /// Reads a grade written by `json` (a stored one); nil when it is not one. Keys that are
    /// missing take exercises.md's defaults (variant 0, gradable, no format errors).
    public init?(json: JSONValue) {
        guard let exercise = json["exercise"]?.string, let score = json["score"]?.number, let maxScore = json["max_score"]?.number else {
            return nil
        }
        self.init(
            exercise: exercise, variant: Int(json["variant"]?.number ?? 0), gradable: json["gradable"] != .bool(false),
            formatErrors: json["format_errors"]?.array?.compactMap(\.string) ?? [], score: score, maxScore: maxScore,
            needsManual: json["needs_manual"] == .bool(true), items: (json["items"]?.array ?? []).compactMap(GradeItem.init(json:)))
    }

    /// Reads a grade from stored JSON text; nil when it is not one.
    public init?(jsonText: String) {
        guard case .success(let json) = JSONReader.read(jsonText) else { return nil }
        self.init(json: json)
    }

    /// A submission that could not be read: no score, its problems listed.
    public static func unreadable(exercise: String, variant: Int, maxScore: Double, problems: [String]) -> Grade {
        Grade(exercise: exercise, variant: variant, gradable: false, formatErrors: problems, score: 0, maxScore: maxScore,
              needsManual: false, items: [])
    }

    /// The same grade with every `expected` value removed: what a trainee
    /// sees before the exercise is revealed. (Feedback written in trainee
    /// mode never names the right value either; see ``GradeOptions/trainee``.)
    public var withoutExpected: Grade {
        var copy = self
        for i in copy.items.indices { copy.items[i].expected = nil }
        return copy
    }
}

/// One graded question, distributor or plan check.
public struct GradeItem: Equatable, Sendable {
    /// The question id, distributor id, or plan check id.
    public var id: String
    /// Points available.
    public var points: Double
    /// Points awarded.
    public var awarded: Double
    /// True when all the points were awarded.
    public var correct: Bool
    /// The right answer (nil when withheld or when there is none to show).
    public var expected: JSONValue?
    /// The answer as given (nil when none was given).
    public var given: JSONValue?
    /// What was right or wrong, and why.
    public var feedback: String
    /// The id of the recognised mistake, if the answer matches one.
    public var misconception: String?

    /// An item with every field given.
    public init(id: String, points: Double, awarded: Double, correct: Bool, expected: JSONValue? = nil, given: JSONValue? = nil,
                feedback: String = "", misconception: String? = nil) {
        self.id = id
        self.points = points
        self.awarded = awarded
        self.correct = correct
        self.expected = expected
        self.given = given
        self.feedback = feedback
        self.misconception = misconception
    }

    /// The item as exercises.md writes it.
    public var json: JSONValue { json(leavingOutMissingExpected: false) }

    /// The item as exercises.md writes it; see ``Grade/json(leavingOutMissingExpected:)``.
    public func json(leavingOutMissingExpected: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "id", value: .string(id)),
            (key: "points", value: .number(points)),
            (key: "awarded", value: .number(awarded)),
            (key: "correct", value: .bool(correct)),
        ]
        if let expected { members.append((key: "expected", value: expected)) } else if !leavingOutMissingExpected {
            members.append((key: "expected", value: .null))
        }
        members += [
            (key: "given", value: given ?? .null),
            (key: "feedback", value: .string(feedback)),
            (key: "misconception", value: misconception.map(JSONValue.string) ?? .null),
        ]
        return .object(members)
    }

    /// Reads an item written by `json`; nil without an id.
    public init?(json: JSONValue) {
        guard let id = json["id"]?.string else { return nil }
        let expected = json["expected"], given = json["given"]
        self.init(
            id: id, points: json["points"]?.number ?? 0, awarded: json["awarded"]?.number ?? 0, correct: json["correct"] == .bool(true),
            expected: expected == .null ? nil : expected, given: given == .null ? nil : given, feedback: json["feedback"]?.string ?? "",
            misconception: json["misconception"]?.string)
    }
}

// MARK: - Codable, for the server's JSON and database

extension Grade: Codable {
    private enum Keys: String, CodingKey {
        case exercise, variant, gradable, formatErrors = "format_errors", score, maxScore = "max_score"
        case needsManual = "needs_manual", items
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(variant, forKey: .variant)
        try container.encode(gradable, forKey: .gradable)
        try container.encode(formatErrors, forKey: .formatErrors)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(needsManual, forKey: .needsManual)
        try container.encode(items, forKey: .items)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        exercise = try container.decode(String.self, forKey: .exercise)
        variant = try container.decode(Int.self, forKey: .variant)
        gradable = try container.decode(Bool.self, forKey: .gradable)
        formatErrors = try container.decode([String].self, forKey: .formatErrors)
        score = try container.decode(Double.self, forKey: .score)
        maxScore = try container.decode(Double.self, forKey: .maxScore)
        needsManual = try container.decode(Bool.self, forKey: .needsManual)
        items = try container.decode([GradeItem].self, forKey: .items)
    }
}

extension GradeItem: Codable {
    private enum Keys: String, CodingKey {
        case id, points, awarded, correct, expected, given, feedback, misconception
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(points, forKey: .points)
        try container.encode(awarded, forKey: .awarded)
        try container.encode(correct, forKey: .correct)
        // Codable is how the server's answers encode a grade: api.md leaves a withheld
        // `expected` out, so that a client cannot mistake a null for an answer.
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encode(given ?? .null, forKey: .given)
        try container.encode(feedback, forKey: .feedback)
        if let misconception { try container.encode(misconception, forKey: .misconception) } else {
            try container.encodeNil(forKey: .misconception)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        id = try container.decode(String.self, forKey: .id)
        points = try container.decode(Double.self, forKey: .points)
        awarded = try container.decode(Double.self, forKey: .awarded)
        correct = try container.decode(Bool.self, forKey: .correct)
        let expectedValue = try container.decodeIfPresent(JSONValue.self, forKey: .expected)
        expected = expectedValue == .null ? nil : expectedValue
        let givenValue = try container.decodeIfPresent(JSONValue.self, forKey: .given)
        given = givenValue == .null ? nil : givenValue
        feedback = try container.decode(String.self, forKey: .feedback)
        misconception = try container.decodeIfPresent(String.self, forKey: .misconception)
    }
}
