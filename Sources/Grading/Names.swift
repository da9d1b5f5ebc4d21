import JBPModel

extension Area {
    /// Ids and Chinese names, for reading answers without Foundation's trimming.
    private static let byName: [String: Area] = {
        var names: [String: Area] = [:]
        for area in Area.allCases {
            names[area.rawValue] = area
            names[area.chineseName] = area
        }
        return names
    }()

    /// An area by id (any case) or Chinese name, spaces around it ignored.
    static func read(_ name: String) -> Area? {
        // An id as written: one comparison, picked by the first letter.
        let candidate: Area?
        switch name.utf8.first {
        case UInt8(ascii: "c"): candidate = .coverage
        case UInt8(ascii: "t"): candidate = name.utf8.count == 4 ? .team : .terminal
        case UInt8(ascii: "i"): candidate = .inventory
        case UInt8(ascii: "l"): candidate = .logistics
        case UInt8(ascii: "f"): candidate = .finance
        default: candidate = nil
        }
        if let candidate, name == candidate.rawValue { return candidate }
        return byName[name] ?? byName[name.trimmedSpaces.lowercased()]
    }

    /// An area as printed in feedback: its Chinese name, or its id in English.
    func display(_ language: Language) -> String {
        language == .zh ? chineseName : rawValue
    }
}

extension Segment {
    /// A segment as printed in feedback: `重点经销商`, or its id in English.
    func display(_ language: Language) -> String {
        language == .zh ? chineseName + "经销商" : rawValue
    }
}

extension String {
    /// True for an empty text or one of spaces only (no new string is made).
    var isBlank: Bool {
        for scalar in unicodeScalars where !(scalar == " " || scalar == "\u{3000}" || scalar == "\t" || scalar == "\n" || scalar == "\r") {
            return false
        }
        return true
    }

    /// Without the spaces (ASCII, newlines and the ideographic space) around it.
    var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0.isNewline || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
