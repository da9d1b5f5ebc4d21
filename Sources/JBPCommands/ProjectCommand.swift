import ArgumentParser
import Grading
import JBPModel

/// `jbp project CASE PLAN [--json]`: what a plan's driver goals would do (model.md §6).
public struct ProjectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project a joint business plan onto its case: extra sales, savings, capital released, and the ROI after.")

    @Argument(help: "The case file (YAML or JSON).")
    var caseFile: String

    @Argument(help: "The plan file (YAML or JSON).")
    var planFile: String

    @Flag(help: "Print the projection as JSON.")
    var json = false

    public init() {}

    /// Prints `output()`, or one line on standard error and exit status 1.
    public func run() throws {
        try ModelCommandIO.run(output)
    }

    /// A bare plan, or the `plan` of a submission file (`{exercise, variant, plan}`, as
    /// `jbp grade` and the API take it): the same file works for both commands.
    static func planPart(of root: Field) throws(ModelError) -> Field {
        guard root.isMap, let map = try? root.openMap(), let plan = map["plan"],
              Set(map.keys).isSubset(of: Submission.ownKeys.union(["plan"])) else { return root }
        return plan
    }

    /// What the command prints.
    public func output() throws(ModelError) -> String {
        let review = try Review(Case.read(ModelCommandIO.text(of: caseFile), file: caseFile), file: caseFile)
        let plan = try Plan.read(Self.planPart(of: Document.parse(ModelCommandIO.text(of: planFile), file: planFile)))
        let projection = Projection(review: review, plan: plan)
        return json ? projection.json.text() : ProjectionReport.text(projection, review: review, plan: plan)
    }
}
