import ArgumentParser
import Foundation
import JBPModel

/// Input and failure handling for the model's commands (review, project, segment,
/// scorecard): a file that cannot be read or a model refusal is one line on standard
/// error, `jbp: <message>`, and exit status 1 — never a stack trace.
enum ModelCommandIO {
    /// Files larger than this are refused rather than read into memory.
    static let maxBytes = 10_000_000

    /// The text of an input file; a missing, unreadable, huge or non-UTF-8 file is a
    /// `ModelError` naming it.
    static func text(of path: String) throws(ModelError) -> String {
        func refusal(_ message: String) -> ModelError { ModelError(file: path, path: "", message: message) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw refusal("no such file") }
        guard !isFolder.boolValue else { throw refusal("is a folder, not a file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else { throw refusal("is too large (more than \(maxBytes / 1_000_000) MB)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw refusal("cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw refusal("not UTF-8 text") }
        return text
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
