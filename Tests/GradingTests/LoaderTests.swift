import Testing
import JBPModel
@testable import Grading

@Suite("Loading exercise.yaml strictly")
struct LoaderTests {
    @Test("Every kind loads with its defaults (decisions.md)", arguments: [
        ("review-hengda", Exercise.Kind.review, 20.0, 3, Exercise.Reveal.afterDeadline),
        ("review-lanting", .review, 4, 0, .afterSubmit),
        ("segment-portfolio", .segmentation, 12, 0, .afterSubmit),
        ("plan-homework", .plan, 100, 0, .manual),
        ("quiz-basics", .quiz, 4, 0, .afterSubmit),
        ("text-vito", .text, 11, 0, .afterSubmit),
    ])
    func kinds(id: String, kind: Exercise.Kind, maxScore: Double, attempts: Int, reveal: Exercise.Reveal) throws {
        let exercise = try Fixtures.exercise(id)
        #expect(exercise.id == id && exercise.kind == kind)
        #expect(exercise.maxScore == maxScore)
        #expect(exercise.attempts == attempts && exercise.reveal == reveal)
        #expect(exercise.file == "\(id)/exercise.yaml")
    }

    @Test("Case paths are named relative to the exercises root in messages")
    func caseFile() throws {
        guard case .review(let review) = try Fixtures.exercise("review-hengda").content else {
            Issue.record("not a review")
            return
        }
        #expect(review.caseFile == "cases/hengda-2025.yaml")
        #expect(review.variants)
        #expect(review.questions.first?.points == 2 && review.questions[1].points == 1)
    }

    static let quizHead = "id: q\ntitle: t\nkind: quiz\n"

