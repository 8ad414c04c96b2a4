import ArgumentParser
import ErrataKit

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the error model as JSON, the form --model reads.",
        discussion: """
            With --model FILE, prints that catalog after checking it, normalised. With --schema, \
            prints the JSON Schema (draft 2020-12) of the model file instead, for editors to \
            check model.json with.
            """
    )

    @Flag(help: "Print the JSON Schema of the model file.")
    var schema = false

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        if schema {
            Terminal.print(Catalog.jsonSchema)
            return
        }
        let project = Project.load()
        try project.requireValid()
        let (catalog, _) = try modelOptions.catalog(in: project)
        Terminal.print(String(decoding: catalog.jsonData(), as: UTF8.self))
    }
}
