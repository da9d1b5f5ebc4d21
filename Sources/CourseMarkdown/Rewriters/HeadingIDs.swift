/// Stable heading ids, Chinese headings included (docs/decisions.md): the plain text lowercased,
/// anything but letters, digits, `-` and `_` removed, runs of spaces turned into one `-`; a
/// repeated id gets `-1`, `-2`, … in order.
struct HeadingIDs {
    /// The ids given so far, by their UTF-8 bytes: hashing a String normalises it first, which is
    /// most of the cost for Chinese slugs, and slugs are compared as the bytes they are.
    private var used: [SlugKey: Int] = [:]

    /// The id for the next heading with this plain text.
    mutating func id(for text: String) -> String {
        let base = Self.slugBytes(text)
        let key = SlugKey(bytes: base)
        // One lookup for a new slug, the usual case; a repeated one puts its count back below.
        guard let count = used.updateValue(0, forKey: key) else {
            return String(decoding: base, as: UTF8.self)
        }
        var next = count + 1
        while used[SlugKey(bytes: base + Array("-\(next)".utf8))] != nil { next += 1 }
        used[key] = next
        let numbered = base + Array("-\(next)".utf8)
        used[SlugKey(bytes: numbered)] = 0
        return String(decoding: numbered, as: UTF8.self)
    }

    /// The slug of a heading's plain text, before duplicates are numbered.
    static func slug(_ text: String) -> String {
        String(decoding: slugBytes(text), as: UTF8.self)
    }

    /// The slug as UTF-8 bytes. Works on Unicode scalars with an ASCII fast path and writes
    /// bytes: headings are many and this runs for each.
    static func slugBytes(_ text: String) -> [UInt8] {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: // A-Z
                    if pendingDash { slug.append(0x2D); pendingDash = false }
                    slug.append(UInt8(truncatingIfNeeded: value + 0x20))
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: // a-z, 0-9, -, _
                    if pendingDash { slug.append(0x2D); pendingDash = false }
                    slug.append(UInt8(truncatingIfNeeded: value))
                case 0x20, 0x09, 0x0A, 0x0D:
                    pendingDash = !slug.isEmpty
                default:
                    continue
                }
            } else if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) {
                // CJK ideographs, most of a Chinese heading: letters, without a property lookup.
                if pendingDash { slug.append(0x2D); pendingDash = false }
                appendUTF8(scalar, to: &slug)
            } else if punctuation.contains(value) {
                // Punctuation Chinese headings use, removed without a property lookup.
                continue
            } else if scalar.properties.isWhitespace {
                pendingDash = !slug.isEmpty
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash { slug.append(0x2D); pendingDash = false }
                if scalar.properties.changesWhenLowercased {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { appendUTF8(lower, to: &slug) }
                } else {
                    appendUTF8(scalar, to: &slug)
                }
            }
        }
        return slug.isEmpty ? Array("section".utf8) : slug
    }

    /// Punctuation common in Chinese headings: neither letters, digits nor spaces, so removed
    /// (a test checks this against the scalars' properties). ：、（），。；！？·“”‘’《》—…
    static let punctuation: Set<UInt32> = [
        0xFF1A, 0x3001, 0xFF08, 0xFF09, 0xFF0C, 0x3002, 0xFF1B, 0xFF01, 0xFF1F, 0x00B7,
        0x201C, 0x201D, 0x2018, 0x2019, 0x300A, 0x300B, 0x2014, 0x2026,
    ]

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }
}

/// A slug's bytes as a dictionary key, hashed in one call rather than byte by byte.
private struct SlugKey: Hashable {
    var bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
