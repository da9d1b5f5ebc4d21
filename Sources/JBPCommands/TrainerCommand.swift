import ArgumentParser
import Foundation
import JBPServer

/// `jbp trainer add NAME [--admin] [--password-stdin] [--db FILE|URL]`, `jbp trainer passwd NAME …`.
public struct TrainerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trainer", abstract: "Manage trainer accounts of the session server.", subcommands: [Add.self, Passwd.self])

    public init() {}

    /// `--password-stdin`: the password from standard input's first line, else a new one made up.
    struct PasswordInput: ParsableArguments {
        @Flag(help: "Read the password from standard input (its first line) instead of making one up.")
        var passwordStdin = false

        func password() throws -> String {
            guard passwordStdin else { return Secrets.password() }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("no password on standard input")
            }
            return line
        }
    }

    /// Adds a trainer account; prints a new password, or reads one from standard input.
    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a trainer account (the password is printed, or read from standard input).")

        @Argument(help: "The trainer's sign-in name.")
        var name: String

        @OptionGroup var input: PasswordInput

        @Flag(help: "An admin sees every session (the first account is an admin anyway).")
        var admin = false

        @OptionGroup var database: DatabaseOption

        public init() {}

        public func run() async throws {
            try await reportingFailures {
                let password = try input.password()
                try await database.withStore { store in
                    _ = try await Classroom.addTrainer(name: name, password: password, admin: admin, store: store)
                }
                print(input.passwordStdin ? "added trainer \(name)" : "added trainer \(name) with the password \(password)")
            }
        }
    }

    /// Sets a trainer's password (the admin's way to reset a forgotten one); every sign-in of theirs ends.
    public struct Passwd: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "passwd", abstract: "Set a trainer's password (printed, or read from standard input); their sign-ins end.")

        @Argument(help: "The trainer's sign-in name.")
        var name: String

        @OptionGroup var input: PasswordInput

        @OptionGroup var database: DatabaseOption

        public init() {}

        public func run() async throws {
            try await reportingFailures {
                let password = try input.password()
                try await database.withStore { store in
                    try await Classroom.setPassword(name: name, password: password, store: store)
                }
                print(input.passwordStdin ? "set the password of \(name)" : "set the password of \(name) to \(password)")
            }
        }
    }
}
