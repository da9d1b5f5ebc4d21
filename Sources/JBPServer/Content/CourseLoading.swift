import CourseMarkdown
import Foundation

/// A course that `jbp check` would refuse: the server does not start on it.
public struct CourseRefused: Error, CustomStringConvertible, Sendable {
    /// The problems as `jbp check` prints them (`file:line: message`).
    public var problems: [String]
    public var description: String {
        (["The course has \(problems.count) problem(s); fix them (see `jbp check`) and start again:"] + problems).joined(separator: "\n")
    }
}

extension CourseContent {
    /// Where the server puts module pages; module links in the course point here.
    static let modulePrefix = "/t/modules"

    /// Loads, checks and renders the course under `root` once, for the server: modules come
    /// from CourseMarkdown with their exercise slots; exercises and their grading from `exercises`
    /// and `engine`. A course with problems is refused with `jbp check`'s messages.
    public static func load(root: URL, exercises: [CourseExercise], engine: any ExerciseEngine) throws -> CourseContent {
        try load(course: try loadCourse(root: root), exercises: exercises, engine: engine)
    }

    /// The course under `root` for the server, or its problems.
    static func loadCourse(root: URL) throws -> Course {
        let course = Course.load(root: root, style: .server(modulePrefix: modulePrefix))
        guard course.problems.isEmpty else { throw CourseRefused(problems: course.problems.map(\.description)) }
        return course
    }

    static func load(course: Course, exercises: [CourseExercise], engine: any ExerciseEngine) throws -> CourseContent {
        let modules = course.modules.map { module in
            CourseModule(
                id: module.id, title: module.front.title, titleEn: module.front.titleEn, order: module.front.order,
                minutes: module.front.minutes, objectives: module.front.objectives,
                parts: module.document.parts.map { part in
                    switch part {
                    case .html(let html): return .html(html)
                    case .exercise(let id): return .exercise(id: id)
                    }
                })
        }
        let renderer = course.renderer
        var content = CourseContent(
            title: course.info?.title ?? "", titleEn: course.info?.titleEn ?? "", modules: modules, exercises: exercises, engine: engine,
            renderTraineeMarkdown: { text in
                renderer.render(text, trust: .trainee).html(exercise: { _ in "" })
            })
        let folder = course.root.appendingPathComponent("course/downloads")
        for name in course.downloads where name.hasSuffix(".md") {
            if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) {
                content.downloadPages[name] = renderer.render(text, trust: .course).html(exercise: { _ in "" })
            }
        }
        return content
    }
}
