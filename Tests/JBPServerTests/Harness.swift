import Foundation
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// The trainer every test app has.
let trainerName = "trainer"
let trainerPassword = "correct horse battery"
/// A second trainer (not an admin: the first account is), who owns none of the first one's sessions.
let otherTrainerName = "other-trainer"

/// Builds the real application (the same `buildApplication` as `jbp serve`) on a fresh
/// store (`TestStore`: SQLite in memory, or PostgreSQL) with the fixture course, and runs `body` against it.
func withApp(
    freeFailures: Int = 5, _ body: @Sendable (any TestClientProtocol, any ClassroomStore) async throws -> Void
) async throws {
    try await TestStore.with { database in
        _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
        let app = try await buildApplication(
            AppArguments(content: Fixture.content, store: database, bcryptCost: 4, freeFailures: freeFailures, logLevel: .critical, announce: { _ in }))
        try await app.test(.router) { client in try await body(client, database) }
    }
}

/// An answer: status, headers and body as JSON (null when it is not JSON).
struct Answer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: JSONValue { JSONValue.parse(text) ?? .null }

    /// The value of a Set-Cookie header named `name`.
    func cookie(_ name: String) -> String? {
        for field in headers[values: .setCookie] where field.hasPrefix(name + "=") {
            return String(field.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    func setCookieLine(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}

/// How a request says who it is.
enum Who: Sendable {
    case nobody
    case bearer(String)
    case cookies([String: String])

    func apply(to headers: inout HTTPFields) {
        switch self {
        case .nobody: break
        case .bearer(let token): headers[.authorization] = "Bearer " + token
        case .cookies(let cookies): headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
    }
}

extension TestClientProtocol {
    /// Sends a JSON request (body encoded from a JSONValue) and returns the answer.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, as who: Who = .nobody, json: JSONValue? = nil, contentType: String? = nil) async throws -> Answer {
        var headers = HTTPFields()
        who.apply(to: &headers)
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(string: json.jsonString())
            headers[.contentType] = contentType ?? "application/json"
        } else if let contentType {
            headers[.contentType] = contentType
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Sends raw bytes.
    @discardableResult
    func raw(_ method: HTTPRequest.Method, _ uri: String, as who: Who = .nobody, body: String, contentType: String, extraHeaders: HTTPFields = [:]) async throws -> Answer {
        var headers = extraHeaders
        who.apply(to: &headers)
        headers[.contentType] = contentType
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
            Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Logs a trainer in (the first, unless named) and returns its Bearer token.
    func trainerToken(name: String = trainerName) async throws -> String {
        let answer = try await call(.post, "/api/trainer/login", json: ["name": .string(name), "password": .string(trainerPassword)])
        #expect(answer.status == .ok)
        return try #require(answer.json["token"]?.string)
    }

    /// Creates a session as the trainer; returns its id and join code.
    func newSession(_ token: String, title: String = "华东区 2026 春季班") async throws -> (id: Int64, code: String) {
        let answer = try await call(
            .post, "/api/sessions", as: .bearer(token),
            json: ["title": .string(title), "starts_on": "2026-03-02", "ends_on": "2026-03-03", "homework_due": "2026-03-31"])
        #expect(answer.status == .created)
        let id = try #require(answer.json["id"]?.number)
        return (Int64(id), try #require(answer.json["join_code"]?.string))
    }

    /// Opens (or changes) an exercise in a session.
    func setExercise(_ token: String, session: Int64, _ exercise: String, open: Bool? = nil, revealed: Bool? = nil) async throws {
        var body: [String: JSONValue] = [:]
        if let open { body["open"] = .bool(open) }
        if let revealed { body["revealed"] = .bool(revealed) }
        let answer = try await call(.patch, "/api/sessions/\(session)/exercises/\(exercise)", as: .bearer(token), json: .object(body))
        #expect(answer.status == .ok)
    }

    /// Joins a session; returns the trainee's id and token.
    func join(_ code: String, name: String) async throws -> (id: Int64, token: String) {
        let answer = try await call(.post, "/api/join", json: ["join_code": .string(code), "name": .string(name)])
        #expect(answer.status == .ok, "join answered \(answer.status): \(answer.text)")
        return (Int64(try #require(answer.json["trainee_id"]?.number)), try #require(answer.json["token"]?.string))
    }

    /// Submits answers to an exercise as a trainee.
    func submit(_ token: String, _ exercise: String, answers: JSONValue) async throws -> Answer {
        try await call(.post, "/api/me/exercises/\(exercise)/submissions", as: .bearer(token), json: ["answers": answers])
    }
}

