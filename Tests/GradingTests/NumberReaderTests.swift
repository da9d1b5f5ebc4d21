import Testing
import JBPModel
@testable import Grading

@Suite("Reading a trainee's number")
struct NumberReaderTests {
    @Test("Accepted forms", arguments: [
        ("0.0919", 0.0919),
        ("9.19%", 0.0919),
        ("９.１９％", 0.0919),
        (" 9.19 % ", 0.0919),
        ("1,902,000", 1_902_000),
        ("１，９０２，０００", 1_902_000),
        ("190.2万", 1_902_000),
        ("0.019亿", 1_900_000),
        ("-0.5", -0.5),
        ("－0.5", -0.5),
        ("−12", -12),
        ("+3", 3),
        (".5", 0.5),
        ("1e6", 1_000_000),
        ("\u{3000}60.05\u{3000}", 60.05),
        ("1,000.25", 1000.25),
    ] as [(String, Double)])
    func accepted(text: String, value: Double) {
        guard case .success(let read) = NumberReader.read(text) else {
            Issue.record("\(text) was refused")
            return
        }
        #expect(abs(read - value) <= 1e-9 * max(1, abs(value)))
    }

    @Test("Refused forms give a format error, never a crash", arguments: [
        "", "   ", "abc", "NaN", "nan", "Infinity", "-inf", "1,90,2000", "12,34", ",123", "9.19%%", "%9",
        "1.2.3", "9.19 万 %", "1 000", "0x1F", "1e99999", "1e400", String(repeating: "9", count: 400),
        "1" + String(repeating: "0", count: 30), "--1", "1-", "十二",
    ])
    func refused(text: String) {
        guard case .failure = NumberReader.read(text) else {
            Issue.record("\(text) was read as a number")
            return
        }
    }
}

@Suite("Printing figures")
struct FiguresTests {
    @Test("Each unit prints as the course writes it", arguments: [
        (0.1603622, FigureUnit.rate, "0.1604"), (0.2, .rate, "0.20"), (0.0919325, .rate, "0.0919"), (0, .rate, "0.00"),
        (1_902_000, .money, "1,902,000"), (730_630.137, .money, "730,630.14"), (730_630.1, .money, "730,630.10"),
        (0.45, .money, "0.45"), (-1234.5, .money, "-1,234.50"), (999.999, .money, "1,000"),
        (60.051837, .days, "60.05"), (30, .days, "30"), (308, .count, "308"), (12_345, .count, "12,345"),
        (3.189493, .ratio, "3.1895"), (7.2, .ratio, "7.2"), (-0.00001, .ratio, "0"),
    ] as [(Double, FigureUnit, String)])
    func format(value: Double, unit: FigureUnit, text: String) {
        #expect(Figures.format(value, unit) == text)
    }

    @Test("Rates with their percent")
    func percent() {
        #expect(Figures.rateWithPercent(0.0919325) == "0.0919 (9.19%)")
        #expect(Figures.rateWithPercent(0.12) == "0.12 (12%)")
    }
}
