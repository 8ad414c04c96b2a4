import ArgumentParser
import ErrataKit
import Foundation

/// `--model FILE`: the error model to check against instead of the built-in one.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A catalog in JSON form to use instead of the built-in model.", valueName: "FILE"))
    var model: String?

    /// The catalog, and where it is declared (for messages): `--model`, else the project
    /// file's model, else the built-in catalog.
    func catalog(in project: Project) throws -> (Catalog, source: String) {
        guard let model = project.optionalPath(model, \.model) else {
            if let product = project.file?.modelProduct {
                Terminal.error("\(ProjectFile.fileName): error: the model is the Swift product \(product) (model_product); "
                    + "run `swift package errata …` in its package, which builds it and passes its catalog, or pass --model FILE")
                throw ExitStatus.usageOrIO.exitCode
            }
            return (.concentrix, Checker.builtInModelSource)
        }
        do {
            return (try Catalog.load(from: model), DisplayPath.of(model))
        } catch {
            Terminal.error(error.description)
            throw ExitStatus.usageOrIO.exitCode
        }
    }
}
