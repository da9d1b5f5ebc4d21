import Foundation
import Testing
@testable import CourseMarkdown

/// The CommonMark spec's 652 examples, read from ../shared at test time, must render exactly as
/// expected with every course extension on (the ids the course adds to headings aside).
@Suite struct ConformanceTests {
    struct Example: Decodable {
        var markdown: String
        var html: String
        var example: Int
        var section: String
    }

    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/commonmark-0.30.json").standardizedFileURL

    static func examples() throws -> [Example] {
        try JSONDecoder().decode([Example].self, from: Data(contentsOf: file))
    }

    /// A renderer with every extension on and a context that knows cases, exercises and modules.
    static let renderer = MarkdownRenderer(context: RenderContext(
        cases: [:], exercises: [:], moduleTargets: ["a.md": "a.html"], exerciseSlots: true))

    /// Removes the `id` attribute the course gives headings: `<h2 id="x">` → `<h2>`.
    static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
    }

    @Test func allExamplesRenderAsTheSpecSays() throws {
        let examples = try Self.examples()
        #expect(examples.count == 652)
        var failures: [Int] = []
        for example in examples {
            let document = Self.renderer.render(example.markdown)
            let html = Self.withoutHeadingIDs(document.html { _ in "" })
            if html != example.html { failures.append(example.example) }
        }
        #expect(failures.isEmpty, "examples that differ: \(failures)")
        print("conformance: \(examples.count - failures.count)/\(examples.count) CommonMark examples pass with the course extensions on")
    }

    @Test func safeModeDiffersWhereTheSpecHasRawHTML() throws {
        // Trainee text is rendered in safe mode, so the examples with raw HTML or unsafe links change.
        let examples = try Self.examples()
        let differing = examples.filter { Self.withoutHeadingIDs(Self.renderer.render($0.markdown, trust: .trainee).html { _ in "" }) != $0.html }
        #expect(differing.count == 71)
    }
}
