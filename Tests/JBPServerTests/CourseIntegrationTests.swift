import Foundation
import Hummingbird
import HummingbirdTesting
import JBPServer
import Testing

/// The server on the project's own course and exercises, graded by the real grader.
@Suite("The real course")
struct CourseIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The course loads with every module and exercise, and every exercise slot names a loaded exercise")
    func loads() throws {
        let content = try ServerCourse.load(root: Self.root)
        #expect(content.modules.count == 7)
        #expect(content.modules.map(\.order) == Array(1...7))
        #expect(content.exercises.count == 14)
        for module in content.modules {
            for id in module.exerciseIDs { #expect(content.exercise(id) != nil, "\(module.id) places unknown exercise \(id)") }
        }
        let quiz = try #require(content.exercise("quiz-m1-jbp"))
        #expect(quiz.kind == .quiz && quiz.attempts == 2)
        #expect(quiz.questions.first { $0.id == "occasions" }?.input == .choices)
        let review = try #require(content.exercise("review-hengda"))
        #expect(review.variants)
        #expect(review.questions.contains { $0.id == "roi" && $0.input == .number })
        #expect(content.exercise("segment-portfolio")?.questions.allSatisfy { $0.input == .segment } == true)
        #expect(content.exercise("text-vito-letter")?.rubric.isEmpty == false)
    }

    @Test("Quiz answers are graded by the grader; a review variant is graded on the trainee's own figures")
    func grading() async throws {
        let content = try ServerCourse.load(root: Self.root)
        let database = try AppDatabase.inMemory()
        _ = try await Classroom.addTrainer(name: trainerName, password: trainerPassword, store: database, cost: 4)
        let app = try await buildApplication(AppArguments(content: content, store: database, bcryptCost: 4, logLevel: .critical, announce: { _ in }))
        try await app.test(.router) { client in
            let token = try await client.trainerToken()
            let session = try await client.newSession(token)
            try await client.setExercise(token, session: session.id, "quiz-m1-jbp", open: true)
            try await client.setExercise(token, session: session.id, "review-hengda", open: true)
            let a = try await client.join(session.code, name: "甲")
            let b = try await client.join(session.code, name: "乙")

            let quiz = try await client.submit(a.token, "quiz-m1-jbp", answers: ["purpose": "b", "difference": "b", "occasions": ["a", "b", "c"]])
            #expect(quiz.status == .created)
            #expect(quiz.json["score"] == 4)
            #expect(quiz.json["max_score"] == 10)

            // Each trainee's case differs; the grade is computed on its own variant.
            let exercisesA = try await client.call(.get, "/api/me/exercises", as: .bearer(a.token))
            let exercisesB = try await client.call(.get, "/api/me/exercises", as: .bearer(b.token))
            let dataA = try #require(exercisesA.json["exercises"]?.array?.first { $0["id"] == "review-hengda" }?["data"])
            let dataB = try #require(exercisesB.json["exercises"]?.array?.first { $0["id"] == "review-hengda" }?["data"])
            #expect(dataA["sales"]?["actual"] != dataB["sales"]?["actual"])

            let miss = try await client.submit(b.token, "review-hengda", answers: ["roi": 0])
            #expect(miss.json["variant"] == 2)
            #expect(miss.json["items"]?.array?.first { $0["id"] == "roi" }?["expected"] == nil)
            try await client.setExercise(token, session: session.id, "review-hengda", revealed: true)
            let mine = try await client.call(.get, "/api/me/submissions", as: .bearer(b.token))
            let expected = try #require(mine.json["submissions"]?.array?.first?["grade"]?["items"]?.array?.first { $0["id"] == "roi" }?["expected"]?.number)
            let hit = try await client.submit(b.token, "review-hengda", answers: ["roi": .number(expected)])
            #expect(hit.json["items"]?.array?.first { $0["id"] == "roi" }?["correct"] == true)
            #expect(expected != 0.0919325)  // not the base case's ROI: the variant's
        }
    }
}
