import CSV
import Foundation

/// ```` ```csv ```` → a table: the first row is the header, numeric cells are right-aligned,
/// every cell is escaped. An optional argument `delim=;` (or `delim=tab`) names the delimiter.
struct CSVTableRewriter: FencedBlockRewriter {
    var names: Set<String> { ["csv"] }

    private static let noWhitespace = CharacterSet()

    func rewrite(_ block: FencedBlock, context: RenderContext, diagnostics: inout [Diagnostic]) -> BlockRewrite {
        var delimiter: UnicodeScalar = ","
        for argument in block.arguments {
            guard argument.hasPrefix("delim=") else {
                diagnostics.append(Diagnostic(line: block.line, message: "csv: unknown argument '\(argument)' (expected delim=…)"))
                continue
            }
            let value = argument.dropFirst("delim=".count)
            if value == "tab" {
                delimiter = "\t"
            } else if value.unicodeScalars.count == 1, let scalar = value.unicodeScalars.first {
                delimiter = scalar
            } else {
                diagnostics.append(Diagnostic(line: block.line, message: "csv: delimiter '\(value)' is not one character"))
            }
        }
        var rows: [[String]] = []
        do {
            // Fields are not trimmed, so no whitespace set is needed: an empty one is the
            // cheapest for the reader to copy and take the delimiter out of.
            let reader = try CSVReader(string: block.body, hasHeaderRow: false, delimiter: delimiter, whitespaces: Self.noWhitespace)
            while let row = reader.next() {
                // A blank line reads as one empty cell: not a row of the table.
                if row.count == 1, row[0].isEmpty { continue }
                rows.append(row)
            }
            if let error = reader.error { throw error }
        } catch {
            diagnostics.append(Diagnostic(line: block.line, message: "csv: cannot read the table: \(error)"))
            return .html(renderError("CSV: \(error)"))
        }
        guard let header = rows.first else {
            diagnostics.append(Diagnostic(line: block.line, message: "csv: the table is empty"))
            return .html(renderError("CSV: empty table"))
        }
        let body = rows.dropFirst()
        for (index, row) in body.enumerated() where row.count != header.count {
            diagnostics.append(Diagnostic(
                line: block.line + 2 + index,
                message: "csv: row \(index + 1) has \(row.count) cells, the header has \(header.count)"))
        }
        return .htmlBytes(Self.tableBytes(header: header, rows: body, terminated: true))
    }

    /// A table in the course's style. Shared with the `case` block.
    static func table(header: [String], rows: some Collection<[String]>, caption: String? = nil) -> String {
        String(decoding: tableBytes(header: header, rows: rows, caption: caption), as: UTF8.self)
    }

    /// The table as UTF-8 bytes, with a closing NUL if `terminated` (as cmark takes text).
    /// Built as bytes, cells escaped straight into the buffer: tables are the bulk of what the
    /// rewriters write.
    static func tableBytes(header: [String], rows: some Collection<[String]>, caption: String? = nil, terminated: Bool = false) -> [UInt8] {
        var html: [UInt8] = []
        html.reserveCapacity(256 + (rows.count + 1) * header.count * 32)
        html.append(contentsOf: "<div class=\"table-wrap\"><table>\n".utf8)
        if let caption {
            html.append(contentsOf: "<caption>".utf8)
            HTML.appendEscaped(caption, to: &html)
            html.append(contentsOf: "</caption>\n".utf8)
        }
        html.append(contentsOf: "<thead>\n<tr>".utf8)
        for cell in header {
            html.append(contentsOf: "<th>".utf8)
            HTML.appendEscaped(cell, to: &html)
            html.append(contentsOf: "</th>".utf8)
        }
        html.append(contentsOf: "</tr>\n</thead>\n<tbody>\n".utf8)
        for row in rows {
            html.append(contentsOf: "<tr>".utf8)
            for cell in row {
                var cell = cell
                cell.withUTF8 { bytes in
                    html.append(contentsOf: (isNumeric(bytes) ? "<td class=\"num\">" : "<td>").utf8)
                }
                HTML.appendEscaped(cell, to: &html)
                html.append(contentsOf: "</td>".utf8)
            }
            html.append(contentsOf: "</tr>\n".utf8)
        }
        html.append(contentsOf: "</tbody>\n</table></div>\n".utf8)
        if terminated { html.append(0) }
        return html
    }

    /// Whether a cell reads as a figure: digits with an optional sign, thousands separators,
    /// decimal point, currency sign, `%`, 万 or 亿 (as the course writes figures).
    static func isNumeric(_ cell: String) -> Bool {
        var cell = cell
        return cell.withUTF8 { isNumeric($0) }
    }

    /// `isNumeric` on the cell's UTF-8 bytes: every cell of every table goes through it. The
    /// signs and units it strips are whole UTF-8 sequences (spelt out below), and UTF-8 never
    /// starts a character inside another, so comparing bytes compares characters.
    static func isNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let cell = bytes.baseAddress else { return false }
        var start = 0, end = bytes.count
        while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
        // ¥ (C2 A5) or ￥ (EF BF A5)
        if end - start >= 2, cell[start] == 0xC2, cell[start + 1] == 0xA5 {
            start += 2
        } else if end - start >= 3, cell[start] == 0xEF, cell[start + 1] == 0xBF, cell[start + 2] == 0xA5 {
            start += 3
        }
        // - or + or − (E2 88 92)
        if start < end, cell[start] == 0x2D || cell[start] == 0x2B {
            start += 1
        } else if end - start >= 3, cell[start] == 0xE2, cell[start + 1] == 0x88, cell[start + 2] == 0x92 {
            start += 3
        }
        // % or 万 (E4 B8 87), 亿 (E4 BA BF), 元 (E5 85 83), 天 (E5 A4 A9), 次 (E6 AC A1)
        if start < end, cell[end - 1] == 0x25 {
            end -= 1
        } else if end - start >= 3 {
            let last = (cell[end - 3], cell[end - 2], cell[end - 1])
            if last == (0xE4, 0xB8, 0x87) || last == (0xE4, 0xBA, 0xBF) || last == (0xE5, 0x85, 0x83)
                || last == (0xE5, 0xA4, 0xA9) || last == (0xE6, 0xAC, 0xA1) {
                end -= 3
            }
        }
        var digits = 0
        var seenPoint = false
        while start < end {
            switch cell[start] {
            case 0x30...0x39: digits += 1
            case 0x2C where !seenPoint && digits > 0: break
            case 0x2E where !seenPoint: seenPoint = true
            default: return false
            }
            start += 1
        }
        return digits > 0
    }
}
