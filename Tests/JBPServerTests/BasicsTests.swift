import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Health, errors and limits")
struct BasicsTests {
    @Test("GET /healthz answers {\"ok\": true}")
    func health() async throws {
        try await withApp { client, _ in
            let answer = try await client.call(.get, "/healthz")
            #expect(answer.status == .ok)
            #expect(answer.json == ["ok": true])
        }
    }

    @Test("An unknown address is a JSON 404 with one sentence")
    func unknownRoute() async throws {
        try await withApp { client, _ in
            let answer = try await client.call(.get, "/api/nothing-here")
            #expect(answer.status == .notFound)
            #expect(answer.json["error"]?.string == "这个地址没有内容。")
        }
    }

    @Test("The API answers in the language of Accept-Language, Chinese by default", arguments: [
        (nil as String?, "这个地址没有内容。", "zh-CN"), ("en-US,en;q=0.9", "There is nothing at this address.", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "这个地址没有内容。", "zh-CN"), ("fr-FR,en;q=0.5,zh;q=0.4", "There is nothing at this address.", "en"),
        ("de-DE", "这个地址没有内容。", "zh-CN"), ("en;q=0.2, zh;q=0.8", "这个地址没有内容。", "zh-CN"),
    ])
    func acceptLanguage(header: String?, sentence: String, contentLanguage: String) async throws {
        try await withApp { client, _ in
            var headers = HTTPFields()
            if let header { headers[.acceptLanguage] = header }
            let answer = try await client.execute(uri: "/api/nothing-here", method: .get, headers: headers) { response in
                Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
            }
            #expect(answer.status == .notFound)
            #expect(answer.json["error"]?.string == sentence)
            #expect(answer.headers[.contentLanguage] == contentLanguage)
        }
    }

    @Test("A body over 1 MiB is refused with 413, announced or not")
    func tooLarge() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let big = String(repeating: "x", count: (1 << 20) + 10)
            let answer = try await client.raw(.post, "/api/sessions", as: .bearer(token), body: "{\"title\": \"\(big)\"}", contentType: "application/json")
            #expect(answer.status == .contentTooLarge)
            #expect(answer.json["error"]?.string == "请求内容超过 1 MiB。")
            // Even on a route that would never read it.
            let login = try await client.raw(.post, "/api/join", body: big, contentType: "application/json")
            #expect(login.status == .contentTooLarge)
        }
    }

    @Test("Broken JSON, missing keys and wrong types are 400s that name the problem")
    func badBodies() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let broken = try await client.raw(.post, "/api/sessions", as: .bearer(token), body: "{\"title\": ", contentType: "application/json")
            #expect(broken.status == .badRequest)
            #expect(broken.json["error"]?.string == "请求内容不是有效的 JSON。")
            let missing = try await client.call(.post, "/api/sessions", as: .bearer(token), json: ["title": "x"])
            #expect(missing.status == .badRequest)
            #expect(missing.json["error"]?.string == "请求缺少 `starts_on`。")
            let wrongType = try await client.call(.post, "/api/sessions", as: .bearer(token), json: ["title": 5, "starts_on": "2026-01-01", "ends_on": "2026-01-02"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.json["error"]?.string == "`title` 的类型不对。")
            let badDate = try await client.call(.post, "/api/sessions", as: .bearer(token), json: ["title": "x", "starts_on": "2026-02-30", "ends_on": "2026-03-01"])
            #expect(badDate.status == .badRequest)
            #expect(badDate.json["error"]?.string == "开始日期（starts_on）应写成 YYYY-MM-DD。")
        }
    }

    @Test("API calls that change something must be JSON (what makes cookies safe without CSRF tokens)")
    func jsonOnly() async throws {
        try await withApp { client, _ in
            let token = try await client.trainerToken()
            let form = try await client.raw(
                .post, "/api/sessions", as: .cookies(["jbp_trainer": token]), body: "title=x&starts_on=2026-01-01&ends_on=2026-01-02",
                contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            let plain = try await client.raw(.post, "/api/join", body: "{\"join_code\":\"X\",\"name\":\"a\"}", contentType: "text/plain")
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.json["error"]?.string == "请以 JSON 发送请求（Content-Type: application/json）。")
        }
    }

    @Test("A file database is WAL with synchronous=FULL, migrated, and sound")
    func fileDatabase() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jbp-test-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try AppDatabase.open(path: path)
        #expect(try await database.journalMode() == "wal")
        #expect(try await database.synchronousLevel() == 2)
        #expect(try await database.integrityCheck() == "ok")
        _ = try await Classroom.addTrainer(name: "t1", password: "12345678", store: database, cost: 4)
        // Reopening runs no migration twice and keeps the data.
        let again = try AppDatabase.open(path: path)
        #expect(try await again.trainerCount() == 1)
    }

    @Test("QR codes come from libqrencode as SVG")
    func qrCode() throws {
        let matrix = try #require(QRCode.modules(for: "http://192.168.1.20:8080/join/ABC234"))
        #expect(matrix.count == 29)  // 35 bytes at level M need version 3: 29 × 29 modules
        // The three finder patterns: dark corners.
        #expect(matrix[0][0] && matrix[0][28] && matrix[28][0])
        let svg = try #require(QRCode.svg(for: "http://x/join/ABC234", title: "<扫码>"))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("&lt;扫码&gt;"))
        #expect(!svg.contains("<扫码>"))
    }
}

@Suite("Stopping gracefully")
struct DrainingTests {
    @Test("While the server drains after SIGTERM, /healthz answers 503 and the API still answers")
    func healthzWhileDraining() async throws {
        try await TestStore.with { database in
            let draining = Draining()
            let app = try await buildApplication(
                AppArguments(content: Fixture.content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }, draining: draining))
            try await app.test(.router) { client in
                #expect(try await client.call(.get, "/healthz").status == .ok)
                draining.begin()
                let answer = try await client.call(.get, "/healthz")
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.json == ["ok": false, "draining": true])
                // Requests keep being answered during the drain: only the health check says "going".
                #expect(try await client.call(.get, "/api/nothing-here").status == .notFound)
            }
        }
    }

    /// Records when the group asked it to stop, and whether the drain had begun by then.
    final class Witness: Service, Sendable {
        let seen = Mutex<(at: ContinuousClock.Instant, drained: Bool)?>(nil)
        let draining: Draining
        init(draining: Draining) { self.draining = draining }
        func run() async throws {
            try? await gracefulShutdown()
            seen.withLock { $0 = (ContinuousClock.now, draining.isDraining) }
        }
    }

    @Test("The drain runs before the services in front of it are asked to stop", arguments: [0.0, 0.2])
    func drainComesFirst(seconds: Double) async throws {
        let draining = Draining()
        let witness = Witness(draining: draining)
        let group = ServiceGroup(configuration: .init(
            services: [witness, DrainService(seconds: seconds, draining: draining, logger: Logger(label: "test"))],
            logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(50))
            let asked = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            let seen = try #require(witness.seen.withLock { $0 })
            #expect(seen.drained)
            #expect(seen.at - asked >= .milliseconds(Int(seconds * 1000)))
        }
    }
}
