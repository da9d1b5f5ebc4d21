import ArgumentParser
import JBPModel

/// `jbp scorecard PLAN CHECKINS [--json]`: each check-in's measures against the plan's
/// glide paths (model.md §7). The plan alone is enough: baselines, targets and the period
/// come from it, so no case is needed.
public struct ScorecardCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Follow a plan up: each check-in's actuals against what its measures should show by then.")

    @Argument(help: "The plan file (YAML or JSON).")
    var planFile: String

    @Argument(help: "The check-in file: checkins: [{date, values: {measure id: actual}}].")
    var checkInFile: String

    @Flag(help: "Print the scorecard as JSON.")
    var json = false

    public init() {}

    /// Prints `output()`, or one line on standard error and exit status 1.
    public func run() throws {
        try ModelCommandIO.run(output)
    }

    /// What the command prints.
    public func output() throws(ModelError) -> String {
        let plan = try Plan.read(ModelCommandIO.text(of: planFile), file: planFile)
        let checkIns = try CheckIn.readAll(ModelCommandIO.text(of: checkInFile), file: checkInFile)
        let results = try ScoreCard(plan: plan, planFile: planFile).evaluate(checkIns, file: checkInFile)
        return json ? ScoreCard.json(results).text() : ScorecardReport.text(results, plan: plan)
    }
}
