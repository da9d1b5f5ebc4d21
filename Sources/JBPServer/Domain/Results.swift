import Foundation
import Grading

/// A trainee's standing on one exercise: best score, attempts, last submission time.
public struct ExerciseResult: Sendable, Equatable, Codable {
    public var bestScore: Double
    public var maxScore: Double
    public var attempts: Int
    public var lastSubmissionAt: String
    /// A text exercise whose rubric the trainer has not scored yet.
    public var awaitsTrainer: Bool

    enum CodingKeys: String, CodingKey {
        case attempts
        case bestScore = "best_score"
        case maxScore = "max_score"
        case lastSubmissionAt = "last_submission_at"
        case awaitsTrainer = "awaits_trainer"
    }
}

/// One row of the results table.
public struct TraineeResults: Sendable, Equatable, Codable {
    public var traineeId: Int64
    public var name: String
    public var exercises: [String: ExerciseResult]
    /// The sum of best scores.
    public var total: Double

    enum CodingKeys: String, CodingKey {
        case name, exercises, total
        case traineeId = "trainee_id"
    }
}

/// How a class did on one exercise, for the live dashboard.
public struct ExerciseStats: Sendable, Equatable, Codable {
    public var exercise: String
    /// Every stored (gradable) submission.
    public var submissions: Int
    /// Trainees with at least one submission.
    public var trainees: Int
    /// Mean of each trainee's latest score (nil before any submission).
    public var meanScore: Double?
    public var maxScore: Double
    /// Each trainee's latest score, in bins of a tenth of the maximum.
    public var scoreHistogram: [Bin]
    public var items: [Item]
    /// Trainees whose first attempt the item analysis is over.
    public var firstAttempts: Int = 0
    /// Under 30 first attempts the item analysis is indicative only (too few to trust).
    public var indicative: Bool { firstAttempts < 30 }

    /// One question (or check, or distributor).
    public struct Item: Sendable, Equatable, Codable {
        public var id: String
        public var answered: Int
        public var correctRate: Double?
        /// How many latest answers showed each misconception.
        public var misconceptions: [String: Int]
        /// Numeric given values in bins (nil for questions not answered with numbers).
        public var histogram: [Bin]?
        /// Item analysis over first attempts (Moodle's): facility = mean mark ÷ the item's points;
        /// discrimination = the correlation of the item's marks with the rest of the test's.
        /// nil where it cannot be computed (no first attempt; fewer than two, or no spread).
        public var facility: Double? = nil
        public var discrimination: Double? = nil

        enum CodingKeys: String, CodingKey {
            case id, answered, misconceptions, histogram, facility, discrimination
            case correctRate = "correct_rate"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(answered, forKey: .answered)
            try c.encode(correctRate, forKey: .correctRate)
            try c.encode(misconceptions, forKey: .misconceptions)
            try c.encodeIfPresent(histogram, forKey: .histogram)
            try c.encode(facility, forKey: .facility)
            try c.encode(discrimination, forKey: .discrimination)
        }
    }

    /// Values in [from, to) (the last bin includes `to`).
    public struct Bin: Sendable, Equatable, Codable {
        public var from: Double
        public var to: Double
        public var count: Int
    }

    enum CodingKeys: String, CodingKey {
        case exercise, submissions, trainees, items
        case meanScore = "mean_score"
        case maxScore = "max_score"
        case scoreHistogram = "score_histogram"
        case firstAttempts = "first_attempts"
        case indicative
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exercise, forKey: .exercise)
        try c.encode(submissions, forKey: .submissions)
        try c.encode(trainees, forKey: .trainees)
        try c.encode(meanScore, forKey: .meanScore)
        try c.encode(maxScore, forKey: .maxScore)
        try c.encode(scoreHistogram, forKey: .scoreHistogram)
        try c.encode(items, forKey: .items)
        try c.encode(firstAttempts, forKey: .firstAttempts)
        try c.encode(indicative, forKey: .indicative)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            exercise: try c.decode(String.self, forKey: .exercise), submissions: try c.decode(Int.self, forKey: .submissions),
            trainees: try c.decode(Int.self, forKey: .trainees), meanScore: try c.decodeIfPresent(Double.self, forKey: .meanScore),
            maxScore: try c.decode(Double.self, forKey: .maxScore), scoreHistogram: try c.decode([Bin].self, forKey: .scoreHistogram),
            items: try c.decode([Item].self, forKey: .items), firstAttempts: try c.decodeIfPresent(Int.self, forKey: .firstAttempts) ?? 0)
    }

    public init(
        exercise: String, submissions: Int, trainees: Int, meanScore: Double?, maxScore: Double, scoreHistogram: [Bin], items: [Item],
        firstAttempts: Int = 0
    ) {
        self.exercise = exercise
        self.submissions = submissions
        self.trainees = trainees
        self.meanScore = meanScore
        self.maxScore = maxScore
        self.scoreHistogram = scoreHistogram
        self.items = items
        self.firstAttempts = firstAttempts
    }
}

