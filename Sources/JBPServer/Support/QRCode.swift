import CourseMarkdown
import CQRencode

/// QR codes as SVG, from Debian's libqrencode. The only file that touches its C API.
public enum QRCode {
    /// An SVG drawing of `text` as a QR code (error correction M, a quiet zone of 4 modules),
    /// or nil when the text is too long for a QR code.
    public static func svg(for text: String, title: String? = nil) -> String? {
        guard let matrix = modules(for: text) else { return nil }
        let size = matrix.count
        let quiet = 4
        let full = size + 2 * quiet
        var path = ""
        for (row, line) in matrix.enumerated() {
            var column = 0
            while column < size {
                guard line[column] else {
                    column += 1
                    continue
                }
                // One horizontal run of dark modules per rectangle keeps the drawing small.
                var end = column
                while end < size && line[end] { end += 1 }
                path += "M\(column + quiet) \(row + quiet)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        let label = HTML.escape(title ?? text)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(full) \(full)" role="img" aria-label="\(label)" \
            shape-rendering="crispEdges"><title>\(label)</title><rect width="\(full)" height="\(full)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    /// The module matrix, row by row, true for dark.
    public static func modules(for text: String) -> [[Bool]]? {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        return (0..<width).map { row in
            (0..<width).map { column in data[row * width + column] & 1 == 1 }  // bit 0 marks a dark module
        }
    }
}
