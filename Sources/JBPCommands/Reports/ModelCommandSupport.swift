import ArgumentParser
import Foundation
import JBPModel

/// Input and failure handling for the model's commands (review, project, segment,
/// scorecard): a file that cannot be read or a model refusal is one line on standard
/// error, `jbp: <message>`, and exit status 1 — never a stack trace.
enum ModelCommandIO {
    /// The text of an input file; a file that cannot be read is a `ModelError` naming it.
    static func text(of path: String) throws(ModelError) -> String {
        do {
            return try Files.readText(path)
        } catch {
            throw ModelError(file: path, path: "", message: error.problem)
        }
    }

    /// Runs a command's work and prints its output; a `ModelError` becomes one line on
    /// standard error and `ExitCode.failure`.
    static func run(_ body: () throws(ModelError) -> String) throws {
        let output: String
        do {
            output = try body()
        } catch {
            FileHandle.standardError.write(Data("jbp: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        print(output)
    }
}
