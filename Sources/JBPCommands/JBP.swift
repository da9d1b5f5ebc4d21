import ArgumentParser

/// The `jbp` command: the course companion's every tool.
public struct JBP: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jbp",
        abstract: "生意回顾与联合生意计划 (JBP) course companion: render, check and serve the course, review cases, grade exercises.",
        subcommands: [
            ReviewCommand.self,
            ProjectCommand.self,
            SegmentCommand.self,
            ScorecardCommand.self,
            RenderCommand.self,
            BuildCommand.self,
            CheckCommand.self,
            GradeCommand.self,
            VariantCommand.self,
            BenchCommand.self,
            ServeCommand.self,
            TrainerCommand.self,
            MigrateCommand.self,
            BackupCommand.self,
        ]
    )

    public init() {}
}
