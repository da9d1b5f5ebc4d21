/// Why a text could not be read as a number. Rendered in either language
/// with ``message(_:)``, so that a format error reads naturally to a trainee.
public enum NumberProblem: Error, Equatable, Sendable {
    /// Nothing but spaces.
    case empty
    /// Not a number at all (letters, NaN, Infinity, two signs, ...).
    case notANumber(String)
    /// Thousands separators that do not group digits by three.
    case misplacedSeparators(String)
    /// Longer than any figure of the course could be, or out of the range of a Double.
    case tooLong
    /// A JSON value of the wrong type (a list, a mapping, true/false, null).
    case wrongType(String)

    /// The problem as one sentence.
    public func message(_ language: Language) -> String {
        switch self {
        case .empty:
            return language.pick("没有填写数字", "no number given")
        case .notANumber(let text):
            return language.pick("“\(text)”不是一个数字", "\"\(text)\" is not a number")
        case .misplacedSeparators(let text):
            return language.pick("“\(text)”的千位分隔符位置不对", "\"\(text)\" has thousands separators in the wrong places")
        case .tooLong:
            return language.pick("数字太长或太大，无法读取", "the number is too long or too large to read")
        case .wrongType(let kind):
            return language.pick("应填一个数字，而不是\(kind)", "a number was expected, not \(kind)")
        }
    }
}

/// Reads a trainee's number as exercises.md allows it to be written.
///
/// Accepted: an optional sign, digits with an optional fraction (and
/// exponent, as JSON writes numbers), thousands separators grouping by three
/// (`1,902,000`), then at most one of `%` (×0.01), `万` (×10⁴) or `亿` (×10⁸).
/// Full-width digits, signs, points, commas and percent (`９.１９％`, `－`)
/// are read as their ASCII forms, and surrounding spaces (also the
/// ideographic space) are ignored. Anything else is a ``NumberProblem``,
/// never a crash: NaN, Infinity and 400-digit numbers included.
public enum NumberReader {
    /// Longer texts are refused before any work: no figure in the course
    /// needs more, and it keeps absurd input cheap.
    static let maxLength = 64

    /// The value of `text`, or why it is not a number.
    public static func read(_ text: String) -> Result<Double, NumberProblem> {
        if let value = plainASCII(text) { return .success(value) }
        return readAnyForm(text)
    }

    /// The common case without any work on Unicode: ASCII digits with an
    /// optional sign, point and a trailing `%` (`0.0919`, `9.19%`, `-12`).
    /// nil sends everything else (separators, full-width forms, 万, spaces,
    /// and every mistake) to the general reader.
    static func plainASCII(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 24 else { return nil }
        var digits = 0
        var points = 0
        var percent = false
        for (offset, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !percent else { return nil }
                digits += 1
            case UInt8(ascii: "."):
                guard !percent else { return nil }
                points += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard offset == 0 else { return nil }
            case UInt8(ascii: "%"):
                guard !percent, offset == utf8.count - 1 else { return nil }
                percent = true
            default:
                return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        let number = percent ? Double(Substring(text).dropLast()) : Double(text)
        guard let value = number, value.isFinite else { return nil }
        return percent ? value * 0.01 : value
    }

    static func readAnyForm(_ text: String) -> Result<Double, NumberProblem> {
        var scalars: [UInt8] = []
        scalars.reserveCapacity(text.utf8.count)
        var multiplier = 1.0
        var suffixSeen = false
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > maxLength { return .failure(.tooLong) }
            let value = scalar.value
            // Full-width forms U+FF01...U+FF5E are ASCII + 0xFEE0.
            let ascii: UInt32 = (0xFF01...0xFF5E).contains(value) ? value - 0xFEE0 : value
            switch ascii {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000:
                // Spaces only around the number: inside it they are kept to be refused.
                scalars.append(0x20)
            case 0x2212:  // − MINUS SIGN
                scalars.append(UInt8(ascii: "-"))
            case 0x4E07, 0x4EBF, 0x25:  // 万, 亿, %
                if suffixSeen { return .failure(.notANumber(text)) }
                suffixSeen = true
                multiplier = ascii == 0x4E07 ? 1e4 : ascii == 0x4EBF ? 1e8 : 0.01
                scalars.append(0x25)  // a marker: nothing may follow but spaces
            case 0x21...0x7E:
                scalars.append(UInt8(ascii))
            default:
                return .failure(.notANumber(text))
            }
        }
        // Trim the surrounding spaces.
        var start = 0
        var end = scalars.count
        while start < end, scalars[start] == 0x20 { start += 1 }
        while end > start, scalars[end - 1] == 0x20 { end -= 1 }
        if start == end { return .failure(.empty) }
        var body = Array(scalars[start..<end])
        if body.last == 0x25 {
            body.removeLast()
            while body.last == 0x20 { body.removeLast() }  // "9.19 %" is fine
        } else if suffixSeen {
            return .failure(.notANumber(text))  // a suffix in the middle
        }
        guard let plain = plainNumber(body, original: text) else {
            return .failure(.notANumber(text))
        }
        switch plain {
        case .failure(let problem):
            return .failure(problem)
        case .success(let digits):
            guard let value = Double(digits), value.isFinite else { return .failure(.tooLong) }
            let scaled = value * multiplier
            guard scaled.isFinite else { return .failure(.tooLong) }
            return .success(scaled)
        }
    }

    /// Checks the grammar `[+-] digits[,ddd]* [. digits] [e[+-]digits]` and
    /// returns the text without separators, ready for `Double(_:)`. `nil` when
    /// the grammar does not hold at all.
    private static func plainNumber(_ body: [UInt8], original: String) -> Result<String, NumberProblem>? {
        var index = 0
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        func peek() -> UInt8? { index < body.count ? body[index] : nil }
        func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        if let c = peek(), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            if c == UInt8(ascii: "-") { out.append(c) }
            index += 1
        }
        // Integer part, with groups of three after the first separator.
        var integerDigits = 0
        var groupLength = 0
        var sawSeparator = false
        var badSeparator = false
        while let c = peek(), isDigit(c) || c == UInt8(ascii: ",") {
            if c == UInt8(ascii: ",") {
                if integerDigits == 0 || (sawSeparator && groupLength != 3) || (!sawSeparator && groupLength > 3) {
                    badSeparator = true
                }
                sawSeparator = true
                groupLength = 0
            } else {
                out.append(c)
                integerDigits += 1
                groupLength += 1
            }
            index += 1
        }
        if sawSeparator && groupLength != 3 { badSeparator = true }
        var fractionDigits = 0
        if peek() == UInt8(ascii: ".") {
            out.append(UInt8(ascii: "."))
            index += 1
            while isDigit(peek()) {
                out.append(body[index])
                fractionDigits += 1
                index += 1
            }
        }
        if integerDigits + fractionDigits == 0 { return nil }
        if integerDigits == 0 { out.insert(UInt8(ascii: "0"), at: out.first == UInt8(ascii: "-") ? 1 : 0) }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            if sawSeparator { return nil }
            out.append(UInt8(ascii: "e"))
            index += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                out.append(s)
                index += 1
            }
            var exponentDigits = 0
            while isDigit(peek()) {
                out.append(body[index])
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 || exponentDigits > 4 { return exponentDigits == 0 ? nil : .failure(.tooLong) }
        }
        if index != body.count { return nil }
        if badSeparator { return .failure(.misplacedSeparators(original)) }
        // More digits than a Double holds meaningfully: refuse rather than round silently.
        if integerDigits > 20 || fractionDigits > 20 { return .failure(.tooLong) }
        return .success(String(decoding: out, as: UTF8.self))
    }
}
