import ArgumentParser
import ErrataKit
import Foundation

/// `--model FILE`: the error model to check against instead of the built-in one.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A catalog in JSON form to use instead of the built-in model.", valueName: "FILE"))
    var model: String?

    /// The catalog, and where it is declared (for messages).
    func catalog() throws -> (Catalog, source: String) {
        guard let model else { return (.concentrix, Checker.builtInModelSource) }
        do {
            return (try Catalog.load(from: URL(fileURLWithPath: model)), DisplayPath.relative(model))
        } catch {
            Terminal.error(error.description)
            throw ExitStatus.usageOrIO.exitCode
        }
    }
}
