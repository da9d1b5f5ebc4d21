/// One value of a parsed document together with where it is (`file`, key `path`, `line`),
/// so that every refusal can name its place. Readers of every format (the model's and
/// the grader's) are written with it.
public struct Field: Sendable {
    /// The file as named in messages.
    public let file: String
    /// The key path from the root: `coverage[1].covered`; empty for the root.
    public let path: String
    let tree: Tree

    init(file: String, path: String, tree: Tree) {
        self.file = file
        self.path = path
        self.tree = tree
    }

    /// The 1-based line the value starts on, when known.
    public var line: Int? { tree.line }

    /// True for YAML's null (`~`, `null`, or a key with no value).
    public var isNull: Bool { tree.isNull }

    /// True for a single value (text, number, date, boolean), null excluded.
    public var isScalar: Bool {
        if case .scalar = tree { return !isNull }
        return false
    }

    /// True for a list.
    public var isList: Bool {
        if case .list = tree { return true }
        return false
    }

    /// True for a map.
    public var isMap: Bool {
        if case .map = tree { return true }
        return false
    }

    /// What the value is, as a message says it: `a list`, `the text "abc"`, `the number 12`.
    public var kindDescription: String { tree.kindDescription }

    /// A refusal at this place.
    public func error(_ message: String) -> ModelError {
        ModelError(file: file, path: path, message: message, line: line)
    }

    func child(_ key: String, _ tree: Tree) -> Field {
        Field(file: file, path: path.isEmpty ? key : "\(path).\(key)", tree: tree)
    }

    private func mismatch(_ expected: String) -> ModelError {
        error("expected \(expected), found \(tree.kindDescription)")
    }

    // MARK: Scalars

    /// A finite decimal number (`12`, `-0.5`, `1e6`). Text, `.nan`, `.inf` and numbers too
    /// large for a Double are refused.
    public func number() throws(ModelError) -> Double {
        guard case .scalar(let text, let plain, _) = tree, plain, !isNull else {
            throw mismatch("a number")
        }
        guard NumberSyntax.isNumber(text) else {
            if [".inf", "-.inf", "+.inf", ".nan", ".Inf", ".NaN", ".INF", ".NAN"].contains(text) {
                throw error("\(text) is not a finite number")
            }
            throw mismatch("a number")
        }
        guard let value = Double(text), value.isFinite else {
            throw error("\(NumberSyntax.shown(text)) is too large a number")
        }
        return value
    }

