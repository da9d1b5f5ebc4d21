/// A linear scale from a range of values to a range of positions, with round ticks.
struct Scale {
    let lower: Double
    let upper: Double
    let from: Double
    let to: Double
    /// Round values from `lower` to `upper`, the scale's ends.
    let ticks: [Double]

    /// A scale covering `values` (and `including`, e.g. zero), extended to round ticks,
    /// about `count` of them. Empty or non-finite input gives 0…1.
    init(covering values: [Double], including: [Double] = [], count: Int = 5, from: Double, to: Double) {
        let all = (values + including).filter(\.isFinite)
        var low = all.min() ?? 0, high = all.max() ?? 1
        if high - low < 1e-12 {
            let pad = abs(high) > 1e-12 ? abs(high) * 0.1 : 1
            low -= pad
            high += pad
            if (values + including).allSatisfy({ $0 >= 0 }) { low = max(0, low) }
        }
        let step = Scale.niceStep((high - low) / Double(max(1, count)))
        let first = (low / step + 1e-9).rounded(.down) * step
        let last = (high / step - 1e-9).rounded(.up) * step
        var ticks: [Double] = []
        var i = 0
        while true {
            let t = first + Double(i) * step
            if t > last + step * 1e-6 || i > 50 { break }
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            i += 1
        }
        self.lower = first
        self.upper = max(last, first + step)
        self.from = from
        self.to = to
        self.ticks = ticks
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * power >= raw - 1e-15 { return m * power }
        return 10 * power
    }

    /// The position of `value`.
    func callAsFunction(_ value: Double) -> Double {
        guard value.isFinite, upper > lower else { return from }
        return from + (value - lower) / (upper - lower) * (to - from)
    }

    /// The decimals that print every multiple of `step` exactly (0, 1 or 2 more).
    static func decimals(for step: Double) -> Int {
        for d in 0...3 {
            var scale = 1.0
            for _ in 0..<d { scale *= 10 }
            let scaled = step * scale
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
        }
        return 3
    }
}
