import Foundation
import Testing
@testable import CourseMarkdown

@Suite struct RendererTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var trust: Trust
        var testDescription: String { "\(name) (\(trust))" }
    }

    /// Each `Fixtures/blocks/NAME.md` renders exactly to `NAME.html` as course content, and as a
    /// trainee's text to `NAME.trainee.html` where safe mode changes it — else to `NAME.html`
    /// too: the HTML the rewriters build must survive safe mode.
    static let blockCases: [Case] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("blocks").path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().flatMap { file -> [Case] in
            let name = String(file.dropLast(3))
            return [Case(name: name, trust: .course), Case(name: name, trust: .trainee)]
        }
    }()

    @Test(arguments: blockCases)
    func blockRendersAsExpected(_ testCase: Case) throws {
        let folder = Self.fixtures.appendingPathComponent("blocks")
        let markdown = try String(contentsOf: folder.appendingPathComponent("\(testCase.name).md"), encoding: .utf8)
        let traineeFile = folder.appendingPathComponent("\(testCase.name).trainee.html")
        let expectedFile = testCase.trust == .trainee && FileManager.default.fileExists(atPath: traineeFile.path)
            ? traineeFile : folder.appendingPathComponent("\(testCase.name).html")
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        let course = Course.load(root: Self.fixtures.appendingPathComponent("good"), style: .staticSite)
        let html = course.previewHTML(course.renderer.render(markdown, trust: testCase.trust))
        #expect(html == expected)
    }

    @Test func blockFixturesExist() {
        #expect(Self.blockCases.count >= 14)
    }

    @Test(arguments: [
        ("生意回顾", "生意回顾"),
        ("2.1 覆盖：覆盖率与覆盖GAP", "21-覆盖覆盖率与覆盖gap"),
        ("What is  JBP?", "what-is-jbp"),
        ("ROI = 净利率 × 资金周转次数", "roi-净利率-资金周转次数"),
        ("!!!", "section"),
    ])
    func headingSlug(_ text: String, _ slug: String) {
        #expect(HeadingIDs.slug(text) == slug)
    }

    @Test func punctuationTheSlugSkipsIsNeitherLetterDigitNorSpace() {
        for value in HeadingIDs.punctuation {
            let properties = Unicode.Scalar(value)!.properties
            #expect(!properties.isWhitespace && !properties.isAlphabetic && properties.numericType == nil, "U+\(String(value, radix: 16))")
        }
    }

    @Test func repeatedHeadingsGetNumberedIDs() {
        let document = MarkdownRenderer().render("## 小结\n\n## 小结\n\n## 小结-1\n\n## 小结\n")
        #expect(document.headings.map(\.id) == ["小结", "小结-1", "小结-1-1", "小结-2"])
        #expect(document.tableOfContents.count == 4)
    }

    @Test func traineeTextLosesScriptsAndJavascriptLinks() {
        let markdown = "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
        let safe = MarkdownRenderer().render(markdown, trust: .trainee).html { _ in "" }
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("javascript:"))
        #expect(!safe.contains("onerror"))
        let trusted = MarkdownRenderer().render(markdown, trust: .course).html { _ in "" }
        #expect(trusted.contains("<script>alert(1)</script>"))
    }

    @Test func serverPagesSplitAtTopLevelExercises() {
        let renderer = MarkdownRenderer(context: RenderContext(exercises: ["q1": ExercisePreview(id: "q1", title: "测验", kind: "quiz", promptHTML: "")]))
        let document = renderer.render("# 一\n\n```exercise q1\n```\n\n段落\n\n> ```exercise q1\n> ```\n")
        #expect(document.parts.count == 3)
        #expect(document.parts[0] == .html("<h1 id=\"一\">一</h1>\n"))
        #expect(document.parts[1] == .exercise(id: "q1"))
        #expect(document.diagnostics.map(\.line) == [8])
        #expect(document.exerciseReferences.map(\.line) == [3, 8])
    }

    @Test func diagnosticsNameLinesOfTheFile() {
        let renderer = MarkdownRenderer(context: RenderContext(exercises: [:]))
        let document = renderer.render("text\n\n```exercise nope\n```\n\n```csv delim=ab\na\n```\n", firstLine: 10)
        #expect(document.diagnostics == [
            Diagnostic(line: 12, message: "exercise: unknown exercise 'nope' (no exercises/nope/)"),
            Diagnostic(line: 15, message: "csv: delimiter 'ab' is not one character"),
        ])
    }

    @Test(arguments: [("1,902,000", true), ("9.19%", true), ("190.2万", true), ("-3", true), ("¥38,000", true), ("现代渠道", false), ("1.2.3", false), ("", false), (",5", false)])
    func numericCells(_ cell: String, _ numeric: Bool) {
        #expect(CSVTableRewriter.isNumeric(cell) == numeric)
    }
}

@Suite("Pipe tables, which cmark shows as raw text, are found for jbp check")
struct PipeTableTests {
    @Test("a pipe table is found at its header row; fenced code, lone bars and prose are not", arguments: [
        ("| 步骤 | 公式 |\n|---|---|\n| 1 | a |\n", [1]),
        ("前言\n\n步骤 | 公式\n--- | :---:\n", [3]),
        ("```csv\n| a | b |\n|---|---|\n```\n", []),
        ("~~~\n| a |\n|---|\n~~~\n| x | y |\n| :-- | --: |\n", [5]),
        ("a | b\n\n---\n", []),
        ("标题\n---\n", []),
        ("| 只有一行 |\n普通文字\n", []),
    ] as [(String, [Int])])
    func found(text: String, lines: [Int]) {
        #expect(PipeTables.lines(in: text) == lines)
    }
}
