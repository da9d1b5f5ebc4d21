/// ```` ```exercise ID ````: the exercise `exercises/ID/`. The block becomes a slot that each page
/// fills its own way: the static site with the exercise's prompt (`ExercisePreview.html`), the
/// server with the trainee's form. A slot must stand at the top level of the module.
struct ExerciseRewriter: FencedBlockRewriter {
    var names: Set<String> { ["exercise"] }

    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite {
        guard block.arguments.count == 1, let id = block.arguments.first else {
            diagnostics.append(Diagnostic(line: block.line, message: "exercise: expected 'exercise ID'"))
            return .html(renderError("exercise: expected ID"))
        }
        if let known = context.exercises, known[id] == nil {
            diagnostics.append(Diagnostic(line: block.line, message: "exercise: unknown exercise '\(id)' (no exercises/\(id)/)"))
        }
        if block.topLevel { return .exerciseSlot(id: id) }
        diagnostics.append(Diagnostic(line: block.line, message: "exercise: '\(id)' must stand at the top level of the module, not inside a list or quote (a page puts the exercise's form there)"))
        return .html(context.exercises?[id]?.html ?? ExercisePreview.html(id: id, title: id, promptHTML: ""))
    }

}
