import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import JBPModel
@testable import Charts

/// A fixture of this target (copies of the spec's example files).
func fixture(_ name: String) throws -> String {
    let base = try #require(Bundle.module.resourceURL)
    return try String(contentsOf: base.appendingPathComponent("Fixtures").appendingPathComponent(name), encoding: .utf8)
}

/// The repository's root, from this file's place in it (Tests/ChartsTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A case file: `example-case.yaml` from the fixtures, anything else from exercises/cases/.
func reviewOf(_ file: String) throws -> Review {
    let text = file.hasPrefix("example")
        ? try fixture(file)
        : try String(contentsOf: repositoryRoot.appendingPathComponent("exercises/cases").appendingPathComponent(file), encoding: .utf8)
    return try Review(Case.read(text, file: file), file: file)
}

/// The worked example's plan, its ScoreCard and its check-in evaluated.
func exampleScoreCard() throws -> (ScoreCard, [ScoreCard.Result]) {
    let plan = try Plan.read(fixture("example-plan.yaml"), file: "example-plan.yaml")
    let card = ScoreCard(plan: plan, planFile: "example-plan.yaml")
    let checkIns = try CheckIn.readAll(fixture("example-checkin.yaml"), file: "example-checkin.yaml")
    return (card, try card.evaluate(checkIns, file: "example-checkin.yaml"))
}

/// What an SVG parsed as XML shows: its root's attributes, every element's id, the text of
/// `<text>`, `<title>` and `<desc>` elements, and the parse error if any.
struct ParsedSVG {
    var rootName = ""
    var rootAttributes: [String: String] = [:]
    var ids: [String] = []
    var texts: [String] = []
    var titles: [(id: String?, text: String)] = []
    var descs: [(id: String?, text: String)] = []
    var elementNames: Set<String> = []
    var error: String?

    /// Every attribute value of every element, for the NaN check.
    var attributeValues: [String] = []

    init(_ svg: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        let ok = parser.parse()
        self = delegate.result
        if !ok { error = parser.parserError.map { "\($0)" } ?? "parse failed" }
    }

    private init() {}

    final class Collector: NSObject, XMLParserDelegate {
        var result = ParsedSVG()
        private var stack: [(name: String, id: String?, text: String)] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if stack.isEmpty && result.rootName.isEmpty {
                result.rootName = name
                result.rootAttributes = attributes
            }
            result.elementNames.insert(name)
            if let id = attributes["id"] { result.ids.append(id) }
            result.attributeValues += attributes.values
            stack.append((name, attributes["id"], ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let top = stack.popLast() else { return }
            switch top.name {
            case "text": result.texts.append(top.text)
            case "title": result.titles.append((top.id, top.text)); result.texts.append(top.text)
            case "desc": result.descs.append((top.id, top.text))
            default: break
            }
        }
    }
}

/// The checks every chart must pass: well-formed XML, an accessible `<svg>` root with its
/// own title and description, ids under the chart's prefix, no NaN or infinity anywhere.
func checkWellFormed(_ chart: Chart, sourceLocation: SourceLocation = #_sourceLocation) {
    let parsed = ParsedSVG(chart.svg)
    #expect(parsed.error == nil, "not well-formed: \(parsed.error ?? "")", sourceLocation: sourceLocation)
    #expect(parsed.rootName == "svg", sourceLocation: sourceLocation)
    let root = parsed.rootAttributes
    #expect(root["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    #expect(root["viewBox"]?.hasPrefix("0 0 ") == true, sourceLocation: sourceLocation)
    #expect(root["width"] == "100%", sourceLocation: sourceLocation)
    #expect(root["role"] == "img", sourceLocation: sourceLocation)
    #expect(root["font-family"]?.contains("Noto Sans CJK SC") == true, sourceLocation: sourceLocation)
    #expect(root["aria-labelledby"] == "\(chart.id)-title \(chart.id)-desc", sourceLocation: sourceLocation)
    #expect(parsed.titles.first?.id == "\(chart.id)-title", sourceLocation: sourceLocation)
    #expect(parsed.titles.first?.text == chart.title, sourceLocation: sourceLocation)
    #expect(parsed.descs.count == 1 && parsed.descs.first?.id == "\(chart.id)-desc", sourceLocation: sourceLocation)
    #expect(parsed.descs.first?.text == chart.summary, sourceLocation: sourceLocation)
    #expect(parsed.ids.allSatisfy { $0.hasPrefix(chart.id) }, "ids \(parsed.ids)", sourceLocation: sourceLocation)
    #expect(Set(parsed.ids).count == parsed.ids.count, sourceLocation: sourceLocation)
    // No script, no external references, no CSS classes.
    #expect(!parsed.elementNames.contains("script") && !parsed.elementNames.contains("style"), sourceLocation: sourceLocation)
    #expect(!chart.svg.contains("href") && !chart.svg.contains("class="), sourceLocation: sourceLocation)
    for value in parsed.attributeValues {
        let lower = value.lowercased()
        #expect(!lower.contains("nan") && !lower.contains("inf"), "attribute \(value)", sourceLocation: sourceLocation)
    }
    for text in parsed.texts + [chart.summary] {
        #expect(!text.contains("nan") && !text.contains("inf") && !text.contains("NaN"), "text \(text)", sourceLocation: sourceLocation)
    }
    #expect(!chart.summary.isEmpty && !chart.title.isEmpty, sourceLocation: sourceLocation)
    let html = ParsedSVG(chart.figuresHTML)
    #expect(html.error == nil, "figures table: \(html.error ?? "")", sourceLocation: sourceLocation)
}

/// The texts of the chart's SVG (of `<text>` and `<title>` elements), unescaped.
func texts(_ chart: Chart) -> [String] {
    ParsedSVG(chart.svg).texts
}

/// True when `figure` is shown in the SVG, as a whole text or inside one.
func shows(_ chart: Chart, _ figure: String) -> Bool {
    texts(chart).contains { $0 == figure || $0.contains(figure) }
}
