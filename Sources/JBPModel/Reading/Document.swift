import Yams

/// Reading YAML and JSON text into `Field`s: the one place that talks to Yams.
///
/// JSON is read as YAML (every JSON text is YAML 1.2 flow text). Anchors and aliases
/// are allowed but bounded, so no input can make the reader run away.
public enum Document {
    /// The most values a document may hold, aliases expanded.
    static let maxValues = 1_000_000
    /// The deepest nesting a document may have.
    static let maxDepth = 1000

    /// Parses `text` (YAML or JSON) and returns its root. `file` is only used in messages.
    /// An empty document, a syntax error or a runaway document is one `ModelError`.
    public static func parse(_ text: String, file: String) throws(ModelError) -> Field {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, file: file)
        }
        guard let root else {
            throw ModelError(file: file, path: "", message: "the file is empty")
        }
        var budget = maxValues
        let tree = try convert(root, file: file, depth: 0, budget: &budget)
        return Field(file: file, path: "", tree: tree)
    }

    private static func convert(_ node: Yams.Node, file: String, depth: Int, budget: inout Int) throws(ModelError) -> Tree {
        budget -= 1
        guard budget >= 0 else {
            throw ModelError(file: file, path: "", message: "too many values (more than \(maxValues), aliases expanded)")
        }
        guard depth <= maxDepth else {
            throw ModelError(file: file, path: "", message: "nested more than \(maxDepth) levels deep", line: node.mark?.line)
        }
        switch node {
        case .scalar(let scalar):
            // A plain scalar without an explicit tag may be a number, a date, true or null;
            // a quoted or tagged one is always text.
            let plain = scalar.style == .plain && scalar.tag.description.isEmpty
            return .scalar(scalar.string, plain: plain, line: scalar.mark?.line)
        case .sequence(let sequence):
            var items: [Tree] = []
            for item in sequence {
                items.append(try convert(item, file: file, depth: depth + 1, budget: &budget))
            }
            return .list(items, line: sequence.mark?.line)
        case .mapping(let mapping):
            var entries: [Tree.Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ModelError(file: file, path: "", message: "a key must be a name, not a list or a map", line: key.mark?.line)
                }
                let converted = try convert(value, file: file, depth: depth + 1, budget: &budget)
                entries.append(Tree.Entry(key: keyScalar.string, line: keyScalar.mark?.line, value: converted))
            }
            return .map(entries, line: mapping.mark?.line)
        case .alias:
            // compose() resolves aliases to the anchored node; an unresolved one cannot occur.
            throw ModelError(file: file, path: "", message: "an alias that names no anchor")
        }
    }

    /// One line for Yams' (multi-line) parse errors: where and what, without the snippet.
    private static func syntaxError(_ error: any Error, file: String) -> ModelError {
        func located(_ mark: Yams.Mark, _ problem: String, _ context: YamlError.Context?) -> ModelError {
            var message = "line \(mark.line), column \(mark.column): invalid YAML: \(problem)"
            if let context, !context.text.isEmpty { message += " (\(context.text))" }
            return ModelError(file: file, path: "", message: oneLine(message), line: mark.line)
        }
        guard let yamlError = error as? YamlError else {
            return ModelError(file: file, path: "", message: oneLine("invalid YAML: \(error)"))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return located(mark, problem, context)
        case let .reader(problem, offset, _, _):
            let at = offset.map { " at byte \($0)" } ?? ""
            return ModelError(file: file, path: "", message: oneLine("unreadable text\(at): \(problem)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.joined(separator: ", ")
            return ModelError(file: file, path: "", message: "line \(context.mark.line): duplicate key \(names)", line: context.mark.line)
        default:
            return ModelError(file: file, path: "", message: oneLine("invalid YAML: \(yamlError)"))
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// A parsed document's value, with the line it starts on. (Not `indirect`: lists and
/// maps hold their values in arrays already, and a box for every value would cost
/// an allocation each.)
enum Tree: Sendable {
    struct Entry: Sendable {
        let key: String
        let line: Int?
        let value: Tree
    }
    /// `plain`: unquoted and untagged, so it may read as a number, date, boolean or null.
    case scalar(String, plain: Bool, line: Int?)
    case list([Tree], line: Int?)
    case map([Entry], line: Int?)
    /// A value another reader has already parsed (see `Field.init(json:file:)`), read as
    /// the document of its JSON text would be, without converting it first: a number
    /// is a plain number, a string is quoted text, `true`/`false` and null are plain.
    case json(JSONValue)

    var line: Int? {
        switch self {
        case .scalar(_, _, let line), .list(_, let line), .map(_, let line): return line
        case .json: return nil
        }
    }

    /// The text of a scalar and whether it is plain, as the document of a JSON value's
    /// text would have it; nil for a list, a map or JSON's null.
    var scalar: (text: String, plain: Bool)? {
        switch self {
        case .scalar(let text, let plain, _): return (text, plain)
        case .json(.string(let text)): return (text, false)
        case .json(.number(let x)): return (NumberSyntax.text(x), true)
        case .json(.bool(let flag)): return (flag ? "true" : "false", true)
        case .list, .map, .json: return nil
        }
    }

    /// The members of a map; nil for anything else.
    var entries: [Entry]? {
        switch self {
        case .map(let entries, _): return entries
        case .json(.object(let members)): return members.map { Entry(key: $0.key, line: nil, value: .json($0.value)) }
        default: return nil
        }
    }

    /// YAML's null: an empty plain value, `~` or `null`.
    var isNull: Bool {
        switch self {
        case .scalar(let text, true, _): return ["", "~", "null", "Null", "NULL"].contains(text)
        case .json(.null): return true
        default: return false
        }
    }

    /// What a person would call it, for "expected X, found Y".
    /// `kindDescription` in Chinese: `列表`, `文字“abc”`, `数字 12`.
    var chineseKindDescription: String {
        switch self {
        case .list, .json(.array): return "列表"
        case .map, .json(.object): return "映射"
        case .scalar, .json:
            guard !isNull, let (text, plain) = scalar else { return "空值" }
            if plain, NumberSyntax.isNumber(text) { return "数字 \(NumberSyntax.shown(text))" }
            return "文字“\(NumberSyntax.shown(text))”"
        }
    }

    var kindDescription: String {
        switch self {
        case .list, .json(.array): return "a list"
        case .map, .json(.object): return "a map"
        case .scalar, .json:
            guard !isNull, let (text, plain) = scalar else { return "nothing" }
            if plain, NumberSyntax.isNumber(text) { return "the number \(NumberSyntax.shown(text))" }
            return "the text \"\(NumberSyntax.shown(text))\""
        }
    }
}

/// The strict number syntax of the formats: decimal, optional sign, fraction and exponent.
/// (No hex, octal, underscores, `.inf` or `.nan`, which YAML 1.1 would otherwise allow.)
enum NumberSyntax {
    /// Read from the bytes (every number of every file is checked here): `[+-]`, digits
    /// with at most one `.` and at least one digit, then optionally `e` or `E`, `[+-]`
    /// and at least one digit. Any other byte (any non-ASCII one) is not a number.
    static func isNumber(_ text: String) -> Bool {
        let bytes = text.utf8
        var i = bytes.startIndex
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func sign() {
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        }
        sign()
        var digits = 0, points = 0
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") {
            if isDigit(bytes[i]) {
                digits += 1
            } else if bytes[i] == UInt8(ascii: ".") {
                points += 1
            } else {
                return false
            }
            i = bytes.index(after: i)
        }
        guard digits > 0, points <= 1 else { return false }
        guard i < bytes.endIndex else { return true }
        i = bytes.index(after: i) // the e
        sign()
        var exponentDigits = 0
        while i < bytes.endIndex {
            guard isDigit(bytes[i]) else { return false }
            exponentDigits += 1
            i = bytes.index(after: i)
        }
        return exponentDigits > 0
    }

    /// Very long input is cut in messages, which stay one short line.
    static func shown(_ text: String) -> String {
        let flat = Document.oneLine(text)
        return flat.count > 24 ? String(flat.prefix(24)) + "…" : flat
    }

    /// How a number of the model appears in a message: `2500`, `0.95`.
    static func format(_ x: Double) -> String {
        JSONValue.numberText(x) ?? "\(x)"
    }

    /// A number's text as a document would hold it: its shortest form, `.nan`, `.inf`
    /// or `-.inf`.
    static func text(_ x: Double) -> String {
        JSONValue.numberText(x) ?? (x.isNaN ? ".nan" : x < 0 ? "-.inf" : ".inf")
    }
}
