import Foundation
import Mustache

/// The templates folder: Mustache templates (`*.mustache`, editable without
/// recompiling) and the static assets under `assets/`, published under fingerprinted
/// names (see ``SiteLayout``).
///
/// Templates: `list` renders a folder's `_index.md` (the overview with its table of
/// codes), `page` every other page; a page's `layout` front matter key picks another.
/// Templates include each other as partials (`{{> code}}`) and inherit from `base`.
public struct TemplateSet: Sendable {
    /// The parsed templates, by name (`code` for `code.mustache`).
    var library: TemplateLibrary
    /// The names of the templates, for error messages.
    public var names: Set<String>
    /// Files under `assets/`: their path in the site and their bytes.
    public var assets: [OutputFile] {
        didSet { publishedAssets = Self.published(assets) }
    }
    /// The ``assets`` as the site publishes them, by their name under `assets/`
    /// (`style.css`), with fingerprinted paths: worked out once, not on every render.
    private(set) var publishedAssets: [String: OutputFile]
    /// The templates' and assets' files, with the version of each that was read.
    public var sources = SourceSnapshot()

    /// Throws a ``LoadError`` naming every template or asset saved, replaced or
    /// removed since it was read.
    public func verifySourcesUnchanged() throws(LoadError) {
        try sources.verifyUnchanged()
    }

    /// The templates every site needs. Optional ones: `home` (the generated home page)
    /// and `404` (the page for missing addresses).
    public static let requiredTemplates = ["base", "list", "page", "code"]

    /// The folder of the assets, in the templates folder and in the site.
    static let assetsFolder = "assets/"

    /// Loads every template and asset of `directory`, read by the rules of the content
    /// folder (see ``TemplateFolder``).
    public static func load(from directory: URL) throws(TemplateError) -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(
                file: DisplayPath.of(directory), line: 0, column: 0,
                message: "no templates folder here; pass --templates DIR with the folder that holds the .mustache files")
        }
        let contents = try TemplateFolder(directory: directory).read()
        return try load(contents, requiredIn: directory)
    }

    /// The templates of `directory`, or, for `nil`, the theme built into the binary (see
    /// ``BuiltInTheme``), for a project without a templates folder of its own.
    public static func load(fromFolderOrBuiltIn directory: URL?) throws(TemplateError) -> TemplateSet {
        if let directory { return try load(from: directory) }
        return try builtIn()
    }

    /// The theme built into the binary.
    public static func builtIn() throws(TemplateError) -> TemplateSet {
        try load(BuiltInTheme.contents, requiredIn: URL(fileURLWithPath: BuiltInTheme.displayFolder))
    }

    private static func load(_ contents: TemplateFolder.Contents, requiredIn directory: URL) throws(TemplateError) -> TemplateSet {
        var templates: [String: Template] = [:]
        var names: Set<String> = []
        for template in contents.templates {
            do throws(MustacheError) {
                templates[template.name] = try Template(template.text, file: template.file, limits: limits)
            } catch {
                throw TemplateError(error, prefix: "template syntax error: ")
            }
            names.insert(template.name)
        }
        let assets = contents.assets
        for required in requiredTemplates where !names.contains(required) {
            throw TemplateError(
                file: DisplayPath.of(directory.appendingPathComponent("\(required).mustache")), line: 0, column: 0,
                message: "missing template \(required).mustache; every site needs \(requiredTemplates.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        let library = TemplateLibrary(templates)
        try checkReferences(of: library)
        return TemplateSet(library: library, names: names, assets: assets, sources: contents.sources)
    }

    init(library: TemplateLibrary, names: Set<String>, assets: [OutputFile], sources: SourceSnapshot) {
        (self.library, self.names, self.assets, self.sources) = (library, names, assets, sources)
        publishedAssets = Self.published(assets)
    }

    private static func published(_ assets: [OutputFile]) -> [String: OutputFile] {
        var published: [String: OutputFile] = [:]
        for asset in assets {
            let name = String(asset.path.dropFirst(assetsFolder.count))
            published[name] = OutputFile(path: AssetFingerprint.publishedPath(of: asset.path, bytes: asset.bytes), bytes: asset.bytes)
        }
        return published
    }

    /// How large a template may be (as the templates folder reads them), and how deep
    /// its sections nest.
    static let limits = Template.Limits(maximumBytes: TemplateFolder.templateBytes, maximumNesting: 100)

    /// How Errata renders: strictly (a name that is not in the context is a typo), with
    /// bounds on depth and size.
    static let renderOptions = TemplateLibrary.Options(mode: .strict, maximumDepth: 100, maximumOutputBytes: 1 << 30)

    /// Refuses a partial or parent tag that names a template the folder does not have,
    /// and templates that include or extend each other in a loop: Errata's contexts
    /// are not recursive, so such a loop could only run until the depth bound.
    static func checkReferences(of library: TemplateLibrary) throws(TemplateError) {
        for (_, template) in library.templates.sorted(by: { $0.key < $1.key }) {
            for reference in template.references where library.templates[reference.name] == nil {
                throw TemplateError(
                    file: template.file, line: reference.position.line, column: reference.position.column,
                    message: "there is no template \"\(reference.name)\"; add \(reference.name).mustache to the templates folder")
            }
        }
        if let cycle = library.firstCycle(), let first = cycle.first {
            let loop = (cycle.map(\.description) + [first.file]).joined(separator: " → ")
            throw TemplateError(
                file: first.file, line: first.position.line, column: first.position.column,
                message: "templates include each other in a loop: \(loop); remove one of these tags")
        }
    }

    /// Renders `context` with the template `name` into `output`, a run of bytes at a time.
    func render(_ context: [String: TemplateValue], with name: String, into output: TemplateOutput) throws(TemplateError) {
        do throws(MustacheError) {
            try library.render(name, with: .object(context), options: Self.renderOptions, into: output)
        } catch {
            throw TemplateError(error)
        }
    }

    /// Renders `context` with the template `name`; `capacity` is a guess of the size.
    func render(_ context: [String: TemplateValue], with name: String, capacity: Int = 4096) throws(TemplateError) -> [UInt8] {
        do throws(MustacheError) {
            return try library.render(name, with: .object(context), options: Self.renderOptions, capacity: capacity)
        } catch {
            throw TemplateError(error)
        }
    }
}

/// A template that cannot be used: missing, unreadable or not valid Mustache.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ error: MustacheError, prefix: String = "") {
        self.init(file: error.file, line: error.line, column: error.column, message: prefix + error.message)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
    }
}

/// A file of the finished site: its path under the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
