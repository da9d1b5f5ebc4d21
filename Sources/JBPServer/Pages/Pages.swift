import Foundation
import Grading
import Hummingbird
import JBPModel
import Mustache
import Synchronization

/// The web pages: the product. Rendered on the server from the Mustache templates in
/// Resources/templates (which escape every `{{value}}`), styled and scripted by files jbp
/// serves itself, so a classroom without internet works.
struct Pages: Sendable {
    let classroom: Classroom
    let library: MustacheLibrary
    let css: ByteBuffer
    let js: ByteBuffer
    /// The plan builder's script (only its page loads it).
    let planJS: ByteBuffer
    /// Rendered exercise forms and grades, which are the same for many requests.
    let renderCache = RenderCache()
    /// A one-time message shown on the next page a trainee or trainer sees (after a redirect).
    let flashes = FlashBox()

    static func load(classroom: Classroom) async throws -> Pages {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ResourcesMissing(path: Bundle.module.bundlePath)
        }
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        guard library.getTemplate(named: "layout") != nil else { throw ResourcesMissing(path: resources.path) }
        let css = try Data(contentsOf: resources.appendingPathComponent("static/app.css"))
        let js = try Data(contentsOf: resources.appendingPathComponent("static/app.js"))
        let planJS = try Data(contentsOf: resources.appendingPathComponent("static/plan.js"))
        return Pages(
            classroom: classroom, library: library, css: ByteBuffer(bytes: css), js: ByteBuffer(bytes: js), planJS: ByteBuffer(bytes: planJS))
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: css))
        }
        for (path, script) in [("/static/app.js", js), ("/static/plan.js", planJS)] {
            router.get(RouterPath(path)) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                    body: .init(byteBuffer: script))
            }
        }
        addTrainerRoutes(to: router)
        addTraineeRoutes(to: router)
    }

    // MARK: Rendering

    /// The page language: `?lang=` (remembered in a cookie), else the cookie, else Chinese.
    func language(_ request: Request) -> (Language, switched: Bool) {
        // Asked several times per page: the query is only parsed when it names a language.
        if request.uri.query?.contains("lang=") == true,
           let asked = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return (asked, true) }
        if let cookie = request.cookies[CookieName.language]?.value, let language = Language(rawValue: cookie) { return (language, false) }
        return (.zh, false)
    }

    /// Renders a template inside the layout, with the words of the page's language, the CSRF
    /// token for its forms, and any flash message.
    func render(
        _ template: String, _ data: [String: Any], title: String, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, csrf given: String? = nil
    ) -> Response {
        let csrf = given ?? csrfToken(request)
        let html = renderPage(template, data, title: title, request: request, context: context, csrf: csrf)
        return htmlResponse(html, request: request, csrf: csrf, status: status)
    }

    /// The HTML of a page (see `render`).
    func renderPage(_ template: String, _ data: [String: Any], title: String, request: Request, context: AppRequestContext, csrf: String) -> String {
        let language = language(request).0
        var page = data
        page["t"] = language.strings
        page["htmlLang"] = language.htmlLang
        page["switchURL"] = request.uri.path + "?lang=" + (language == .zh ? "en" : "zh")
        page["csrf"] = csrf
        page["pageTitle"] = title
        if let trainer = context.trainer { page["signedInTrainer"] = trainer.name }
        if let key = flashKey(context), let flash = flashes.take(key) { page["flash"] = flash }
        return library.render(page, withTemplate: template) ?? "template \(template) failed"
    }

    /// An HTML response, setting the CSRF and language cookies when they are new.
    func htmlResponse(_ html: String, request: Request, csrf: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        if csrf != request.cookies[CookieName.csrf]?.value { response.setCookie(SetCookie.set(CookieName.csrf, csrf)) }
        let (language, switched) = language(request)
        if switched { response.setCookie(SetCookie.set(CookieName.language, language.rawValue)) }
        return response
    }

    /// The browser's CSRF token (the cookie's), or a new one that `render` will set.
    func csrfToken(_ request: Request) -> String {
        let existing = request.cookies[CookieName.csrf]?.value ?? ""
        return existing.count >= 32 ? existing : Secrets.token(prefix: "")
    }

    /// A 303 to `location` (after a form, so that reloading does not post it again).
    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    func flashKey(_ context: AppRequestContext) -> String? {
        if let trainer = context.trainer { return "trainer:\(trainer.id)" }
        if let trainee = context.trainee { return "trainee:\(trainee.id)" }
        return nil
    }

    func flash(_ message: String, for context: AppRequestContext) {
        if let key = flashKey(context) { flashes.put(key, message) }
    }

    func words(_ request: Request) -> [String: String] { language(request).0.strings }
}

