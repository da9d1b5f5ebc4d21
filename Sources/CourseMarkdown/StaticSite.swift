/// The course as a static site: an index with the two-day agenda, one page per module with its
/// table of contents and previous/next links, and one stylesheet that also prints well.
/// Nothing is fetched from the internet: the classroom may be offline.
public enum StaticSite {
    /// The site's files by path (`index.html`, `review.html`, `style.css`). Downloads are copied
    /// by the caller from `course/downloads/`.
    public static func files(for course: Course) -> [String: String] {
        var files: [String: String] = ["style.css": stylesheet, "index.html": index(course)]
        for (index, module) in course.modules.enumerated() {
            let previous = index > 0 ? course.modules[index - 1] : nil
            let next = index + 1 < course.modules.count ? course.modules[index + 1] : nil
            files["\(module.id).html"] = page(module, course: course, previous: previous, next: next)
        }
        return files
    }

    /// Clock time of a minute of a course day: 09:00 start, lunch 12:00–13:30. Minute 180 is
    /// 12:00 as the end of the morning and 13:30 as the start of the afternoon (`starting`).
    public static func clock(minute: Int, starting: Bool = false) -> String {
        let lunchStart = 180, lunch = 90
        let afternoon = minute > lunchStart || (starting && minute == lunchStart)
        let shifted = 9 * 60 + minute + (afternoon ? lunch : 0)
        let hours = shifted / 60, minutes = shifted % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    static func index(_ course: Course) -> String {
        let title = course.info?.title ?? "课程"
        var body = "<header class=\"site\"><h1>\(HTML.escape(title))</h1>"
        if let english = course.info?.titleEn { body += "<p class=\"subtitle\">\(HTML.escape(english))</p>" }
        let total = course.modules.reduce(0) { $0 + $1.front.minutes }
        body += "<p>\(course.info?.days ?? 0) 天 · 共 \(total / 60) 小时\(total % 60 > 0 ? " \(total % 60) 分钟" : "")</p></header>\n<main>\n<h2 id=\"agenda\">课程日程</h2>\n"
        let days = Dictionary(grouping: course.modules, by: \.day).sorted { $0.key < $1.key }
        for (day, modules) in days {
            body += "<h3>第 \(day) 天</h3>\n<div class=\"table-wrap\"><table class=\"agenda\">\n<thead><tr><th>时间</th><th>单元</th><th>时长</th><th>学习目标</th></tr></thead>\n<tbody>\n"
            for module in modules {
                let time = "\(clock(minute: module.startMinute, starting: true))–\(clock(minute: module.startMinute + module.front.minutes))"
                body += "<tr><td>\(time)</td><td><a href=\"\(HTML.escape(module.id)).html\">\(module.front.order). \(HTML.escape(module.title))</a><br><span class=\"en\">\(HTML.escape(module.front.titleEn))</span></td>"
                body += "<td class=\"num\">\(module.front.minutes) 分钟</td><td><ul>"
                for objective in module.front.objectives { body += "<li>\(HTML.escape(objective))</li>" }
                body += "</ul></td></tr>\n"
            }
            body += "</tbody>\n</table></div>\n"
        }
        body += "</main>\n"
        return layout(title: title, body: body, language: course.info?.language)
    }

    static func page(_ module: Module, course: Course, previous: Module?, next: Module?) -> String {
        var body = "<nav class=\"top\"><a href=\"index.html\">\(HTML.escape(course.info?.title ?? "课程"))</a> › 第 \(module.day) 天 · \(StaticSite.clock(minute: module.startMinute, starting: true))–\(StaticSite.clock(minute: module.startMinute + module.front.minutes)) · \(module.front.minutes) 分钟 · <span class=\"en\">\(module.front.order). \(HTML.escape(module.front.titleEn))</span></nav>\n"
        body += "<div class=\"layout\">\n"
        body += tableOfContents(module.document.tableOfContents)
        body += "<main class=\"content\">\n"
        body += course.previewHTML(module.document)
        body += "<nav class=\"pager\">"
        if let previous { body += "<a class=\"prev\" href=\"\(HTML.escape(previous.id)).html\">← \(HTML.escape(previous.title))</a>" }
        if let next { body += "<a class=\"next\" href=\"\(HTML.escape(next.id)).html\">\(HTML.escape(next.title)) →</a>" }
        body += "</nav>\n</main>\n</div>\n"
        return layout(title: "\(module.title) · \(course.info?.title ?? "")", body: body, language: course.info?.language)
    }

    /// Level-2 headings as a list, each with its level-3 headings nested under it.
    static func tableOfContents(_ headings: [Heading]) -> String {
        guard !headings.isEmpty else { return "" }
        var html = "<nav class=\"toc\"><p class=\"toc-title\">本章目录</p>\n<ul>\n"
        var open = false
        for heading in headings {
            let link = "<a href=\"#\(HTML.escape(heading.id))\">\(HTML.escape(heading.text))</a>"
            if heading.level == 2 {
                if open { html += "</ul></li>\n"; open = false }
                html += "<li>\(link)"
                html += "<ul>\n"
                open = true
            } else {
                if !open { html += "<li><ul>\n"; open = true }
                html += "<li>\(link)</li>\n"
            }
        }
        if open { html += "</ul></li>\n" }
        html += "</ul>\n</nav>\n"
        // Empty nested lists (an h2 without h3s) say nothing: drop them.
        return html.replacingOccurrences(of: "<ul>\n</ul>", with: "")
    }

    static func layout(title: String, body: String, language: String?) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language ?? "zh-CN"))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The one stylesheet: readable on a phone, a projector and paper. System fonts only.
    public static let stylesheet = """
    :root { --ink: #1d2733; --muted: #5b6775; --line: #d6dde5; --accent: #0b6e4f; --note: #e8f1fb; --tip: #eaf6ee; --warn: #fff4e0; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 52rem; padding: 1rem; color: var(--ink); line-height: 1.7;
      font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
    a { color: var(--accent); }
    h1, h2, h3, h4 { line-height: 1.3; }
    h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
    .en, .subtitle { color: var(--muted); font-size: .9rem; }
    nav.top { font-size: .9rem; color: var(--muted); }
    nav.toc { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; font-size: .92rem; }
    nav.toc ul { margin: 0; padding-left: 1rem; list-style: none; }
    nav.toc ul ul { padding-left: 1rem; font-size: .9em; }
    @media (min-width: 72rem) {
      body { max-width: 76rem; }
      .layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 2rem; align-items: start; }
      nav.toc { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
    }
    .toc-title, .objectives-title, .callout-title, .exercise-title { font-weight: 600; margin: .25rem 0; }
    .objectives { border-left: 4px solid var(--accent); padding: .25rem 1rem; margin: 1rem 0; }
    .table-wrap { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; min-width: 50%; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    th, td { border: 1px solid var(--line); padding: .3rem .6rem; vertical-align: top; }
    th { background: #f0f3f6; text-align: left; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; border-radius: 4px; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
    .callout { border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; border: 1px solid var(--line); }
    .callout-note { background: var(--note); } .callout-tip { background: var(--tip); } .callout-warning { background: var(--warn); }
    .exercise { border: 2px dashed var(--accent); border-radius: 8px; padding: .5rem 1rem; margin: 1.5rem 0; }
    .exercise-questions > li { margin: .4rem 0; }
    .choices { list-style: none; padding-left: .5rem; margin: .2rem 0; }
    .choice-key { font-weight: 600; }
    .render-error { color: #b00020; font-weight: 600; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 2rem 0; border-top: 1px solid var(--line); padding-top: 1rem; }
    @media print {
      body { max-width: none; font-size: 11pt; }
      nav.top, nav.pager, nav.toc { display: none; }
      a { color: inherit; text-decoration: none; }
      table, .callout, .exercise, pre { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      .exercise { border-style: solid; }
    }
    """
}
