/// The one strict JSON reader (RFC 8259) of the project, into `JSONValue`: the grader reads
/// submissions with it, the server every request body and stored grade.
///
/// Hand-written because Foundation's reader builds `NSDictionary`s on Linux and Codable's
/// decoding of an open-ended value throws an error per guess; this one reads UTF-8 bytes
/// straight into `JSONValue`. Nesting is limited, so no input can exhaust the stack.
public enum JSONReader {
    /// What is wrong with a text that is not JSON; each caller words it for its readers.
    public enum Problem: Equatable, Sendable {
        case endOfText, trailingText, valueExpected, keyExpected, colonExpected, commaOrBraceExpected, commaOrBracketExpected
        case unknownWord, leadingZero, digitsAfterPoint, digitsInExponent, notUTF8, loneSurrogate, badUnicodeEscape
        case unknownEscape, controlCharacter, unclosedString
        /// Nested deeper than the given depth.
        case tooDeep(Int)
        /// A numeral beyond a Double's range (its first 20 characters), when such numbers are refused.
        case outOfRange(String)
    }

    /// Why a text is not JSON, and where.
    public struct Failure: Error, Equatable, Sendable {
        /// 1-based line of the place.
        public var line: Int
        /// 0-based byte offset of the place.
        public var byte: Int
        public var problem: Problem
    }

    /// How strict to be beyond RFC 8259.
    public struct Options: Sendable {
        /// The deepest nesting accepted.
        public var maxDepth: Int
        /// A numeral beyond a Double's range (or 400 digits long) is kept as its text, for the
        /// number reader to explain; otherwise it is refused.
        public var wideNumbersAsText: Bool

        public init(maxDepth: Int, wideNumbersAsText: Bool) {
            self.maxDepth = maxDepth
            self.wideNumbersAsText = wideNumbersAsText
        }

        /// Submissions as the grader reads them.
        public static let submissions = Options(maxDepth: 64, wideNumbersAsText: true)
    }

    /// Reads a whole text (trailing spaces allowed, nothing else).
    public static func read(_ text: String, options: Options = .submissions) -> Result<JSONValue, Failure> {
        var text = text
        // A String's bytes are valid UTF-8 already: its texts need no second check.
        return text.withUTF8 { read(bytes: $0, options: options, validUTF8: true) }
    }

    /// Reads UTF-8 bytes; bytes that are not UTF-8 inside a text are refused.
    public static func read(bytes: UnsafeBufferPointer<UInt8>, options: Options) -> Result<JSONValue, Failure> {
        read(bytes: bytes, options: options, validUTF8: false)
    }

    private static func read(bytes: UnsafeBufferPointer<UInt8>, options: Options, validUTF8: Bool) -> Result<JSONValue, Failure> {
        var reader = Reader(bytes: bytes, options: options, validUTF8: validUTF8)
        do throws(Failure) {
            reader.skipSpaces()
            let value = try reader.value(depth: 0)
            reader.skipSpaces()
            if reader.index != bytes.count { throw reader.failure(.trailingText) }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let options: Options
        /// The bytes are known to be UTF-8 (they came from a String).
        let validUTF8: Bool
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, options: Options, validUTF8: Bool) {
            self.bytes = bytes
            self.options = options
            self.validUTF8 = validUTF8
        }

        /// A text's bytes as a String, refusing what is not UTF-8 unless it is known to be.
        func text(_ utf8: some Collection<UInt8>) throws(Failure) -> String {
            if validUTF8 { return String(decoding: utf8, as: UTF8.self) }
            guard let text = String(validating: utf8, as: UTF8.self) else { throw failure(.notUTF8) }
            return text
        }

        func failure(_ problem: Problem) -> Failure {
            var line = 1
            for i in 0..<min(index, bytes.count) where bytes[i] == 0x0A { line += 1 }
            return Failure(line: line, byte: index, problem: problem)
        }

        mutating func skipSpaces() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < options.maxDepth else { throw failure(.tooDeep(options.maxDepth)) }
            guard index < bytes.count else { throw failure(.endOfText) }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var pairs: [(key: String, value: JSONValue)] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                while true {
                    skipSpaces()
                    guard index < bytes.count else { throw failure(.endOfText) }
                    guard bytes[index] == UInt8(ascii: "\"") else { throw failure(.keyExpected) }
                    let key = try string()
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure(.colonExpected) }
                    index += 1
                    skipSpaces()
                    pairs.append((key, try value(depth: depth + 1)))
                    skipSpaces()
                    guard index < bytes.count else { throw failure(.endOfText) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                    throw failure(.commaOrBraceExpected)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONValue] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipSpaces()
                    items.append(try value(depth: depth + 1))
                    skipSpaces()
                    guard index < bytes.count else { throw failure(.endOfText) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    throw failure(.commaOrBracketExpected)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try number()
            default:
                throw failure(.valueExpected)
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw failure(.unknownWord) }
            for i in 0..<count where bytes[index + i] != word.utf8Start[i] {
                throw failure(.unknownWord)
            }
            index += count
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index - from
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integer = digits()
            guard integer > 0 else { throw failure(.valueExpected) }
            if integer > 1, bytes[index - integer] == UInt8(ascii: "0") { throw failure(.leadingZero) }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw failure(.digitsAfterPoint) }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure(.digitsInExponent) }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            // The grader keeps long numerals as text too (a 300-digit amount is absurd, not a number).
            let longest = options.wideNumbersAsText ? 40 : Int.max
            if index - start <= longest, let value = Double(text), value.isFinite { return .number(value) }
            // A numeral beyond a Double's range (or with 400 digits): kept as its text for the
            // number reader to explain, or refused.
            guard options.wideNumbersAsText else { throw failure(.outOfRange(String(text.prefix(20)))) }
            return .string(text)
        }

        mutating func string() throws(Failure) -> String {
            index += 1  // the opening quote
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = try text(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return try text(out)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw failure(.endOfText) }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw failure(.loneSurrogate)
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw failure(.loneSurrogate) }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw failure(.loneSurrogate)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw failure(.loneSurrogate) }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        throw failure(.unknownEscape)
                    }
                default:
                    guard byte >= 0x20 else { throw failure(.controlCharacter) }
                    out.append(byte)
                    index += 1
                }
            }
            throw failure(.unclosedString)
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure(.badUnicodeEscape) }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure(.badUnicodeEscape)
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }
    }
}
