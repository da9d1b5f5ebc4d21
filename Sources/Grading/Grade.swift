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
    public init(exercise: String, variant: Int, gradable: Bool, formatErrors: [String], score: Double,
                maxScore: Double, needsManual: Bool, items: [GradeItem]) {
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
    public var json: JSONValue {
        .object([
            ("exercise", .string(exercise)),
            ("variant", .number(Double(variant))),
            ("gradable", .bool(gradable)),
            ("format_errors", .array(formatErrors.map(JSONValue.string))),
            ("score", .number(score)),
            ("max_score", .number(maxScore)),
            ("needs_manual", .bool(needsManual)),
            ("items", .array(items.map(\.json))),
        ])
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
    public init(id: String, points: Double, awarded: Double, correct: Bool, expected: JSONValue?, given: JSONValue?,
                feedback: String, misconception: String?) {
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
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("points", .number(points)),
            ("awarded", .number(awarded)),
            ("correct", .bool(correct)),
            ("expected", expected ?? .null),
            ("given", given ?? .null),
            ("feedback", .string(feedback)),
            ("misconception", misconception.map(JSONValue.string) ?? .null),
        ])
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
        // exercises.md writes absent values as null rather than leaving keys out.
        try container.encode(CodableJSON(expected ?? .null), forKey: .expected)
        try container.encode(CodableJSON(given ?? .null), forKey: .given)
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
        let expectedValue = try container.decodeIfPresent(CodableJSON.self, forKey: .expected)?.value
        expected = expectedValue == .null ? nil : expectedValue
        let givenValue = try container.decodeIfPresent(CodableJSON.self, forKey: .given)?.value
        given = givenValue == .null ? nil : givenValue
        feedback = try container.decode(String.self, forKey: .feedback)
        misconception = try container.decodeIfPresent(String.self, forKey: .misconception)
    }
}

/// `JSONValue` through `Codable` (the model's type is not Codable itself).
struct CodableJSON: Codable {
    let value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(CodableJSON.self).value) }
            value = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [(key: String, value: JSONValue)] = []
            for key in object.allKeys {
                members.append((key.stringValue, try object.decode(CodableJSON.self, forKey: key).value))
            }
            value = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let flag = try? single.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? single.decode(Double.self) {
            value = .number(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .number(let number):
            var single = encoder.singleValueContainer()
            try single.encode(number)
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .array(let items):
            var list = encoder.unkeyedContainer()
            for item in items { try list.encode(CodableJSON(item)) }
        case .object(let members):
            var object = encoder.container(keyedBy: AnyKey.self)
            for member in members { try object.encode(CodableJSON(member.value), forKey: AnyKey(member.key)) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
