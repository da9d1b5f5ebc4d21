import ArgumentParser
import CourseMarkdown
import Foundation
import Testing
@testable import JBPCommands

/// The course commands as a user runs them, on the fixture courses of CourseMarkdownTests.
@Suite struct CourseCommandsTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CourseMarkdownTests/Fixtures")

    static func exitCode(_ arguments: [String]) throws -> Int32 {
        var command = try JBP.parseAsRoot(arguments)
        do {
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        }
    }

    @Test func checkPassesOnAGoodCourse() throws {
        #expect(try Self.exitCode(["check", Self.fixtures.appendingPathComponent("good").path]) == 0)
    }

    @Test func checkFailsOnABrokenCourse() throws {
        #expect(try Self.exitCode(["check", Self.fixtures.appendingPathComponent("broken").path]) == 1)
    }

    @Test func checkFailsOnAFolderWithoutACourse() throws {
        #expect(try Self.exitCode(["check", "/nonexistent-folder"]) == 1)
    }

    @Test func renderKeepsRawHTMLForTheCourseAndDropsItForTrainees() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-render-\(UUID().uuidString).md")
        try Data("<script>alert(1)</script>\n\n[x](javascript:alert(1)) *ok*\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let course = try #require(try JBP.parseAsRoot(["render", file.path]) as? RenderCommand)
        let trusted = try course.html()
        #expect(trusted.contains("<script>alert(1)</script>"))

        let trainee = try #require(try JBP.parseAsRoot(["render", file.path, "--trainee"]) as? RenderCommand)
        let safe = try trainee.html()
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("javascript:"))
        #expect(safe.contains("<em>ok</em>"))
    }

    @Test func renderOfAMissingFileIsOneClearLine() throws {
        #expect(try Self.exitCode(["render", "/nonexistent/x.md"]) == 1)
    }

    @Test func buildWritesTheSite() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try Self.exitCode(["build", Self.fixtures.appendingPathComponent("good").path, "--out", out.path]) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["a.html", "b.html", "downloads", "index.html", "style.css"])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("downloads/x.csv").path))
    }

    @Test func buildRefusesABrokenCourse() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try Self.exitCode(["build", Self.fixtures.appendingPathComponent("broken").path, "--out", out.path]) == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func checkFindsExercisesNoModuleShowsAndModulesThatDoNotExist() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-cross-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("good"), to: root)
        let exercise = root.appendingPathComponent("exercises/ex-demo/exercise.yaml")
        let yaml = try String(contentsOf: exercise, encoding: .utf8).replacingOccurrences(of: "module: a", with: "module: zzz")
        try Data(yaml.utf8).write(to: exercise)
        let module = root.appendingPathComponent("course/01-a.md")
        let markdown = try String(contentsOf: module, encoding: .utf8).replacingOccurrences(of: "```exercise ex-demo\n```\n", with: "")
        try Data(markdown.utf8).write(to: module)

        let course = Course.load(root: root, style: .staticSite)
        let (exercises, _) = ExerciseFiles.check(root: root)
        #expect(CheckCommand.crossProblems(course: course, exercises: exercises) == [
            "exercises/ex-demo/exercise.yaml: module: 'zzz' is not the id of a module in course/course.yaml",
            "exercises/ex-demo/exercise.yaml: no module embeds this exercise (add ```exercise ex-demo``` where it belongs)",
        ])
        #expect(try Self.exitCode(["check", root.path]) == 1)
    }
}
