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
