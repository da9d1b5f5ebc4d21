/// A portfolio of distributors to segment (model.md §5).
public struct Portfolio: Equatable, Sendable {
    /// One distributor of the portfolio.
    public struct Distributor: Equatable, Sendable {
        public var id: String
        public var name: String
        /// Its sales.
        public var sales: Double
        /// The market potential of its territory (above zero).
        public var marketPotential: Double
    }

    /// `segmentation.scale_threshold`: a number or the median of the portfolio's sales.
    public enum ScaleThreshold: Equatable, Sendable {
        case median
        case value(Double)
    }

    public var distributors: [Distributor]
    public var scaleThreshold: ScaleThreshold
    /// `segmentation.headroom_threshold`, default 0.5.
    public var headroomThreshold: Double
}

/// The four segments (经销商分类).
public enum Segment: String, CaseIterable, Sendable {
    /// High scale, high potential: 重点经销商.
    case key
    /// High scale, low potential: 优势经销商.
    case advantaged
    /// Low scale, high potential: 潜力经销商.
    case potential
    /// Low scale, low potential: 一般经销商.
    case general

    public init(highScale: Bool, highPotential: Bool) {
        switch (highScale, highPotential) {
        case (true, true): self = .key
        case (true, false): self = .advantaged
        case (false, true): self = .potential
        case (false, false): self = .general
        }
    }

    /// 重点, 优势, 潜力, 一般.
    public var chineseName: String {
        switch self {
        case .key: return "重点"
        case .advantaged: return "优势"
        case .potential: return "潜力"
        case .general: return "一般"
        }
    }

    /// A segment by id (`key`, any case) or Chinese name (`重点`, also `重点经销商`), as
    /// trainees answer; spaces and line breaks around it are ignored.
    public init?(name: String) {
        var trimmed = name.trimmingSpacesAndNewlines()
        if let segment = Segment(rawValue: trimmed) ?? Segment(rawValue: trimmed.lowercased()) {
            self = segment
            return
        }
        if trimmed.hasSuffix("经销商") { trimmed = String(trimmed.dropLast(3)) }
        guard let segment = Segment.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = segment
    }
}

/// A portfolio segmented: the thresholds used and each distributor's segment.
public struct Segmentation: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let distributor: Portfolio.Distributor
        /// 1 − sales / market_potential.
        public let headroom: Double
        /// sales ≥ scale_threshold.
        public let highScale: Bool
        /// headroom ≥ headroom_threshold.
        public let highPotential: Bool
        public let segment: Segment
    }

    /// The threshold in money (the median resolved).
    public let scaleThreshold: Double
    public let headroomThreshold: Double
    /// In the portfolio's order.
    public let distributors: [Entry]

    public init(_ portfolio: Portfolio) {
        let threshold: Double
        switch portfolio.scaleThreshold {
        case .value(let x):
            threshold = x
        case .median:
            threshold = Segmentation.median(portfolio.distributors.map(\.sales))
        }
        scaleThreshold = threshold
        headroomThreshold = portfolio.headroomThreshold
        distributors = portfolio.distributors.map { d in
            let headroom = 1 - d.sales / d.marketPotential
            let highScale = d.sales >= threshold
            let highPotential = headroom >= portfolio.headroomThreshold
            return Entry(distributor: d, headroom: headroom, highScale: highScale, highPotential: highPotential,
                         segment: Segment(highScale: highScale, highPotential: highPotential))
        }
    }

    /// The median: the middle value, or the mean of the two middle values for an even count
    /// (0 for none; a read portfolio always has a distributor).
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The segment of a distributor by id.
    public func segment(of id: String) -> Segment? {
        distributors.first { $0.distributor.id == id }?.segment
    }

    /// As `jbp segment --json` prints it: `scale_threshold`, `headroom_threshold`,
    /// `distributors[]` with `id`, `headroom`, `high_scale`, `high_potential`, `segment`.
    public var json: JSONValue {
        .object([
            ("scale_threshold", .number(scaleThreshold)),
            ("headroom_threshold", .number(headroomThreshold)),
            ("distributors", .array(distributors.map { e in
                .object([
                    ("id", .string(e.distributor.id)),
                    ("headroom", .number(e.headroom)),
                    ("high_scale", .bool(e.highScale)),
                    ("high_potential", .bool(e.highPotential)),
                    ("segment", .string(e.segment.rawValue)),
                ])
            })),
        ])
    }
}

