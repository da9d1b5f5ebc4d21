/// ```` ```note ````, ```` ```tip ```` and ```` ```warning ````: a callout box around Markdown.
struct CalloutRewriter: FencedBlockRewriter {
    /// Each kind's label in the course's language.
    static let labels: [String: String] = ["note": "提示", "tip": "技巧", "warning": "注意"]

    var names: Set<String> { Set(Self.labels.keys) }

    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite {
        let label = Self.labels[block.name] ?? block.name
        let open = "<aside class=\"callout callout-\(block.name)\">\n<p class=\"callout-title\">\(label)</p>\n"
        return .container(open: open, markdown: block.body, close: "</aside>\n")
    }
}
