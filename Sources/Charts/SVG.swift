/// A small SVG writer: elements as text, every attribute value and text escaped, every
/// coordinate finite. Internal to the charts.
struct SVG {
    /// The chart's id prefix.
    let id: String
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    /// System fonts only (the classroom may be offline), with CJK faces for the labels.
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', "
        + "'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"

    /// The course site's colours (app.css).
    enum Colour {
        static let ink = "#1d2733"
        static let muted = "#6b7785"
        static let line = "#d9dee4"
        static let faint = "#eceff3"
        static let blue = "#0b57d0"
        static let paleBlue = "#e8f0fe"
        static let green = "#1e7b34"
        static let paleGreen = "#e3f4e8"
        static let amber = "#c98a00"
        static let amberText = "#8a5a00"
        static let red = "#b3261e"
        static let paleRed = "#fdecea"
        static let grey = "#9aa4b0"
    }

    init(id: String, width: Double, height: Double) {
        self.id = id
        self.width = width
        self.height = height
    }

    // MARK: Elements

    mutating func raw(_ element: String) {
        body.append(element)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       radius: Double = 0, strokeWidth: Double = 1, dash: String? = nil) {
        var a = "x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(max(0, width)))\" height=\"\(SVG.n(max(0, height)))\" fill=\"\(fill)\""
        if radius > 0 { a += " rx=\"\(SVG.n(radius))\"" }
        if let stroke { a += " stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(strokeWidth))\"" }
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        body.append("<rect \(a)/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var a = "x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        body.append("<line \(a)/>")
    }

    /// A polyline through `points` (nothing for fewer than two).
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard points.count >= 2 else { return }
        let list = points.map { "\(SVG.n($0.x)),\(SVG.n($0.y))" }.joined(separator: " ")
        var a = "points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\" stroke-linejoin=\"round\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        body.append("<polyline \(a)/>")
    }

    /// A path from its `d` (the caller writes coordinates with `SVG.n`).
    mutating func path(_ d: String, stroke: String, width: Double = 1.5, fill: String = "none") {
        body.append("<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\"/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String = "#fff", strokeWidth: Double = 1.5) {
        body.append("<circle cx=\"\(SVG.n(cx))\" cy=\"\(SVG.n(cy))\" r=\"\(SVG.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(strokeWidth))\"/>")
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// Text at (x, y) (y is the baseline), escaped.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                       fill: String = Colour.ink, bold: Bool = false, halo: Bool = false) {
        var a = "x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" font-size=\"\(SVG.n(size))\" fill=\"\(fill)\""
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { a += " font-weight=\"700\"" }
        // A white outline under the glyphs keeps a label legible over lines.
        if halo { a += " stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        body.append("<text \(a)>\(SVG.escape(content))</text>")
    }

    /// A centred "no data" message in a pale box.
    mutating func noData(_ message: String, x: Double, y: Double, width: Double, height: Double) {
        rect(x: x, y: y, width: width, height: height, fill: "#f6f7f9", stroke: Colour.line, radius: 6, dash: "4 3")
        text(message, x: x + width / 2, y: y + height / 2 + 5, size: 15, anchor: .middle, fill: Colour.muted)
    }

    /// The whole `<svg>` element with its title and description.
    func render(title: String, summary: String) -> String {
        let titleID = "\(id)-title", descID = "\(id)-desc"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\""
        out += " width=\"100%\" style=\"max-width:\(SVG.n(width))px;height:auto\" role=\"img\""
        out += " aria-labelledby=\"\(titleID) \(descID)\" font-family=\"\(SVG.fontFamily)\" font-size=\"12\">\n"
        out += "<title id=\"\(titleID)\">\(SVG.escape(title))</title>\n"
        out += "<desc id=\"\(descID)\">\(SVG.escape(summary))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" fill=\"#fff\"/>\n"
        out += body.joined(separator: "\n")
        out += "\n</svg>"
        return out
    }

    // MARK: Text helpers

    /// XML-escaped text for content and attribute values; characters XML 1.0 does not
    /// allow (control characters other than tab and line breaks, U+FFFE, U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An XML/HTML id from any text: ASCII letters, digits, `-` and `_` are kept, anything
    /// else goes; if anything went (or nothing is left), a hash of the whole text is added.
    /// It always starts with a letter.
    static func identifier(_ text: String) -> String {
        var kept = ""
        var lost = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
            if ok { kept.unicodeScalars.append(scalar) } else { lost = true }
        }
        if lost || kept.isEmpty { kept += (kept.isEmpty ? "" : "-") + hash(text) }
        if let first = kept.unicodeScalars.first, !((first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x61 && first.value <= 0x7A)) {
            kept = "c" + kept
        }
        return kept
    }

    /// FNV-1a of the UTF-8 bytes, 8 hex digits.
    static func hash(_ text: String) -> String {
        var h: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            h ^= UInt32(byte)
            h = h &* 16_777_619
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The approximate width of `text` at font size `size`: CJK and other wide characters
    /// one em, digits and Latin letters a little over half an em.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x2E80 { em += 1.0 } else if v == 0x20 || v == 0x2C || v == 0x2E || v == 0x3A { em += 0.3 } else if v >= 0x41 && v <= 0x5A || v == 0x25 {
                em += 0.68
            } else { em += 0.58 }
        }
        return em * size
    }

    /// `text` cut with `…` to fit `width` at `size`.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var out = ""
        for character in text {
            if textWidth(out + String(character) + "…", size: size) > width { break }
            out.append(character)
        }
        return out + "…"
    }

    /// A coordinate: at most one decimal, an ASCII minus sign (SVG does not read U+2212),
    /// never NaN or infinite (those become 0).
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var text = ChartFormat.fixed(abs(x), 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return x < 0 && text != "0" ? "-" + text : text
    }
}
