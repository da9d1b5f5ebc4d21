import JBPModel

extension Area {
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
