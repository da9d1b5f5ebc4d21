import Foundation
import Hummingbird

/// `POST /api/trainer/login`.
struct TrainerAPIController {
    let classroom: Classroom

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("/trainer/login") { request, context in
            let body = try await request.decodeJSON(LoginBody.self, context: context)
            let (trainer, token) = try await classroom.logIn(name: body.name, password: body.password, client: context.clientKey)
            var response = try jsonResponse(LoginAnswer(trainer: trainer.name, token: token))
            response.setCookie(SetCookie.set(CookieName.trainer, token, maxAge: Int(classroom.trainerTokenLife)))
            return response
        }
    }
}

/// `POST /api/join` and `POST /api/rejoin`.
struct JoinAPIController {
    let classroom: Classroom

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("/join") { request, context in
            let body = try await request.decodeJSON(JoinBody.self, context: context)
            let joined = try await classroom.join(code: body.joinCode, name: body.name, client: context.clientKey)
            var response = try jsonResponse(
                JoinAnswer(traineeId: joined.trainee.id, token: joined.token, sessionId: joined.session.id, reentryCode: joined.trainee.reentryCode))
            response.setCookie(SetCookie.set(CookieName.trainee, joined.token))
            return response
        }
        // The same trainee on another device (api.md "Identities that last").
        api.post("/rejoin") { request, context in
            let body = try await request.decodeJSON(RejoinBody.self, context: context)
            let joined = try await classroom.rejoin(code: body.joinCode, name: body.name, reentryCode: body.reentryCode, client: context.clientKey)
            var response = try jsonResponse(JoinAnswer(traineeId: joined.trainee.id, token: joined.token, sessionId: joined.session.id))
            response.setCookie(SetCookie.set(CookieName.trainee, joined.token))
            return response
        }
    }
}
