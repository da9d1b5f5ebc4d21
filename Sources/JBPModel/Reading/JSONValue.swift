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
            // JSON objects are unordered (RFC 8259): the same members in another order are
            // the same object. The common case, the same order, is checked first.
            guard x.count == y.count else { return false }
            if zip(x, y).allSatisfy({ $0.key == $1.key && $0.value == $1.value }) { return true }
            let members = Dictionary(y.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            return members.count == y.count && x.allSatisfy { members[$0.key] == $0.value }
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

    /// JSON text: deterministic (keys in their order, or sorted with `sortedKeys`), UTF-8
    /// text unescaped, numbers in their shortest exact form, never NaN (a non-finite number
    /// would be a bug and is written as `null`). Pretty output indents by two spaces and ends
    /// without a newline. The one JSON writer of the project: the commands' `--json`, the
    /// server's answers and stored rows all go through `write(into:pretty:sortedKeys:)`.
    public func text(pretty: Bool = true, sortedKeys: Bool = false) -> String {
        String(decoding: bytes(pretty: pretty, sortedKeys: sortedKeys), as: UTF8.self)
    }

    /// Compact JSON with sorted keys: how the server answers and stores values (stable, so
    /// two stored rows of the same value are the same text).
    public func jsonString() -> String { text(pretty: false, sortedKeys: true) }

    /// The JSON text as UTF-8 bytes (what a response body is made of).
    public func bytes(pretty: Bool = false, sortedKeys: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: 0)
        return out
    }

    /// Appends the JSON text to `out`. Written byte by byte: the server writes every answer
    /// of every submission with it.
    public func write(into out: inout [UInt8], pretty: Bool, sortedKeys: Bool, indent: Int = 0) {
        func pad(_ level: Int) {
            guard pretty else { return }
            for _ in 0..<(2 * level) { out.append(0x20) }
        }
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let x): out.append(contentsOf: (JSONValue.numberText(x) ?? "null").utf8)
        case .string(let s): JSONValue.writeQuoted(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            if pretty { out.append(0x0A) }
            for (i, item) in items.enumerated() {
                pad(indent + 1)
                item.write(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
                if pretty { out.append(0x0A) }
            }
            pad(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            // Sorted by the keys' UTF-8 bytes (stable: equal keys keep their order).
            // Objects built in order (the server's dictionaries) need no sort and no copy.
            let needsSort = sortedKeys && members.count > 1
                && !zip(members, members.dropFirst()).allSatisfy { !$1.key.utf8.lexicographicallyPrecedes($0.key.utf8) }
            let ordered = needsSort
                ? members.enumerated().sorted { a, b in
                    a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8) || (a.element.key == b.element.key && a.offset < b.offset)
                }.map(\.element)
                : members
            out.append(UInt8(ascii: "{"))
            if pretty { out.append(0x0A) }
            for (i, member) in ordered.enumerated() {
                pad(indent + 1)
                JSONValue.writeQuoted(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                member.value.write(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
                if i < ordered.count - 1 { out.append(UInt8(ascii: ",")) }
                if pretty { out.append(0x0A) }
            }
            pad(indent)
            out.append(UInt8(ascii: "}"))
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

    /// A JSON string literal; only `"`, `\\`, control characters and U+2028/2029 (so the
    /// text is safe inside a script too) are escaped.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        writeQuoted(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `quoted(_:)` appended to `out`, byte by byte.
    static func writeQuoted(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x00..<0x20, 0x7F:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    out.append(contentsOf: (utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                default:
                    out.append(byte)
                }
                index += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: Building and reading values

extension JSONValue {
    /// An object from a dictionary, its keys sorted (a dictionary has no order of its own,
    /// and a stable one keeps stored rows and answers the same text run after run).
    public static func object(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { (key: $0.key, value: $0.value) })
    }

    /// The number, if this is one (as `doubleValue`).
    public var number: Double? { doubleValue }

    /// The text, if this is a string (as `stringValue`).
    public var string: String? { stringValue }

    /// The elements, if this is an array (as `arrayValue`).
    public var array: [JSONValue]? { arrayValue }

    /// The flag, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The members of an object by key (of a key written twice, the last counts); nil for
    /// anything else. For the members in order, match `.object(let members)`.
    public var object: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// Literals, so that tests and code can write `["answers": ["roi": "9.19%"]]`; a dictionary
// literal keeps the order it is written in. Not `nil`: with `JSONValue?` everywhere (an
// item's `expected`), `x == nil` would quietly mean `x == .null`. Write `.null`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements.map { (key: $0.0, value: $0.1) }) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(flag)
        case .number(let x): hasher.combine(x)
        case .string(let text): hasher.combine(text)
        case .array(let items): hasher.combine(items)
        case .object(let members):
            // Order-independent, as equality is: the members' hashes are summed.
            hasher.combine(members.count)
            var sum = 0
            for member in members {
                var one = Hasher()
                one.combine(member.key)
                one.combine(member.value)
                sum &+= one.finalize()
            }
            hasher.combine(sum)
        }
    }
}

/// Codable, for the views an answer is encoded from; a decoded object's keys are sorted
/// (a Decoder does not keep their order). Request bodies are read with `JSONReader`, which
/// keeps it.
extension JSONValue: Codable {
    struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: MemberKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try value.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for member in members { try container.encode(member.value, forKey: MemberKey(stringValue: member.key)) }
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let x):
            var container = encoder.singleValueContainer()
            try container.encode(x)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }
}
