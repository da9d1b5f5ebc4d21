import Foundation
import Grading
import JBPModel
import JBPServer
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test("Round trip keeps values; keys come out sorted; whole numbers print without a fraction")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,-0.0919325,1e-7,true,false,null],"a":"王\"\\\n\u0001😀","c":{}}"#
        let value = try JSONValue.parse(bytes: Array(text.utf8))
        #expect(value["a"] == .string("王\"\\\n\u{1}😀"))
        #expect(value["b"]?.array?[3] == .number(1e-7))
        #expect(value.jsonString() == #"{"a":"王\"\\\n\u0001😀","b":[1,2.5,-0.0919325,1e-07,true,false,null],"c":{}}"#)
        #expect(JSONValue.parse(value.jsonString()) == value)
        #expect(JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test("Broken, truncated, too deep, out of range and invalid UTF-8 inputs are refused with a sentence")
    func refusals() {
        let cases: [([UInt8], String)] = [
            (Array("{\"a\": ".utf8), "it ends too early"),
            (Array("[1,]".utf8), "a value is expected"),
            (Array("01".utf8), "a number has a leading zero"),
            (Array("1e999".utf8), "out of range"),
            (Array("NaN".utf8), "a value is expected"),
            (Array("nul".utf8), "unknown word"),
            (Array("\"\\ud800\"".utf8), "a lone surrogate"),
            ([0x22, 0xFF, 0xFE, 0x22], "not valid UTF-8"),
            (Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), "nested more than 200 deep"),
            (Array("{} x".utf8), "unexpected text"),
        ]
        for (bytes, expected) in cases {
            do {
                _ = try JSONValue.parse(bytes: bytes)
                Issue.record("accepted \(String(decoding: bytes.prefix(20), as: UTF8.self))")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    @Test("A grade survives its JSON: expected left out when withheld, misconception null when none")
    func gradeJSON() throws {
        let grade = Grade(
            exercise: "review-x", variant: 3, score: 2, maxScore: 4,
            items: [
                .init(id: "roi", points: 2, awarded: 2, correct: true, expected: .number(0.0919), given: .number(0.0919)),
                .init(id: "dso", points: 2, awarded: 0, correct: false, expected: .number(40), given: .string("30天"), feedback: "偏低", misconception: "dso_on_cogs"),
            ])
        #expect(Grade(jsonText: grade.json.jsonString()) == grade)
        let hidden = grade.withoutExpected.json(leavingOutMissingExpected: true).jsonString()
        #expect(!hidden.contains("expected"))
        #expect(hidden.contains(#""misconception":null"#))
    }
}
