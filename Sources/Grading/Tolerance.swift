import JBPModel

/// How far an answer may be from the expected value and still be right.
public enum Tolerance: Equatable, Sendable {
    /// |given − expected| ≤ the bound.
    case absolute(Double)
    /// |given − expected| ≤ the bound × |expected|.
    case relative(Double)

    /// The default of exercises.md for a unit. Counts are exact, written as
    /// an absolute bound of zero (half a unit would already be another count).
    public static func `default`(for unit: FigureUnit) -> Tolerance {
        switch unit {
        case .rate: return .absolute(0.001)
        case .money: return .relative(0.005)
        case .days: return .absolute(0.5)
        case .count: return .absolute(0)
        case .ratio: return .relative(0.01)
        }
    }

    /// Whether `given` is within this tolerance of `expected`. A tiny slack
    /// (1e-9 of the larger magnitude) keeps binary rounding from failing an
    /// answer that is exactly on the bound, such as 0.0929 against 0.0919.
    @inlinable
    public func accepts(_ given: Double, _ expected: Double) -> Bool {
        let difference = abs(given - expected)
        let slack = 1e-9 * max(1, abs(expected), abs(given))
        switch self {
        case .absolute(let bound): return difference <= bound + slack
        case .relative(let bound): return difference <= bound * abs(expected) + slack
        }
    }

    /// The same tolerance for a figure 100 times larger: used to recognise an
    /// answer written in percent points.
    public var timesHundred: Tolerance {
        switch self {
        case .absolute(let bound): return .absolute(bound * 100)
        case .relative: return self
        }
    }
}
