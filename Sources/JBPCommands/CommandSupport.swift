import ArgumentParser
import Foundation
import JBPServer

/// A failure the user can act on: printed as one line `jbp: …` on standard error, exit status 1.
/// Never a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

enum Terminal {
    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints a failure as one line and gives the exit code to throw.
    static func fail(_ message: String) -> ExitCode {
        error("jbp: \(message)")
        return .failure
    }
}

/// A file a command cannot read, and why.
public struct FileReadError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    /// What is wrong, in a few words: `no such file`, `not UTF-8 text`, …
    public var problem: String
    public var description: String { "\(path): \(problem)" }
    /// The problem alone, for messages that name the file already.
    public var errorDescription: String? { problem }
}

enum Files {
    /// Files larger than this are refused rather than read into memory.
    static let maxBytes = 10_000_000

    /// The text of a file; a missing, unreadable, huge or non-UTF-8 file is refused naming it.
    static func readText(_ path: String) throws(FileReadError) -> String {
        func refusal(_ problem: String) -> FileReadError { FileReadError(path: path, problem: problem) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw refusal("no such file") }
        guard !isFolder.boolValue else { throw refusal("is a folder, not a file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else { throw refusal("is too large (more than \(maxBytes / 1_000_000) MB)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw refusal("cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw refusal("not UTF-8 text") }
        return text
    }

    /// The course root holding `path`: the nearest folder upwards with `course/course.yaml` or
    /// `exercises/`, so that `jbp render` knows the cases and exercises a file refers to.
    static func courseRoot(containing path: String) -> URL? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<8 {
            let manager = FileManager.default
            if manager.fileExists(atPath: folder.appendingPathComponent("course/course.yaml").path)
                || manager.fileExists(atPath: folder.appendingPathComponent("exercises/cases").path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

}

/// The course root a command works on: the folder holding `course/` and `exercises/`.
struct CourseRoot: ParsableArguments {
    @Argument(help: "The folder holding course/ and exercises/ (default: the current folder).")
    var root: String?

    /// The folder, refused in one line when it holds no course.
    func url() throws -> URL {
        let url = URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("course/course.yaml").path) else {
            throw CommandFailure("\(url.path): no course/course.yaml here (give the folder that holds course/ and exercises/)")
        }
        return url
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into one line on standard error and exit status 1.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            throw Terminal.fail(failure.message)
        } catch let failure as FileReadError {
            throw Terminal.fail(failure.description)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into one line on standard error and exit status 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            throw Terminal.fail(failure.message)
        } catch let failure as FileReadError {
            throw Terminal.fail(failure.description)
        }
    }
}

/// `--db`: where the server's data lives, for every command that opens it.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "An SQLite file (created on first start) or postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $DATABASE_URL, else jbp.sqlite).")
    var value: String?

    /// `--db`, else `DATABASE_URL`, else `jbp.sqlite` in the current folder.
    func location() throws -> StoreLocation {
        let text = value ?? ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "jbp.sqlite"
        do {
            return try StoreLocation(parsing: text)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Runs `body` on the opened store and closes it; a refusal (`AppError`) is one line naming the database.
    func withStore(_ body: (any ClassroomStore) async throws -> Void) async throws {
        let (store, location) = try await open()
        do {
            try await body(store)
        } catch let error as AppError {
            await store.close()
            throw CommandFailure("\(location): \(error.message)")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// Opens (and migrates) the store; any failure is one line.
    func open(migrate: Bool = true) async throws -> (store: any ClassroomStore, location: StoreLocation) {
        let location = try location()
        do {
            return (try await openStore(location, migrate: migrate), location)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
