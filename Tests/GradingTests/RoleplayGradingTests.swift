import Grading
import JBPModel
import Testing

/// A role-play player's grade is the mean of their observers' checklist scores.
@Suite("Role-play grading")
struct RoleplayGradingTests {
    static let yaml = """
        id: rp
        title: t
        kind: roleplay
        roles:
          - {id: manager, name: 经理, card: 你是经理}
          - {id: owner, name: 老板, card: 你有心事}
          - {id: observer, name: 观察员, card: 看, observer: true}
        checklist:
          - {id: open, text: 开场讲结果, points: 3}
          - {id: ask, text: 问出心事, points: 2}
          - {id: close, text: 拿到承诺, points: 1}
        """

    static func exercise() throws -> (Exercise, RoleplayExercise) {
        let exercise = try Fixtures.memory("rp", ["exercise.yaml": yaml])
        guard case .roleplay(let roleplay) = exercise.content else { throw ExerciseProblem(file: "rp", message: "not a role-play") }
        return (exercise, roleplay)
    }

    @Test("The score is each item's points times the share of observers who saw it; an item is right when most saw it", arguments: [
        // marks per observer (open, ask, close)
        [[true, true, true]],
        [[true, false, false], [true, true, false]],
        [[false, false, false], [true, true, true], [true, false, true]],
        [[Bool]](),
    ])
    func mean(marks: [[Bool]]) throws {
        let (exercise, roleplay) = try Self.exercise()
        let ids = roleplay.checklist.map(\.id)
        let observations = marks.enumerated().map { index, row in
            RoleplayGrading.Observation(observer: "o\(index)", marks: Dictionary(uniqueKeysWithValues: zip(ids, row)))
        }
        let grade = RoleplayGrading.grade(exercise, roleplay: roleplay, observations: observations)
        #expect(grade.maxScore == 6)
        #expect(grade.gradable == !marks.isEmpty)
        // The mean of each observer's own checklist score.
        let perObserver = marks.map { row in zip(roleplay.checklist, row).reduce(0.0) { $0 + ($1.1 ? $1.0.points : 0) } }
        let expected = perObserver.isEmpty ? 0 : perObserver.reduce(0, +) / Double(perObserver.count)
        #expect(abs(grade.score - expected) < 1e-4, "\(grade.score) vs \(expected)")
        for (index, item) in grade.items.enumerated() {
            let done = marks.filter { $0[index] }.count
            #expect(item.correct == (done * 2 > marks.count && !marks.isEmpty))
            #expect(item.feedback.contains("\(marks.count) 位观察员中 \(done) 位"))
        }
    }

    @Test("Marks that leave an item out or name one not on the checklist are refused, each named")
    func problems() throws {
        let (_, roleplay) = try Self.exercise()
        #expect(RoleplayGrading.problems(["open": true, "ask": true, "close": false], roleplay: roleplay).isEmpty)
        let found = RoleplayGrading.problems(["open": true, "smile": true], roleplay: roleplay)
        #expect(found.count == 3)
        #expect(found.contains { $0.contains("smile") } && found.contains { $0.contains("ask") } && found.contains { $0.contains("close") })
    }

    @Test("A role-play is not graded from answers: the grader says the observers score it")
    func notFromAnswers() throws {
        let (exercise, _) = try Self.exercise()
        let grade = Grader.grade(exercise, submission: Submission.from(["answers": ["open": true]]))
        #expect(!grade.gradable && grade.formatErrors.first?.contains("观察员") == true)
    }
}
