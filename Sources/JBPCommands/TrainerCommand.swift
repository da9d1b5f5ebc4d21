import ArgumentParser
import Foundation
import JBPServer

/// `jbp trainer add NAME [--password-stdin] [--db FILE]`.
public struct TrainerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trainer", abstract: "Manage trainer accounts of the session server.", subcommands: [Add.self])

    public init() {}

    /// Adds a trainer account; prints a new password, or reads one from standard input.
    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a trainer account (the password is printed, or read from standard input).")

        @Argument(help: "The trainer's sign-in name.")
        var name: String

        @Flag(help: "Read the password from standard input (its first line) instead of making one up.")
        var passwordStdin = false

        @Option(help: "The SQLite database file.")
        var db = "jbp.sqlite"

        public init() {}

        public func run() async throws {
            try await reportingFailures {
                let password: String
                if passwordStdin {
                    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                        throw CommandFailure("no password on standard input")
                    }
                    password = line
                } else {
                    password = Secrets.password()
                }
                do {
                    let database = try AppDatabase.open(path: db)
                    _ = try await Classroom.addTrainer(name: name, password: password, store: database)
                } catch let error as AppError {
                    throw CommandFailure("\(db): \(error.message)")
                }
                if passwordStdin {
                    print("added trainer \(name)")
                } else {
                    print("added trainer \(name) with the password \(password)")
                }
            }
        }
    }
}
