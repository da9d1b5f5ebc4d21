/// A submitted value as read from JSON or YAML: the tree a submission is
/// checked against its exercise from. Mappings keep the order they were
/// written in, so that format errors come out in the file's order, and
/// numbers keep the text they were written as (to echo a trainee's answer
/// as given, and to refuse a 400-digit numeral with a clear message).
public indirect enum Value: Equatable, Sendable {
    /// `null`, `~` or an empty YAML value.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number as JSON or plain YAML writes it, with its text.
    case number(Double, text: String)
    /// A text.
    case text(String)
    /// A list.
    case list([Value])
    /// A mapping, in the order written.
    case map([(key: String, value: Value)])

    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a, _), .number(b, _)): return a == b
        case let (.text(a), .text(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value under `key` of a mapping.
    public subscript(key: String) -> Value? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// What kind of value this is, for a format error.
    func kindName(_ language: Language) -> String {
        switch self {
        case .null: return language.pick("空值", "null")
        case .bool: return language.pick("真假值", "true/false")
        case .number: return language.pick("数字", "a number")
        case .text: return language.pick("文字", "a text")
        case .list: return language.pick("列表", "a list")
        case .map: return language.pick("键值表", "a mapping")
        }
    }
}
