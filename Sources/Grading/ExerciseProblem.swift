/// A problem found in an exercise's files: the file (relative to the
/// exercises root or the exercise's folder, as the caller named it), the
/// line when it is known, and what is wrong. Loading throws it; sample
/// checking returns a list of them.
public struct ExerciseProblem: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The file the problem is in.
    public var file: String
    /// The line, from 1, where the YAML reader tells it.
    public var line: Int?
    /// What is wrong, naming the key path where there is one.
    public var message: String

    /// A problem in `file` at `line`.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)" 
    }
}
