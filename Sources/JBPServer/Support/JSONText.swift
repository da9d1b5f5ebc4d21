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
        case .success(let value): return value
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
}
