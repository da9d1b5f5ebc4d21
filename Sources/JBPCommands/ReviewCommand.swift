import ArgumentParser
import JBPModel

/// `jbp review CASE [--json]`: the review of a case (model.md §2–§4).
public struct ReviewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a distributor case: result, ROI tree, the six areas and their GAPs, opportunities by ROI gained.")

    @Argument(help: "The case file (YAML or JSON).")
    var caseFile: String

    @Flag(help: "Print the review as JSON (the keys the grader looks answers up by).")
    var json = false

    public init() {}

    /// Prints `output()`, or one line on standard error and exit status 1.
    public func run() throws {
        try ModelCommandIO.run(output)
    }

    /// What the command prints.
    public func output() throws(ModelError) -> String {
        let reviewed = try Case.read(ModelCommandIO.text(of: caseFile), file: caseFile)
        let review = try Review(reviewed, file: caseFile)
        return json ? review.json.text() : ReviewReport.text(review)
    }
}
