import Foundation
import JBPModel

/// Text laid out for a terminal, where a Chinese character takes two columns.
public enum TerminalText {
    /// The columns `text` takes in a terminal: East Asian wide and full-width characters
    /// count two, combining marks and zero-width characters none.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x20E0...0x20FF: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return v < 0x20 ? 0 : 1
        }
    }

    /// `text` padded with spaces to `columns` display columns.
    public static func pad(_ text: String, to columns: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, columns - width(text)))
        return right ? fill + text : text + fill
    }
}

/// A table with aligned columns (two spaces apart), a header and a rule under it.
public struct TextTable {
    /// How a column's cells line up.
    public enum Alignment { case left, right }

    /// The header cells.
    public var headers: [String]
    /// One per column (left where missing).
    public var alignments: [Alignment]
    /// The body rows.
    public var rows: [[String]] = []
    /// Put before every line.
    public var indent = "  "

    /// An empty table with these columns.
    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Appends a row (missing cells are blank).
    public mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// The lines of the table (no trailing spaces).
    public var lines: [String] {
        let columns = headers.count
        var widths = headers.map(TerminalText.width)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], TerminalText.width(cell)) }
        }
        func line(_ cells: [String]) -> String {
            let padded = (0..<columns).map { i -> String in
                let cell = i < cells.count ? cells[i] : ""
                let alignment = i < alignments.count ? alignments[i] : .left
                return TerminalText.pad(cell, to: widths[i], right: alignment == .right)
            }
            let text = indent + padded.joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let rule = indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [line(headers), rule] + rows.map(line)
    }

    /// The table as text, lines joined.
    public var text: String { lines.joined(separator: "\n") }
}
