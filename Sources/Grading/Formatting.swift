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

    /// A rate in percent, up to two decimals: `10.08%`, `20%` (how the course says an ROI).
    public static func percent(_ value: Double) -> String {
        decimal(value * 100, places: 2, keep: 0, grouped: false) + "%"
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
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        // Digits written backwards into a byte buffer: feedback is built for every item.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var fraction = units % scale
        var kept = places
        // Trailing zeros go, down to `keep` decimals (or all stay, for money with cents).
        while kept > keep, fraction % 10 == 0 {
            fraction /= 10
            kept -= 1
        }
        if allOrNone, kept > 0 {
            fraction = units % scale
            kept = places
        }
        for _ in 0..<kept {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            fraction /= 10
        }
        if kept > 0 { bytes.append(UInt8(ascii: ".")) }
        var whole = units / scale
        var count = 0
        repeat {
            if grouped, count > 0, count % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
            count += 1
        } while whole > 0
        if value < 0, units != 0 { bytes.append(UInt8(ascii: "-")) }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }
}