    @Test("Refusals name the file, the line and the key path", arguments: [
        (quizHead + "questions:\n  - id: a\n    prompt: p\n    choices: {A: x, B: y}\n    answer: A\n    pionts: 2\n",
         "q/exercise.yaml:9: questions[0].pionts: unknown key (did you mean points?)"),
        (quizHead + "questions:\n  - id: a\n    prompt: p\n    choices: {A: x, B: y}\n    answer: C\n",
         "q/exercise.yaml:8: questions[0].answer: C is not one of the choices (A, B)"),
        (quizHead + "questions:\n  - id: a\n    prompt: p\n    choices: {A: x, B: y}\n",
         "q/exercise.yaml:5: questions[0].answer: missing (required)"),
        (quizHead + "questions:\n  - id: a\n    prompt: p\n    choices: {A: x, B: y}\n    answer: A\n  - id: a\n    prompt: p\n    choices: {A: x, B: y}\n    answer: B\n",
         "q/exercise.yaml:5: questions: the id a is used twice"),
        ("id: q\ntitle: t\nkind: quizz\n", "q/exercise.yaml:3: kind: unknown kind quizz (expected one of: review, segmentation, plan, quiz, text, roleplay)"),
        ("id: other\ntitle: t\nkind: quiz\nquestions: []\n", "q/exercise.yaml:1: id: is other, but the folder is q (the folder name is the exercise id)"),
        (quizHead + "reveal: later\nquestions: []\n", "q/exercise.yaml:4: reveal: unknown reveal later (expected one of: after_submit, after_deadline, manual)"),
        (quizHead + "attempts: -1\nquestions: []\n", "q/exercise.yaml:4: attempts: -1 is not a whole number (0…1000000)"),
        ("id: q\ntitle: t\nkind: quiz\nquestions:\n  - id: a\n   prompt: p\n", "q/exercise.yaml:6: line 6, column 4: invalid YAML: did not find expected '-' indicator (while parsing a block collection)"),
        ("id: q\ntitle: t\nkind: review\ncase: ../cases/none.yaml\nquestions: []\n", "q/exercise.yaml:4: case: ../cases/none.yaml cannot be read (The operation could not be completed. The file doesn’t exist.)"),
        ("id: q\ntitle: t\nkind: review\ncase: ../cases/hengda-2025.yaml\nvariants: yes please\nquestions: []\n", "q/exercise.yaml:5: variants: expected true or false, found the text \"yes please\""),
        ("id: q\ntitle: t\nkind: review\ncase: ../cases/hengda-2025.yaml\nquestions:\n  - {id: a, prompt: p, answer: result.roi, tolerance: {abs: 0.1, rel: 0.1}}\n",
         "q/exercise.yaml:6: questions[0].tolerance: needs exactly one of abs or rel"),
        ("id: q\ntitle: t\nkind: plan\ncase: ../cases/hengda-2025.yaml\nbudget_cap: 1\nweights: {feasable: 5}\n",
         "q/exercise.yaml:6: weights.feasable: unknown key (did you mean feasible?)"),
        ("id: q\ntitle: t\nkind: plan\ncase: ../cases/hengda-2025.yaml\n", "q/exercise.yaml:1: budget_cap: missing (required)"),
        ("id: q\ntitle: t\nkind: text\nprompt: p\nchecks:\n  - {max_chars: 10, min_chars: 2}\n",
         "q/exercise.yaml:6: checks[0]: a check needs exactly one of: max_chars, min_chars, contains_number, mentions_any"),
        ("id: q\ntitle: t\nkind: segmentation\nportfolio: ../cases/hengda-2025.yaml\n",
         "cases/hengda-2025.yaml:1: id: unknown key (expected one of: segmentation, distributors)"),
        ("id: q\ntitle: t\nkind: roleplay\nroles:\n  - {id: a, name: A, card: x}\nchecklist:\n  - {id: c, text: t}\n",
         "q/exercise.yaml:5: roles: needs at least two roles (the first is the one the checklist scores)"),
        ("id: q\ntitle: t\nkind: roleplay\nroles:\n  - {id: a, name: A, card: x, observer: true}\n  - {id: b, name: B, card: y}\nchecklist:\n  - {id: c, text: t}\n",
         "q/exercise.yaml:5: roles: the first role is the one scored: it cannot be an observer"),
        ("id: q\ntitle: t\nkind: roleplay\nroles:\n  - {id: a, name: A, card: x}\n  - {id: b, name: B, card: y}\nchecklist: []\n",
         "q/exercise.yaml:7: checklist: needs at least one item"),
        ("id: q\ntitle: t\nkind: roleplay\nroles:\n  - {id: a, name: A, card: x}\n  - {id: a, name: B, card: y}\nchecklist:\n  - {id: c, text: t}\n",
         "q/exercise.yaml:5: roles: the id a is used twice"),
        ("id: q\ntitle: t\nkind: roleplay\nroles:\n  - {id: a, name: A}\n  - {id: b, name: B, card: y}\nchecklist:\n  - {id: c, text: t}\n",
         "q/exercise.yaml:5: roles[0].card: missing (required)"),
    ])
    func refusals(yaml: String, message: String) throws {
        #expect(throws: ExerciseProblem.self) { try Fixtures.memory("q", ["exercise.yaml": yaml]) }
        do {
            _ = try Fixtures.memory("q", ["exercise.yaml": yaml])
        } catch let problem as ExerciseProblem {
            #expect(problem.description == message)
        }
    }

    @Test("A missing exercise.yaml names the file")
    func missingFile() {
        do {
            _ = try Exercise.load(folder: "exercises/none") { _ in throw CocoaErrorLike() }
            Issue.record("loaded")
        } catch {
            #expect(error.file == "exercises/none/exercise.yaml")
            #expect(error.line == nil)
        }
    }

    struct CocoaErrorLike: Error, CustomStringConvertible {
        var description: String { "no such file" }
    }

    @Test("Lexical paths", arguments: [
        ("exercises/review-hengda", "../cases/hengda.yaml", "exercises/cases/hengda.yaml"),
        ("review-hengda", "../cases/hengda.yaml", "cases/hengda.yaml"),
        ("/abs/ex/q", "./../../c.yaml", "/abs/c.yaml"),
        ("q", "../../c.yaml", "../c.yaml"),
    ])
    func paths(folder: String, relative: String, joined: String) {
        #expect(FilePaths.join(folder, relative) == joined)
    }
}
