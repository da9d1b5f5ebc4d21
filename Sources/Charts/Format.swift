import JBPModel

/// Figures as the Chinese reports print them (`jbp review`, `jbp scorecard`): money with
/// thousands separators (`10,200,000`, `0.45` below 100), rates in percent with two
/// decimals (`9.19%`), days with one (`60.1 天`), ratios with two (`3.19`). Negative
/// figures carry a real minus sign (`−3.20%`). Written without Foundation; a figure that is
/// not finite prints as `—`, never `nan`.
public enum ChartFormat {
    /// A figure in its unit: `10,200,000`, `9.19%`, `60.1 天`, `3.19`, `1,246`.
    public static func figure(_ x: Double?, _ unit: FigureUnit) -> String {
        guard let x, x.isFinite else { return "—" }
        switch unit {
        case .rate: return percent(x)
        case .days: return fixed(x, 1) + " 天"
        case .money: return money(x)
        case .count: return grouped(x, decimals: x == x.rounded() ? 0 : 1)
        case .ratio: return fixed(x, 2)
        }
    }

    /// `9.19%`.
    public static func percent(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return "—" }
        return fixed(x * 100, decimals) + "%"
    }

    /// A change in percentage points with its sign: `+5.00%`, `−0.88%`.
    public static func signedPercent(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        let text = percent(abs(x))
        return (x < 0 && text != percent(0) ? "−" : "+") + text
    }

    /// Money: whole units with separators, or two decimals below 100 (cost per case).
    public static func money(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return abs(x) < 100 && x != x.rounded() ? fixed(x, 2) : grouped(x, decimals: 0)
    }

    /// `x` with `decimals` decimals, rounded half away from zero (never `−0.00`).
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "—" }
        let places = max(0, min(decimals, 9))
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded()
        guard scaled < 9e18 else { return x < 0 ? "−" + String(-x) : String(x) }
        let units = UInt64(scaled)
        var text = String(units / scale)
        if places > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return x < 0 && units != 0 ? "−" + text : text
    }

    /// `1,902,000` (and `1,234.5` with decimals).
    public static func grouped(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "—" }
        let text = fixed(abs(x), decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        var out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        let integer = String(digits + out)
        let sign = x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : ""
        return sign + integer + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A plain number with up to `decimals` decimals, trailing zeros dropped: `7.5`, `10`.
    static func short(_ x: Double, decimals: Int = 1) -> String {
        var text = fixed(x, decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
