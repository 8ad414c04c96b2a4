import Foundation

/// Reads the templates folder: every `*.mustache` file and every file under `assets/`
/// (hidden ones skipped), by the same rules as the content folder (see
/// ``SourceFolder``): a link that leads outside the folder or nowhere, a pipe or any
/// other file that is not a regular file, a path that is not UTF-8 and two paths that
/// are one name once Unicode-normalised are refused, naming the file; links inside are
/// fine. Other files are never opened.
///
/// A template may be at most ``templateBytes`` and an asset at most ``assetBytes``;
/// each is read with the identity it had, for ``SourceSnapshot``.
struct TemplateFolder: Sendable {
    var directory: URL

    /// The largest template, in bytes: the real ones are under 4 KB.
    static let templateBytes = 1 << 20
    /// The largest asset, in bytes, as for a page: a stylesheet, a script, a font or
    /// an image, not a video.
    static let assetBytes = InputLimits.pageBytes

    /// A template's text, by its name (`code` for `code.mustache`).
    struct TemplateText: Sendable {
        var name: String
        /// The path messages show.
        var file: String
        var text: String
    }

    /// What the folder holds, in the order of the paths' bytes.
    struct Contents: Sendable {
        var templates: [TemplateText] = []
        /// Path under the templates folder (`assets/style.css`) and bytes.
        var assets: [OutputFile] = []
        var sources = SourceSnapshot()
    }

    /// Reads every template and asset. The folder must exist.
    func read() throws(TemplateError) -> Contents {
        let folder = SourceFolder(directory: directory, role: "templates folder", noun: "file", kind: Self.kind(of:))
        var contents = Contents()
        var sources: [SourceSnapshot.Source] = []
        do throws(LoadError) {
            for path in try folder.paths() {
                guard let kind = Self.kind(of: path) else { continue }
                let isTemplate = kind.noun == Self.template.noun
                let limit = isTemplate ? Self.templateBytes : Self.assetBytes
                let read = try folder.read(path, limit: limit, kind: kind)
                let url = directory.appendingPathComponent(path)
                let file = DisplayPath.of(url)
                guard read.byteCount <= limit else {
                    throw LoadError(
                        path: file,
                        message: "the \(kind.noun) is \(InputLimits.bytes(read.byteCount)), more than the limit of "
                            + "\(InputLimits.size(limit)) (\(InputLimits.bytes(limit))); "
                            + (isTemplate ? "split it into partials" : "make it smaller, or serve it from elsewhere"))
                }
                sources.append(SourceSnapshot.Source(path: url.path, displayPath: file, identity: read.identity))
                if isTemplate {
                    guard let text = String(validating: read.bytes, as: UTF8.self) else {
                        throw LoadError(path: file, message: "cannot read the template as UTF-8 text")
                    }
                    contents.templates.append(TemplateText(name: String(path.dropLast(".mustache".count)), file: file, text: text))
                } else {
                    contents.assets.append(OutputFile(path: path, bytes: read.bytes))
                }
            }
        } catch {
            throw TemplateError(error)
        }
        contents.sources = SourceSnapshot(sources)
        return contents
    }

    /// What a file of the templates folder is, or `nil` for one that is never read.
    static func kind(of path: String) -> SourceFolder.Kind? {
        if path.hasSuffix(".mustache") { return template }
        let name = path.split(separator: "/").last ?? ""
        return path.hasPrefix(TemplateSet.assetsFolder) && !name.hasPrefix(".") ? asset : nil
    }

    static let template = SourceFolder.Kind(noun: "template", rule: "a template must be a plain .mustache file")
    static let asset = SourceFolder.Kind(noun: "asset", rule: "an asset must be a plain file")
}

extension TemplateError {
    /// A file of the templates folder that cannot be read.
    init(_ error: LoadError) {
        let message = ([error.message] + error.further.map(\.description)).joined(separator: "\n")
        self.init(file: error.path, line: 0, column: 0, message: message)
    }
}
