/// A fenced code block as a rewriter sees it: `name` is the first word of the info line.
struct FencedBlock {
    var name: String
    var arguments: [String]
    var body: String
    /// The line of the opening fence, in the text being rendered.
    var line: Int
    /// Whether the block stands at the top level of the document.
    var topLevel: Bool

    init(info: String, body: String, line: Int, topLevel: Bool) {
        let words = info.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
        name = words.first ?? ""
        arguments = Array(words.dropFirst())
        self.body = body
        self.line = line
        self.topLevel = topLevel
    }
}

/// What a fenced block becomes.
enum BlockRewrite {
    /// HTML the rewriter built (escaped by it), printed as it is in both trust levels.
    case html(String)
    /// The same as UTF-8 bytes ending with a NUL (tables, built as bytes): cmark takes them as
    /// they are, without a String in between.
    case htmlBytes([UInt8])
    /// A container around Markdown that goes through the same pipeline (callouts).
    case container(open: String, markdown: String, close: String)
    /// The place where a page puts an exercise of its own (the server's form).
    case exerciseSlot(id: String)
}

/// One course extension: claims the fenced blocks whose first word is one of `names`.
protocol FencedBlockRewriter: Sendable {
    var names: Set<String> { get }
    /// The new content of `block`; problems go to `diagnostics` with the block's line.
    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite
}

/// A visible note where a block could not be shown, so that an author sees it in the page too.
func renderError(_ message: String) -> String {
    "<p class=\"render-error\">\(HTML.escape(message))</p>\n"
}
