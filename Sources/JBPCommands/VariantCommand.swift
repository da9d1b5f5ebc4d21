import ArgumentParser
import Grading

/// `jbp variant EXERCISE N`: the case (or portfolio) of variant N, as YAML in its own format.
public struct VariantCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "variant",
        abstract: "Print the case (or portfolio) of variant N of an exercise, as YAML in the case format.")

    @Argument(help: "The exercise's folder.")
    var exercise: String

    @Argument(help: "The variant number (0 = the case as written).")
    var n: Int

    public init() {}

    public func run() throws {
        print(try output(), terminator: "")
    }

    /// The YAML printed; a bad exercise or variant is one line on standard error and exit status 1.
    func output() throws -> String {
        guard n >= 0 else { throw Terminal.fail("\(exercise): variant \(n) is below 0") }
        do {
            let loaded = try ExerciseFiles.load(exercise)
            guard let yaml = try Variants.yaml(for: loaded, variant: n) else {
                throw Terminal.fail("\(loaded.file): a \(loaded.kind.rawValue) exercise has no case or portfolio")
            }
            return yaml
        } catch let problem as ExerciseProblem {
            throw Terminal.fail(problem.description)
        }
    }
}