/// Results, statistics and the grade sheet, computed from stored submissions. Pure.
public enum ResultsBook {
    /// Per trainee and exercise: best effective score, attempts, last submission time.
    public static func results(trainees: [Trainee], submissions: [Submission]) -> [TraineeResults] {
        let byTrainee = Dictionary(grouping: submissions, by: \.traineeId)
        return trainees.map { trainee in
            var exercises: [String: ExerciseResult] = [:]
            for (exercise, rows) in Dictionary(grouping: byTrainee[trainee.id] ?? [], by: \.exerciseId) {
                let best = rows.map(\.effectiveScore).max() ?? 0
                let last = rows.map(\.createdAt).max() ?? Date(timeIntervalSince1970: 0)
                exercises[exercise] = ExerciseResult(
                    bestScore: best, maxScore: rows.last?.maxScore ?? 0, attempts: rows.count, lastSubmissionAt: Dates.iso(last),
                    awaitsTrainer: rows.contains(where: \.awaitsTrainer))
            }
            let total = exercises.values.map(\.bestScore).reduce(0, +)
            return TraineeResults(traineeId: trainee.id, name: trainee.name, exercises: exercises, total: total)
        }
    }

    /// The dashboard's figures, over each trainee's latest submission (what the class thinks now);
    /// `submissions` counts them all.
    public static func stats(exercise: CourseExercise, submissions: [Submission]) -> ExerciseStats {
        var latest: [Int64: Submission] = [:]
        for submission in submissions where submission.exerciseId == exercise.id {
            if let current = latest[submission.traineeId], current.id > submission.id { continue }
            latest[submission.traineeId] = submission
        }
        let grades = latest.values.sorted { $0.id < $1.id }.compactMap { submission -> (Submission, Grade)? in
            guard let grade = Grade(jsonText: submission.grade) else { return nil }
            return (submission, grade)
        }
        let maxScore = grades.last?.1.maxScore ?? exercise.questions.map(\.points).reduce(0, +)
        let scores = grades.map { $0.0.effectiveScore }
        let mean = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)

