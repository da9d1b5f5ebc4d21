/// One value of a parsed document together with where it is (`file`, key `path`, `line`),
/// so that every refusal can name its place. Readers of every format (the model's and
/// the grader's) are written with it.
public struct Field: Sendable {
    /// The file as named in messages.
    public let file: String
    /// The path of the map or list the value is in (`coverage[1]`), and the value's
    /// key or index in it: the path is only spelled out when it is asked for (in a
    /// message, or for the members of a map or list), not for every value read.
    private let parentPath: String
    private let step: Step
    let tree: Tree

    private enum Step {
        case root
        case key(String)
        case index(Int)
    }

    init(file: String, path: String, tree: Tree) {
        self.init(file: file, parentPath: path, step: .root, tree: tree)
    }

    private init(file: String, parentPath: String, step: Step, tree: Tree) {
        self.file = file
        self.parentPath = parentPath
        self.step = step
        self.tree = tree
    }

    /// The key path from the root: `coverage[1].covered`; empty for the root.
    public var path: String {
        switch step {
        case .root: return parentPath
        case .key(let key):
            // A key written over several lines (a quoted key may be) is named on one.
            let key = key.utf8.contains(where: { $0 < 0x20 || $0 == 0xC2 || $0 == 0xE2 }) ? Document.oneLine(key) : key
            return parentPath.isEmpty ? key : "\(parentPath).\(key)"
        case .index(let i): return "\(parentPath)[\(i)]"
        }
    }

    /// A value another reader has already parsed (a submission's plan, read by the
    /// grader's JSON reader), to be read as a document would be: a number is a plain
    /// number, a string is quoted text (so `"55%"` is not a number), `null` is null.
    /// Lines are not known.
    public init(json: JSONValue, file: String) {
        self.init(file: file, path: "", tree: .json(json))
    }

    /// The 1-based line the value starts on, when known.
    public var line: Int? { tree.line }

    /// True for YAML's null (`~`, `null`, or a key with no value).
    public var isNull: Bool { tree.isNull }

    /// True for a single value (text, number, date, boolean), null excluded.
    public var isScalar: Bool { tree.scalar != nil && !isNull }

    /// True for a list.
    public var isList: Bool {
        switch tree {
        case .list, .json(.array): return true
        default: return false
        }
    }

    /// True for a map.
    public var isMap: Bool {
        switch tree {
        case .map, .json(.object): return true
        default: return false
        }
    }

    /// What the value is, as a message says it: `a list`, `the text "abc"`, `the number 12`.
    public var kindDescription: String { tree.kindDescription }

    /// A refusal at this place.
    public func error(_ message: String, chinese: String? = nil) -> ModelError {
        ModelError(file: file, path: path, message: message, line: line, chinese: chinese)
    }

    func child(_ key: String, _ tree: Tree) -> Field {
        child(key, tree, in: path)
    }

    /// The member `key` of this map, whose `path` is given (spelled out once for all members).
    func child(_ key: String, _ tree: Tree, in path: String) -> Field {
        Field(file: file, parentPath: path, step: .key(key), tree: tree)
    }

    private func mismatch(_ expected: String) -> ModelError {
        let chinese = Self.chineseKinds[expected].map { "应为\($0)，实际是\(tree.chineseKindDescription)" }
        return error("expected \(expected), found \(tree.kindDescription)", chinese: chinese)
    }

    private static let chineseKinds = [
        "a number": "数字", "a list": "列表", "a map": "映射（键: 值）", "text": "文字",
        "true or false": "true 或 false", "a date like 2026-03-31": "日期，如 2026-03-31",
    ]

    // MARK: Scalars

    /// A finite decimal number (`12`, `-0.5`, `1e6`). Text, `.nan`, `.inf` and numbers too
    /// large for a Double are refused.
    public func number() throws(ModelError) -> Double {
        if case .json(.number(let value)) = tree, value.isFinite { return value }
        guard let (text, plain) = tree.scalar, plain, !isNull else {
            throw mismatch("a number")
        }
        guard NumberSyntax.isNumber(text) else {
            if [".inf", "-.inf", "+.inf", ".nan", ".Inf", ".NaN", ".INF", ".NAN"].contains(text) {
                throw error("\(text) is not a finite number", chinese: "\(text) 不是有限的数字")
            }
            throw mismatch("a number")
        }
        guard let value = Double(text), value.isFinite else {
            throw error("\(NumberSyntax.shown(text)) is too large a number", chinese: "\(NumberSyntax.shown(text)) 这个数太大")
        }
        return value
    }

