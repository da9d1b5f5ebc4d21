import ArgumentParser
import Foundation
import Testing
@testable import JBPCommands
import JBPModel
import Grading

/// The model's commands on the spec's example files, as a trainer runs them.
@Suite struct ModelCommandsTests {
    static let spec = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("JBPModelTests/Fixtures")

    static func path(_ name: String) -> String { spec.appendingPathComponent(name).path }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let command = try JBP.parseAsRoot(arguments)
        let text: String
        switch command {
        case let review as ReviewCommand: text = try review.output()
        case let project as ProjectCommand: text = try project.output()
        case let segment as SegmentCommand: text = try segment.output()
        case let scorecard as ScorecardCommand: text = try scorecard.output()
        default: Issue.record("not a model command"); return [:]
        }
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func reviewJSONHasTheCommandTableKeys() throws {
        let review = try Self.json(["review", Self.path("example-case.yaml"), "--json"])
        #expect(Set(review.keys) == ["case", "result", "contribution_rate", "working_capital_rate", "areas", "opportunities", "top_opportunities"])
        let result = try #require(review["result"] as? [String: Any])
        #expect(abs((result["roi"] as? Double ?? 0) - 0.0919325) < 1e-6)
        #expect(review["top_opportunities"] as? [String] == ["coverage", "inventory", "terminal"])
    }

    @Test func projectJSONGivesTheExamplePlansFigures() throws {
        let projection = try Self.json(["project", Self.path("example-case.yaml"), Self.path("example-plan.yaml"), "--json"])
        #expect(Set(projection.keys) == ["incremental_sales", "cost_savings", "capital_released", "plan_costs", "revenue", "net_profit",
                                         "investment", "roi", "coverage_rate"])
        #expect(abs((projection["roi"] as? Double ?? 0) - 0.1007898) < 1e-6)
        #expect(projection["incremental_sales"] as? Double == 1_170_000)
        #expect(projection["plan_costs"] as? Double == 100_000)
    }

    @Test func projectTakesASubmissionFileAsWellAsABarePlan() throws {
        // The sample a trainee hands in (`{exercise, plan, expect_score}`) projects as its plan does.
        let exercises = Self.spec.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("exercises")
        let sample = exercises.appendingPathComponent("plan-homework/samples/model-answer.yaml").path
        let caseFile = exercises.appendingPathComponent("cases/hongyun-2025.yaml").path
        let wrapped = try Self.json(["project", caseFile, sample, "--json"])
        let text = try String(contentsOfFile: sample, encoding: .utf8)
        let plan = try Plan.read(ProjectCommand.planPart(of: Document.parse(text, file: sample)))
        let bare = Projection(review: try Review(Case.read(try String(contentsOfFile: caseFile, encoding: .utf8), file: caseFile)), plan: plan)
        #expect(!plan.goals.isEmpty)
        #expect(abs((wrapped["roi"] as? Double ?? 0) - (bare.roi ?? -1)) < 1e-12)
    }

    @Test("jbp grade names a plan's checks as the plan report does, with the ROI in percent",
          arguments: [(Language.zh, "预测 ROI 达到目标", "12.04%"), (Language.en, "Projected ROI reaches the target", "12.04%")])
    func gradeReportNamesPlanChecks(language: Language, name: String, roi: String) throws {
        let exercises = Self.spec.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("exercises")
        let command = try #require(try JBP.parseAsRoot(["grade", exercises.appendingPathComponent("plan-homework").path,
                                                        exercises.appendingPathComponent("plan-homework/samples/partial.yaml").path,
                                                        "--lang", language.rawValue]) as? GradeCommand)
        let (grade, text) = try command.result()
        #expect(text.contains(name) && text.contains(roi))
        // No check id anywhere in the printed report (English words such as "budget"
        // are ids too, so only the Chinese one is searched), and no name twice on its line.
        if language == .zh {
            for check in PlanCheck.allCases { #expect(!text.contains(check.rawValue), "\(check.rawValue)") }
        }
        #expect(!text.contains("结构完整：结构完整"))
        #expect(grade.items.count == PlanCheck.allCases.count)
    }

    @Test func segmentJSONPutsEachDistributorInItsSegment() throws {
        let segmentation = try Self.json(["segment", Self.path("example-portfolio.yaml"), "--json"])
        #expect(segmentation["scale_threshold"] as? Double == 6_600_000)
        let segments = (segmentation["distributors"] as? [[String: Any]] ?? []).map { $0["segment"] as? String ?? "" }
        #expect(segments == ["key", "advantaged", "potential", "general", "advantaged", "potential"])
    }

    @Test func scorecardJSONGivesTheCheckInStatuses() throws {
        let scorecard = try Self.json(["scorecard", Self.path("example-plan.yaml"), Self.path("example-checkin.yaml"), "--json"])
        let checkins = try #require(scorecard["checkins"] as? [[String: Any]])
        let measures = try #require(checkins.first?["measures"] as? [[String: Any]])
        #expect(measures.map { $0["status"] as? String } == ["green", "green", "green"])
    }

    @Test(arguments: [
        ["review", "example-case.yaml"],
        ["project", "example-case.yaml", "example-plan.yaml"],
        ["segment", "example-portfolio.yaml"],
        ["scorecard", "example-plan.yaml", "example-checkin.yaml"],
    ])
    func reportsAreInChinese(_ arguments: [String]) throws {
        let command = try JBP.parseAsRoot([arguments[0]] + arguments.dropFirst().map(Self.path))
        let text: String
        switch command {
        case let review as ReviewCommand: text = try review.output()
        case let project as ProjectCommand: text = try project.output()
        case let segment as SegmentCommand: text = try segment.output()
        case let scorecard as ScorecardCommand: text = try scorecard.output()
        default: text = ""
        }
        #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test func aBrokenCaseIsOneLineNamingTheKey() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-typo-\(UUID().uuidString).yaml")
        let text = try String(contentsOfFile: Self.path("example-case.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "receivables:", with: "recievables:")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let command = try #require(try JBP.parseAsRoot(["review", file.path]) as? ReviewCommand)
        #expect(throws: ModelError.self) { try command.output() }
        do {
            _ = try command.output()
        } catch {
            #expect(error.description == "\(file.path): balance.recievables: unknown key (did you mean receivables?)")
        }
        #expect(try CourseCommandsTests.exitCode(["review", file.path]) == 1)
        #expect(try CourseCommandsTests.exitCode(["review", "/nonexistent.yaml"]) == 1)
    }
}
