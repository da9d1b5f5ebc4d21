import ArgumentParser
import CourseMarkdown
import CSV
import Foundation

/// `jbp bench render`: the whole course through the pipeline and through its floor, the work no
/// design can avoid: bare cmark on the same text plus CSV.swift reading the same ```csv tables.
public struct BenchRenderCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render every module N times through the course pipeline and through its floor (bare cmark_markdown_to_html plus CSV.swift reading the same csv tables); last line `ratio: pipeline/floor`.")

    @OptionGroup var root: CourseRoot

    @Option(help: "Passes over the whole course.")
    var count = 200

    public init() {}

    public func run() throws {
        try reportingFailures {
            guard count > 0 else { throw CommandFailure("--count must be above 0") }
            let course = Course.load(root: try root.url(), style: .staticSite)
            let texts = course.modules.map(\.markdown)
            guard !texts.isEmpty else { throw CommandFailure("the course has no modules to render") }
            let bytes = texts.reduce(0) { $0 + $1.utf8.count }
            let renderer = course.renderer
            // The tables, cut out once: the floor reads them, it does not look for them.
            let tables = texts.map(Self.csvBlocks)
            func floor(_ index: Int) -> Int {
                var n = MarkdownRenderer.bareCmark(texts[index]).utf8.count
                for table in tables[index] {
                    guard let reader = try? CSVReader(string: table, hasHeaderRow: false) else { continue }
                    while let row = reader.next() { n &+= row.count }
                }
                return n
            }
            print("course: \(texts.count) modules, \(bytes) bytes of Markdown; \(count) passes each")

            // One pass of each first, unmeasured, so that neither pays for first use (page faults,
            // lazily built tables); then alternate the two in rounds so that both see the same machine.
            var pipeline = Duration.zero, bare = Duration.zero
            var sink = 0
            for (index, text) in texts.enumerated() { sink &+= renderer.render(text).parts.count &+ floor(index) }
            let clock = ContinuousClock()
            let rounds = 10
            for round in 0..<rounds {
                let passes = count / rounds + (round < count % rounds ? 1 : 0)
                pipeline += clock.measure {
                    for _ in 0..<passes { for text in texts { sink &+= renderer.render(text).parts.count } }
                }
                bare += clock.measure {
                    for _ in 0..<passes { for index in texts.indices { sink &+= floor(index) } }
                }
                Terminal.error("  round \(round + 1)/\(rounds)")
            }
            let pipelineSeconds = pipeline.seconds, bareSeconds = bare.seconds
            let megabytes = Double(bytes * count) / 1_000_000
            print(String(format: "pipeline: %.3f s, %.2f ms per pass, %.1f MB/s", pipelineSeconds, pipelineSeconds * 1000 / Double(count), megabytes / pipelineSeconds))
            print(String(format: "floor (bare cmark + CSV.swift on %d tables): %.3f s, %.2f ms per pass, %.1f MB/s",
                         tables.reduce(0) { $0 + $1.count }, bareSeconds, bareSeconds * 1000 / Double(count), megabytes / bareSeconds))
            if sink == 42 { print("") } // keeps the work from being optimised away
            print(String(format: "ratio: %.3f", pipelineSeconds / bareSeconds))
        }
    }
}

extension BenchRenderCommand {
    /// The bodies of a text's ```csv fenced blocks.
    static func csvBlocks(_ text: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil {
                if line.hasPrefix("```csv") { current = [] }
            } else if line.hasPrefix("```") {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current!.append(line)
            }
        }
        return blocks
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
