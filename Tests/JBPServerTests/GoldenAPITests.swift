import Foundation
import Grading
import Hummingbird
import HummingbirdTesting
import JBPModel
import JBPServer
import Testing

/// The API's exact answers on the real course, pinned in `Fixtures/golden/api.txt`: a class
/// opens every kind of exercise, two trainees hand in the bundled samples, the trainer
/// reveals, overrides and regrades, and every answer's status and bytes are compared with
/// the file. A change to any type on the way (the JSON value, the grade, the submission)
/// shows here first. `JBP_GOLDEN=record swift test --filter GoldenAPI` rewrites the file
/// after a change that is meant; the diff is then the review.
@Suite("Golden API answers")
struct GoldenAPITests {
    static let root = CourseIntegrationTests.root
    static let golden = root.appendingPathComponent("Tests/JBPServerTests/Fixtures/golden/api.txt")

    /// A sample's `answers` or `plan`, as the API takes it.
    static func sample(_ exercise: String, _ name: String) throws -> JSONValue {
        let text = try String(contentsOf: root.appendingPathComponent("exercises/\(exercise)/samples/\(name).yaml"), encoding: .utf8)
        guard case .success(let value) = Submission.parse(text) else { throw GoldenError("\(exercise)/\(name) does not parse") }
        var members: [String: JSONValue] = [:]
        for key in ["answers", "plan"] { if let part = value[key] { members[key] = part } }
        return .object(members)
    }

