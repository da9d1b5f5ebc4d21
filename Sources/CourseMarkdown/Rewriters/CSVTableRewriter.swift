import CSV

/// ```` ```csv ```` → a table: the first row is the header, numeric cells are right-aligned,
/// every cell is escaped. An optional argument `delim=;` (or `delim=tab`) names the delimiter.
struct CSVTableRewriter: FencedBlockRewriter {
    var names: Set<String> { ["csv"] }

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
            let reader = try CSVReader(string: block.body, hasHeaderRow: false, delimiter: delimiter)
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
        return .html(Self.table(header: header, rows: Array(body)))
    }

    /// A table in the course's style. Shared with the `case` block.
    static func table(header: [String], rows: [[String]], caption: String? = nil) -> String {
        // Built as UTF-8 bytes: tables are the bulk of what the rewriters write.
        var html: [UInt8] = []
        html.reserveCapacity(256 + rows.count * header.count * 32)
        html.append(contentsOf: "<div class=\"table-wrap\"><table>\n".utf8)
        if let caption {
            html.append(contentsOf: "<caption>".utf8)
            html.append(contentsOf: HTML.escape(caption).utf8)
            html.append(contentsOf: "</caption>\n".utf8)
        }
        html.append(contentsOf: "<thead>\n<tr>".utf8)
        for cell in header {
            html.append(contentsOf: "<th>".utf8)
            html.append(contentsOf: HTML.escape(cell).utf8)
            html.append(contentsOf: "</th>".utf8)
        }
        html.append(contentsOf: "</tr>\n</thead>\n<tbody>\n".utf8)
        for row in rows {
            html.append(contentsOf: "<tr>".utf8)
            for cell in row {
                html.append(contentsOf: (isNumeric(cell) ? "<td class=\"num\">" : "<td>").utf8)
                html.append(contentsOf: HTML.escape(cell).utf8)
                html.append(contentsOf: "</td>".utf8)
            }
            html.append(contentsOf: "</tr>\n".utf8)
        }
        html.append(contentsOf: "</tbody>\n</table></div>\n".utf8)
        return String(decoding: html, as: UTF8.self)
    }

    /// Whether a cell reads as a figure: digits with an optional sign, thousands separators,
    /// decimal point, currency sign, `%`, 万 or 亿 (as the course writes figures). Works on
    /// Unicode scalars: every cell of every table goes through it.
    static func isNumeric(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        if let first = scalars.first, first == "¥" || first == "￥" { scalars.removeFirst() }
        if let first = scalars.first, first == "-" || first == "+" || first == "−" { scalars.removeFirst() }
        if let last = scalars.last, "%万亿元天次".unicodeScalars.contains(last) { scalars.removeLast() }
        var digits = 0
        var seenPoint = false
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "," where !seenPoint && digits > 0: continue
            case "." where !seenPoint: seenPoint = true
            default: return false
            }
        }
        return digits > 0
    }
}
