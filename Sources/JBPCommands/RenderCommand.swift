import ArgumentParser
import CourseMarkdown
import Foundation

/// `jbp render FILE.md [--trainee]`: one Markdown file as HTML.
public struct RenderCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the HTML of one Markdown file, as course content or (--trainee) as text a trainee wrote.")

    @Argument(help: "The Markdown file.")
    var file: String

    @Flag(help: "Render as text a trainee wrote: raw HTML dropped, unsafe links emptied.")
    var trainee = false

    public init() {}

    public func run() throws {
        try reportingFailures {
            print(try html(), terminator: "")
        }
    }

    /// The file's HTML; its problems go to standard error as `file:line: message`.
    func html() throws -> String {
        let text = try Files.readText(file)
        // Front matter is the module's, not content.
        let (_, body, firstLine) = FrontMatter.split(text)
        let renderer = Files.courseRoot(containing: file).map { Course.load(root: $0, style: .staticSite).renderer } ?? MarkdownRenderer()
        let document = renderer.render(body, trust: trainee ? .trainee : .course, firstLine: firstLine)
        for diagnostic in document.diagnostics {
            Terminal.error("\(file):\(diagnostic.line): \(diagnostic.message)")
        }
        // Outside the server exercise blocks are previews already: there are no slots to fill.
        return document.html { _ in "" }
    }
}
