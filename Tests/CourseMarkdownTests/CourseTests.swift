import Foundation
import Testing
@testable import CourseMarkdown

@Suite struct CourseTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    @Test func aGoodCourseLoadsWithoutProblems() {
        let course = Course.load(root: Self.fixtures.appendingPathComponent("good"), style: .staticSite)
        #expect(course.problems == [])
        #expect(course.modules.map(\.id) == ["a", "b"])
        #expect(course.modules.map(\.startMinute) == [0, 60])
        #expect(course.modules[0].document.headings.map(\.line) == [10, 12])
    }

    @Test func theServerStyleAddressesModulesAndLeavesSlots() {
        let course = Course.load(root: Self.fixtures.appendingPathComponent("good"), style: .server(modulePrefix: "/modules"))
        let module = course.modules[0]
        #expect(module.document.parts.contains(.exercise(id: "ex-demo")))
        #expect(module.document.html { _ in "" }.contains("href=\"/modules/b#%E5%BA%93%E5%AD%98\""))
    }

    @Test func aBrokenCourseNamesEveryProblemWithFileAndLine() {
        let course = Course.load(root: Self.fixtures.appendingPathComponent("broken"), style: .staticSite)
        #expect(course.problems.map(\.description) == [
            "course/03-missing.md: cannot read the file",
            "course/01-a.md:13: exercise: unknown exercise 'no-such-exercise' (no exercises/no-such-exercise/)",
            "course/01-a.md:16: case: unknown case file 'nope.yaml' (not in exercises/cases/)",
            "course/02-b.md:6: minutes: the module (60 min) would run past the end of day 1 (40 min left)",
            "course/02-b.md:5: order: 3, but course.yaml lists the module as number 2",
            "course/02-b.md:2: id: 'a' is also the id of course/01-a.md",
            "course/01-a.md:11: link 02-b.md#没有这个标题: 02-b.md has no heading with the id '没有这个标题'",
            "course/01-a.md:11: link 09-x.md: no module 09-x.md in course/course.yaml",
            "course/01-a.md:11: link downloads/nope.csv: no such file in course/downloads/",
            "course/99-orphan.md: not listed in course/course.yaml",
        ])
    }

    @Test(arguments: [
        ("id: x\ntitle: t\ntitle_en: t\norder: 1\nminutes: 30\nobjectives: [a]", []),
        ("id: X y\ntitle: t\ntitle_en: t\norder: 1\nminutes: 30\nobjectives: [a]", ["m.md:2: front matter: id: 'X y' may hold only lowercase letters, digits and '-'"]),
        ("id: x\ntitle: t\ntitle_en: t\norder: 1\nminutes: -5\nobjectives: []", [
            "m.md:6: front matter: minutes: expected a whole number above 0, found '-5'",
            "m.md:7: front matter: objectives: expected a non-empty list of sentences"]),
        ("id: x\ntitle: [t\n", ["m.md:4: YAML: while parsing a flow sequence did not find expected ',' or ']'"]),
        ("- a\n- b", ["m.md:2: front matter: expected keys id, title, title_en, order, minutes, objectives"]),
        ("id: x\ntitle: t\ntitle_en: t\norder: 1\nminutes: 30\nobjectives: [a]\ncolour: red", ["m.md:8: front matter: colour: unknown key (expected one of id, title, title_en, order, minutes, objectives)"]),
    ])
    func frontMatterIsReadStrictly(_ yaml: String, _ expected: [String]) {
        let (front, problems) = FrontMatter.read(yaml, file: "m.md")
        #expect(problems.map(\.description) == expected)
        #expect((front == nil) == !expected.isEmpty)
    }

    @Test func theStaticSiteHasAnAgendaPagesAndAStylesheet() {
        let course = Course.load(root: Self.fixtures.appendingPathComponent("good"), style: .staticSite)
        let files = StaticSite.files(for: course)
        #expect(Set(files.keys) == ["index.html", "a.html", "b.html", "style.css"])
        #expect(files["index.html"]!.contains("09:00–10:00"))
        #expect(files["a.html"]!.contains("href=\"b.html#%E5%BA%93%E5%AD%98\""))
        #expect(files["a.html"]!.contains("<a class=\"next\" href=\"b.html\">"))
        #expect(files["a.html"]!.contains("请计算 <strong>ROI</strong>"))
        #expect(files["style.css"]!.contains("@media print"))
        #expect(!files.values.contains { $0.contains("http://") || $0.contains("https://") })
    }
}
