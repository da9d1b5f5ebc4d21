import ArgumentParser
import Foundation
import Grading
import JBPModel

/// `jbp grade EXERCISE SUBMISSION [--variant N] [--json] [--lang zh|en]`.
public struct GradeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a submission (JSON or YAML) on an exercise folder and explain every item.")

    @Argument(help: "The exercise's folder (its name is the exercise id).")
    var exercise: String

    @Argument(help: "The submission file: {exercise, variant, answers}, {exercise, plan} or a bare plan.")
    var submission: String

    @Option(help: "The variant to grade on (overrides the submission's `variant`, which defaults to 0).")
    var variant: Int?

    @Flag(help: "Print the grade as JSON (exercises.md \"A grade\").")
    var json = false

    @Option(help: "The language of feedback: zh (default) or en.")
    var lang: Language = .zh

    public init() {}

    public func run() throws {
        let (grade, output) = try result()
        print(output)
        if !grade.gradable {
            for problem in grade.formatErrors { Terminal.error("jbp: \(submission): \(problem)") }
            throw ExitCode.failure
        }
    }

    /// The grade and what the command prints; a bad exercise or an unreadable
    /// file is one line on standard error and exit status 1.
    func result() throws -> (Grade, String) {
        let loaded: Exercise
        do {
            loaded = try ExerciseFiles.load(exercise)
        } catch {
            throw Terminal.fail(error.description)
        }
        let text: String
        do {
            text = try ExerciseFiles.text(submission)
        } catch {
            throw Terminal.fail(error.description)
        }
        if let variant, variant < 0 { throw Terminal.fail("--variant: \(variant) is below 0") }
        let grade = Grader.grade(loaded, variant: variant, submission: Submission.read(text),
                                 options: GradeOptions(language: lang))
        return (grade, json ? grade.json.text() : GradeText.text(grade, exercise: loaded, language: lang))
    }
}

extension Language: ExpressibleByArgument {}

/// A grade as a person reads it, in the course's language.
enum GradeText {
    static func text(_ grade: Grade, exercise: Exercise, language: Language) -> String {
        func l(_ zh: String, _ en: String) -> String { language.pick(zh, en) }
        var lines: [String] = []
        let variant = exercise.hasVariants || grade.variant != 0 ? l("，第 \(grade.variant) 套数据", ", variant \(grade.variant)") : ""
        lines.append("\(exercise.title)（\(exercise.id)\(variant)）")
        guard grade.gradable else {
            lines.append(l("无法评分（不计入提交次数）：", "Not gradable (no attempt is used):"))
            lines += grade.formatErrors.map { "  - \($0)" }
            return lines.joined(separator: "\n")
        }
        let score = "\(number(grade.score)) / \(number(grade.maxScore))"
        lines.append(l("得分：\(score)", "Score: \(score)") + (grade.needsManual ? l("（另有讲师评分部分）", " (the rubric is scored by the trainer)") : ""))
        lines.append("")
        var table = TextTable(headers: [l("", ""), l("题目", "item"), l("得分", "points"), l("你的答案", "given"), l("正确答案", "expected")],
                              alignments: [.left, .left, .right, .left, .left])
        for item in grade.items {
            let check = PlanCheck(rawValue: item.id)
            table.add([item.correct ? "✓" : (item.awarded > 0 ? "◐" : "✗"), label(item.id, language: language),
                       "\(number(item.awarded))/\(number(item.points))",
                       value(item.given, check: check), value(item.expected, check: check)])
        }
        lines += table.lines
        lines.append("")
        // "Correct." says nothing the table does not; every other message is printed.
        for item in grade.items where !item.feedback.isEmpty && item.feedback != l("正确。", "Correct.") {
            let tag = item.misconception.map { " [\($0)]" } ?? ""
            // A check's message may open with its own name ("结构完整：…"): not twice.
            let name = label(item.id, language: language)
            let lead = item.feedback.hasPrefix(name) ? "" : name + l("：", ": ")
            lines.append("\(lead)\(item.feedback)\(tag)")
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ x: Double) -> String {
        JSONValue.numberText((x * 10_000).rounded() / 10_000) ?? "\(x)"
    }

    /// A plan check by its name (trainees read this report too); a question by its id,
    /// which is how the exercise's author finds it in `answers.yaml`.
    static func label(_ id: String, language: Language) -> String {
        guard let check = PlanCheck(rawValue: id) else { return id }
        return language.pick(check.chineseName, check.englishName)
    }

    /// A plan check's figure by its unit: the ROI as a percentage, the budget as money.
    static func value(_ value: JSONValue?, check: PlanCheck?) -> String {
        if case .number(let x)? = value, let check {
            switch check {
            case .roiTarget: return Figures.rateWithPercent(x)
            case .budget: return Figures.format(x, .money)
            default: break
            }
        }
        return self.value(value)
    }

    static func value(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "—"
        case .number(let x)?: return JSONValue.numberText((x * 1_000_000).rounded() / 1_000_000) ?? "—"
        case .string(let text)?: return text.count > 30 ? String(text.prefix(30)) + "…" : text
        case .array(let items)?: return items.map { self.value($0) }.joined(separator: ", ")
        default: return value?.text(pretty: false) ?? "—"
        }
    }
}
