/// Pipe tables (GitHub's `| a | b |` over `|---|---|`) in Markdown source. cmark has no table
/// extension, so such a table reaches the trainee as lines of bars and dashes; the course
/// writes tables as ```csv blocks instead, and `jbp check` points at every pipe table left.
public enum PipeTables {
    /// The 1-based line numbers where a pipe table starts (its header row), outside fenced code.
    public static func lines(in text: String) -> [Int] {
        var found: [Int] = []
        var fence: Substring? = nil
        var previous: (line: Int, text: Substring)? = nil
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                previous = nil
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                previous = nil
                continue
            }
            if let header = previous, header.text.contains("|"), isDelimiterRow(trimmed) {
                found.append(header.line)
            }
            previous = (number, trimmed)
        }
        return found
    }

    /// `|---|:--:|`, `--- | ---`: cells of dashes with optional colons, at least one bar.
    static func isDelimiterRow(_ line: Substring) -> Bool {
        let row = line.trimmingSuffix()
        guard row.contains("|"), row.contains("-") else { return false }
        var cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingBoth() }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        return !cells.isEmpty && cells.allSatisfy { cell in
            var body = Substring(cell)
            if body.hasPrefix(":") { body = body.dropFirst() }
            if body.hasSuffix(":") { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == "-" }
        }
    }
}

private extension Substring {
    func trimmingSuffix() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }

    func trimmingBoth() -> Substring {
        trimmingSuffix().drop { $0 == " " || $0 == "\t" }
    }
}
