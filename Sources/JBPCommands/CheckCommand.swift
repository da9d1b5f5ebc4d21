import ArgumentParser
import CourseMarkdown
import Foundation

/// `jbp check [ROOT]`: every problem in course/ and exercises/, as `file:line: message`.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the course and its exercises; print every problem as file:line: message; exit non-zero if any.")

    @Argument(help: "The folder holding course/ and exercises/ (default: the current folder).")
    var root: String?

    public init() {}

    public func run() throws {
        try reportingFailures {
            let rootURL = try Files.root(root)
            Terminal.error("checking the course in \(rootURL.path) …")
            let course = Course.load(root: rootURL, style: .staticSite)
            Terminal.error("  \(course.modules.count) modules, \(course.modules.reduce(0) { $0 + $1.front.minutes }) minutes")
            let problems = course.problems
            for problem in problems { print(problem.description) }
            guard problems.isEmpty else {
                Terminal.error("\(problems.count) problem(s)")
                throw ExitCode.failure
            }
            Terminal.error("no problems")
        }
    }
}
