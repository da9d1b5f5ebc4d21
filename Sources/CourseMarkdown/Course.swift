import Foundation
import Yams

/// How pages address modules.
public enum PageStyle: Sendable {
    /// The static site: modules are `ID.html`.
    case staticSite
    /// The session server: modules are `PREFIX/ID`.
    case server(modulePrefix: String)
}

/// `course/course.yaml`: the course's name, language, length and modules in order.
public struct CourseInfo: Sendable, Equatable {
    public var id: String
    public var title: String
    public var titleEn: String
    public var language: String
    public var days: Int
    public var minutesPerDay: Int
    /// Module files, relative to `course/`, in teaching order.
    public var moduleFiles: [String]

    static let keys = ["id", "title", "title_en", "language", "days", "minutes_per_day", "modules"]
}

/// One module of the course, loaded and rendered.
public struct Module: Sendable {
    /// The file name in `course/` (`02-review.md`).
    public var file: String
    public var front: FrontMatter
    /// The course day it is taught on (1-based) and its start, in minutes from that day's start.
    public var day: Int
    public var startMinute: Int
    /// The Markdown after the front matter, and the file's line it starts on.
    public var markdown: String
    public var bodyFirstLine: Int
    public var document: RenderedDocument

    public var id: String { front.id }
    public var title: String { front.title }
}

/// The course as loaded from a root folder holding `course/` and `exercises/`.
///
/// Loading never throws: what is wrong is collected in `problems` (the course part of
/// `jbp check`), and whatever could be read is there to show.
public struct Course: Sendable {
    public var root: URL
    public var info: CourseInfo?
    public var modules: [Module]
    /// The renderer with everything the course knows (cases, exercises, module addresses).
    public var renderer: MarkdownRenderer
    /// Files in `course/downloads/`, by name.
    public var downloads: [String]
    public var problems: [Problem]

    /// The module with this id.
    public func module(id: String) -> Module? { modules.first { $0.id == id } }

    /// A rendered text with each exercise slot showing the exercise's prompt, as the static
    /// site and `jbp render` show it.
    public func previewHTML(_ document: RenderedDocument) -> String {
        let exercises = renderer.context.exercises ?? [:]
        return document.html { id in
            exercises[id]?.html ?? ExercisePreview.html(id: id, title: id, promptHTML: "")
        }
    }

    /// Loads and renders the course under `root`.
    public static func load(root: URL, style: PageStyle) -> Course {
        var loader = CourseLoader(root: root)
        return loader.load(style: style)
    }
}

/// Reads the files of a course root; collects problems as it goes.
struct CourseLoader {
    let root: URL
    var problems: [Problem] = []

    init(root: URL) { self.root = root }

    mutating func load(style: PageStyle) -> Course {
        let info = readInfo()
        let cases = readCases()
        let downloads = (try? FileManager.default.contentsOfDirectory(atPath: path("course/downloads")).sorted()) ?? []

        // Exercise prompts are rendered with the cases known but no module addresses.
        let exercises = readExercises(renderer: MarkdownRenderer(context: RenderContext(cases: cases)))

        var sources: [(file: String, front: FrontMatter, body: String, firstLine: Int)] = []
        for file in info?.moduleFiles ?? [] {
            let relative = "course/\(file)"
            guard let text = readText(relative) else { continue }
            let (yaml, body, firstLine) = FrontMatter.split(text)
            guard let yaml else {
                problems.append(Problem(file: relative, line: 1, message: "front matter: missing (the file must start with '---', the keys, and '---')"))
                continue
            }
            let (front, frontProblems) = FrontMatter.read(yaml, file: relative)
            problems += frontProblems
            if let front { sources.append((file, front, body, firstLine)) }
        }

        var targets: [String: String] = [:]
        for source in sources {
            switch style {
            case .staticSite: targets[source.file] = "\(source.front.id).html"
            case .server(let prefix): targets[source.file] = "\(prefix)/\(source.front.id)"
            }
        }
        let renderer = MarkdownRenderer(context: RenderContext(
            cases: cases, exercises: exercises, moduleTargets: targets))

        var modules: [Module] = []
        var day = 1
        var minute = 0
        let perDay = info?.minutesPerDay ?? 360
        for source in sources {
            let relative = "course/\(source.file)"
            if minute >= perDay { day += 1; minute = 0 }
            if minute + source.front.minutes > perDay {
                problems.append(Problem(file: relative, line: source.front.line(of: "minutes"), message: "minutes: the module (\(source.front.minutes) min) would run past the end of day \(day) (\(perDay - minute) min left)"))
            }
            let document = renderer.render(source.body, trust: .course, firstLine: source.firstLine)
            problems += document.diagnostics.map { Problem(file: relative, line: $0.line, message: $0.message) }
            modules.append(Module(
                file: source.file, front: source.front, day: day, startMinute: minute,
                markdown: source.body, bodyFirstLine: source.firstLine, document: document))
            minute += source.front.minutes
        }

        var course = Course(root: root, info: info, modules: modules, renderer: renderer, downloads: downloads, problems: problems)
        course.problems += CourseCheck.problems(in: course)
        return course
    }

