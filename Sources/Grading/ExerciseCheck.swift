import JBPModel

/// The exercise part of `jbp check`: what loading alone cannot tell.
public enum ExerciseCheck {
    /// How many variants are built and looked into when an exercise has variants.
    public static let variantsChecked = 1...10
    /// The variants whose story is checked (exercises.md: `jbp check` reports
    /// every review exercise whose variants 1–40 fall back to variant 0).
    public static let storyChecked = 1...40

    /// Every problem of a loaded exercise, as values: each review `answer`
    /// path must lead to a figure, a text or a list of areas in the review
    /// JSON (of the case as written and of its first variants), and every
    /// sample must grade to its `expect_score` (a sample with
    /// `expect_gradable: false` must not be gradable). `samples` are the
    /// files of `samples/` as (file name for messages, text).
    public static func problems(_ exercise: Exercise, samples: [(file: String, text: String)]) -> [ExerciseProblem] {
        var problems: [ExerciseProblem] = []
        if case .review(let review) = exercise.content {
            let base = answerPathProblems(exercise, review, key: exercise.baseKey, variant: 0)
            problems += base.map(\.problem)
            if exercise.hasVariants {
                // A path wrong for the case as written is wrong for every variant: say it once.
                let reported = Set(base.map(\.question))
                for n in variantsChecked {
                    do {
                        let key = try exercise.answerKey(variant: n)
                        problems += answerPathProblems(exercise, review, key: key, variant: n)
                            .filter { !reported.contains($0.question) }.map(\.problem)
                    } catch {
                        problems.append(error)
                    }
                }
                let fallBack = storyChecked.filter { Variants.fallsBack(review.base, exercise: exercise.id, variant: $0) }
                if !fallBack.isEmpty {
                    let story = (try? Review(review.base).topOpportunities.map(\.area.rawValue).joined(separator: ", ")) ?? "?"
                    problems.append(ExerciseProblem(
                        file: exercise.file,
                        message: "variants: \(fallBack.count) of variants \(storyChecked.lowerBound)–\(storyChecked.upperBound) fall back to variant 0 "
                            + "(no draw in \(Variants.redraws + 1) keeps top_opportunities \(story)): \(fallBack.map(String.init).joined(separator: ", "))"))
                }
            }
        } else if exercise.hasVariants {
            for n in variantsChecked {
                do { _ = try exercise.answerKey(variant: n) } catch { problems.append(error) }
            }
        }
        for sample in samples {
            problems += sampleProblems(exercise, sample.file, sample.text)
        }
        // One problem per place: a wrong path shows in every variant alike.
        var seen = Set<ExerciseProblem>()
        return problems.filter { seen.insert($0).inserted }
    }

    static func answerPathProblems(_ exercise: Exercise, _ review: ReviewExercise, key: AnswerKey,
                                   variant: Int) -> [(question: String, problem: ExerciseProblem)] {
        guard case .review(let reviewKey) = key.body else { return [] }
        var problems: [(question: String, problem: ExerciseProblem)] = []
        for (question, expected) in zip(review.questions, reviewKey.expected) {
            if case .missing(let reason) = expected {
                let which = variant == 0 ? "" : " (variant \(variant))"
                problems.append((question.id, ExerciseProblem(file: exercise.file, line: question.line,
                                                              message: "questions.\(question.id): \(reason)\(which)")))
            }
        }
        return problems
    }

    static func sampleProblems(_ exercise: Exercise, _ file: String, _ text: String) -> [ExerciseProblem] {
        let submission = Submission.read(text)
        let line = lineOf("expect_score", in: text)
        guard let expectScore = submission.expectScore else {
            if !submission.problems.isEmpty {
                return [ExerciseProblem(file: file, message: "cannot be read: \(submission.problems.map(\.en).joined(separator: "; "))")]
            }
            return [ExerciseProblem(file: file, message: "a sample needs expect_score (a number)")]
        }
        let grade = Grader.grade(exercise, submission: submission, options: GradeOptions(language: .en))
        if submission.expectGradable == false {
            if grade.gradable {
                return [ExerciseProblem(file: file, line: lineOf("expect_gradable", in: text),
                                        message: "expect_gradable is false, but the sample is gradable (score \(Figures.format(grade.score, .ratio)))")]
            }
            if expectScore != 0 {
                return [ExerciseProblem(file: file, line: line, message: "a sample that is not gradable scores 0; expect_score says \(Figures.format(expectScore, .ratio))")]
            }
            return []
        }
        guard grade.gradable else {
            return [ExerciseProblem(file: file, message: "not gradable: \(grade.formatErrors.joined(separator: "; "))")]
        }
        guard abs(grade.score - expectScore) <= 1e-6 else {
            let missed = grade.items.filter { !$0.correct }.map { "\($0.id) \(Figures.format($0.awarded, .ratio))/\(Figures.format($0.points, .ratio))" }
            let detail = missed.isEmpty ? "" : " (not full marks: \(missed.joined(separator: ", ")))"
            return [ExerciseProblem(file: file, line: line,
                                    message: "grades \(Figures.format(grade.score, .ratio)), expect_score says \(Figures.format(expectScore, .ratio))\(detail)")]
        }
        return []
    }

    /// The line where a top-level key is written, for messages.
    static func lineOf(_ key: String, in text: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.hasPrefix(key + ":") || line.hasPrefix("\"\(key)\"") { return number }
        }
        return nil
    }
}
