import Foundation
import Testing
import JBPModel
@testable import Grading

/// The fixture exercises under Tests/GradingTests/Fixtures, read from disk
/// the way `jbp` does (the library itself never touches files).
enum Fixtures {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func exercise(_ id: String) throws -> Exercise {
        try Exercise.load(folder: id) { relative in try text("\(id)/\(relative)") }
    }

    /// The samples of an exercise as (file, text), by file name.
    static func samples(_ id: String) throws -> [(file: String, text: String)] {
        let folder = root.appendingPathComponent("\(id)/samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            ("\(id)/samples/\(name)", try text("\(id)/samples/\(name)"))
        }
    }

    static func sample(_ id: String, _ name: String) throws -> Submission {
        Submission.read(try text("\(id)/samples/\(name)"))
    }

    /// An exercise from texts in memory: `files` maps paths relative to the
    /// exercise folder to their text (the case path included).
    static func memory(_ id: String, _ files: [String: String]) throws -> Exercise {
        try Exercise.load(folder: id) { relative in
            if let text = files[relative] { return text }
            if relative.hasPrefix("../cases/") { return try text("cases/" + relative.dropFirst("../cases/".count)) }
            throw CocoaError(.fileNoSuchFile)
        }
    }
}

extension Submission {
    /// A review-style submission from answers in order.
    static func answers(_ exercise: String, variant: Int? = nil, _ answers: [(String, JSONValue)]) -> Submission {
        Submission(exercise: exercise, variant: variant, answers: answers.map { (key: $0.0, value: $0.1) })
    }
}

extension Grade {
    func item(_ id: String) -> GradeItem? {
        items.first { $0.id == id }
    }
}

extension Exercise {
    var reviewQuestions: [ReviewQuestion] {
        if case .review(let review) = content { return review.questions }
        return []
    }
}

/// The perfect answers of a review exercise's variant, straight from its
/// review JSON (numbers as numbers, rankings as lists).
func perfectAnswers(_ exercise: Exercise, variant: Int) throws -> [(String, JSONValue)] {
    let key = try exercise.answerKey(variant: variant)
    let json = try #require(key.reviewJSON)
    return try exercise.reviewQuestions.map { question in
        (question.id, try #require(json.lookup(question.answer)))
    }
}