    struct GoldenError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The answers of the scenario, one block per request: `METHOD PATH → STATUS` and the body,
    /// with what changes from run to run (tokens, join codes, times) replaced by placeholders.
    static func transcript() async throws -> String {
        let content = try ServerCourse.load(root: root)
        return try await TestStore.with { database in
            _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
            let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
            let lines = Lines()
            try await app.test(.router) { client in
                func record(_ method: HTTPRequest.Method, _ path: String, as who: Who = .nobody, json: JSONValue? = nil) async throws -> Answer {
                    let answer = try await client.call(method, path, as: who, json: json, contentType: method == .delete ? "application/json" : nil)
                    var text = answer.text
                    text = text.replacing(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/, with: "<time>")
                    text = text.replacing(/"late_seconds":\d+(\.\d+)?/, with: "\"late_seconds\":<seconds>")
                    lines.append("\(method) \(path) → \(answer.status.code)\n\(text)\n")
                    return answer
                }
                let token = try await client.trainerToken()
                lines.secret(token, "<trainer-token>")
                let trainer = Who.bearer(token)
                let created = try await record(.post, "/api/sessions", as: trainer,
                                               json: ["title": "华东区 JBP 班", "starts_on": "2026-03-02", "ends_on": "2026-03-03",
                                                      "homework_due": "2099-12-31", "time_zone": "Asia/Shanghai"])
                let code = try #require(created.json["join_code"]?.string)
                lines.secret(code, "<join-code>")
                let session = Int64(try #require(created.json["id"]?.number))
                let exercises = ["quiz-m1-jbp", "review-hengda", "segment-portfolio", "text-vito-letter", "plan-homework"]
                for exercise in exercises {
                    _ = try await record(.patch, "/api/sessions/\(session)/exercises/\(exercise)", as: trainer, json: ["open": true])
                }
                _ = try await record(.get, "/api/sessions/\(session)", as: trainer)
                var trainees: [Who] = []
                for name in ["甲", "乙"] {
                    let joined = try await record(.post, "/api/join", json: ["join_code": .string(code), "name": .string(name)])
                    let traineeToken = try #require(joined.json["token"]?.string)
                    lines.secret(traineeToken, "<trainee-token-\(name)>")
                    lines.secret(try #require(joined.json["reentry_code"]?.string), "<reentry-code-\(name)>")
                    trainees.append(.bearer(traineeToken))
                }
                let (a, b) = (trainees[0], trainees[1])
                var ids: [String: Int64] = [:]
                _ = try await record(.get, "/api/me/exercises", as: a)
                // Every kind: a partial and a full answer, a blank one, one that cannot be read.
                for (who, exercise, name) in [
                    (a, "quiz-m1-jbp", "partial"), (a, "quiz-m1-jbp", "full"), (b, "quiz-m1-jbp", "unreadable"),
                    (a, "review-hengda", "partial"), (b, "review-hengda", "full"),
                    (a, "segment-portfolio", "partial"), (a, "text-vito-letter", "full"), (b, "text-vito-letter", "partial"),
                    (a, "plan-homework", "partial"), (b, "plan-homework", "absurd"),
                ] {
                    let sent = try await record(.post, "/api/me/exercises/\(exercise)/submissions", as: who, json: try Self.sample(exercise, name))
                    if let id = sent.json["submission_id"]?.number { ids["\(exercise)/\(name)"] = Int64(id) }
                }
                _ = try await record(.post, "/api/me/exercises/quiz-m1-jbp/submissions", as: b, json: ["answers": [:]])
                _ = try await record(.get, "/api/me/submissions", as: a)
                _ = try await record(.get, "/api/me/plan", as: a)
                // Outside the sample's period (2026), then within it, then the same day corrected.
                _ = try await record(.post, "/api/me/plan/checkins", as: a, json: ["date": "2027-03-31", "values": ["M1": 2_000_000]])
                _ = try await record(.post, "/api/me/plan/checkins", as: a, json: ["date": "2026-03-31", "values": ["M1": 2_000_000, "M3": 50]])
                _ = try await record(.post, "/api/me/plan/checkins", as: a, json: ["date": "2026-03-31", "values": ["M1": 2_400_000, "M3": 48]])
                _ = try await record(.get, "/api/sessions/\(session)/results", as: trainer)
                _ = try await record(.get, "/api/sessions/\(session)/exercises/review-hengda/stats", as: trainer)
                _ = try await record(.get, "/api/sessions/\(session)/plans", as: trainer)
                _ = try await record(.post, "/api/submissions/\(try #require(ids["review-hengda/partial"]))/override", as: trainer, json: ["score": 30, "comment": "讲师复核"])
                _ = try await record(.post, "/api/submissions/\(try #require(ids["text-vito-letter/full"]))/rubric", as: trainer, json: ["scores": ["result_first": 2]])
                _ = try await record(.post, "/api/sessions/\(session)/regrade", as: trainer, json: ["exercise": "review-hengda"])
                for exercise in exercises {
                    _ = try await record(.patch, "/api/sessions/\(session)/exercises/\(exercise)", as: trainer, json: ["revealed": true])
                }
                _ = try await record(.get, "/api/me/submissions", as: b)
                _ = try await record(.get, "/api/me/exercises", as: b)
                _ = try await record(.get, "/api/sessions/\(session)/grades.csv", as: trainer)
            }
            return lines.text
        }
    }

    /// Collects the transcript from inside the test client's closure; what differs from run
    /// to run (tokens, the join code) is replaced wherever it appears, also before it was known.
    final class Lines: @unchecked Sendable {
        private var blocks: [String] = []
        private var secrets: [(String, String)] = []
        private let lock = NSLock()
        func append(_ block: String) { lock.withLock { blocks.append(block) } }
        func secret(_ value: String, _ name: String) { lock.withLock { secrets.append((value, name)) } }
        var text: String {
            lock.withLock {
                var text = blocks.joined(separator: "\n")
                for (value, name) in secrets { text = text.replacingOccurrences(of: value, with: name) }
                return text
            }
        }
    }

    @Test("Every answer of the scenario is the golden file's, byte for byte")
    func answersAreGolden() async throws {
        let text = try await Self.transcript()
        if ProcessInfo.processInfo.environment["JBP_GOLDEN"] == "record" {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        // Block by block, so that a difference names the request it is in.
        let got = text.components(separatedBy: "\n\n"), want = expected.components(separatedBy: "\n\n")
        for (index, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("answer \(index + 1) differs:\n--- golden\n\(w)\n--- now\n\(g)")
        }
        #expect(got.count == want.count)
    }
}
