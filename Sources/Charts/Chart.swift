/// One chart of the course: an SVG picture, its text alternative and every figure it
/// shows as text, so that a page can put a table of the figures under the picture.
///
/// The SVG is self-contained: `xmlns`, a `viewBox` with `width="100%"` (it scales to its
/// container), `role="img"` and `aria-labelledby` pointing at its own `<title>` and
/// `<desc>`, inline attributes only (no CSS classes, fonts or scripts), ids that start with
/// `id` (so several charts can share one page), and every piece of text XML-escaped.
public struct Chart: Equatable, Sendable {
    /// One figure the chart shows, as text: `ROI` — `9.19%`.
    public struct Figure: Equatable, Sendable {
        public let label: String
        public let value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The prefix of every id inside the SVG (`chart-roi-hengda-2025`).
    public let id: String
    /// The chart's title (also the SVG's `<title>`).
    public let title: String
    /// The text alternative: one or two sentences with the key figures (also the SVG's `<desc>`).
    public let summary: String
    /// Every figure the chart shows, in reading order.
    public let figures: [Figure]
    /// The picture: an `<svg>` element, ready to put inline in a page.
    public let svg: String

    public init(id: String, title: String, summary: String, figures: [Figure], svg: String) {
        self.id = id
        self.title = title
        self.summary = summary
        self.figures = figures
        self.svg = svg
    }

    /// The figures as an HTML `<table>` (项目 | 数值), every piece of text escaped; its
    /// caption is the chart's title. The table has the classes `grid` (app.css styles it) and `chart-figures` and the id
    /// `<id>-figures`, for a page that wants to style or link it.
    public var figuresHTML: String {
        var html = "<table class=\"grid chart-figures\" id=\"\(SVG.escape(id))-figures\">"
        html += "<caption>\(SVG.escape(title))</caption>"
        html += "<thead><tr><th scope=\"col\">项目</th><th scope=\"col\">数值</th></tr></thead><tbody>"
        for figure in figures {
            html += "<tr><th scope=\"row\">\(SVG.escape(figure.label))</th><td class=\"num\">\(SVG.escape(figure.value))</td></tr>"
        }
        html += "</tbody></table>"
        return html
    }
}

/// The course's charts, each drawn from the model's own figures (nothing is recomputed
/// here but positions). Every function takes an optional `id` prefix; without one, a
/// prefix is derived from the chart's kind and its case, which is unique per chart of one
/// case but not across two pages' worth of the same chart: pass `id` to be sure.
public enum Charts {
    /// An id prefix: `chart-<kind>-<key>`, with `key` reduced to letters, digits, `-` and
    /// `_`; a key that loses characters (Chinese, spaces) gets a short hash of itself, so
    /// that two different keys give two different ids.
    static func chartID(_ given: String?, kind: String, key: String) -> String {
        if let given, !given.isEmpty { return SVG.identifier(given) }
        return key.isEmpty ? "chart-\(kind)" : "chart-\(kind)-" + SVG.identifier(key)
    }
}