    /// A number that is a whole number in `range` (a count of days, a variant number).
    public func wholeNumber(in range: ClosedRange<Int>) throws(ModelError) -> Int {
        let value = try number()
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            let what = range.lowerBound == 1 ? "a positive whole number" : "a whole number"
            let chinese = range.lowerBound == 1 ? "正整数" : "整数"
            throw error("\(NumberSyntax.format(value)) is not \(what) (\(range.lowerBound)…\(range.upperBound))",
                        chinese: "\(NumberSyntax.format(value)) 不是\(chinese)（\(range.lowerBound)…\(range.upperBound)）")
        }
        return Int(value)
    }

    /// Any scalar's text (`G1`, `2025`, `王经理`); lists, maps and null are refused.
    public func string() throws(ModelError) -> String {
        guard let (text, _) = tree.scalar, !isNull else { throw mismatch("text") }
        return text
    }

    /// `true` or `false` (also YAML 1.1's yes/no/on/off).
    public func bool() throws(ModelError) -> Bool {
        if let (text, plain) = tree.scalar, plain {
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
        guard let (text, _) = tree.scalar, !isNull, let day = Day(text) else {
            throw mismatch("a date like 2026-03-31")
        }
        return day
    }

    // MARK: Collections

    /// The elements of a list.
    public func list() throws(ModelError) -> [Field] {
        var fields: [Field] = []
        try forEachItem { _, item throws(ModelError) in fields.append(item()) }
        return fields
    }

    /// Calls `body` with each element of a list, in order, and a function that makes its
    /// field: the list's path is only spelled out if a field is made. A JSON array is
    /// read as it is, not converted first.
    func forEachItem(_ body: (_ tree: Tree, _ field: () -> Field) throws(ModelError) -> Void) throws(ModelError) {
        var path: String?
        func field(_ index: Int, _ tree: Tree) -> Field {
            if path == nil { path = self.path }
            return Field(file: file, parentPath: path ?? "", step: .index(index), tree: tree)
        }
        switch tree {
        case .list(let items, _):
            for (i, item) in items.enumerated() { try body(item) { field(i, item) } }
        case .json(.array(let items)):
            for (i, item) in items.enumerated() { try body(.json(item)) { field(i, .json(item)) } }
        default:
            throw mismatch("a list")
        }
    }

    /// A list of names (`[G1, G5]`); a single name is read as a list of one.
    public func stringList() throws(ModelError) -> [String] {
        if isScalar || isNull { return [try string()] }
        var names: [String] = []
        try forEachItem { tree, item throws(ModelError) in
            // A name is read from its value; its field is only made for a refusal.
            if let (text, _) = tree.scalar, !tree.isNull { names.append(text) } else { names.append(try item().string()) }
        }
        return names
    }

    /// A map whose keys must all be among `keys`; an unknown key is refused with the
    /// closest allowed key as a suggestion (a typo must not pass silently).
    public func map(keys allowed: [String]) throws(ModelError) -> FieldMap {
        let result = try openMap()
        for entry in result.entries where !allowed.contains(entry.key) {
            throw unknownKey(entry, allowed: allowed)
        }
        return result
    }

    /// The refusal of a key of this map that is not among `allowed`, with the closest
    /// allowed key as a suggestion.
    func unknownKey(_ entry: Tree.Entry, allowed: [String]) -> ModelError {
        // A runaway key is cut so that the message stays one short line.
        let at = child(entry.key.count > 40 ? String(entry.key.prefix(40)) + "…" : entry.key, entry.value)
        let problem: String, chinese: String
        if let suggestion = Spelling.closest(to: entry.key, among: allowed) {
            problem = "unknown key (did you mean \(suggestion)?)"
            chinese = "没有这个键（是不是 \(suggestion)？）"
        } else {
            problem = "unknown key (expected one of: \(allowed.joined(separator: ", ")))"
            chinese = "没有这个键（可以用的键：\(allowed.joined(separator: "、"))）"
        }
        return ModelError(file: file, path: at.path, message: problem, line: entry.line, chinese: chinese)
    }

    /// A map with any keys (expense lines, check-in values).
    public func openMap() throws(ModelError) -> FieldMap {
        guard let entries = tree.entries else { throw mismatch("a map") }
        return FieldMap(field: self, entries: entries)
    }

    /// The value as JSON: plain numbers, booleans and null as such, everything else as text.
    public var jsonValue: JSONValue { Field.json(tree) }

    private static func json(_ tree: Tree) -> JSONValue {
        switch tree {
        case .json(let value):
            return value
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
        let path = field.path
        return entries.map { (key: $0.key, field: field.child($0.key, $0.value, in: path)) }
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
            throw ModelError(file: field.file, path: path, message: "has no value (required)", line: entry.line, chinese: "没有填写（必填）")
        }
        var message = "missing (required)"
        var chinese = "缺少（必填）"
        // In an open map a misspelt required key is not "unknown", so point at it here.
        let limit = Spelling.threshold(for: key)
        if let near = keys.first(where: { abs($0.count - key.count) <= limit && Spelling.distance($0, key) <= limit }) {
            message += "; is \(near) meant to be \(key)?"
            chinese += "；\(near) 是不是想写 \(key)？"
        }
        throw ModelError(file: field.file, path: path, message: message, line: field.line, chinese: chinese)
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
