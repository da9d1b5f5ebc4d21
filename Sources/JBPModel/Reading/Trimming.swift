/// Trimming the spaces around a name or a key, without Foundation.
///
/// The name readers (`Metric(_:)`, `Frequency(name:)`, `Area(name:)`,
/// `Segment(name:)`) run for every goal and answer the grader reads, and
/// Foundation's `trimmingCharacters(in:)` costs about 2 µs a call. These trim
/// by hand the same characters, one Unicode scalar at a time as Foundation
/// does, and return the string itself, without a copy, when there is
/// nothing to trim (the common case: two byte reads).
extension String {
    /// Without the spaces around it: the characters of Foundation's
    /// `CharacterSet.whitespaces` (tab, and Unicode's space separators). Line
    /// breaks are kept.
    func trimmingSpaces() -> String {
        trimming(Unicode.Scalar.isSpace)
    }

    /// Without the spaces and line breaks around it: the characters of
    /// Foundation's `CharacterSet.whitespacesAndNewlines`.
    func trimmingSpacesAndNewlines() -> String {
        trimming(Unicode.Scalar.isSpaceOrNewline)
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        // Every trimmed scalar is a control or space below 0x21, or not ASCII:
        // a text that starts and ends with another ASCII byte is kept as it is.
        let bytes = utf8
        guard let head = bytes.first, let tail = bytes.last else { return self }
        if head > 0x20, head < 0x80, tail > 0x20, tail < 0x80 { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        // A scalar that is not trimmed exists, so there is a last one.
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
        let end = scalars.index(after: last)
        if first == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[first..<end])
    }
}

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces` as swift-corelibs-foundation
    /// (CoreFoundation) defines it, checked against it scalar by scalar: tab,
    /// space, no-break space, U+1680, U+2000…U+200B, U+202F, U+205F and the
    /// ideographic space U+3000. (Apple's Foundation leaves out U+200B, the
    /// zero-width space; trimming it too can only help.)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// In Foundation's `CharacterSet.whitespacesAndNewlines`: the spaces of
    /// `isSpace`, and U+000A…U+000D, U+0085, U+2028 and U+2029.
    static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return isSpace(scalar)
        }
    }
}
