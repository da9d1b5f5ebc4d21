import ArgumentParser
import CourseMarkdown
import Foundation

/// `jbp build [--out DIR] [ROOT]`: the course as a static site.
public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the whole course as a static site (agenda, one page per module, stylesheet, downloads).")

    @OptionGroup var root: CourseRoot

    @Option(help: "Where to write the site.")
    var out = "site"

    public init() {}

    public func run() throws {
        try reportingFailures {
            let rootURL = try root.url()
            Terminal.error("loading the course in \(rootURL.path) …")
            let course = Course.load(root: rootURL, style: .staticSite)
            guard course.problems.isEmpty else {
                for problem in course.problems { Terminal.error(problem.description) }
                throw CommandFailure("the course has \(course.problems.count) problem(s); `jbp check` lists them")
            }
            let outURL = URL(fileURLWithPath: out)
            let manager = FileManager.default
            do {
                try manager.createDirectory(at: outURL, withIntermediateDirectories: true)
                let files = StaticSite.files(for: course)
                for (name, content) in files.sorted(by: { $0.key < $1.key }) {
                    try Data(content.utf8).write(to: outURL.appendingPathComponent(name))
                    Terminal.error("  wrote \(name)")
                }
                if !course.downloads.isEmpty {
                    let downloads = outURL.appendingPathComponent("downloads")
                    try manager.createDirectory(at: downloads, withIntermediateDirectories: true)
                    for name in course.downloads {
                        let target = downloads.appendingPathComponent(name)
                        if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                        try manager.copyItem(at: rootURL.appendingPathComponent("course/downloads/\(name)"), to: target)
                        Terminal.error("  copied downloads/\(name)")
                    }
                }
                print("built \(files.count) files and \(course.downloads.count) downloads in \(outURL.path)")
            } catch {
                throw CommandFailure("\(out): cannot write the site (\(error.localizedDescription))")
            }
        }
    }
}