// MARK: - Reading and writing

extension Portfolio {
    /// Reads a portfolio (YAML or JSON) and checks it: at least one distributor, unique
    /// ids, sales ≥ 0, market_potential above zero (headroom divides by it), thresholds
    /// a non-negative number (or `median`) and a rate.
    public static func read(_ text: String, file: String) throws(ModelError) -> Portfolio {
        try read(Document.parse(text, file: file))
    }

    /// Reads a portfolio from a parsed document.
    public static func read(_ root: Field) throws(ModelError) -> Portfolio {
        let top = try root.map(keys: ["segmentation", "distributors"])
        let settings = try top.required("segmentation").map(keys: ["scale_threshold", "headroom_threshold"])
        let scaleField = try settings.required("scale_threshold")
        let scale: ScaleThreshold
        if (try? scaleField.string()) == "median" {
            scale = .median
        } else {
            do {
                scale = .value(try scaleField.number())
            } catch {
                throw scaleField.error("expected a number or median, found \(scaleField.tree.kindDescription)")
            }
        }
        let headroom = try settings["headroom_threshold"]?.number() ?? 0.5
        var distributors: [Distributor] = []
        for item in try top.required("distributors").list() {
            let d = try item.map(keys: ["id", "name", "sales", "market_potential"])
            distributors.append(Distributor(id: try d.required("id").string(), name: try d.required("name").string(),
                                            sales: try d.required("sales").number(),
                                            marketPotential: try d.required("market_potential").number()))
        }
        let portfolio = Portfolio(distributors: distributors, scaleThreshold: scale, headroomThreshold: headroom)
        do {
            try portfolio.validate(file: root.file)
        } catch {
            var located = error
            located.line = root.line(at: error.path) ?? root.line
            throw located
        }
        return portfolio
    }

    /// Checks the values: see `read`.
    public func validate(file: String) throws(ModelError) {
        let rules = Rules(file: file)
        if case .value(let x) = scaleThreshold { try rules.amount(x, "segmentation.scale_threshold") }
        try rules.rate(headroomThreshold, "segmentation.headroom_threshold")
        guard !distributors.isEmpty else { throw rules.fail("distributors", "has no distributor (at least one is needed)", chinese: "经销商名单是空的：至少要有一家经销商。") }
        var seen: [String: Int] = [:]
        for (i, d) in distributors.enumerated() {
            let at = "distributors[\(i)]"
            guard !d.id.isEmpty, !d.id.contains("."), !d.id.contains(where: \.isWhitespace) else {
                throw rules.fail("\(at).id", "\"\(d.id)\" is not a usable id (non-empty, no spaces or dots)",
                                 chinese: "第 \(i + 1) 家经销商的编号“\(d.id.prefix(40))”不能用：编号不能为空，也不能有空格或点。")
            }
            if let first = seen[d.id] {
                throw rules.fail("\(at).id", "duplicate distributor id \(d.id) (also distributors[\(first)])",
                                 chinese: "第 \(i + 1) 家经销商的编号 \(d.id.prefix(40)) 与第 \(first + 1) 家重复。")
            }
            seen[d.id] = i
            try rules.amount(d.sales, "\(at).sales")
            try rules.positive(d.marketPotential, "\(at).market_potential")
        }
    }

    /// The portfolio in its own format as JSON.
    public var json: JSONValue {
        let scale: JSONValue
        switch scaleThreshold {
        case .median: scale = .string("median")
        case .value(let x): scale = .number(x)
        }
        return .object([
            ("segmentation", .object([("scale_threshold", scale), ("headroom_threshold", .number(headroomThreshold))])),
            ("distributors", .array(distributors.map { d in
                .object([("id", .string(d.id)), ("name", .string(d.name)), ("sales", .number(d.sales)),
                         ("market_potential", .number(d.marketPotential))])
            })),
        ])
    }

    /// The portfolio as YAML in its own format.
    public var yaml: String { YAMLWriter.text(json) }
}