        // Item ids in the exercise's order, then any the grader added (plan checks, distributors).
        var order = exercise.questions.map(\.id)
        for (_, grade) in grades {
            for item in grade.items where !order.contains(item.id) { order.append(item.id) }
        }
        // Item analysis over each trainee's first attempt (Moodle's quiz statistics).
        var first: [Int64: Submission] = [:]
        for submission in submissions where submission.exerciseId == exercise.id {
            if let current = first[submission.traineeId], current.id < submission.id { continue }
            first[submission.traineeId] = submission
        }
        let firstGrades = first.values.sorted { $0.id < $1.id }.compactMap { Grade(jsonText: $0.grade) }.filter(\.gradable)
        let analysis = ItemAnalysis(grades: firstGrades)
        let items = order.map { id -> ExerciseStats.Item in
            let answers = grades.compactMap { $0.1.items.first { $0.id == id } }
            var misconceptions: [String: Int] = [:]
            for answer in answers {
                if let misconception = answer.misconception { misconceptions[misconception, default: 0] += 1 }
            }
            let numbers = answers.compactMap { $0.given?.number }
            let numeric = !numbers.isEmpty && numbers.count * 2 >= answers.count
            return ExerciseStats.Item(
                id: id, answered: answers.count,
                correctRate: answers.isEmpty ? nil : Double(answers.filter(\.correct).count) / Double(answers.count),
                misconceptions: misconceptions, histogram: numeric ? histogram(numbers, bins: 10) : nil,
                facility: analysis.facility(id), discrimination: analysis.discrimination(id))
        }
        return ExerciseStats(
            exercise: exercise.id, submissions: submissions.filter { $0.exerciseId == exercise.id }.count, trainees: latest.count,
            meanScore: mean, maxScore: maxScore, scoreHistogram: histogram(scores, bins: 10, from: 0, to: max(maxScore, scores.max() ?? 0)),
            items: items, firstAttempts: firstGrades.count)
    }

    /// Equal-width bins over [from, to] (the values' own range when not given).
    public static func histogram(_ values: [Double], bins: Int, from: Double? = nil, to: Double? = nil) -> [ExerciseStats.Bin] {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty || (from != nil && to != nil) else { return [] }
        let low = from ?? finite.min()!
        let high = to ?? finite.max()!
        guard high > low else {
            return [ExerciseStats.Bin(from: low, to: high, count: finite.count)]
        }
        let width = (high - low) / Double(bins)
        var counts = Array(repeating: 0, count: bins)
        for value in finite {
            let index = min(bins - 1, max(0, Int(((value - low) / width).rounded(.down))))
            counts[index] += 1
        }
        return counts.enumerated().map { index, count in
            ExerciseStats.Bin(from: low + Double(index) * width, to: index == bins - 1 ? high : low + Double(index + 1) * width, count: count)
        }
    }

    /// The grade sheet: UTF-8 with a byte order mark (so spreadsheet programs read Chinese names),
    /// one row per trainee, a column per exercise (best score) and the total. The first header row
    /// names the columns as the trainer reads them (exercise titles); the second keeps the ids, so
    /// scripts still find their columns. The total adds each exercise's percentage of its own
    /// maximum (a 10-point quiz and a 100-point plan weigh alike), as its header says.
    public static func gradesCSV(exercises: [CourseExercise], results: [TraineeResults]) -> String {
        var lines: [[String]] = [
            ["编号", "姓名"] + exercises.map(\.title) + ["合计（各练习得分率 % 之和）"],
            ["trainee_id", "name"] + exercises.map(\.id) + ["total_percent"],
        ]
        for row in results {
            var line = [String(row.traineeId), row.name]
            var percent = 0.0
            for exercise in exercises {
                let result = row.exercises[exercise.id]
                line.append(result.map { Classroom.format(($0.bestScore * 100).rounded() / 100) } ?? "")
                if let result, result.maxScore > 0 { percent += result.bestScore / result.maxScore * 100 }
            }
            line.append(Classroom.format((percent * 100).rounded() / 100))
            lines.append(line)
        }
        return "\u{FEFF}" + lines.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when needed and neutralises formula injection: a text starting with
    /// `=`, `+`, `-`, `@` (or a tab or carriage return) gets a leading apostrophe so a spreadsheet
    /// shows it as text instead of running it. Numbers we wrote ourselves are left alone.
    static func csvField(_ text: String) -> String {
        var field = text
        if let first = field.first, "=+-@\t\r".contains(first), Double(field) == nil {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            field = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

/// Moodle's item analysis over a set of attempts (one per trainee: their first):
/// facility index F = mean mark ÷ the item's points; discrimination index = Pearson's
/// correlation of the item's marks with the rest of the test's marks (the total without this
/// item), so an item does not correlate with itself. Pure.
struct ItemAnalysis {
    /// Per attempt: each item's awarded and available points.
    let attempts: [[String: (awarded: Double, points: Double)]]

    init(grades: [Grade]) {
        attempts = grades.map { grade in
            Dictionary(grade.items.map { ($0.id, ($0.awarded, $0.points)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func facility(_ id: String) -> Double? {
        let marks = attempts.compactMap { $0[id] }.filter { $0.points > 0 }
        guard !marks.isEmpty else { return nil }
        return marks.reduce(0) { $0 + $1.awarded / $1.points } / Double(marks.count)
    }

    func discrimination(_ id: String) -> Double? {
        let pairs = attempts.compactMap { attempt -> (Double, Double)? in
            guard let item = attempt[id] else { return nil }
            let total = attempt.values.reduce(0) { $0 + $1.awarded }
            return (item.awarded, total - item.awarded)
        }
        guard pairs.count >= 2 else { return nil }
        return Self.correlation(pairs)
    }

    /// Pearson's r; nil when either side has no spread (every trainee the same mark).
    static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.0 } / n
        let meanY = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
            syy += (y - meanY) * (y - meanY)
        }
        guard sxx > 1e-12, syy > 1e-12 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
