import Testing
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
