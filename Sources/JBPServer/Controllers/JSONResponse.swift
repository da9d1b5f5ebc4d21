import Foundation
import Hummingbird
import JBPModel

/// Encodes a value as a JSON response. Views declare their snake_case keys themselves.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    var headers = headers
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// A JSON value as a response, written by hand (no Codable on the submission path).
func jsonResponse(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: value.jsonString())))
}

extension Request {
    /// The body as any JSON value (at most 1 MiB); not JSON is a 400.
    func jsonValue(context: AppRequestContext) async throws -> JSONValue {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            return try JSONValue.parse(bytes: buffer.readableBytesView)
        } catch {
            throw AppError(.badRequest, error.message)
        }
    }

    /// Decodes the JSON body; an empty or broken body is a 400 with one sentence.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ErrorMiddleware.describe(error)
        }
    }
}

extension Parameters {
    /// A numeric id from the path, or 404 (an id that is not a number names nothing).
    func id(_ name: String) throws -> Int64 {
        guard let text = get(name), let id = Int64(text), id > 0 else {
            throw AppError.notFound("There is nothing at this address.", zh: "这个地址没有内容。")
        }
        return id
    }
}

/// Cookies the server sets: HttpOnly, SameSite=Lax, for the whole site.
enum SetCookie {
    static func set(_ name: String, _ value: String, maxAge: Int = 180 * 24 * 3600) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: false, httpOnly: true, sameSite: .lax)
    }

    static func clear(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: false, httpOnly: true, sameSite: .lax)
    }
}
