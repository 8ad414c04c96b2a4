import Foundation

/// The default theme, built into the binary: the repository's `Templates/` folder
/// (templates and assets) as it was when the binary was built. A project without a
/// templates folder of its own renders with it; `errata init --templates` copies it out
/// for editing.
///
/// The files live in `BuiltInTheme+Files.swift`, which `BuiltInThemeTests` keeps equal to
/// `Templates/` and rewrites with `ERRATA_UPDATE_THEME=1 swift test --filter BuiltInThemeTests`.
public enum BuiltInTheme {
    /// Where messages say its files are: `(built-in theme)/page.mustache`.
    public static let displayFolder = "(built-in theme)"

    /// Every file of the theme: its path (`page.mustache`, `assets/style.css`) and bytes,
    /// in the order of the paths' bytes.
    public static var files: [(path: String, bytes: [UInt8])] {
        encodedFiles
            .map { (path: $0.key, bytes: [UInt8](Data(base64Encoded: $0.value) ?? Data())) }
            .sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// The theme as the templates folder reader gives a folder.
    static var contents: TemplateFolder.Contents {
        var contents = TemplateFolder.Contents()
        for file in files {
            if file.path.hasPrefix(TemplateSet.assetsFolder) {
                contents.assets.append(OutputFile(path: file.path, bytes: file.bytes))
            } else if file.path.hasSuffix(".mustache") {
                contents.templates.append(TemplateFolder.TemplateText(
                    name: String(file.path.dropLast(".mustache".count)), file: "\(displayFolder)/\(file.path)",
                    text: String(decoding: file.bytes, as: UTF8.self)))
            }
        }
        return contents
    }

    /// Writes the theme's files into `directory` (made if need be), refusing to replace
    /// any file that is already there: nothing is written then.
    public static func write(to directory: URL) throws(LoadError) {
        try NewFiles.write(files, to: directory, refusing: "the theme is copied only into a folder without its files (move them away first)")
    }
}
