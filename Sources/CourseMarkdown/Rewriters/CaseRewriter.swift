/// ```` ```case FILE SECTION ````: one section of a distributor case (model.md §1) as a table
/// with the course's labels. FILE is relative to `exercises/cases/`; SECTION is a section of
/// the case or `all`.
struct CaseRewriter: FencedBlockRewriter {
    var names: Set<String> { ["case"] }

    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite {
        guard block.arguments.count == 2 else {
            diagnostics.append(Diagnostic(line: block.line, message: "case: expected 'case FILE SECTION', found '\(block.arguments.joined(separator: " "))'"))
            return .html(renderError("case: expected FILE SECTION"))
        }
        let (file, section) = (block.arguments[0], block.arguments[1])
        guard let tables = context.cases[file] else {
            diagnostics.append(Diagnostic(line: block.line, message: "case: unknown case file '\(file)' (not in exercises/cases/)"))
            return .html(renderError("case: unknown case file \(file)"))
        }
        // Marked as case data, so that an exercise page can put the trainee's own variant in its place.
        func wrapped(_ html: String) -> String { "<div class=\"case-data\">\n" + html + "</div>\n" }
        if section == "all" {
            return .html(wrapped(CaseTables.sections.compactMap { tables.html[$0] }.joined()))
        }
        guard CaseTables.sections.contains(section) else {
            diagnostics.append(Diagnostic(line: block.line, message: "case: unknown section '\(section)' (one of \(CaseTables.sections.joined(separator: ", ")), all)"))
            return .html(renderError("case: unknown section \(section)"))
        }
        guard let html = tables.html[section] else {
            diagnostics.append(Diagnostic(line: block.line, message: "case: \(file) has no section '\(section)'"))
            return .html(renderError("case: \(file) has no section \(section)"))
        }
        return .html(wrapped(html))
    }
}
