import ArgumentParser
import ErrataKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a project: errata.yml, a model, an overview and one documented code.",
        discussion: """
            Writes errata.yml, model.json (one error type, one code), \
            Content/docs/errors/_index.md and the type's page in DIR (default: here), so that \
            `errata check --strict` passes and `errata build` builds at once. With --templates, \
            also copies the built-in theme into DIR/Templates for editing (in a folder that \
            already has errata.yml, it only does that). Never replaces a file: if one is \
            there, nothing is written. Exit status: 0 written, 2 usage error, a file already \
            there or an I/O failure.
            """
    )

    @Argument(help: ArgumentHelp("The project's folder, made if need be.", valueName: "DIR"))
    var directory = "."

    @Option(help: ArgumentHelp("The API's or company's name, shown in every page's header and title.", valueName: "NAME"))
    var name: String?

    @Flag(help: "Copy the built-in theme into Templates/ for editing.")
    var templates = false

    func validate() throws {
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--name needs a name, such as --name \"Acme\"")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let hasProject = FileManager.default.fileExists(atPath: folder.appendingPathComponent(ProjectFile.fileName).path)
        var written: [String] = []
        do throws(LoadError) {
            if !(templates && hasProject) {
                guard let name else {
                    throw LoadError(path: DisplayPath.of(folder), message: "give the project a name: errata init --name \"Acme\"")
                }
                try ProjectScaffold(name: name).write(to: folder)
                written.append("\(ProjectFile.fileName), model.json, Content/")
            }
            if templates {
                try BuiltInTheme.write(to: folder.appendingPathComponent("Templates"))
                written.append("Templates/")
            }
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.usageOrIO.exitCode
        }
        Terminal.error("errata: wrote \(written.joined(separator: " and ")) in \(DisplayPath.of(folder))/; "
            + "next: errata check --strict, errata build, errata serve")
    }
}
