import Yams

/// A problem in one of the course's files, as `jbp check` prints it: `file:line: message`.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the course root (`course/02-review.md`).
    public var file: String
    /// The line (1-based), where one is known.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Reading small YAML documents strictly, with the line of every problem.
enum YAMLReading {
    /// Parses YAML into a node, or a problem at the line Yams names (offset by `firstLine - 1`).
    static func compose(_ text: String, file: String, firstLine: Int = 1) -> Result<Node, Problem> {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return .failure(Problem(file: file, line: firstLine, message: "empty YAML"))
            }
            return .success(node)
        } catch let error as YamlError {
            let (line, message) = describe(error)
            return .failure(Problem(file: file, line: line.map { $0 + firstLine - 1 }, message: "YAML: \(message)"))
        } catch {
            return .failure(Problem(file: file, line: firstLine, message: "YAML: \(error)"))
        }
    }

    /// The line and a one-line message for a Yams error.
    static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let context = context.map { "\($0.text) " } ?? ""
            return (mark.line, "\(context)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }

    /// The line of a node, if Yams knows it, offset into the file.
    static func line(_ node: Node?, firstLine: Int) -> Int? {
        node?.mark.map { $0.line + firstLine - 1 }
    }
}
