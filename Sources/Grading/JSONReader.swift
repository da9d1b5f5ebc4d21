import JBPModel

/// A small strict JSON reader (RFC 8259) into `JSONValue`.
///
/// Submissions are read many times over (every regrade, every benchmark
/// round), and Foundation's reader builds `NSDictionary`s on Linux, so
/// this one reads UTF-8 bytes straight into `JSONValue`. It refuses nesting
/// deeper than 64 levels, so no input can exhaust the stack.
enum JSONReader {
    /// Why a text is not JSON, and where.
    struct Failure: Error, Equatable {
        var line: Int
        var message: String
    }

    static let maxDepth = 64

    static func read(_ text: String) -> Result<JSONValue, Failure> {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            do {
                reader.skipSpaces()
                let value = try reader.value(depth: 0)
                reader.skipSpaces()
                if reader.index != bytes.count { throw reader.failure("unexpected text after the JSON value") }
                return .success(value)
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(Failure(line: 1, message: "\(error)"))
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        func failure(_ message: String) -> Failure {
            var line = 1
            for i in 0..<min(index, bytes.count) where bytes[i] == 0x0A { line += 1 }
            return Failure(line: line, message: message)
        }

        mutating func skipSpaces() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < JSONReader.maxDepth else { throw failure("nested too deeply") }
            guard index < bytes.count else { throw failure("unexpected end of the text") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var pairs: [(key: String, value: JSONValue)] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                while true {
                    skipSpaces()
                    guard index < bytes.count else { throw failure("unexpected end of the text") }
                    guard bytes[index] == UInt8(ascii: "\"") else { throw failure("a key in double quotes was expected") }
                    let key = try string()
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("`:` was expected after a key") }
                    index += 1
                    skipSpaces()
                    pairs.append((key, try value(depth: depth + 1)))
                    skipSpaces()
                    guard index < bytes.count else { throw failure("unexpected end of the text") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                    throw failure("`,` or `}` was expected")
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
                    guard index < bytes.count else { throw failure("unexpected end of the text") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    throw failure("`,` or `]` was expected")
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
                throw failure("a JSON value was expected")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw failure("a JSON value was expected") }
            for i in 0..<count where bytes[index + i] != word.utf8Start[i] {
                throw failure("a JSON value was expected")
            }
            index += count
        }

        mutating func number() throws -> JSONValue {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index - from
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integer = digits()
            guard integer > 0 else { throw failure("a number was expected") }
            if integer > 1, bytes[index - integer] == UInt8(ascii: "0") { throw failure("a number may not start with 0") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw failure("digits were expected after the decimal point") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure("digits were expected in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            // A numeral beyond a Double's range (or with 400 digits) is kept
            // as its text: the number reader refuses it with a message.
            if index - start <= 40, let value = Double(text), value.isFinite { return .number(value) }
            return .string(text)
        }

        mutating func string() throws -> String {
            index += 1  // the opening quote
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
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
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw failure("unexpected end of the text") }
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
                                throw failure("a lone surrogate in a \\u escape")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate in a \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw failure("a lone surrogate in a \\u escape")
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw failure("an invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        throw failure("an invalid escape in a text")
                    }
                default:
                    guard byte >= 0x20 else { throw failure("a control character in a text") }
                    out.append(byte)
                    index += 1
                }
            }
            throw failure("a text is not closed")
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("an invalid \\u escape") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure("an invalid \\u escape")
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }
    }
}
