import ArgumentParser
import ErrataKit
import Foundation

/// `--templates DIR`: the templates and assets to render with. Without it, `Templates`
/// when there is such a folder here, else the theme built into the binary.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The folder of Mustache templates and assets. Without it, Templates when there is one, "
            + "else the built-in theme.",
        valueName: "DIR"))
    var templates: String?

    /// The folder the default name stands for.
    static let defaultFolder = "Templates"

    /// The folder to read — `--templates`, else the project file's, else `Templates`
    /// when it is there — or `nil` for the built-in theme.
    func folder(in project: Project) -> URL? {
        if let folder = project.optionalPath(templates, \.templates) { return folder }
        let beside = project.file?.file.deletingLastPathComponent().appendingPathComponent(Self.defaultFolder)
            ?? URL(fileURLWithPath: Self.defaultFolder)
        return FileManager.default.fileExists(atPath: beside.path) ? beside : nil
    }

    /// The templates: the folder's, or the built-in theme's.
    func load(in project: Project) throws(TemplateError) -> TemplateSet {
        try TemplateSet.load(fromFolderOrBuiltIn: folder(in: project))
    }
}
