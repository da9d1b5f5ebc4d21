import ArgumentParser

/// `jbp bench …`: benchmarks that print figures; the last line is `ratio: X`.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks. Each prints its figures and, last, `ratio: X`, the figure its goal is stated in.",
        subcommands: [BenchRenderCommand.self, BenchGradeCommand.self])

    public init() {}
}
