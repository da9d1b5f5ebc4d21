import ArgumentParser
import Foundation
import Hummingbird
import JBPServer

/// `jbp serve [--host H] [--port P] [--db FILE] [--root DIR]`: the session server.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the session server: trainees join from their phones, answer exercises and are graded live.")

    @Option(help: "Address to listen on (0.0.0.0: every network the laptop is on, so phones can reach it).")
    var host = "0.0.0.0"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "The SQLite database file (created on first start).")
    var db = "jbp.sqlite"

    @Option(help: "The folder holding course/ and exercises/ (default: the current folder).")
    var root: String?

    /// For `scripts/load-test` only: a route answering this many fixed bytes, the floor of a page.
    @Option(help: .hidden)
    var benchFloorBytes: Int?

    var courseRoot: CourseRoot {
        var root = CourseRoot()
        root.root = self.root
        return root
    }

    public init() {}

    public func run() async throws {
        try await reportingFailures {
            let rootURL = try courseRoot.url()
            let content: CourseContent
            do {
                content = try ServerCourse.load(root: rootURL)
            } catch let refused as CourseRefused {
                throw CommandFailure(refused.description)
            }
            Terminal.error("course: \(content.modules.count) modules, \(content.exercises.count) exercises; database: \(db)")
            let app = try await buildApplication(
                AppArguments(host: host, port: port, databasePath: db, content: content, floorBytes: benchFloorBytes,
                             announce: { Terminal.error($0) }))
            try await app.runService()
        }
    }
}
