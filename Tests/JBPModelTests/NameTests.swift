import Foundation
import Testing
@testable import JBPModel

/// The name and key readers trim spaces by hand (Foundation's trimming cost
/// 2 µs a call): the same characters as Foundation, and nothing else.
@Suite("Names and keys: the spaces around them")
struct NameTests {
    @Test("spaces around a metric key are ignored, line breaks are not", arguments: [
        ("roi", "roi"), (" roi ", "roi"), ("\troi\t", "roi"), ("\u{3000}inventory_days\u{3000}", "inventory_days"),
        ("\u{A0}dso_days\u{A0}", "dso_days"), ("\u{2009}coverage_rate.modern\u{200B}", "coverage_rate.modern"),
        ("  coverage_rate.traditional", "coverage_rate.traditional"), ("coverage_rate.a.b ", "coverage_rate.a.b"),
        ("coverage_rate. modern", "coverage_rate. modern"),
    ])
    func metricKeys(key: String, trimmed: String) throws {
        let metric = try #require(Metric(key))
        #expect(metric.key == trimmed)
    }

    @Test("keys that name no KPI", arguments: [
        "roi\n", "\nroi", "roi\r\n", " ", "", "\u{3000}", "ro i", "ROI", ".roi", "coverage_rate. ", "roi.", "revenue.x",
    ])
    func notMetrics(key: String) {
        #expect(Metric(key) == nil)
    }

    @Test("frequencies: spaces ignored, any case, line breaks refused", arguments: [
        ("monthly", Frequency.monthly), (" Monthly ", .monthly), ("\tWEEKLY", .weekly), ("\u{3000}每季度\u{3000}", .quarterly),
        ("月度\u{A0}", .monthly), ("monthly\n", nil), ("", nil), (" ", nil), ("daily", nil),
    ])
    func frequencies(name: String, frequency: Frequency?) {
        #expect(Frequency(name: name) == frequency)
    }

    @Test("areas: spaces and line breaks ignored, any case", arguments: [
        ("team", Area.team), (" Team\n", .team), ("\r\n覆盖\u{3000}", .coverage), ("\u{2028}LOGISTICS\u{85}", .logistics),
        ("\u{A0}财务\t", .finance), ("te am", nil), ("", nil), ("\n", nil), ("团 队", nil),
    ])
    func areas(name: String, area: Area?) {
        #expect(Area(name: name) == area)
    }

    @Test("segments: spaces and line breaks ignored, any case", arguments: [
        ("key", Segment.key), ("\nKey\n", .key), ("\u{3000}重点经销商\u{3000}", .key), ("潜力\r\n", .potential),
        ("\u{2029}advantaged\u{0B}", .advantaged), ("一般 经销商", nil), ("", nil), ("\t", nil),
    ])
    func segments(name: String, segment: Segment?) {
        #expect(Segment(name: name) == segment)
    }

    @Test("the trimmed characters are Foundation's, over the whole BMP")
    func sameAsFoundation() {
        var differences: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let x = "\(Character(scalar))x\(Character(scalar))"
            if x.trimmingSpaces() != x.trimmingCharacters(in: .whitespaces) { differences.append("whitespaces U+\(String(value, radix: 16))") }
            if x.trimmingSpacesAndNewlines() != x.trimmingCharacters(in: .whitespacesAndNewlines) {
                differences.append("whitespacesAndNewlines U+\(String(value, radix: 16))")
            }
        }
        #if canImport(Darwin)
        // Apple's Foundation does not count U+200B ZERO WIDTH SPACE as a space; we trim it.
        #expect(differences == ["whitespaces U+200b", "whitespacesAndNewlines U+200b"])
        #else
        #expect(differences.isEmpty)
        #endif
    }

    @Test("a text with nothing to trim is returned as it is", arguments: ["roi", "coverage_rate.traditional", "重点", "a b", "x\u{3000}y"])
    func untouched(text: String) {
        #expect(text.trimmingSpaces() == text)
        #expect(text.trimmingSpacesAndNewlines() == text)
    }

    @Test("trimming works on scalars, as Foundation's does: a combining mark after a space stays")
    func scalars() {
        let text = " \u{301}abc "
        #expect(text.trimmingSpaces().unicodeScalars.map(\.value) == [0x301, 0x61, 0x62, 0x63])
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }
}

/// `Day(_:)` reads bytes (it runs for every deadline the grader reads): the same days
/// as the split-and-count reader it replaced, which is kept here as the reference.
@Suite("Reading days")
struct DayTextTests {
    static func reference(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    @Test("days and not days", arguments: [
        ("2026-03-31", "2026-03-31"), ("2026-3-1", "2026-03-01"), ("2024-02-29", "2024-02-29"), ("0001-01-01", "0001-01-01"),
        ("2026-02-30", nil), ("2025-02-29", nil), ("0000-01-01", nil), ("26-03-31", nil), ("2026-003-01", nil), ("2026-03-031", nil),
        ("2026-03-31 ", nil), (" 2026-03-31", nil), ("２０２６-03-31", nil), ("2026-03", nil), ("2026-03-31-1", nil), ("", nil),
        ("-03-31", nil), ("2026--31", nil), ("+026-03-31", nil), ("2026-13-01", nil), ("2026-00-10", nil), ("2026-1٣-01", nil),
    ] as [(String, String?)])
    func days(text: String, day: String?) {
        #expect(Day(text)?.description == day)
        #expect(Day(text) == Self.reference(text))
    }

    @Test("the same as the reference on random texts of digits and hyphens")
    func random() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("0123456789--9x ")
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 60) {
                text.append(alphabet[Int((state >> UInt64(4 * k)) & 0xF) % alphabet.count])
            }
            #expect(Day(text) == Self.reference(text), "\(text)")
        }
    }
}

/// `NumberSyntax.isNumber` reads bytes (it runs for every number of every file): the
/// same texts as the character reader it replaced, kept here as the reference.
@Suite("The number syntax")
struct NumberSyntaxTests {
    static func reference(_ text: String) -> Bool {
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        var chars = Substring(text)
        if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(isDigit) }),
              parts.contains(where: { !$0.isEmpty }) else { return false }
        if mantissaEnd < chars.endIndex {
            var exponent = chars[chars.index(after: mantissaEnd)...]
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return false }
        }
        return true
    }

    @Test("numbers and not numbers", arguments: [
        ("12", true), ("-0.5", true), ("+1e6", true), ("1.", true), (".5", true), ("1E-05", true), ("0012", true),
        ("", false), ("+", false), (".", false), ("1e", false), ("e5", false), ("1e5e6", false), ("--1", false), ("1.2.3", false),
        ("0x1F", false), ("1_000", false), (".inf", false), ("١٢", false), ("1\u{301}", false), ("１２", false), (" 1", false),
        ("55%", false), ("1,000", false),
    ])
    func numbers(text: String, isNumber: Bool) {
        #expect(NumberSyntax.isNumber(text) == isNumber)
        #expect(Self.reference(text) == isNumber)
    }

    @Test("the same as the reference on random texts")
    func random() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let alphabet = Array("0123456789.e+-E5")
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 61) {
                text.append(alphabet[Int((state >> UInt64(4 * k + 8)) & 0xF)])
            }
            #expect(NumberSyntax.isNumber(text) == Self.reference(text), "\(text)")
        }
    }
}
