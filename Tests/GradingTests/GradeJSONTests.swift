import Foundation
import Testing
import JBPModel
@testable import Grading

@Suite("The grade as exercises.md writes it")
struct GradeJSONTests {
    @Test("Keys in exercises.md's order, nulls kept")
    func json() throws {
        let grade = Grader.grade(try Fixtures.exercise("review-lanting"),
                                 submission: .answers("review-lanting", [("modern_gap", .number(27)), ("roi", .string("12%"))]))
        let text = grade.json.text(pretty: false)
        #expect(text.hasPrefix(#"{"exercise":"review-lanting","variant":0,"gradable":true,"format_errors":[],"score":0,"max_score":4,"needs_manual":false,"items":[{"id":"modern_gap","points":1,"awarded":0,"correct":false,"expected":28,"given":27,"feedback":"你把目标网点数向下取整了。"#))
        #expect(text.contains(#"{"id":"traditional_gap","points":1,"awarded":0,"correct":false,"expected":226,"given":null,"feedback":"未作答。","misconception":null}"#))
        #expect(text.contains(#""misconception":"coverage_gap_rounded_down"}"#))
    }

    @Test("Codable gives the same keys and reads back the same grade")
    func codable() throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"),
                                 submission: .answers("quiz-basics", [("q1", .string("B")), ("q2", .array([.string("A")]))]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(grade)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["exercise", "variant", "gradable", "format_errors", "score", "max_score", "needs_manual", "items"])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(Set(items[0].keys) == ["id", "points", "awarded", "correct", "expected", "given", "feedback", "misconception"])
        #expect(items[0]["misconception"] is NSNull)
        #expect(try JSONDecoder().decode(Grade.self, from: data) == grade)
    }

    @Test("A grade that is not gradable keeps its shape")
    func unreadable() throws {
        let grade = Grader.grade(try Fixtures.exercise("quiz-basics"), submission: Submission.read("{"))
        #expect(grade.json.text(pretty: false)
                == #"{"exercise":"quiz-basics","variant":0,"gradable":false,"format_errors":["第1行：不是有效的 JSON：unexpected end of the text"],"score":0,"max_score":4,"needs_manual":false,"items":[]}"#)
    }
}
