/// What the course pipeline knows about the course around the text it renders.
public struct RenderContext: Sendable {
    /// Case files of `exercises/cases/` by file name, laid out as tables.
    public var cases: [String: CaseTables]
    /// The exercises by id, or nil where the set is not known (a lone file): then any id is taken.
    public var exercises: [String: ExercisePreview]?
    /// Module file name → the address a page gives that module (`review.html`, `/modules/review`).
    public var moduleTargets: [String: String]
    public init(
        cases: [String: CaseTables] = [:],
        exercises: [String: ExercisePreview]? = nil,
        moduleTargets: [String: String] = [:]
    ) {
        self.cases = cases
        self.exercises = exercises
        self.moduleTargets = moduleTargets
    }
}

/// An exercise as a course page previews it: its title and its prompt, rendered.
public struct ExercisePreview: Sendable {
    public var id: String
    public var title: String
    public var kind: String
    public var promptHTML: String
    /// The box the static site shows where the exercise's block stands, built once.
    public let html: String

    public init(id: String, title: String, kind: String, promptHTML: String) {
        self.id = id
        self.title = title
        self.kind = kind
        self.promptHTML = promptHTML
        html = Self.html(id: id, title: title, promptHTML: promptHTML)
    }

    /// The exercise as the static site shows it: title and prompt, in a box with a stable id.
    static func html(id: String, title: String, promptHTML: String) -> String {
        var html = "<section class=\"exercise\" id=\"exercise-\(HTML.escape(id))\" data-exercise=\"\(HTML.escape(id))\">\n"
        html += "<p class=\"exercise-title\">练习 · \(HTML.escape(title))</p>\n"
        html += promptHTML
        html += "</section>\n"
        return html
    }
}

/// The course pipeline: cmark parses, the course's rewriters change the tree, cmark renders.
public struct MarkdownRenderer: Sendable {
    public var context: RenderContext
    private let rewriters: [String: any FencedBlockRewriter]
    private let claimed: Set<String>

    public init(context: RenderContext = RenderContext()) {
        self.context = context
        let all: [any FencedBlockRewriter] = [CSVTableRewriter(), CaseRewriter(), ExerciseRewriter(), CalloutRewriter()]
        var byName: [String: any FencedBlockRewriter] = [:]
        for rewriter in all {
            for name in rewriter.names { byName[name] = rewriter }
        }
        rewriters = byName
        claimed = Set(byName.keys)
    }

    /// Renders a Markdown text (without front matter). `firstLine` is the line of the file the
    /// text starts on, so that diagnostics name lines of the file.
    public func render(_ markdown: String, trust: Trust = .course, firstLine: Int = 1) -> RenderedDocument {
        var state = State()
        let tree = MarkdownTree(markdown, trust: trust)
        process(tree, trust: trust, lineOffset: firstLine - 1, state: &state)
        return RenderedDocument(
            parts: tree.renderParts(),
            headings: state.headings,
            links: state.links,
            exerciseReferences: state.exercises,
            diagnostics: state.diagnostics)
    }

    /// cmark's own rendering of the same text: the benchmark's baseline.
    public static func bareCmark(_ markdown: String, trust: Trust = .course) -> String {
        MarkdownTree.bareHTML(markdown, trust: trust)
    }

    private struct State {
        var ids = HeadingIDs()
        var headings: [Heading] = []
        var links: [Link] = []
        var exercises: [Reference] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Links first, then blocks, then headings: a heading's content is rendered when it gets its
    /// id, so the links inside it must already point where they should.
    private func process(_ tree: MarkdownTree, trust: Trust, lineOffset: Int, state: inout State) {
        var headings: [(level: Int, text: String, line: Int, handle: NodeHandle)] = []
        var blocks: [(FencedBlock, NodeHandle, any FencedBlockRewriter)] = []
        for item in tree.walk(claiming: claimed) {
            switch item {
            case let .link(url, line, handle):
                state.links.append(Link(url: url, line: line + lineOffset))
                if let target = ModuleLinks.rewrite(url, targets: context.moduleTargets) { tree.setURL(handle, target) }
            case let .fencedBlock(info, body, line, topLevel, handle):
                let block = FencedBlock(info: info, body: body, line: line + lineOffset, topLevel: topLevel)
                if let rewriter = rewriters[block.name] { blocks.append((block, handle, rewriter)) }
            case let .heading(level, text, line, handle):
                headings.append((level, text, line + lineOffset, handle))
            }
        }
        for (block, handle, rewriter) in blocks {
            if block.name == "exercise", let id = block.arguments.first {
                state.exercises.append(Reference(name: id, line: block.line))
            }
            switch rewriter.rewrite(block, context: context, diagnostics: &state.diagnostics) {
            case .html(let html):
                tree.replace(handle, withHTML: html)
            case .htmlBytes(let html):
                tree.replace(handle, withHTMLBytes: html)
            case let .container(open, markdown, close):
                // The body goes through the same pipeline; its lines start after the fence.
                let inner = MarkdownTree(markdown, trust: trust)
                process(inner, trust: trust, lineOffset: block.line, state: &state)
                tree.replace(handle, open: open, content: inner, close: close)
            case .exerciseSlot(let id):
                tree.markSlot(handle, id: id)
            }
        }
        for heading in headings {
            let id = state.ids.id(for: heading.text)
            state.headings.append(Heading(level: heading.level, text: heading.text, id: id, line: heading.line))
            tree.setHeadingID(heading.handle, level: heading.level, id: id)
        }
    }
}
