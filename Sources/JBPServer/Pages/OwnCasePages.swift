import Foundation
import Grading
import Hummingbird
import JBPModel

/// 我的经销商: the trainee enters their own distributor's figures section by section (each field
/// with its Chinese name, unit and where the figure comes from), or imports the filled-in case
/// template; the page then shows that distributor's review as a course case's is shown.
extension Pages {
    func addOwnCaseRoutes(to trainee: RouterGroup<AppRequestContext>) {
        trainee.get("my-case", use: ownCasePage)
        trainee.post("my-case", use: saveOwnCase)
        trainee.get("my-case/template.csv", use: caseTemplate)
        trainee.get("my-case/data-request", use: dataRequest)
    }

    /// The form's field name for a template key.
    static func field(_ key: String) -> String { "a." + key }

    func ownCasePage(request: Request, context: AppRequestContext) async throws -> Response {
        let trainee = try context.requireTrainee()
        let stored = try await classroom.ownDistributor(of: trainee)
        let values = stored.map { CaseTemplate.values(of: $0.case) } ?? [:]
        return renderOwnCase(values: values, errors: [:], review: stored?.review, request: request, context: context, status: .ok)
    }

    func renderOwnCase(
        values: [String: String], errors: [String: String], review: Review?, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status, general: String? = nil
    ) -> Response {
        let t = words(request)
        // The template's rows, plus rows for any further channel or expense line the stored case has.
        struct Shown { var key, section, name, unit, source: String; var required, rate: Bool }
        var rows = CaseTemplate.rows.map {
            Shown(key: $0.key, section: $0.section, name: $0.name, unit: $0.unit, source: $0.source, required: $0.required, rate: $0.kind == .rate)
        }
        let known = Set(rows.map(\.key))
        for key in values.keys.sorted() where !known.contains(key) {
            rows.append(Shown(key: key, section: key.hasPrefix("coverage.") ? "渠道覆盖" : "损益", name: key, unit: "", source: "", required: false, rate: false))
        }
        var sections: [(name: String, rows: [Shown])] = []
        for row in rows {
            if let last = sections.last, last.name == row.section {
                sections[sections.count - 1].rows.append(row)
            } else {
                sections.append((row.section, [row]))
            }
        }
        let restore = JSONValue.object([
            "values": .object(Dictionary(uniqueKeysWithValues: values.map { (Self.field($0.key), JSONValue.array([.string($0.value)])) })),
            "errors": .object(Dictionary(uniqueKeysWithValues: errors.map { (Self.field($0.key), JSONValue.string($0.value)) })),
            "savedAt": .number(values.isEmpty ? 0 : Date().timeIntervalSince1970 * 1000),
        ])
        var data: [String: Any] = [
            "sections": sections.map { section in
                [
                    "section": section.name,
                    "rows": section.rows.map { row in
                        [
                            "field": Self.field(row.key), "key": row.key, "name": row.name, "unit": row.unit, "source": row.source,
                            "required": row.required, "rate": row.rate,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "restoreJSON": scriptJSON(restore), "hasReview": review != nil, "error": general ?? "",
        ]
        if let review { data.merge(reviewFigures(review, t: t)) { $1 } }
        return render("my-case", data, title: t["oc_title"]!, request: request, context: context, status: status)
    }

    /// Saves the form: the fields become the template's rows and go through the template's reader,
    /// so the page, the import and the API refuse the same things; each problem stands beside its field.
    func saveOwnCase(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let trainee = try context.requireTrainee()
        var values: [String: String] = [:]
        for (name, value) in form.pairs where name.hasPrefix("a.") {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { values[String(name.dropFirst(2))] = trimmed }
        }
        var csv = CaseTemplate.columns.joined(separator: ",") + "\r\n"
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            csv += [key, "", "", "", value].map(CaseTemplate.quoted).joined(separator: ",") + "\r\n"
        }
        let t = words(request)
        do {
            let read = try CaseTemplate.read(csv, file: "我的经销商")
            _ = try await classroom.saveOwnDistributor(read: read, for: trainee)
            flash(t["oc_saved"]!, for: context)
            return redirect("/t/my-case#review")
        } catch let error as ModelError {
            // The problem beside its field (the form has no rows: the row number is left out).
            let text = (error.chinese ?? error.message).replacing(/^(第 \d+ 行：|line \d+: )/, with: "")
            let known = Set(CaseTemplate.rows.map(\.key)).union(values.keys)
            if known.contains(error.path) {
                return renderOwnCase(
                    values: values, errors: [error.path: text], review: nil, request: request, context: context, status: .unprocessableContent,
                    general: t["oc_fixFields"]!.replacingOccurrences(of: "{n}", with: "1"))
            }
            return renderOwnCase(values: values, errors: [:], review: nil, request: request, context: context, status: .unprocessableContent, general: text)
        } catch let error as AppError {
            return renderOwnCase(
                values: values, errors: [:], review: nil, request: request, context: context, status: error.status,
                general: error.text(Language.ofPage(request)))
        }
    }

    /// The empty case template (`course/downloads/case-template.csv`), as Excel and WPS open it.
    func caseTemplate(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireTrainee()
        var response = Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: CaseTemplate.csv())))
        response.headers[.contentDisposition] = "attachment; filename=\"case-template.csv\""
        return response
    }

    /// 数据清单: what to ask the distributor for, printable (`course/downloads/data-request.md`).
    func dataRequest(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireTrainee()
        guard let html = classroom.content.downloadHTML("data-request.md") else {
            throw AppError.notFound("The course has no data request.", zh: "课程里没有数据清单。")
        }
        return render("document", ["html": html], title: words(request)["oc_dataRequest"]!, request: request, context: context)
    }
}
