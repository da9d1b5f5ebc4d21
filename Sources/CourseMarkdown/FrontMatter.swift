import Foundation
import Yams

/// The YAML front matter every course module starts with (docs/decisions.md).
public struct FrontMatter: Sendable, Equatable {
    public var id: String
    public var title: String
    public var titleEn: String
    public var order: Int
    public var minutes: Int
    public var objectives: [String]
    /// The file's line of each key, so that problems found later name it.
    public var lines: [String: Int] = [:]

    /// The file's line of a key (the front matter's first line if unknown).
    public func line(of key: String) -> Int { lines[key] ?? 2 }

    static let keys = ["id", "title", "title_en", "order", "minutes", "objectives"]

    /// Splits a module file into its front matter and its body. The body's first line is a line
    /// of the file, so that problems in the body name lines of the file.
    public static func split(_ text: String) -> (yaml: String?, body: String, bodyFirstLine: Int) {
        // On the UTF-8 bytes: a module is long and mostly Chinese, and walking it as Characters
        // cost more than rendering it. Lines end at a "\n" that is a character of its own (not
        // the end of a "\r\n", which is one character); a fence line is "---" followed only by
        // spaces, tabs and "\r".
        let bytes = text.utf8
        func lineEnd(from start: String.Index) -> String.Index {
            var index = start
            while index != bytes.endIndex {
                if bytes[index] == 0x0A, index == bytes.startIndex || bytes[bytes.index(before: index)] != 0x0D { return index }
                index = bytes.index(after: index)
            }
            return index
        }
        func isFence(_ start: String.Index, _ end: String.Index) -> Bool {
            guard bytes[start..<end].starts(with: "---".utf8) else { return false }
            return bytes[bytes.index(start, offsetBy: 3)..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        var end = lineEnd(from: bytes.startIndex)
        guard isFence(bytes.startIndex, end), end != bytes.endIndex else { return (nil, text, 1) }
        let yamlStart = bytes.index(after: end)
        var line = 1
        var start = yamlStart
        while true {
            end = lineEnd(from: start)
            if isFence(start, end) {
                let yaml = line == 1 ? "" : String(text[yamlStart..<bytes.index(before: start)])
                let body = end == bytes.endIndex ? "" : String(text[bytes.index(after: end)...])
                return (yaml, body, line + 2)
            }
            guard end != bytes.endIndex else { return (nil, text, 1) }
            start = bytes.index(after: end)
            line += 1
        }
    }

    /// Reads front matter strictly: every key present and of its type, no unknown key.
    /// `firstLine` is the file's line where the YAML starts (2, after the opening `---`).
    public static func read(_ yaml: String, file: String, firstLine: Int = 2) -> (FrontMatter?, [Problem]) {
        let node: Node
        switch YAMLReading.compose(yaml, file: file, firstLine: firstLine) {
        case .failure(let problem): return (nil, [problem])
        case .success(let composed): node = composed
        }
        guard let mapping = node.mapping else {
            return (nil, [Problem(file: file, line: firstLine, message: "front matter: expected keys \(keys.joined(separator: ", "))")])
        }
        var problems: [Problem] = []
        func problem(_ node: Node?, _ message: String) {
            problems.append(Problem(file: file, line: YAMLReading.line(node, firstLine: firstLine) ?? firstLine, message: "front matter: \(message)"))
        }
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !keys.contains(name) {
                problem(key, "\(name): unknown key (expected one of \(keys.joined(separator: ", ")))")
            }
        }
        func text(_ key: String) -> String {
            guard let value = mapping[key] else { problem(nil, "\(key): missing"); return "" }
            guard let string = value.scalar?.string, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem(value, "\(key): expected a non-empty text"); return ""
            }
            return string
        }
        func positive(_ key: String) -> Int {
            guard let value = mapping[key] else { problem(nil, "\(key): missing"); return 0 }
            guard let number = value.scalar.flatMap({ Int($0.string) }), number > 0 else {
                problem(value, "\(key): expected a whole number above 0, found '\(value.scalar?.string ?? "a list or map")'"); return 0
            }
            return number
        }
        let id = text("id")
        if !id.isEmpty, !id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) {
            problem(mapping["id"], "id: '\(id)' may hold only lowercase letters, digits and '-'")
        }
        let title = text("title")
        let titleEn = text("title_en")
        let order = positive("order")
        let minutes = positive("minutes")
        var objectives: [String] = []
        if let value = mapping["objectives"] {
            if let list = value.sequence, !list.isEmpty {
                for item in list {
                    if let string = item.scalar?.string, !string.isEmpty { objectives.append(string) }
                    else { problem(item, "objectives: every objective is a sentence") }
                }
            } else {
                problem(value, "objectives: expected a non-empty list of sentences")
            }
        } else {
            problem(nil, "objectives: missing")
        }
        guard problems.isEmpty else { return (nil, problems) }
        var lines: [String: Int] = [:]
        for (key, _) in mapping {
            if let name = key.string, let line = YAMLReading.line(key, firstLine: firstLine) { lines[name] = line }
        }
        return (FrontMatter(id: id, title: title, titleEn: titleEn, order: order, minutes: minutes, objectives: objectives, lines: lines), [])
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpace: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
