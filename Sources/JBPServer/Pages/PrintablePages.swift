import Foundation
import Hummingbird

/// Printables from the course's own Markdown: the participant workbook (学员手册: every module,
/// with room to write, the cases' tables and the exercises' questions without answers) and a
/// slide view of each module for the projector (one heading a slide).
extension Pages {
    func addPrintableTraineeRoutes(to trainee: RouterGroup<AppRequestContext>) {
        trainee.get("workbook") { request, context in try await workbook(request: request, context: context) }
    }

    func addPrintableTrainerRoutes(to trainer: RouterGroup<AppRequestContext>) {
        trainer.get("workbook") { request, context in try await workbook(request: request, context: context) }
        trainer.get("modules/:module/slides", use: slides)
    }

    /// An exercise as the workbook prints it: its task and data, and each question with room
    /// for the answer; never the answers, the solution or a role's private card.
    func workbookExercise(_ exercise: CourseExercise, t: [String: String]) -> [String: Any] {
        let questions = exercise.questions.enumerated().map { index, question -> [String: Any] in
            [
                "number": index + 1, "prompt": question.prompt, "points": show(question.points),
                "choices": question.choices.map { ["key": $0.key, "text": $0.text] }, "hasChoices": !question.choices.isEmpty,
                "isText": question.input == .text,
            ]
        }
        return [
            "id": exercise.id, "title": exercise.title, "promptHTML": exercise.promptHTML, "questions": questions,
            "hasQuestions": !questions.isEmpty, "isPlan": exercise.kind == .plan, "isRoleplay": exercise.kind == .roleplay,
            "checklist": exercise.checklist.map { ["text": $0.text, "points": show($0.points)] }, "hasChecklist": !exercise.checklist.isEmpty,
            "tablesHTML": classroom.content.engine.tablesHTML(for: exercise, variant: 0) ?? "",
        ]
    }

    func workbook(request: Request, context: AppRequestContext) async throws -> Response {
        let t = words(request)
        let english = request.isEnglish(self)
        let content = classroom.content
        let modules = content.modules.map { module -> [String: Any] in
            let parts = module.parts.map { part -> [String: Any] in
                switch part {
                case .html(let html): return ["html": html]
                case .exercise(let id):
                    guard let exercise = content.exercise(id) else { return [:] }
                    return ["exercise": workbookExercise(exercise, t: t)]
                }
            }
            return [
                "id": module.id, "order": module.order, "title": english ? module.titleEn : module.title, "minutes": module.minutes,
                "objectives": module.objectives, "hasObjectives": !module.objectives.isEmpty, "parts": parts,
            ]
        }
        return render(
            "workbook", ["modules": modules, "courseTitle": english ? content.titleEn : content.title, "traineeName": context.trainee?.name ?? ""],
            title: t["wb_title"]!, request: request, context: context)
    }

    /// The module cut into slides at its headings (h1, h2, h3): a heading and what follows it up
    /// to the next heading make one slide; an exercise block becomes a slide naming it.
    func slides(request: Request, context: AppRequestContext) async throws -> Response {
        let t = words(request)
        guard let module = classroom.content.module(context.parameters.get("module") ?? "") else {
            throw AppError.notFound("There is no such module.", zh: "没有这个模块。")
        }
        var html = ""
        for part in module.parts {
            switch part {
            case .html(let text): html += text
            case .exercise(let id):
                let title = classroom.content.exercise(id)?.title ?? id
                html += "<h2>\(t["sl_exercise"]!)</h2><p class=\"slide-exercise\">\(Self.escape(title))</p>"
            }
        }
        let slides = Self.cutSlides(html).enumerated().map { ["number": $0.offset + 1, "html": $0.element] as [String: Any] }
        let index = classroom.content.modules.firstIndex(of: module) ?? 0
        let all = classroom.content.modules
        return render(
            "slides",
            [
                "moduleTitle": request.isEnglish(self) ? module.titleEn : module.title, "slides": slides, "count": slides.count,
                "previous": index > 0 ? ["id": all[index - 1].id] : false, "next": index + 1 < all.count ? ["id": all[index + 1].id] : false,
            ],
            title: module.title, request: request, context: context)
    }

    /// Splits trusted HTML before each `<h1`, `<h2` or `<h3` at the top level.
    static func cutSlides(_ html: String) -> [String] {
        var slides: [String] = []
        var current = ""
        var rest = Substring(html)
        while let range = rest.range(of: "<h", options: []) {
            let after = rest[range.upperBound...]
            if let level = after.first, "123".contains(level) {
                current += rest[..<range.lowerBound]
                if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { slides.append(current) }
                current = "<h"
                rest = after
            } else {
                current += rest[..<range.upperBound]
                rest = after
            }
        }
        current += rest
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { slides.append(current) }
        // A heading with nothing under it (an h2 straight before its first h3) goes onto the next slide.
        var joined: [String] = []
        for slide in slides {
            if let last = joined.last, Self.isHeadingOnly(last) { joined[joined.count - 1] = last + slide } else { joined.append(slide) }
        }
        return joined
    }

    static func isHeadingOnly(_ html: String) -> Bool {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<h"), let close = trimmed.range(of: "</h") else { return false }
        let after = trimmed[close.upperBound...].drop { $0 != ">" }.dropFirst()
        return after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