    /// A number that is a whole number in `range` (a count of days, a variant number).
    public func wholeNumber(in range: ClosedRange<Int>) throws(ModelError) -> Int {
        let value = try number()
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            let what = range.lowerBound == 1 ? "a positive whole number" : "a whole number"
            throw error("\(NumberSyntax.format(value)) is not \(what) (\(range.lowerBound)…\(range.upperBound))")
        }
        return Int(value)
    }

    /// Any scalar's text (`G1`, `2025`, `王经理`); lists, maps and null are refused.
    public func string() throws(ModelError) -> String {
        guard case .scalar(let text, _, _) = tree, !isNull else { throw mismatch("text") }
        return text
    }

    /// `true` or `false` (also YAML 1.1's yes/no/on/off).
    public func bool() throws(ModelError) -> Bool {
        if case .scalar(let text, true, _) = tree {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw mismatch("true or false")
    }

    /// A date `YYYY-MM-DD`, quoted or not.
    public func day() throws(ModelError) -> Day {
        guard case .scalar(let text, _, _) = tree, !isNull, let day = Day(text) else {
            throw mismatch("a date like 2026-03-31")
        }
        return day
    }

    // MARK: Collections

    /// The elements of a list.
    public func list() throws(ModelError) -> [Field] {
        guard case .list(let items, _) = tree else { throw mismatch("a list") }
        var fields: [Field] = []
        for (i, item) in items.enumerated() {
            fields.append(Field(file: file, path: "\(path)[\(i)]", tree: item))
        }
        return fields
    }

    /// A list of names (`[G1, G5]`); a single name is read as a list of one.
    public func stringList() throws(ModelError) -> [String] {
        if case .scalar = tree { return [try string()] }
        var names: [String] = []
        for item in try list() { names.append(try item.string()) }
        return names
    }

    /// A map whose keys must all be among `keys`; an unknown key is refused with the
    /// closest allowed key as a suggestion (a typo must not pass silently).
    public func map(keys allowed: [String]) throws(ModelError) -> FieldMap {
        let result = try openMap()
        for entry in result.entries where !allowed.contains(entry.key) {
            // A runaway key is cut so that the message stays one short line.
            let at = child(entry.key.count > 40 ? String(entry.key.prefix(40)) + "…" : entry.key, entry.value)
            let problem: String
            if let suggestion = Spelling.closest(to: entry.key, among: allowed) {
                problem = "unknown key (did you mean \(suggestion)?)"
            } else {
                problem = "unknown key (expected one of: \(allowed.joined(separator: ", ")))"
            }
            throw ModelError(file: file, path: at.path, message: problem, line: entry.line)
        }
        return result
    }

    /// A map with any keys (expense lines, check-in values).
    public func openMap() throws(ModelError) -> FieldMap {
        guard case .map(let entries, _) = tree else { throw mismatch("a map") }
        return FieldMap(field: self, entries: entries)
    }

    /// The value as JSON: plain numbers, booleans and null as such, everything else as text.
    public var jsonValue: JSONValue { Field.json(tree) }

    private static func json(_ tree: Tree) -> JSONValue {
        switch tree {
        case .scalar(let text, let plain, _):
            guard plain else { return .string(text) }
            if tree.isNull { return .null }
            if ["true", "false"].contains(text) { return .bool(text == "true") }
            if NumberSyntax.isNumber(text), let x = Double(text), x.isFinite { return .number(x) }
            return .string(text)
        case .list(let items, _):
            return .array(items.map(json))
        case .map(let entries, _):
            return .object(entries.map { (key: $0.key, value: json($0.value)) })
        }
    }
}

/// The members of a map, in file order, looked up by key.
public struct FieldMap: Sendable {
    /// The map itself.
    public let field: Field
    let entries: [Tree.Entry]

    /// The keys in file order.
    public var keys: [String] { entries.map(\.key) }

    /// Every member, null ones included, in file order.
    public var members: [(key: String, field: Field)] {
        entries.map { (key: $0.key, field: field.child($0.key, $0.value)) }
    }

    /// The member `key`; nil when it is absent or null.
    public subscript(key: String) -> Field? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return field.child(key, entry.value)
    }

    /// The member `key`, which must be present and not null.
    public func required(_ key: String) throws(ModelError) -> Field {
        if let value = self[key] { return value }
        let path = field.path.isEmpty ? key : "\(field.path).\(key)"
        if let entry = entries.first(where: { $0.key == key }) {
            throw ModelError(file: field.file, path: path, message: "has no value (required)", line: entry.line)
        }
        var message = "missing (required)"
        // In an open map a misspelt required key is not "unknown", so point at it here.
        let limit = Spelling.threshold(for: key)
        if let near = keys.first(where: { abs($0.count - key.count) <= limit && Spelling.distance($0, key) <= limit }) {
            message += "; is \(near) meant to be \(key)?"
        }
        throw ModelError(file: field.file, path: path, message: message, line: field.line)
    }
}

/// "Did you mean": the closest known key by edit distance.
enum Spelling {
    /// The allowed name nearest to `name`, if it is near enough to be a typo.
    static func closest(to name: String, among allowed: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in allowed where abs(name.count - candidate.count) <= threshold(for: candidate) {
            let d = distance(name.lowercased(), candidate.lowercased())
            if d <= threshold(for: candidate), d < (best?.distance ?? Int.max) {
                best = (candidate, d)
            }
        }
        return best?.name
    }

    /// How many edits still count as a typo of `name`: 1 for short names, up to 3.
    static func threshold(for name: String) -> Int {
        max(1, min(3, name.count / 3))
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so
    /// that `recievables` is one edit from `receivables`.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
