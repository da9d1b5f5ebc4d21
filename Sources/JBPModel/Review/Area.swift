/// The six process areas of the review (生意过程回顾), in the course's fixed order,
/// which is also the tie order of `opportunities`.
public enum Area: String, CaseIterable, Comparable, Sendable {
    case coverage, terminal, inventory, logistics, finance, team

    /// 覆盖, 终端, 库存, 物流, 财务, 团队.
    public var chineseName: String {
        switch self {
        case .coverage: return "覆盖"
        case .terminal: return "终端"
        case .inventory: return "库存"
        case .logistics: return "物流"
        case .finance: return "财务"
        case .team: return "团队"
        }
    }

    /// An area by its id (`coverage`, any case) or its Chinese name (`覆盖`), as trainees
    /// may answer; spaces and line breaks around it are ignored.
    public init?(name: String) {
        let trimmed = name.trimmingSpacesAndNewlines()
        // As written, then by Chinese name, and only then lowercased (which costs most).
        if let area = Area(rawValue: trimmed) ?? Area.allCases.first(where: { $0.chineseName == trimmed })
            ?? Area(rawValue: trimmed.lowercased()) {
            self = area
        } else {
            return nil
        }
    }

    /// The position in the fixed order (coverage 0 … team 5).
    public var order: Int { Area.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Area, b: Area) -> Bool { a.order < b.order }

    /// What closing this area's GAP brings (model.md §3).
    public var kind: OpportunityKind {
        switch self {
        case .coverage, .terminal, .team: return .sales
        case .logistics: return .cost
        case .inventory, .finance: return .capital
        }
    }
}

/// The unit an opportunity's `amount` is in (model.md §3–§4).
public enum OpportunityKind: String, Sendable {
    /// Extra sales ΔR: net profit grows by ΔR × contribution_rate, investment by ΔR × working_capital_rate.
    case sales
    /// A cost saving S: net profit grows by S.
    case cost
    /// Capital K released: investment shrinks by K.
    case capital

    /// 增量销售额, 成本节约, 释放资金.
    public var chineseName: String {
        switch self {
        case .sales: return "增量销售额"
        case .cost: return "成本节约"
        case .capital: return "释放资金"
        }
    }
}

/// One area's opportunity valued as ROI (发现生意机会点, model.md §4).
public struct Opportunity: Equatable, Sendable {
    public let area: Area
    public let kind: OpportunityKind
    /// The size of the opportunity if the GAP were closed, in `kind`'s unit.
    public let amount: Double
    /// The ROI with this GAP closed and nothing else changed: new net profit / new investment.
    public let roiAfter: Double
    /// `roiAfter − roi`.
    public let roiDelta: Double
}

/// `ceil⁺(x) = ceil(x − 1e-9)`: so that 0.95 × 120 (114.00000000000001) gives 114, not 115.
public func ceilPlus(_ x: Double) -> Double {
    (x - 1e-9).rounded(.up)
}
