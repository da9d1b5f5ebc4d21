import Testing
import JBPModel
@testable import Grading

@Suite("Fixture exercises and their samples (the exercise part of jbp check)")
struct SampleTests {
    static let exercises = ["review-hengda", "review-lanting", "segment-portfolio", "plan-homework", "quiz-basics", "text-vito"]

    @Test("Every fixture exercise loads and every sample grades to its expect_score", arguments: exercises)
    func samplesGradeAsExpected(id: String) throws {
        let exercise = try Fixtures.exercise(id)
        let problems = ExerciseCheck.problems(exercise, samples: try Fixtures.samples(id))
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test("A sample with the wrong expect_score is reported with its file and line")
    func wrongExpectation() throws {
        let exercise = try Fixtures.exercise("quiz-basics")
        let text = "exercise: quiz-basics\nanswers: {q1: B}\nexpect_score: 3\n"
        let problems = ExerciseCheck.problems(exercise, samples: [("quiz-basics/samples/wrong.yaml", text)])
        #expect(problems == [ExerciseProblem(file: "quiz-basics/samples/wrong.yaml", line: 3,
                                             message: "grades 2, expect_score says 3 (not full marks: q2 0/1, q3 0/1)")])
    }

    @Test("A sample expected unreadable that is readable is reported")
    func unreadableExpected() throws {
        let exercise = try Fixtures.exercise("quiz-basics")
        let text = "exercise: quiz-basics\nanswers: {q1: B}\nexpect_gradable: false\nexpect_score: 0\n"
        let problems = ExerciseCheck.problems(exercise, samples: [("s.yaml", text)])
        #expect(problems.map(\.line) == [3])
        #expect(problems.first?.message.contains("gradable") == true)
    }

    @Test("A sample without expect_score is reported")
    func noExpectation() throws {
        let exercise = try Fixtures.exercise("quiz-basics")
        let problems = ExerciseCheck.problems(exercise, samples: [("s.yaml", "exercise: quiz-basics\nanswers: {q1: B}\n")])
        #expect(problems == [ExerciseProblem(file: "s.yaml", message: "a sample needs expect_score (a number)")])
    }

    @Test("An answer path that is not in the review JSON is reported with the question's line")
    func missingAnswerPath() throws {
        let yaml = """
            id: review-x
            title: x
            kind: review
            case: ../cases/hengda-2025.yaml
            variants: true
            questions:
              - id: roi
                prompt: ROI?
                answer: result.roi
              - id: typo
                prompt: typo
                answer: areas.inventory.inventroy_days
              - id: growth
                prompt: growth
                answer: result
            """
        let exercise = try Fixtures.memory("review-x", ["exercise.yaml": yaml])
        let problems = ExerciseCheck.problems(exercise, samples: [])
        #expect(problems == [
            ExerciseProblem(file: "review-x/exercise.yaml", line: 10,
                            message: "questions.typo: the answer path areas.inventory.inventroy_days is not in the review JSON"),
            ExerciseProblem(file: "review-x/exercise.yaml", line: 13,
                            message: "questions.growth: the answer path result is not a figure, a text or a list of areas"),
        ])
    }
}
