import ArgumentParser
import ErrataKit

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the error model as JSON, the form --model reads.",
        discussion: "With --model FILE, prints that catalog after checking it, normalised."
    )

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let project = Project.load()
        try project.requireValid()
        let (catalog, _) = try modelOptions.catalog(in: project)
        Terminal.print(String(decoding: catalog.jsonData(), as: UTF8.self))
    }
}
