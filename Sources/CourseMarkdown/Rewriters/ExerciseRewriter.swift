/// ```` ```exercise ID ````: the exercise `exercises/ID/`. In a page that has forms of its own
/// (the server) a top-level block becomes a slot; otherwise it shows the exercise's prompt.
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
        if context.exerciseSlots {
            if block.topLevel { return .exerciseSlot(id: id) }
            diagnostics.append(Diagnostic(line: block.line, message: "exercise: '\(id)' must stand at the top level of the module, not inside a list or quote"))
        }
        return .html(Self.preview(id: id, exercise: context.exercises?[id]))
    }

    /// The exercise as the static site shows it: title and prompt, in a box with a stable id.
    static func preview(id: String, exercise: ExercisePreview?) -> String {
        let title = exercise?.title ?? id
        var html = "<section class=\"exercise\" id=\"exercise-\(HTML.escape(id))\" data-exercise=\"\(HTML.escape(id))\">\n"
        html += "<p class=\"exercise-title\">练习 · \(HTML.escape(title))</p>\n"
        html += exercise?.promptHTML ?? ""
        html += "</section>\n"
        return html
    }
}
