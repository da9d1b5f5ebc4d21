/// Stable heading ids, Chinese headings included (docs/decisions.md): the plain text lowercased,
/// anything but letters, digits, `-` and `_` removed, runs of spaces turned into one `-`; a
/// repeated id gets `-1`, `-2`, … in order.
struct HeadingIDs {
    // Keyed by the slug's UTF-8 bytes: hashing a String normalises it first, which is most of
    // the cost for Chinese slugs, and slugs are compared as the bytes they are.
    private var used: [[UInt8]: Int] = [:]

    /// The id for the next heading with this plain text.
    mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        let key = Array(base.utf8)
        guard let count = used[key] else {
            used[key] = 0
            return base
        }
        var next = count + 1
        while used[Array("\(base)-\(next)".utf8)] != nil { next += 1 }
        used[key] = next
        used[Array("\(base)-\(next)".utf8)] = 0
        return "\(base)-\(next)"
    }

    /// The slug of a heading's plain text, before duplicates are numbered. Works on Unicode
    /// scalars with an ASCII fast path: headings are many and this runs for each.
    static func slug(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                switch value {
                case 0x41...0x5A: // A-Z
                    if pendingDash { slug.append("-"); pendingDash = false }
                    slug.append(Unicode.Scalar(value + 0x20)!)
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: // a-z, 0-9, -, _
                    if pendingDash { slug.append("-"); pendingDash = false }
                    slug.append(scalar)
                case 0x20, 0x09, 0x0A, 0x0D:
                    pendingDash = !slug.isEmpty
                default:
                    continue
                }
            } else if (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) {
                // CJK ideographs, most of a Chinese heading: letters, without a property lookup.
                if pendingDash { slug.append("-"); pendingDash = false }
                slug.append(scalar)
            } else if scalar.properties.isWhitespace {
                pendingDash = !slug.isEmpty
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash { slug.append("-"); pendingDash = false }
                if scalar.properties.changesWhenLowercased {
                    slug.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                } else {
                    slug.append(scalar)
                }
            }
        }
        return slug.isEmpty ? "section" : String(slug)
    }
}