    // MARK: - Files

    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    private mutating func readText(_ relative: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            problems.append(Problem(file: relative, line: nil, message: "cannot read the file"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(Problem(file: relative, line: nil, message: "not UTF-8 text"))
            return nil
        }
        return text
    }

    private mutating func readInfo() -> CourseInfo? {
        let file = "course/course.yaml"
        guard let text = readText(file) else { return nil }
        let node: Node
        switch YAMLReading.compose(text, file: file) {
        case .failure(let problem): problems.append(problem); return nil
        case .success(let composed): node = composed
        }
        guard let mapping = node.mapping else {
            problems.append(Problem(file: file, line: 1, message: "expected the keys \(CourseInfo.keys.joined(separator: ", "))"))
            return nil
        }
        let before = problems.count
        for (key, _) in mapping where !CourseInfo.keys.contains(key.string ?? "") {
            problems.append(Problem(file: file, line: key.mark?.line, message: "\(key.string ?? "?"): unknown key (expected one of \(CourseInfo.keys.joined(separator: ", ")))"))
        }
        func field(_ key: String) -> String {
            guard let value = mapping[key]?.scalar?.string, !value.isEmpty else {
                problems.append(Problem(file: file, line: mapping[key]?.mark?.line ?? 1, message: "\(key): expected a non-empty text"))
                return ""
            }
            return value
        }
        func number(_ key: String) -> Int {
            guard let value = mapping[key]?.scalar.flatMap({ Int($0.string) }), value > 0 else {
                problems.append(Problem(file: file, line: mapping[key]?.mark?.line ?? 1, message: "\(key): expected a whole number above 0"))
                return 0
            }
            return value
        }
        let info = CourseInfo(
            id: field("id"), title: field("title"), titleEn: field("title_en"), language: field("language"),
            days: number("days"), minutesPerDay: number("minutes_per_day"),
            moduleFiles: mapping["modules"]?.sequence?.compactMap { $0.scalar?.string } ?? [])
        if info.moduleFiles.isEmpty {
            problems.append(Problem(file: file, line: mapping["modules"]?.mark?.line ?? 1, message: "modules: expected a list of module files"))
        }
        var seen: Set<String> = []
        for (index, name) in info.moduleFiles.enumerated() {
            let line = mapping["modules"]?.sequence?[index].mark?.line
            if !seen.insert(name).inserted {
                problems.append(Problem(file: file, line: line, message: "modules: \(name) is listed twice"))
            }
            if name.contains("/") || !name.hasSuffix(".md") {
                problems.append(Problem(file: file, line: line, message: "modules: '\(name)' must be a .md file in course/"))
            }
        }
        return problems.count == before || !info.moduleFiles.isEmpty ? info : nil
    }

    private mutating func readCases() -> [String: CaseTables] {
        let folder = "exercises/cases"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
        var cases: [String: CaseTables] = [:]
        for name in names {
            guard let text = readText("\(folder)/\(name)") else { continue }
            do {
                cases[name] = try CaseTables(yaml: text)
            } catch let error as YamlError {
                let (line, message) = YAMLReading.describe(error)
                problems.append(Problem(file: "\(folder)/\(name)", line: line, message: "YAML: \(message)"))
            } catch {
                problems.append(Problem(file: "\(folder)/\(name)", line: 1, message: "\(error)"))
            }
        }
        return cases
    }

    /// Every exercise folder's title, kind and rendered prompt. The grader reads exercises
    /// strictly; here only what a course page shows is needed.
    private mutating func readExercises(renderer: MarkdownRenderer) -> [String: ExercisePreview] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path("exercises"))) ?? [])
            .filter { $0 != "cases" && !$0.hasPrefix(".") }
            .sorted()
        var exercises: [String: ExercisePreview] = [:]
        for name in names {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path("exercises/\(name)"), isDirectory: &isFolder), isFolder.boolValue else { continue }
            let yamlFile = "exercises/\(name)/exercise.yaml"
            guard let text = readText(yamlFile) else { continue }
            var title = name
            var kind = ""
            var questionsHTML = ""
            if case .success(let node) = YAMLReading.compose(text, file: yamlFile) {
                title = node["title"]?.string ?? name
                kind = node["kind"]?.string ?? ""
                questionsHTML = Self.questionsHTML(node)
            }
            var promptHTML = ""
            let promptFile = "exercises/\(name)/prompt.md"
            if let prompt = readText(promptFile) {
                let document = renderer.render(prompt)
                problems += document.diagnostics.map { Problem(file: promptFile, line: $0.line, message: $0.message) }
                // A prompt holds no exercise of its own: a slot in it shows nothing.
                promptHTML = document.html(exercise: { _ in "" })
            }
            promptHTML += questionsHTML
            exercises[name] = ExercisePreview(id: name, title: title, kind: kind, promptHTML: promptHTML)
        }
        return exercises
    }

    /// The questions of an exercise as a printed handout shows them (without answers): a
    /// trainer running the class from the static site, or from paper, needs them.
    static func questionsHTML(_ exercise: Node) -> String {
        var html = ""
        if let prompt = exercise["prompt"]?.string {
            html += "<p class=\"exercise-task\">\(HTML.escape(prompt))</p>\n"
        }
        guard let questions = exercise["questions"]?.sequence, !questions.isEmpty else { return html }
        html += "<ol class=\"exercise-questions\">\n"
        for question in questions {
            html += "<li>\(HTML.escape(question["prompt"]?.string ?? ""))"
            if let choices = question["choices"]?.mapping, !choices.isEmpty {
                html += "<ul class=\"choices\">"
                for (key, text) in choices {
                    html += "<li><span class=\"choice-key\">\(HTML.escape(key.string ?? "")).</span> \(HTML.escape(text.string ?? ""))</li>"
                }
                html += "</ul>"
            }
            html += "</li>\n"
        }
        html += "</ol>\n"
        return html
    }
}
