import Foundation
import JBPModel

/// Why a text is not JSON (the sentence a 400 answers with).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension JSONValue {
    /// The deepest nesting accepted: deeper input is refused, never a stack overflow.
    public static let maxDepth = 200

    /// How request bodies and stored rows are read: strict (numbers beyond a Double's range and
    /// bytes that are not UTF-8 are refused) and depth-limited, never a stack overflow.
    static let readOptions = JSONReader.Options(maxDepth: maxDepth, wideNumbersAsText: false)

    /// Parses JSON (RFC 8259) from UTF-8 bytes with the project's one reader (JBPModel's `JSONReader`).
    public static func parse(bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let read = Array(bytes).withUnsafeBufferPointer { JSONReader.read(bytes: $0, options: readOptions) }
        switch read {
        case .success(let value): return JSONValue(value)
        case .failure(let failure):
            if case .tooDeep(let depth) = failure.problem { throw JSONParseError(message: "The JSON is nested more than \(depth) deep.") }
            throw JSONParseError(message: "The JSON is not valid: \(wording(failure.problem)) at byte \(failure.byte).")
        }
    }

    /// What is wrong with a request's JSON, as a 400 says it.
    static func wording(_ problem: JSONReader.Problem) -> String {
        switch problem {
        case .endOfText: return "it ends too early"
        case .trailingText: return "unexpected text after the JSON value"
        case .valueExpected: return "a value is expected"
        case .unknownWord: return "unknown word"
        case .keyExpected: return "a key is expected"
        case .colonExpected: return "':' is expected"
        case .commaOrBraceExpected: return "',' or '}' is expected"
        case .commaOrBracketExpected: return "',' or ']' is expected"
        case .leadingZero: return "a number has a leading zero"
        case .digitsAfterPoint: return "digits are expected after '.'"
        case .digitsInExponent: return "digits are expected in the exponent"
        case .notUTF8: return "the text is not valid UTF-8"
        case .loneSurrogate: return "a lone surrogate"
        case .badUnicodeEscape: return "\\u needs four hex digits"
        case .unknownEscape: return "an unknown escape"
        case .controlCharacter: return "a control character in a string"
        case .unclosedString: return "a string is not closed"
        case .tooDeep(let depth): return "nested more than \(depth) deep"
        case .outOfRange(let numeral): return "the number \(numeral) is out of range"
        }
    }

    /// Parses JSON text; nil when it is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        try? parse(bytes: text.utf8)
    }

    /// Compact JSON with sorted keys (stable, so stored rows compare equal). Numbers that are
    /// whole print without a fraction; infinities and NaN, which JSON cannot hold, print as null.
    public func jsonString() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: Self.numberText(number).utf8)
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return number.description  // the shortest text that reads back as the same Double
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes byte by byte: quotes, backslashes and control characters; U+2028/2029 too, so
    /// the text is safe inside a script as well. Everything else is copied as UTF-8.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                out.append(contentsOf: Array((utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                index += 2
            default:
                out.append(byte)
            }
            index += 1
        }
        utf8.removeAll()
        out.append(UInt8(ascii: "\""))
    }
}