/// The templates and static files did not come with the binary.
struct ResourcesMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "The server's templates are missing (looked in \(path)); keep jbp_JBPServer.resources beside the jbp binary." }
}

/// Rendered HTML kept by key, split at `hole` so that per-request values (the CSRF token) can
/// be put in without rendering again. Bounded: forgets everything when full.
final class RenderCache: Sendable {
    /// Marks where a per-request value goes in a kept render.
    static let hole = "\u{1}"
    /// A second kind of hole, filled by the caller before the first.
    static let hole2 = "\u{2}"
    private let entries = Mutex<[String: Kept]>([:])
    private let maxEntries = 50_000

    /// A kept render, cut at its holes once, when it is kept: filling it is appending its
    /// pieces and the values (a profile of the module page found 25 % of its time in
    /// Foundation's `replacingOccurrences` searching 50 kB for a hole on every request).
    struct Kept: Sendable {
        enum Piece: Sendable {
            case text(String)
            case hole
            case hole2
        }
        let pieces: [Piece]
        let length: Int

        init(_ text: String) {
            var pieces: [Piece] = []
            var start = text.utf8.startIndex
            var index = start
            let utf8 = text.utf8
            while index < utf8.endIndex {
                let byte = utf8[index]
                if byte == 0x01 || byte == 0x02 {
                    if start < index { pieces.append(.text(String(text[start..<index]))) }
                    pieces.append(byte == 0x01 ? .hole : .hole2)
                    start = utf8.index(after: index)
                }
                index = utf8.index(after: index)
            }
            if start < utf8.endIndex { pieces.append(.text(String(text[start...]))) }
            self.pieces = pieces
            length = text.utf8.count
        }

        /// The render with `hole` and `hole2` put in where they stand.
        func filled(_ hole: String = "", _ hole2: String = "") -> String {
            var out = ""
            out.reserveCapacity(length + hole.utf8.count + hole2.utf8.count)
            for piece in pieces {
                switch piece {
                case .text(let text): out += text
                case .hole: out += hole
                case .hole2: out += hole2
                }
            }
            return out
        }
    }

    func pieces(_ key: String, render: () -> String) -> Kept {
        if let kept = entries.withLock({ $0[key] }) { return kept }
        let kept = Kept(render())
        entries.withLock { entries in
            if entries.count >= maxEntries { entries.removeAll() }
            entries[key] = kept
        }
        return kept
    }
}

/// One-time messages by person, kept in memory (bounded).
final class FlashBox: Sendable {
    private let messages = Mutex<[String: String]>([:])

    func put(_ key: String, _ message: String) {
        messages.withLock { box in
            if box.count > 10_000 { box.removeAll() }
            box[key] = message
        }
    }

    func take(_ key: String) -> String? {
        messages.withLock { $0.removeValue(forKey: key) }
    }
}

/// Numbers as the pages show them: no trailing `.0`, at most 4 decimals.
func show(_ number: Double) -> String {
    if number == number.rounded() && abs(number) < 1e15 { return String(Int64(number)) }
    var text = String(format: "%.4f", number)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// A JSON answer as a person reads it: numbers shown plainly, lists joined, text as written.
func show(_ value: JSONValue?) -> String {
    guard let value else { return "" }
    switch value {
    case .null: return ""
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return show(number)
    case .string(let text): return text
    case .array(let items): return items.map { show($0) }.joined(separator: ", ")
    case .object: return value.jsonString()
    }
}

/// Only the values that are present and not empty: a Mustache section shows for any string, even "".
func nonEmpty(_ values: [String: String?]) -> [String: Any] {
    var kept: [String: Any] = [:]
    for (key, value) in values {
        if let value, !value.isEmpty { kept[key] = value }
    }
    return kept
}
