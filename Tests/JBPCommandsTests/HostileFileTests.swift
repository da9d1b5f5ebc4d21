import ArgumentParser
import Foundation
import Grading
import Testing
@testable import JBPCommands

/// Issue 8, hostile input on the command line: every bad file given to `jbp review`,
/// `jbp segment`, `jbp project`, `jbp scorecard` and `jbp grade` makes the command fail with
/// one clear line naming the file and the place, never a trap or a stack trace.
///
/// The corpus: the hand-written files of `Fixtures/hostile/` (broken YAML and JSON, a
/// billion-laughs bomb, rules of the model broken), and files built here from the spec's
/// example case, portfolio, plan and check-ins by putting, in place of each number in turn,
/// NaN, ±Infinity, a negative amount, a quoted number, a list, a map, a 400-digit number and
/// 1e300; plus invalid UTF-8, 10,000-deep nesting and an 11 MB file.
@Suite("Hostile files", .timeLimit(.minutes(5)))
struct HostileFileTests {
    static let hostile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile")
    static let spec = ModelCommandsTests.spec
    static let exercises = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("exercises")

    /// One run of a command on a bad file.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command and its arguments; `{file}` is the bad file.
        var arguments: [String]
        /// The bad file's text.
        var text: [UInt8]
        /// A word the message must hold besides the file (the key or the line), or nil.
        var place: String?
        var testDescription: String { name }
    }

    static let digits400 = "1" + String(repeating: "9", count: 399)
    /// What replaces a number: none of these is a number the model accepts.
    static let notNumbers = [".nan", ".inf", "-.inf", "\"12\"", "[1]", "{a: 1}", digits400, "1e300"]

    /// Each number of `text` (a `key: number` pair, in block or flow style) replaced in turn
    /// by each of `replacements`; the case names the key.
    static func mutations(of text: String, named file: String, command: [String], replacements: [String]) -> [Case] {
        let pattern = try! NSRegularExpression(pattern: #"([A-Za-z_][A-Za-z0-9_]*): (-?[0-9][0-9.]*)(?=[,}\s]|$)"#, options: [.anchorsMatchLines])
        let range = NSRange(text.startIndex..., in: text)
        var cases: [Case] = []
        for match in pattern.matches(in: text, range: range) {
            let key = (text as NSString).substring(with: match.range(at: 1))
            let value = match.range(at: 2)
            for replacement in replacements {
                let changed = (text as NSString).replacingCharacters(in: value, with: replacement)
                cases.append(
                    Case(name: "\(file): \(key) = \(replacement.prefix(12))", arguments: command, text: Array(changed.utf8), place: key))
            }
        }
        return cases
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    static func corpus() throws -> [Case] {
        let caseFile = spec.appendingPathComponent("example-case.yaml").path
        let planFile = spec.appendingPathComponent("example-plan.yaml").path
        let review = ["review", "{file}"]
        var cases: [Case] = []
        // Numbers replaced, file by file. Every number of a case is an amount, a count or a
        // rate, so a negative one is refused too (model.md §1).
        cases += mutations(of: try text(spec.appendingPathComponent("example-case.yaml")), named: "case", command: review,
                           replacements: notNumbers + ["-1"])
        cases += mutations(of: try text(spec.appendingPathComponent("example-portfolio.yaml")), named: "portfolio", command: ["segment", "{file}"],
                           replacements: notNumbers + ["-1"])
        cases += mutations(of: try text(spec.appendingPathComponent("example-plan.yaml")), named: "plan", command: ["project", caseFile, "{file}"],
                           replacements: [".nan", ".inf", "\"12\"", "[1]", digits400])
        cases += mutations(of: try text(spec.appendingPathComponent("example-checkin.yaml")), named: "check-in",
                           command: ["scorecard", planFile, "{file}"], replacements: [".nan", "-.inf", "\"12\"", "{a: 1}", digits400])
        // The hand-written files: the first word of the name says which command reads them.
        let names = try FileManager.default.contentsOfDirectory(atPath: hostile.path).sorted()
        for name in names {
            let data = try Array(Data(contentsOf: hostile.appendingPathComponent(name)))
            let command: [String]
            switch name.split(separator: "-").first {
            case "case": command = review
            case "portfolio": command = ["segment", "{file}"]
            case "plan": command = ["project", caseFile, "{file}"]
            case "checkin": command = ["scorecard", planFile, "{file}"]
            case "submission": command = ["grade", exercises.appendingPathComponent("review-hengda").path, "{file}"]
            case "plansub": command = ["grade", exercises.appendingPathComponent("plan-homework").path, "{file}"]
            default: Issue.record("\(name): no command for this prefix"); continue
            }
            cases.append(Case(name: name, arguments: command, text: data, place: nil))
        }
        // Built here: too big or too strange to keep as files.
        for command in [review, ["project", caseFile, "{file}"], ["grade", exercises.appendingPathComponent("review-hengda").path, "{file}"]] {
            cases.append(Case(name: "\(command[0]): invalid UTF-8", arguments: command, text: Array("id: x\nname: ".utf8) + [0xFF, 0xFE, 0xC0, 0x80], place: nil))
            cases.append(Case(
                name: "\(command[0]): 10,000-deep nesting", arguments: command,
                text: Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), place: nil))
            cases.append(Case(
                name: "\(command[0]): 10,000-deep maps", arguments: command,
                text: Array((String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8), place: nil))
            cases.append(Case(
                name: "\(command[0]): an 11 MB file", arguments: command,
                text: Array("text: \"".utf8) + [UInt8](repeating: 0x61, count: 11_000_000) + Array("\"\n".utf8), place: nil))
        }
        return cases
    }

    /// Runs a case on a temporary file; returns the one line the user would read, or nil
    /// when the command did not fail.
    static func failureLine(_ item: Case) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-hostile-\(UUID().uuidString).yaml")
        try Data(item.text).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let arguments = item.arguments.map { $0 == "{file}" ? file.path : $0 }
        let command = try JBP.parseAsRoot(arguments)
        do {
            switch command {
            case let review as ReviewCommand: _ = try review.output()
            case let project as ProjectCommand: _ = try project.output()
            case let segment as SegmentCommand: _ = try segment.output()
            case let scorecard as ScorecardCommand: _ = try scorecard.output()
            case let grade as GradeCommand:
                // An unreadable file fails before grading (its line goes to standard error);
                // an unreadable submission is a grade that is not gradable.
                do {
                    _ = try ExerciseFiles.text(file.path)
                } catch {
                    #expect(throws: ExitCode.self) { try grade.result() }
                    return "jbp: \(error.description)"
                }
                let (result, _) = try grade.result()
                return result.gradable ? nil : result.formatErrors.map { "jbp: \(file.path): \($0)" }.joined(separator: "\n")
            default:
                Issue.record("not a file command: \(arguments)")
                return nil
            }
        } catch {
            return "jbp: \(String(describing: error))"
        }
        return nil
    }

    @Test("Every bad file makes its command fail with one clear line naming the file and the place")
    func corpusIsRefused() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 200)
        print("hostile command-line corpus: \(corpus.count) files")
        for item in corpus {
            let started = ContinuousClock.now
            let line = try Self.failureLine(item)
            #expect(ContinuousClock.now - started < .seconds(5), "\(item.name) took too long")
            guard let line else {
                Issue.record("\(item.name): the command accepted it")
                continue
            }
            let first = line.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.contains("jbp-hostile-"), "\(item.name): the message does not name the file: \(first.prefix(200))")
            if let place = item.place {
                #expect(first.contains(place) || first.contains("line"), "\(item.name): the message does not name \(place): \(first.prefix(200))")
            }
            #expect(first.count < 400, "\(item.name): the message is not one short line: \(first.prefix(200))")
            for trace in ["Fatal", "Swift.", "DecodingError", ".swift:", "0x"] {
                #expect(!line.contains(trace), "\(item.name): internals in the message: \(line.prefix(200))")
            }
        }
    }

    @Test(arguments: [
        ["grade", "/nonexistent/review-hengda", "{sample}"],
        ["grade", "{exercises}/../../etc", "{sample}"],
        ["grade", "{exercises}/cases", "{sample}"],
        ["grade", "{exercises}/review-hengda/exercise.yaml", "{sample}"],
        ["grade", "{exercises}/review-hengda", "/nonexistent.yaml"],
        ["grade", "{exercises}/review-hengda", "{exercises}/review-hengda"],
        ["grade", "{exercises}/review-hengda", "{exercises}/../../../../../../etc/shadow-not-there"],
        ["grade", "{exercises}/review-hengda", "{sample}", "--variant=-1"],
        ["review", "{exercises}/cases"],
        ["review", "{exercises}/../../../../etc/passwd-not-there"],
        ["project", "{exercises}/cases/hengda-2025.yaml", "{exercises}/cases"],
        ["scorecard", "/dev/null/x", "/dev/null/y"],
        ["segment", "{exercises}/cases/hengda-2025.yaml"],
        ["review", "{exercises}/cases/portfolio-east-2025.yaml"],
    ])
    func badPathsExitNonZero(_ arguments: [String]) throws {
        let sample = Self.exercises.appendingPathComponent("review-hengda/samples/full.yaml").path
        let filled = arguments.map {
            $0.replacingOccurrences(of: "{exercises}", with: Self.exercises.path).replacingOccurrences(of: "{sample}", with: sample)
        }
        #expect(try CourseCommandsTests.exitCode(filled) == 1)
    }
}
