import ArgumentParser
import Foundation

@main
struct Errata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errata",
        abstract: "Build and check an API's error-code reference from Markdown.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, ModelCommand.self, NewCommand.self, InitCommand.self]
    )

    /// Runs the command line with Errata's exit statuses: 0 success, 1 content
    /// errors, 2 usage or I/O failure (ArgumentParser's own usage status is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usageOrIO.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// The statuses Errata exits with; CI scripts depend on them.
enum ExitStatus: Int32 {
    case success = 0
    case contentErrors = 1
    case usageOrIO = 2

    var exitCode: ExitCode { ExitCode(rawValue) }
}
