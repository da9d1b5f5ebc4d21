import Foundation
import SwiftCSV

/// ```` ```csv ```` → a table: the first row is the header, numeric cells are right-aligned,
/// every cell is escaped. An optional argument `delim=;` (or `delim=tab`) names the delimiter.
struct CSVTableRewriter: FencedBlockRewriter {
    var names: Set<String> { ["csv"] }

    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite {
        var delimiter: CSVDelimiter = .comma
        for argument in block.arguments {
            guard argument.hasPrefix("delim=") else {
                diagnostics.append(Diagnostic(line: block.line, message: "csv: unknown argument '\(argument)' (expected delim=…)"))
                continue
            }
            let value = argument.dropFirst("delim=".count)
            if value == "tab" {
                delimiter = .tab
            } else if value.count == 1, let character = value.first {
                delimiter = .character(character)
            } else {
                diagnostics.append(Diagnostic(line: block.line, message: "csv: delimiter '\(value)' is not one character"))
            }
        }
        let table: CSV<Enumerated>
        do {
            table = try CSV<Enumerated>(string: block.body, delimiter: delimiter, loadColumns: false)
        } catch {
            diagnostics.append(Diagnostic(line: block.line, message: "csv: cannot read the table: \(error)"))
            return .html(renderError("CSV: \(error)"))
        }
        guard !table.header.isEmpty else {
            diagnostics.append(Diagnostic(line: block.line, message: "csv: the table is empty"))
            return .html(renderError("CSV: empty table"))
        }
        for (index, row) in table.rows.enumerated() where row.count != table.header.count {
            diagnostics.append(Diagnostic(
                line: block.line + 2 + index,
                message: "csv: row \(index + 1) has \(row.count) cells, the header has \(table.header.count)"))
        }
        return .html(Self.table(header: table.header, rows: table.rows))
    }

    /// A table in the course's style. Shared with the `case` block.
    static func table(header: [String], rows: [[String]], caption: String? = nil) -> String {
        var html = "<div class=\"table-wrap\"><table>\n"
        if let caption { html += "<caption>\(HTML.escape(caption))</caption>\n" }
        html += "<thead>\n<tr>"
        for cell in header { html += "<th>\(HTML.escape(cell))</th>" }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for cell in row {
                html += isNumeric(cell) ? "<td class=\"num\">\(HTML.escape(cell))</td>" : "<td>\(HTML.escape(cell))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        return html
    }

    /// Whether a cell reads as a figure: digits with an optional sign, thousands separators,
    /// decimal point, currency sign, `%`, 万 or 亿 (as the course writes figures).
    static func isNumeric(_ cell: String) -> Bool {
        var digits = 0
        var body = Substring(cell.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("¥") || body.hasPrefix("￥") { body = body.dropFirst() }
        if body.hasPrefix("-") || body.hasPrefix("+") || body.hasPrefix("−") { body = body.dropFirst() }
        for suffix in ["%", "万", "亿", "元", "天", "次"] where body.hasSuffix(suffix) {
            body = body.dropLast()
            break
        }
        var seenPoint = false
        for character in body {
            if character.isASCII, character.isNumber { digits += 1 }
            else if character == "," && !seenPoint && digits > 0 { continue }
            else if character == "." && !seenPoint { seenPoint = true }
            else { return false }
        }
        return digits > 0
    }
}
