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

    /// The folder to read, or `nil` for the built-in theme.
    var folder: URL? {
        if let templates { return URL(fileURLWithPath: templates) }
        return FileManager.default.fileExists(atPath: Self.defaultFolder) ? URL(fileURLWithPath: Self.defaultFolder) : nil
    }

    /// The templates: the folder's, or the built-in theme's.
    func load() throws(TemplateError) -> TemplateSet {
        if let folder { try TemplateSet.load(from: folder) } else { try TemplateSet.builtIn() }
    }
}
