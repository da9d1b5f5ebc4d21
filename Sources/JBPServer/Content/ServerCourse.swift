import Foundation

/// The course as `jbp serve` loads it from a root folder.
public enum ServerCourse {
    /// Loads the course's modules (CourseMarkdown) and its exercises with their grader.
    public static func load(root: URL) throws -> CourseContent {
        // The Grading target has not reached main yet: until it does, the modules are served
        // without exercise forms. The adapter (exercises.yaml → CourseExercise, Grader → engine)
        // replaces this when Grading lands.
        try CourseContent.load(root: root, exercises: [], engine: NoExercises())
    }
}

/// The engine of a course without exercises: nothing to grade, so it is never asked.
struct NoExercises: ExerciseEngine {
    func data(for exercise: CourseExercise, variant: Int) -> JSONValue? { nil }
    func tablesHTML(for exercise: CourseExercise, variant: Int) -> String? { nil }
    func grade(_ exercise: CourseExercise, variant: Int, submission: JSONValue) -> GradeReport {
        .unreadable(exercise: exercise.id, variant: variant, maxScore: 0, problems: ["This server has no grader for \(exercise.id)."])
    }
    func checkIn(plan: JSONValue, date: String, values: JSONValue) throws(CheckInError) -> JSONValue {
        throw CheckInError("This server has no model to check in against.")
    }
}
