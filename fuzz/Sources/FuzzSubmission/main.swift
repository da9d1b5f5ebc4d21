import FuzzDriver
import Foundation
import Grading

/// The course's own exercises, loaded once from the repository's exercises/ folder.
let exercises: [Exercise] = {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("exercises")
    return ["review-hengda", "quiz-m1-jbp", "segment-portfolio", "text-vito-letter", "plan-homework"].map { id in
        let folder = root.appendingPathComponent(id).path
        do {
            return try Exercise.load(folder: folder) { name in
                try String(contentsOfFile: URL(fileURLWithPath: folder).appendingPathComponent(name).path, encoding: .utf8)
            }
        } catch {
            fatalError("cannot load \(folder): \(error)")
        }
    }
}()

/// Any bytes as a submission file (JSON or YAML), then graded on five exercises of every
/// kind, for the trainer and for a trainee: reading and grading may refuse, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubmission(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let submission = Submission.read(text)
    for exercise in exercises {
        // The server grades on the trainee's own variant, never the submission's.
        for trainee in [false, true] {
            let grade = Grader.grade(exercise, variant: 1, submission: submission, options: GradeOptions(trainee: trainee))
            precondition(grade.score.isFinite && grade.score >= 0 && grade.score <= grade.maxScore + 1e-9, "score \(grade.score)")
        }
    }
    return 0
}

/// The program's entry (SwiftPM names it `FuzzSubmission_main` on Linux): libFuzzer's driver.
@_cdecl("FuzzSubmission_main")
public func fuzzSubmissionMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    // Loaded before the first input, so that libFuzzer's leak check does not count the
    // exercises (kept for the whole run) against it.
    precondition(exercises.count == 5)
    return jbp_fuzz_main(argc, argv, fuzzSubmission)
}
