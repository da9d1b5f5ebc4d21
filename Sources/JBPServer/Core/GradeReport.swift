/// A grade as exercises.md defines it; the server stores, shows and counts these.
public struct GradeReport: Sendable, Equatable, Codable {
    public var exercise: String
    public var variant: Int
    public var gradable: Bool
    public var formatErrors: [String]
    public var score: Double
    public var maxScore: Double
    public var needsManual: Bool
    public var items: [Item]

    /// One graded question, check or distributor.
    public struct Item: Sendable, Equatable, Codable {
        public var id: String
        public var points: Double
        public var awarded: Double
        public var correct: Bool
        /// Withheld (nil) from a trainee until the exercise reveals it.
        public var expected: JSONValue?
        public var given: JSONValue?
        public var feedback: String
        /// The id of the recognised misconception, if the wrong answer matches one.
        public var misconception: String?

        public init(
            id: String, points: Double, awarded: Double, correct: Bool, expected: JSONValue? = nil,
            given: JSONValue? = nil, feedback: String = "", misconception: String? = nil
        ) {
            self.id = id
            self.points = points
            self.awarded = awarded
            self.correct = correct
            self.expected = expected
            self.given = given
            self.feedback = feedback
            self.misconception = misconception
        }

        enum CodingKeys: String, CodingKey {
            case id, points, awarded, correct, expected, given, feedback, misconception
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            points = try c.decode(Double.self, forKey: .points)
            awarded = try c.decode(Double.self, forKey: .awarded)
            correct = try c.decode(Bool.self, forKey: .correct)
            expected = try c.decodeIfPresent(JSONValue.self, forKey: .expected).flatMap { $0 == .null ? nil : $0 }
            given = try c.decodeIfPresent(JSONValue.self, forKey: .given).flatMap { $0 == .null ? nil : $0 }
            feedback = try c.decodeIfPresent(String.self, forKey: .feedback) ?? ""
            misconception = try c.decodeIfPresent(String.self, forKey: .misconception)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(points, forKey: .points)
            try c.encode(awarded, forKey: .awarded)
            try c.encode(correct, forKey: .correct)
            // "left out until revealed": absent, not null, so a client cannot mistake it for an answer.
            try c.encodeIfPresent(expected, forKey: .expected)
            try c.encode(given ?? .null, forKey: .given)
            try c.encode(feedback, forKey: .feedback)
            try c.encode(misconception, forKey: .misconception)
        }
    }

    enum CodingKeys: String, CodingKey {
        case exercise, variant, gradable, score, items
        case formatErrors = "format_errors"
        case maxScore = "max_score"
        case needsManual = "needs_manual"
    }

    public init(
        exercise: String, variant: Int, gradable: Bool = true, formatErrors: [String] = [], score: Double,
        maxScore: Double, needsManual: Bool = false, items: [Item]
    ) {
        self.exercise = exercise
        self.variant = variant
        self.gradable = gradable
        self.formatErrors = formatErrors
        self.score = score
        self.maxScore = maxScore
        self.needsManual = needsManual
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exercise = try c.decode(String.self, forKey: .exercise)
        variant = try c.decodeIfPresent(Int.self, forKey: .variant) ?? 0
        gradable = try c.decodeIfPresent(Bool.self, forKey: .gradable) ?? true
        formatErrors = try c.decodeIfPresent([String].self, forKey: .formatErrors) ?? []
        score = try c.decode(Double.self, forKey: .score)
        maxScore = try c.decode(Double.self, forKey: .maxScore)
        needsManual = try c.decodeIfPresent(Bool.self, forKey: .needsManual) ?? false
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }

    /// An unreadable submission: no score, its problems listed.
    public static func unreadable(exercise: String, variant: Int, maxScore: Double, problems: [String]) -> GradeReport {
        GradeReport(exercise: exercise, variant: variant, gradable: false, formatErrors: problems, score: 0, maxScore: maxScore, items: [])
    }

    /// The same grade without any expected value.
    public func withholdingExpected() -> GradeReport {
        var copy = self
        for index in copy.items.indices { copy.items[index].expected = nil }
        return copy
    }
}

// JSON by hand: grades are written once per submission and read on every page that shows them.
extension GradeReport {
    /// The grade as exercises.md writes it (`expected` left out when withheld).
    public var json: JSONValue {
        .object([
            "exercise": .string(exercise), "variant": .number(Double(variant)), "gradable": .bool(gradable),
            "format_errors": .array(formatErrors.map(JSONValue.string)), "score": .number(score), "max_score": .number(maxScore),
            "needs_manual": .bool(needsManual), "items": .array(items.map(\.json)),
        ])
    }

    /// Reads a grade written by `json` (or by the grader); nil when it is not one.
    public init?(json: JSONValue) {
        guard let exercise = json["exercise"]?.string, let score = json["score"]?.number, let maxScore = json["max_score"]?.number else {
            return nil
        }
        let items = (json["items"]?.array ?? []).compactMap(Item.init(json:))
        self.init(
            exercise: exercise, variant: Int(json["variant"]?.number ?? 0), gradable: json["gradable"] != .bool(false),
            formatErrors: json["format_errors"]?.array?.compactMap(\.string) ?? [], score: score, maxScore: maxScore,
            needsManual: json["needs_manual"] == .bool(true), items: items)
    }

    /// Reads a grade from stored JSON text.
    public init?(jsonText: String) {
        guard let json = JSONValue.parse(jsonText) else { return nil }
        self.init(json: json)
    }
}

extension GradeReport.Item {
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "points": .number(points), "awarded": .number(awarded), "correct": .bool(correct),
            "given": given ?? .null, "feedback": .string(feedback), "misconception": misconception.map(JSONValue.string) ?? .null,
        ]
        if let expected { members["expected"] = expected }
        return .object(members)
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.string else { return nil }
        let expected = json["expected"]
        let given = json["given"]
        self.init(
            id: id, points: json["points"]?.number ?? 0, awarded: json["awarded"]?.number ?? 0, correct: json["correct"] == .bool(true),
            expected: expected == .null ? nil : expected, given: given == .null ? nil : given, feedback: json["feedback"]?.string ?? "",
            misconception: json["misconception"]?.string)
    }
}
