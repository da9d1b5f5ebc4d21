/// The six areas of the process review (model.md §3) as a trainee may name
/// them: by id or by the course's Chinese name.
public enum AreaNames {
    /// The area ids in the model's order.
    public static let ids = ["coverage", "terminal", "inventory", "logistics", "finance", "team"]

    /// The Chinese names, by id.
    public static let chinese: [String: String] = [
        "coverage": "覆盖", "terminal": "终端", "inventory": "库存",
        "logistics": "物流", "finance": "财务", "team": "团队",
    ]

    private static let byName: [String: String] = {
        var names: [String: String] = [:]
        for id in ids { names[id] = id }
        for (id, name) in chinese { names[name] = id }
        return names
    }()

    /// The area id a name stands for: `"库存"`, `"inventory"`, `" Inventory "`.
    public static func id(for name: String) -> String? {
        byName[name.trimmedSpaces.lowercased()]
    }

    /// An area as printed in feedback: `库存 (inventory)` in Chinese, the id in English.
    public static func display(_ id: String, _ language: Language) -> String {
        language == .zh ? "\(chinese[id] ?? id)" : id
    }
}

/// The four segments of model.md §5 as a trainee may name them.
public enum SegmentNames {
    /// The segment ids.
    public static let ids = ["key", "potential", "advantaged", "general"]

    /// The Chinese names, by id.
    public static let chinese: [String: String] = [
        "key": "重点", "potential": "潜力", "advantaged": "优势", "general": "一般",
    ]

    /// The segment id a name stands for: `"重点"`, `"重点经销商"`, `"key"`.
    public static func id(for name: String) -> String? {
        var text = name.trimmedSpaces.lowercased()
        if text.hasSuffix("经销商") { text.removeLast(3) }
        if ids.contains(text) { return text }
        return chinese.first { $0.value == text }?.key
    }

    /// A segment as printed in feedback.
    public static func display(_ id: String, _ language: Language) -> String {
        language == .zh ? "\(chinese[id] ?? id)经销商" : id
    }
}

extension String {
    /// Without the spaces (ASCII, newlines and the ideographic space) around it.
    var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0.isNewline || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
