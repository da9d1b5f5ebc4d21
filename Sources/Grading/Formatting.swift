import JBPModel

/// How figures are printed in feedback and reports: rates as fractions with
/// at least two decimals (`0.1604`, `0.20`), money with thousands separators
/// (`1,902,000`, `730,630.14`), days and ratios with up to two or four decimals.
public enum Figures {
    /// `value` printed for its unit.
    public static func format(_ value: Double, _ unit: FigureUnit) -> String {
        switch unit {
        case .rate: return decimal(value, places: 4, keep: 2, grouped: false)
        case .money: return decimal(value, places: 2, keep: 0, grouped: true, allOrNone: true)
        case .days: return decimal(value, places: 2, keep: 0, grouped: false)
        case .count: return decimal(value, places: 0, keep: 0, grouped: true)
        case .ratio: return decimal(value, places: 4, keep: 0, grouped: false)
        }
    }

    /// A rate as a fraction and in percent: `0.0919 (9.19%)`.
    public static func rateWithPercent(_ value: Double) -> String {
        "\(format(value, .rate)) (\(decimal(value * 100, places: 2, keep: 0, grouped: false))%)"
    }

    /// Rounds to `places` decimals and drops trailing zeros down to `keep`
    /// decimals; `allOrNone` prints either no decimals or all of them
    /// (money: `1,902,000` or `730,630.14`, never `730,630.1`).
    static func decimal(_ value: Double, places: Int, keep: Int, grouped: Bool, allOrNone: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let whole = units / divisor
        var fraction = places > 0 ? String(units % divisor) : ""
        while fraction.count < places { fraction = "0" + fraction }
        var kept = fraction
        while kept.count > keep, kept.hasSuffix("0") { kept.removeLast() }
        if allOrNone, !kept.isEmpty { kept = fraction }
        var wholeText = String(whole)
        if grouped {
            var groups: [Substring] = []
            var rest = Substring(wholeText)
            while rest.count > 3 {
                groups.insert(rest.suffix(3), at: 0)
                rest = rest.dropLast(3)
            }
            groups.insert(rest, at: 0)
            wholeText = groups.joined(separator: ",")
        }
        let sign = value < 0 && units != 0 ? "-" : ""
        return sign + wholeText + (kept.isEmpty ? "" : "." + kept)
    }
}
