import Foundation
import Hummingbird

/// The trainer's pages for identities: a trainee's new re-entry code, deleting a trainee or a
/// session after a page that names what goes, the session's trainers, one's own password.
extension Pages {
    func reissueReentry(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        let code = try await classroom.reissueReentryCode(trainee: trainee.id)
        flash(words(request)["reentryReissued"]! + " " + code, for: context)
        return redirect("/trainer/sessions/\(session.id)/trainees/\(trainee.id)")
    }

    func confirmDeleteTrainee(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        let counts = try await classroom.deletionCounts(session: session.id, trainee: trainee.id)
        let t = words(request)
        return render(
            "confirm-delete",
            [
                "heading": t["deleteTrainee"]! + "：" + trainee.name, "action": "/trainer/sessions/\(session.id)/trainees/\(trainee.id)/delete",
                "back": "/trainer/sessions/\(session.id)/trainees/\(trainee.id)",
                "items": [
                    ["text": "\(trainee.name)"], ["text": "\(counts.submissions) \(t["deleteSubmissionsCount"]!)"],
                    ["text": "\(counts.checkIns) \(t["deleteCheckInsCount"]!)"],
                ],
            ], title: t["deleteTrainee"]!, request: request, context: context)
    }

    func deleteTrainee(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        try await classroom.deleteTrainee(trainee.id)
        flash(words(request)["deleted"]!, for: context)
        return redirect("/trainer/sessions/\(session.id)/roster")
    }

    func confirmDeleteSession(request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await classroom.session(try context.parameters.id("id"))
        let counts = try await classroom.deletionCounts(session: session.id)
        let t = words(request)
        return render(
            "confirm-delete",
            [
                "heading": t["deleteSession"]! + "：" + session.title, "action": "/trainer/sessions/\(session.id)/delete",
                "back": "/trainer/sessions/\(session.id)",
                "items": [
                    ["text": session.title + " (" + session.startsOn + " – " + session.endsOn + ")"],
                    ["text": "\(counts.trainees) \(t["deleteTraineesCount"]!)"], ["text": "\(counts.submissions) \(t["deleteSubmissionsCount"]!)"],
                    ["text": "\(counts.checkIns) \(t["deleteCheckInsCount"]!)"],
                ],
            ], title: t["deleteSession"]!, request: request, context: context)
    }

    func deleteSession(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        try await classroom.deleteSession(session.id)
        flash(words(request)["deleted"]!, for: context)
        return redirect("/trainer")
    }

    func mergeTrainee(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        let trainee = try await classroom.trainee(try context.parameters.id("trainee"), in: session.id)
        guard let into = form["into"].flatMap(Int64.init) else {
            throw AppError.badRequest("Choose the trainee to merge into.", zh: "请选择要合并到的学员。")
        }
        let merged = try await classroom.merge(trainee: trainee.id, into: into)
        flash(words(request)["merged"]! + " " + merged.trainee.name, for: context)
        return redirect("/trainer/sessions/\(session.id)/trainees/\(merged.trainee.id)")
    }

    func archiveSession(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.setArchived(try context.parameters.id("id"), true)
        flash(words(request)["sessionArchived"]!, for: context)
        return redirect("/trainer/sessions/\(session.id)")
    }

    func restoreSession(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.setArchived(try context.parameters.id("id"), false)
        flash(words(request)["sessionRestored"]!, for: context)
        return redirect("/trainer/sessions/\(session.id)")
    }

    func addSessionTrainer(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let session = try await classroom.session(try context.parameters.id("id"))
        let t = words(request)
        do {
            let added = try await classroom.addTrainer(named: form["name"] ?? "", toSession: session.id)
            flash(t["trainerAdded"]! + " " + added.name, for: context)
        } catch let error as AppError where error.status == .notFound {
            flash(t["noSuchTrainer"]!, for: context)
        }
        return redirect("/trainer/sessions/\(session.id)")
    }

    func passwordPage(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireTrainer()
        return render("trainer-password", [:], title: words(request)["changePassword"]!, request: request, context: context)
    }

    /// A trainer's own password: the current one first, the new one twice. Every sign-in ends.
    func changePassword(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.csrfCheckedForm(context: context)
        let trainer = try context.requireTrainer()
        let t = words(request)
        let new = form["new"] ?? ""
        let problem: String?
        if try await !classroom.checkPassword(of: trainer, form["current"] ?? "") {
            problem = t["wrongPassword"]
        } else if new != (form["again"] ?? "") {
            problem = t["passwordMismatch"]
        } else if new.count < 8 {
            problem = t["passwordTooShort"]
        } else {
            problem = nil
        }
        if let problem {
            return render("trainer-password", ["error": problem], title: t["changePassword"]!, request: request, context: context, status: .badRequest)
        }
        try await classroom.setPassword(of: trainer, to: new)
        flash(t["passwordChanged"]!, for: context)
        var response = redirect("/trainer/login")
        response.setCookie(SetCookie.clear(CookieName.trainer))
        return response
    }
}
