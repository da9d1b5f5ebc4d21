import ArgumentParser
import JBPModel

/// `jbp segment PORTFOLIO [--json]`: the distributors of a portfolio by segment (model.md §5).
public struct SegmentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segment a portfolio of distributors by scale and potential (重点/优势/潜力/一般).")

    @Argument(help: "The portfolio file (YAML or JSON).")
    var portfolioFile: String

    @Flag(help: "Print the segmentation as JSON.")
    var json = false

    public init() {}

    /// Prints `output()`, or one line on standard error and exit status 1.
    public func run() throws {
        try ModelCommandIO.run(output)
    }

    /// What the command prints.
    public func output() throws(ModelError) -> String {
        let segmentation = Segmentation(try Portfolio.read(ModelCommandIO.text(of: portfolioFile), file: portfolioFile))
        return json ? segmentation.json.text() : SegmentationReport.text(segmentation)
    }
}
