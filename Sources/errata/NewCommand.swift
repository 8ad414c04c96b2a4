import ArgumentParser
import ErrataKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Add an empty section for a model code to its type's page.",
        discussion: """
            Inserts `### CODE` with a description to write, the JSON sample the model predicts \
            and empty sub-sections, in alphabetical place among the codes of its type. \
            Exit status: 0 added, 1 refused (unknown or already documented code, no page for \
            its type; nothing is written), 2 usage or I/O failure (also a read-only page, or one \
            that kept changing while the section was added). The page is written in place: it \
            keeps its mode, owner and hard links, and text appended to it meanwhile.
            """
    )

    @Argument(help: ArgumentHelp("The error code, as the model names it.", valueName: "CODE"))
    var code: String

    @Option(help: ArgumentHelp("The folder of Markdown pages (default: Content, or the project file's).", valueName: "DIR"))
    var content: String?

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let project = Project.load()
        try project.requireValid()
        let (catalog, modelSource) = try modelOptions.catalog(in: project)
        let added: SectionScaffold.AddedSection
        do {
            added = try SectionScaffold(catalog: catalog, modelSource: modelSource)
                .add(code, toPagesIn: project.path(content, \.content, default: "Content"))
        } catch let refusal as ScaffoldError {
            Terminal.error(refusal.description)
            throw ExitStatus.contentErrors.exitCode
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        Terminal.error(([added.summary] + added.warnings).joined(separator: "\n"))
    }
}
