import Foundation
import Grading
import JBPModel
import JBPServer
import Testing

/// A small course for the server's tests, on disk in `Fixtures/course` and graded by the real
/// grader: a quiz (`quiz-m1`), a review of 恒达's ROI with a variant per trainee
/// (`review-x`), a letter with a rubric (`text-letter`) and the homework plan on 恒达.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/course")
    static let loaded = Result { try ServerCourse.load(root: root) }
    static var content: CourseContent { try! loaded.get() }

    /// The review of variant n of the fixture's case, as the grader computes it.
    static func review(variant: Int) throws -> Review {
        let folder = root.appendingPathComponent("exercises/review-x")
        let exercise = try Exercise.load(folder: "review-x") { relative in
            try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
        }
        guard let review = try exercise.answerKey(variant: variant).review else { throw CocoaError(.fileReadCorruptFile) }
        return review
    }

    /// 恒达's ROI in variant n: every trainee has its own figure.
    static func roi(variant: Int) -> Double { (try? review(variant: variant).result.roi) ?? .nan }
}
