import Testing
@testable import JBPModel

@Suite("JSON values")
struct JSONValueTests {
    @Test("numbers print in their shortest exact form", arguments: [
        (10_200_000.0, "10200000"), (0.0919324577861163, "0.0919324577861163"), (-0.5, "-0.5"), (0.0, "0"),
        (-0.0, "0"), (1e-7, "1e-07"), (9_007_199_254_740_992.0, "9007199254740992"), (1e300, "1e+300"), (0.1 + 0.2, "0.30000000000000004"),
    ])
    func numbers(x: Double, text: String) throws {
        #expect(JSONValue.number(x).text() == text)
        // What is printed reads back as the same number.
        #expect(Double(text) == x)
    }

    @Test("NaN and infinities are never printed")
    func nonFinite() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity), .number(-.infinity)]).text(pretty: false) == "[null,null,null]")
    }

    @Test("Chinese is written as UTF-8, quotes and controls escaped")
    func strings() {
        #expect(JSONValue.string("恒达\"商贸\"\n\t\\\u{01}").text() == #""恒达\"商贸\"\n\t\\\u0001""#)
    }

    @Test("objects keep their key order; pretty printing indents by two spaces")
    func pretty() {
        let value: JSONValue = .object([("b", .number(1)), ("a", .array([.bool(true), .null])), ("e", .object([])), ("f", .array([]))])
        #expect(value.text() == "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ],\n  \"e\": {},\n  \"f\": []\n}")
        #expect(value.text(pretty: false) == #"{"b":1,"a":[true,null],"e":{},"f":[]}"#)
    }

    @Test("lookup by dotted path, lists by id or index", arguments: [
        ("areas.coverage.channels.traditional.gap_outlets", JSONValue.number(290)),
        ("areas.coverage.channels.1.id", .string("traditional")),
        ("areas.coverage.channels.0.target_outlets", .number(114)),
        ("opportunities.0", .string("coverage")),
        ("top_opportunities.2", .string("terminal")),
        ("case.coverage.modern.universe", .number(120)),
    ])
    func lookup(path: String, expected: JSONValue) throws {
        #expect(try exampleReview().json.lookup(path) == expected)
    }

    @Test("a path that leads nowhere is nil", arguments: [
        "areas.coverage.channels.rural.gap_outlets", "result.roi.x", "areas.nothing", "opportunities.6", "result.",
    ])
    func lookupMissing(path: String) throws {
        #expect(try exampleReview().json.lookup(path) == nil)
    }

    @Test("a parsed document converts to JSON with numbers, booleans and null")
    func fromDocument() throws {
        let field = try Document.parse("a: 1\nb: '1'\nc: true\nd: ~\ne: 2026-03-31\nf: [x, 1.5]\n", file: "t.yaml")
        #expect(field.jsonValue == .object([("a", .number(1)), ("b", .string("1")), ("c", .bool(true)), ("d", .null),
                                            ("e", .string("2026-03-31")), ("f", .array([.string("x"), .number(1.5)]))]))
    }

    @Test("the review JSON never holds a non-finite number")
    func finiteReview() throws {
        let review = try exampleReview()
        #expect(allFinite(review.json))
    }
}

@Suite("Days")
struct DayTests {
    @Test("days between dates, both ways", arguments: [
        ("2026-03-31", "2026-01-01", 89), ("2026-12-31", "2026-01-01", 364), ("2024-03-01", "2024-02-28", 2),
        ("2100-03-01", "2100-02-28", 1), ("2000-03-01", "2000-02-28", 2), ("1970-01-01", "1969-12-31", 1), ("2026-01-01", "2026-03-31", -89),
    ])
    func difference(a: String, b: String, days: Int) throws {
        let x = try #require(Day(a)), y = try #require(Day(b))
        #expect(x - y == days)
        #expect(y.adding(days: days) == x)
    }

    @Test("day numbers round-trip for every day of 1999–2001")
    func roundTrip() throws {
        let start = try #require(Day("1999-01-01"))
        for n in 0..<(365 * 3 + 1) {
            let day = try #require(start.adding(days: n))
            #expect(Day(dayNumber: day.dayNumber) == day)
            #expect(Day(day.description) == day)
        }
        #expect(Day("1970-01-01")?.dayNumber == 0)
    }

    @Test("not a day", arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "2026-1-1x", "", "0000-01-01", "+2026-01-01"])
    func invalid(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("a date reads from YAML plain or quoted, and a time is not a date")
    func fromYAML() throws {
        let map = try Document.parse("a: 2026-03-31\nb: \"2026-03-31\"\nc: 2026-03-31T10:00:00Z\n", file: "d.yaml").openMap()
        #expect(try map.required("a").day() == Day(year: 2026, month: 3, day: 31))
        #expect(try map.required("b").day() == Day(year: 2026, month: 3, day: 31))
        #expect(refusal { () throws(ModelError) in try map.required("c").day() }?.description
                == "d.yaml: c: expected a date like 2026-03-31, found the text \"2026-03-31T10:00:00Z\"")
    }
}

@Suite("Fields")
struct FieldTests {
    @Test("what a value is, for the grader's own messages")
    func kinds() throws {
        let map = try Document.parse("a: [1]\nb: {c: 1}\nd: x\ne:\n", file: "f.yaml").openMap()
        let members = Dictionary(uniqueKeysWithValues: map.members.map { ($0.key, $0.field) })
        #expect(members["a"]?.isList == true && members["b"]?.isMap == true && members["d"]?.isScalar == true)
        #expect(members["e"]?.isNull == true && members["e"]?.isScalar == false)
        #expect(members["d"]?.kindDescription == "the text \"x\"")
        #expect(map["e"] == nil)
        #expect(members["b"]?.line == 2)
        #expect(refusal { () throws(ModelError) in try map.required("e") }?.description == "f.yaml: e: has no value (required)")
    }

    @Test("whole numbers and booleans", arguments: [("true", true), ("yes", true), ("false", false), ("Off", false)])
    func booleans(text: String, value: Bool) throws {
        #expect(try Document.parse("v: \(text)", file: "f").openMap().required("v").bool() == value)
    }

    @Test("a whole number must be whole and in range")
    func whole() throws {
        let map = try Document.parse("a: 3\nb: 2.5\nc: 0\n", file: "f").openMap()
        #expect(try map.required("a").wholeNumber(in: 1...10) == 3)
        #expect(refusal { () throws(ModelError) in try map.required("b").wholeNumber(in: 1...10) }?.message == "2.5 is not a positive whole number (1…10)")
        #expect(refusal { () throws(ModelError) in try map.required("c").wholeNumber(in: 1...10) }?.message == "0 is not a positive whole number (1…10)")
    }
}
