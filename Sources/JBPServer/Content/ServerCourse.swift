import CourseMarkdown
import Foundation

/// The course as `jbp serve` loads it from a root folder.
public enum ServerCourse {
    /// Loads the course's modules (CourseMarkdown) and its exercises with their grader.
    public static func load(root: URL) throws -> CourseContent {
        let course = try CourseContent.loadCourse(root: root)
        let (exercises, engine) = try loadExercises(root: root, renderer: course.renderer)
        return try CourseContent.load(course: course, exercises: exercises, engine: engine)
    }
}

