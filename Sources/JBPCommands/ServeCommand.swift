import ArgumentParser
import Foundation
import Hummingbird
import JBPServer

/// `jbp serve [--host H] [--port P] [--db FILE|URL] [--root DIR]`: the session server.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the session server: trainees join from their phones, answer exercises and are graded live.")

    @Option(help: "Address to listen on (0.0.0.0: every network the laptop is on, so phones can reach it).")
    var host = "0.0.0.0"

    @Option(help: "Port to listen on.")
    var port = 8080

    @OptionGroup var database: DatabaseOption

    @Option(help: "The folder holding course/ and exercises/ (default: the current folder).")
    var root: String?

    @Option(
        name: .customLong("trust-proxy"),
        help: "A reverse proxy's address or range (127.0.0.1, 10.0.0.0/8), repeatable: its X-Forwarded-For and X-Forwarded-Proto are believed.")
    var trustProxy: [String] = []

    @Option(help: "A token that lets Prometheus read /metrics (as `Authorization: Bearer TOKEN`) without a trainer's account.")
    var metricsToken: String?

    @Flag(help: "Log one structured line per request (method, path, status).")
    var logRequests = false

    @Option(help: "Seconds the server keeps answering after SIGTERM or SIGINT before it closes idle connections (requests already sent are read and answered; /healthz answers 503 meanwhile).")
    var drainSeconds = 1.0

    @Option(help: "Delete, by itself, the sessions that ended more than this many days ago (with everything in them), logging each.")
    var retainDays: Int?

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
            var proxies: [CIDR] = []
            for text in trustProxy {
                guard let range = CIDR(text) else {
                    throw CommandFailure("--trust-proxy \(text): not an address or range (write 127.0.0.1, 10.0.0.0/8 or ::1/128)")
                }
                proxies.append(range)
            }
            guard drainSeconds >= 0, drainSeconds <= 300 else {
                throw CommandFailure("--drain-seconds \(drainSeconds): give a number of seconds from 0 to 300")
            }
            if let retainDays, retainDays < 1 {
                throw CommandFailure("--retain-days \(retainDays): give a number of days of at least 1")
            }
            let (store, location) = try await database.open()
            Terminal.error("course: \(content.modules.count) modules, \(content.exercises.count) exercises; database: \(location)")
            do {
                let draining = Draining()
                let app = try await buildApplication(
                    AppArguments(host: host, port: port, content: content, store: store, floorBytes: benchFloorBytes,
                                 announce: { Terminal.error($0) }, trustedProxies: proxies, metricsToken: metricsToken,
                                 logRequests: logRequests, retainDays: retainDays, draining: draining))
                // SIGTERM and SIGINT stop it gracefully: it answers for --drain-seconds more, then takes
                // no new connections and finishes the requests in progress.
                try await runUntilStopped(app, draining: draining, drainSeconds: drainSeconds, logger: app.logger)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}
