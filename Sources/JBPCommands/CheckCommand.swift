import ArgumentParser
import CourseMarkdown
import Foundation
import Grading

/// `jbp check [ROOT]`: every problem in course/ and exercises/, as `file:line: message`.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the course and its exercises; print every problem as file:line: message; exit non-zero if any.")

    @OptionGroup var root: CourseRoot

    public init() {}

    public func run() throws {
        try reportingFailures {
            let rootURL = try root.url()
            Terminal.error("checking the course in \(rootURL.path) …")
            let course = Course.load(root: rootURL, style: .staticSite)
            Terminal.error("  course: \(course.modules.count) modules, \(course.modules.reduce(0) { $0 + $1.front.minutes }) minutes, \(course.problems.count) problem(s)")
            Terminal.error("  exercises: loading each, checking its answer paths, grading its samples …")
            let (exercises, exerciseProblems) = ExerciseFiles.check(root: rootURL)
            Terminal.error("  exercises: \(exercises.count) loaded, \(exerciseProblems.count) problem(s)")
            var problems = course.problems.map(\.description) + exerciseProblems.map(\.description)
            problems += CheckCommand.crossProblems(course: course, exercises: exercises)
            problems += CheckCommand.pipeTableProblems(root: rootURL)
            for problem in problems { print(problem) }
            guard problems.isEmpty else {
                Terminal.error("\(problems.count) problem(s)")
                throw ExitCode.failure
            }
            Terminal.error("no problems")
        }
    }

    /// Every pipe table in the course's Markdown and the exercises' prompts and solutions: cmark
    /// prints them as raw text on the trainee's page (issue: "the worked solutions show raw Markdown").
    static func pipeTableProblems(root: URL) -> [String] {
        let files = FileManager.default
        var paths: [String] = []
        // Downloads are copied as they are and opened in an editor, where a pipe table reads well.
        let modules = (try? files.contentsOfDirectory(atPath: root.appendingPathComponent("course").path)) ?? []
        paths += modules.sorted().filter { $0.hasSuffix(".md") }.map { "course/\($0)" }
        let exercises = (try? files.contentsOfDirectory(atPath: root.appendingPathComponent("exercises").path)) ?? []
        for exercise in exercises.sorted() {
            for name in ["prompt.md", "solution.md"] { paths.append("exercises/\(exercise)/\(name)") }
        }
        return paths.flatMap { path -> [String] in
            guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return [] }
            return PipeTables.lines(in: text).map {
                "\(path):\($0): a pipe table: cmark has no table extension and shows it as raw text; write it as a ```csv block"
            }
        }
    }

    /// What neither side sees alone: an exercise's `module` names a module of the course, and
    /// every exercise stands in some module (a trainee would never see it otherwise).
    static func crossProblems(course: Course, exercises: [Exercise]) -> [String] {
        guard course.info != nil else { return [] }
        let moduleIDs = Set(course.modules.map(\.id))
        let embedded = Set(course.modules.flatMap { $0.document.exerciseReferences.map(\.name) })
        var problems: [String] = []
        for exercise in exercises {
            let file = "exercises/\(exercise.id)/exercise.yaml"
            if let module = exercise.module, !moduleIDs.contains(module) {
                problems.append("\(file): module: '\(module)' is not the id of a module in course/course.yaml")
            }
            if !embedded.contains(exercise.id) {
                problems.append("\(file): no module embeds this exercise (add ```exercise \(exercise.id)``` where it belongs)")
            }
        }
        return problems
    }
}
