/// Why a file (a case, a portfolio, a plan, check-ins) was refused, or why a figure
/// cannot be computed: one line naming the file, the key path and the problem.
///
/// `description` is the line a person reads, e.g.
/// `case.yaml: coverage[1].covered: 2500 is more than universe 2400`.
public struct ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the user named it (only used in messages).
    public var file: String
    /// The key path inside the file (`balance.receivables`, `coverage[1].covered`);
    /// empty when the problem is the file as a whole (empty, not YAML, …).
    public var path: String
    /// What is wrong, in one line.
    public var message: String
    /// The 1-based line of the offending value, when known (for `jbp check`).
    public var line: Int?
    /// The same problem in Chinese, for the pages a trainee reads (the plan builder's refusals,
    /// the figures of their own distributor); nil where only authors meet the problem (a file's
    /// syntax in `jbp check`).
    public var chinese: String?

    public init(file: String, path: String, message: String, line: Int? = nil, chinese: String? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        self.chinese = chinese
    }

    /// `FILE: key.path: problem` (or `FILE: problem` for the file as a whole).
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}
