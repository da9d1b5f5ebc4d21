/// A JSON value with ordered object keys: what `--json` prints, what the server sends,
/// and what the grader looks expected answers up in (`lookup(_:)`).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in the order they are written.
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A number, or `null` for nil (model.md's "null where undefined").
    public static func number(_ x: Double?) -> JSONValue {
        x.map(JSONValue.number) ?? .null
    }

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value at a dotted path: object members by key; list elements by their `id`
    /// member (`areas.coverage.channels.traditional.gap_outlets`) or by a 0-based index.
    /// The empty path is the value itself; nil when the path leads nowhere.
    public func lookup(_ path: String) -> JSONValue? {
        var current = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) where !path.isEmpty {
            let name = String(component)
            switch current {
            case .object:
                guard let next = current[name] else { return nil }
                current = next
            case .array(let items):
                if let byID = items.first(where: { $0["id"] == .string(name) }) {
                    current = byID
                } else if let index = Int(name), items.indices.contains(index) {
                    current = items[index]
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return current
    }

    /// The number, if this is one.
    public var doubleValue: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// JSON text: deterministic (keys in their order), UTF-8 text unescaped, numbers in
    /// their shortest exact form, never NaN (a non-finite number would be a bug and is
    /// written as `null`). Pretty output indents by two spaces and ends without a newline.
    public func text(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        func pad(_ level: Int) -> String { pretty ? String(repeating: "  ", count: level) : "" }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.numberText(x) ?? "null"
        case .string(let s): out += JSONValue.quoted(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(indent + 1)
                item.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{" + newline
            for (i, member) in members.enumerated() {
                out += pad(indent + 1) + JSONValue.quoted(member.key) + (pretty ? ": " : ":")
                member.value.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (i < members.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "}"
        }
    }

    /// A finite number in its shortest form that reads back exactly: integers without
    /// `.0` (when within ±2^53), others as Swift's shortest round-trip text. Nil for NaN
    /// and infinities, which JSON cannot say.
    public static func numberText(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == x.rounded(), abs(x) <= 9_007_199_254_740_992 {
            return String(Int64(x))
        }
        return "\(x)"
    }

    /// A JSON string literal; only `"`, `\` and control characters are escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
