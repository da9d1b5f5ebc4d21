import Yams

/// Strict reading of one YAML mapping of an exercise file: every key taken
/// is remembered, so that ``finish(allowing:)`` can refuse the ones nobody
/// asked for (a typo must not pass silently), naming file, line and key path.
struct YAMLFields {
    let file: String
    /// The key path of this mapping (`questions[2]`), empty at the top.
    let path: String
    let mark: Mark?
    private let pairs: [(key: String, value: Node, mark: Mark?)]

    /// Parses `text` and returns its top mapping.
    static func document(_ text: String, file: String) throws -> YAMLFields {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ExerciseProblem(file: file, line: YAMLFields.line(of: error), message: YAMLFields.describe(error))
        }
        guard let node else { throw ExerciseProblem(file: file, message: "the file is empty") }
        return try YAMLFields(node, file: file, path: "")
    }

    init(_ node: Node, file: String, path: String) throws {
        self.file = file
        self.path = path
        self.mark = node.mark
        guard let mapping = node.mapping else {
            throw ExerciseProblem(file: file, line: node.mark?.line,
                                  message: "\(path.isEmpty ? "the file" : "`\(path)`") must be a mapping of keys to values")
        }
        var pairs: [(key: String, value: Node, mark: Mark?)] = []
        var seen = Set<String>()
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw ExerciseProblem(file: file, line: key.mark?.line, message: "a key of `\(path)` is not a plain name")
            }
            if !seen.insert(name).inserted {
                throw ExerciseProblem(file: file, line: key.mark?.line, message: "`\(Self.join(path, name))` is given twice")
            }
            pairs.append((name, value, key.mark))
        }
        self.pairs = pairs
    }

    /// The keys in the order written.
    var keys: [String] { pairs.map(\.key) }

    /// The node under `key`, if any (`null` counts as absent).
    func node(_ key: String) -> Node? {
        guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return value
    }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    func problem(_ key: String?, _ message: String) -> ExerciseProblem {
        let line = key.flatMap { name in pairs.first(where: { $0.key == name })?.value.mark?.line } ?? mark?.line
        return ExerciseProblem(file: file, line: line, message: message)
    }

    /// Refuses every key not in `allowed`, naming the first one found.
    func finish(allowing allowed: [String]) throws {
        for pair in pairs where !allowed.contains(pair.key) {
            throw ExerciseProblem(file: file, line: pair.mark?.line,
                                  message: "unknown key `\(keyPath(pair.key))` (known here: \(allowed.joined(separator: ", ")))")
        }
    }

    // MARK: Typed values

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw problem(key, "`\(keyPath(key))` must be a text") }
        return scalar.string
    }

    func requiredString(_ key: String) throws -> String {
        guard let value = try string(key), !value.trimmedSpaces.isEmpty else {
            throw problem(nil, "`\(keyPath(key))` is missing")
        }
        return value
    }

    func number(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = Self.number(node) else { throw problem(key, "`\(keyPath(key))` must be a number") }
        return value
    }

    func int(_ key: String) throws -> Int? {
        guard let value = try number(key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else { throw problem(key, "`\(keyPath(key))` must be a whole number") }
        return Int(value)
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar, scalar.style == .plain else { throw problem(key, "`\(keyPath(key))` must be true or false") }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw problem(key, "`\(keyPath(key))` must be true or false")
        }
    }

    func list(_ key: String) throws -> [Node]? {
        guard let node = node(key) else { return nil }
        guard let sequence = node.sequence else { throw problem(key, "`\(keyPath(key))` must be a list") }
        return Array(sequence)
    }

    func fields(_ key: String) throws -> YAMLFields? {
        guard let node = node(key) else { return nil }
        return try YAMLFields(node, file: file, path: keyPath(key))
    }

    // MARK: Helpers

    /// A plain scalar read as a number (`0.2`, `300000`, `-1`); quoted text is not a number.
    static func number(_ node: Node) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        let text = scalar.string
        guard isNumeral(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Whether `text` is a decimal numeral: sign, digits, fraction, exponent
    /// (no hex, underscores, `.inf` or `.nan`, which YAML 1.1 would allow).
    static func isNumeral(_ text: String) -> Bool {
        var sawDigit = false
        var sawExponent = false
        var sawPoint = false
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard offset == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return false }
            case UInt8(ascii: "."):
                guard !sawPoint, !sawExponent else { return false }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return false }
                sawExponent = true
                sawDigit = false
            default:
                return false
            }
            previous = byte
        }
        return sawDigit
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    /// The YAML reader's problem in one line, without its snippet of the file.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            let text = context.map { "\($0.text): " } ?? ""
            return "not valid YAML: \(text)\(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "not valid YAML: key given twice: \(duplicates.joined(separator: ", "))"
        case .reader(let problem, _, _, _):
            return "not valid YAML: \(problem)"
        default:
            return "not valid YAML: \(error)"
        }
    }
}
