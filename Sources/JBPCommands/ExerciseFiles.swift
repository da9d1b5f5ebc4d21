import Foundation
import Grading
import JBPModel

/// The disk-reading edge of exercises: Grading itself never touches files,
/// so the commands (and the server, and `jbp check`) load exercise folders,
/// their cases and their samples through here.
public enum ExerciseFiles {
    /// The text of a file, read by the commands' one reader (`Files.readText`); the failure
    /// says what is wrong in a few words (`no such file`, `not UTF-8 text`, …).
    public static func text(_ path: String) throws(FileReadError) -> String {
        try Files.readText(path)
    }

    /// Loads the exercise in `folder` (its name is the exercise id). Files are
    /// named as `name/...` in messages (`name` defaults to `folder`).
    public static func load(_ folder: String, as name: String? = nil) throws(ExerciseProblem) -> Exercise {
        let trimmed = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: trimmed, isDirectory: &isFolder), isFolder.boolValue else {
            throw ExerciseProblem(file: name ?? trimmed, message: "no such exercise folder")
        }
        let base = URL(fileURLWithPath: trimmed)
        return try Exercise.load(folder: name ?? trimmed) { relative in
            try text(base.appendingPathComponent(relative).standardizedFileURL.path)
        }
    }

    /// The sample submissions of an exercise folder (`samples/*.yaml`, by name),
    /// as (file for messages, text); `name` names the folder in messages. A
    /// sample that cannot be read is a problem.
    public static func samples(_ folder: String, as name: String? = nil)
        -> (samples: [(file: String, text: String)], problems: [ExerciseProblem]) {
        let samplesFolder = URL(fileURLWithPath: folder).appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samplesFolder.path)) ?? []
        var samples: [(file: String, text: String)] = []
        var problems: [ExerciseProblem] = []
        for sample in names.sorted() where sample.hasSuffix(".yaml") || sample.hasSuffix(".yml") || sample.hasSuffix(".json") {
            let file = "\(name ?? folder)/samples/\(sample)"
            do {
                samples.append((file, try text(samplesFolder.appendingPathComponent(sample).path)))
            } catch {
                problems.append(ExerciseProblem(file: file, message: error.description))
            }
        }
        return (samples, problems)
    }

    /// The exercise part of `jbp check`: every folder of `root/exercises`
    /// except `cases` is loaded, its answer paths and samples checked
    /// (``ExerciseCheck``). Files are named relative to `root`
    /// (`exercises/review-hengda/exercise.yaml`). Returns the exercises
    /// that loaded and every problem, in folder order.
    public static func check(root: URL) -> (exercises: [Exercise], problems: [ExerciseProblem]) {
        let exercisesFolder = root.appendingPathComponent("exercises")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: exercisesFolder.path) else {
            return ([], [ExerciseProblem(file: "exercises", message: "no exercises folder")])
        }
        var exercises: [Exercise] = []
        var problems: [ExerciseProblem] = []
        for name in names.sorted() where name != "cases" && !name.hasPrefix(".") {
            let folder = exercisesFolder.appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let shown = "exercises/\(name)"
            do {
                let exercise = try load(folder, as: shown)
                exercises.append(exercise)
                let (samples, sampleProblems) = self.samples(folder, as: shown)
                problems += sampleProblems
                problems += ExerciseCheck.problems(exercise, samples: samples)
            } catch {
                problems.append(error)
            }
        }
        return (exercises, problems)
    }
}
