/// Stable heading ids, Chinese headings included (docs/decisions.md): the plain text lowercased,
/// anything but letters, digits, `-` and `_` removed, runs of spaces turned into one `-`; a
/// repeated id gets `-1`, `-2`, … in order.
struct HeadingIDs {
    private var used: [String: Int] = [:]

    /// The id for the next heading with this plain text.
    mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }

    /// The slug of a heading's plain text, before duplicates are numbered.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingDash = !slug.isEmpty
            } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                if pendingDash { slug.append("-"); pendingDash = false }
                slug.append(character)
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}
