/// Writes a `JSONValue` as block-style YAML, the formats' own notation: what
/// `jbp variant` prints and what the server hands out as `data`.
///
/// Text is left plain where that reads back as the same text (`恒达商贸`, `2026-03-31`),
/// and double-quoted (JSON escapes) where it would otherwise read as a number, a boolean,
/// null or YAML syntax.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    public static func text(_ value: JSONValue) -> String {
        var lines: [String] = []
        switch value {
        case .object(let members) where !members.isEmpty:
            writeMembers(members, indent: "", into: &lines)
        case .array(let items) where !items.isEmpty:
            writeItems(items, indent: "", into: &lines)
        default:
            lines.append(inline(value))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func writeMembers(_ members: [(key: String, value: JSONValue)], indent: String, into lines: inout [String]) {
        for member in members {
            let key = scalar(member.key)
            switch member.value {
            case .object(let inner) where !inner.isEmpty:
                lines.append("\(indent)\(key):")
                writeMembers(inner, indent: indent + "  ", into: &lines)
            case .array(let items) where !items.isEmpty:
                if items.allSatisfy(isScalar) {
                    lines.append("\(indent)\(key): [\(items.map(inline).joined(separator: ", "))]")
                } else {
                    lines.append("\(indent)\(key):")
                    writeItems(items, indent: indent + "  ", into: &lines)
                }
            default:
                lines.append("\(indent)\(key): \(inline(member.value))")
            }
        }
    }

    private static func writeItems(_ items: [JSONValue], indent: String, into lines: inout [String]) {
        for item in items {
            switch item {
            case .object(let members) where !members.isEmpty:
                // `- first: …` then the other members aligned under it.
                var inner: [String] = []
                writeMembers(members, indent: indent + "  ", into: &inner)
                if let first = inner.first {
                    inner[0] = indent + "- " + first.dropFirst(indent.count + 2)
                }
                lines.append(contentsOf: inner)
            case .array(let nested) where !nested.isEmpty:
                lines.append("\(indent)- [\(nested.map(inline).joined(separator: ", "))]")
            default:
                lines.append("\(indent)- \(inline(item))")
            }
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let m): return m.isEmpty
        case .array(let a): return a.isEmpty
        default: return true
        }
    }

    /// A value on one line (flow style for nested lists and maps).
    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return JSONValue.numberText(x) ?? "null"
        case .string(let s): return scalar(s)
        case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { "\(scalar($0.key)): \(inline($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// Text as a YAML scalar: plain when safe, else double-quoted.
    static func scalar(_ s: String) -> String {
        isPlainSafe(s) ? s : JSONValue.quoted(s)
    }

    private static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if Day(s) != nil { return true } // dates read back as the same text
        guard first.isLetter || first == "_" || (first.isNumber && !first.isASCII), !last.isWhitespace else { return false }
        let reserved: Set = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]
        if reserved.contains(s.lowercased()) { return false }
        // Letters (any script), digits and a few harmless marks; anything else is quoted.
        let harmless: Set<Character> = ["_", "-", ".", "(", ")", " ", "（", "）", "/", "%", "·", "、", "，", "。", "；", "：", "+", "×"]
        return s.allSatisfy { $0.isLetter || $0.isNumber || harmless.contains($0) } && !s.contains("  ")
    }
}
