import Foundation
import Yams

/// The project file, `errata.yml`: what a project's commands would otherwise take as
/// flags. Looked for in the working directory and then its parents, as `git` does;
/// paths in it are relative to the file; a flag given on the command line wins.
///
///     name: Acme                      # the site's name, in every page's header and title
///     base_url: https://acme.example/docs/
///     lang: en
///     content: Content
///     templates: Templates            # without it: Templates/ if there, else the built-in theme
///     output: public
///     model: model.json               # without it: the built-in catalog
///     model_product: AcmeCatalog      # or: the package's executable that prints it (swift package errata)
///     links:
///       home: https://acme.example/
///       support: https://acme.example/support
///
/// Every key is optional. An unknown key is an error at its line and column with a
/// did-you-mean; a value of the wrong type names the key and the type it takes.
public struct ProjectFile: Sendable, Hashable {
    public static let fileName = "errata.yml"

    /// The file itself.
    public var file: URL
    public var name: String?
    public var baseURL: String?
    public var lang: String?
    public var content: URL?
    public var templates: URL?
    public var output: URL?
    public var model: URL?
    /// An executable product of the API's package that prints its catalog as JSON, for
    /// `swift package errata` (which builds and runs it, and passes the catalog on).
    public var modelProduct: String?
    /// The company's home page and support page, for the header and footer.
    public var homeLink: String?
    public var supportLink: String?

    public init(file: URL) {
        self.file = file.standardizedFileURL
    }

    /// The keys, and what each takes.
    static let keys: [(name: String, type: String)] = [
        ("name", "text"), ("base_url", "text"), ("lang", "text"), ("content", "text"), ("templates", "text"),
        ("output", "text"), ("model", "text"), ("model_product", "text"), ("links", "mapping"),
    ]
    static let linkKeys = ["home", "support"]

    /// The nearest `errata.yml`: in `directory`, else in the closest of its parents.
    public static func find(from directory: URL) -> URL? {
        var folder = directory.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { return nil }
            folder = parent
        }
    }

    /// Reads `file`: the settings it holds, and a `config` diagnostic for each problem
    /// (the settings that could be read are kept).
    public static func read(_ file: URL) -> (ProjectFile, [Diagnostic]) {
        var project = ProjectFile(file: file)
        let display = DisplayPath.of(file)
        var diagnostics: [Diagnostic] = []
        func report(_ message: String, _ mark: Mark?) {
            diagnostics.append(Diagnostic(
                .error, .config, message, at: SourceLocation(file: display, line: mark?.line ?? 1, column: mark?.column ?? 1)))
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            report("cannot read the project file; check that it is a readable file", nil)
            return (project, diagnostics)
        }
        guard data.count <= InputLimits.pageBytes, let text = String(validating: [UInt8](data), as: UTF8.self) else {
            report("the project file is not UTF-8 text of at most \(InputLimits.size(InputLimits.pageBytes))", nil)
            return (project, diagnostics)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (message, position) = error.problem
            diagnostics.append(Diagnostic(
                .error, .config, "the project file is not valid YAML: \(message)",
                at: SourceLocation(file: display, line: position?.line ?? 1, column: position?.column ?? 1)))
            return (project, diagnostics)
        } catch {
            report("the project file is not valid YAML: \(error)", nil)
            return (project, diagnostics)
        }
        guard let root else { return (project, diagnostics) }
        guard case .mapping(let mapping) = root else {
            report("the project file must be a mapping of keys to values, such as `name: Acme`", root.mark)
            return (project, diagnostics)
        }
        let folder = file.deletingLastPathComponent()
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report("a key of the project file must be a name, one of \(keys.map(\.name).joined(separator: ", "))", keyNode.mark)
                continue
            }
            let key = keyScalar.string
            guard let expected = keys.first(where: { $0.name == key }) else {
                let suggestion = Catalog.closest(to: key, among: keys.map(\.name))
                report("unknown key \"\(key)\"; " + (suggestion.map { "did you mean \"\($0)\"?" }
                    ?? "the keys are \(keys.map(\.name).joined(separator: ", "))"), keyNode.mark)
                continue
            }
            if key == "links" {
                guard case .mapping(let links) = value else {
                    report("\"links\" takes a mapping, such as `home: https://example.com/`", value.mark ?? keyNode.mark)
                    continue
                }
                for (linkNode, linkValue) in links {
                    let linkKey = linkNode.scalar?.string ?? ""
                    guard linkKeys.contains(linkKey) else {
                        let suggestion = Catalog.closest(to: linkKey, among: linkKeys)
                        report("unknown link \"\(linkKey)\"; " + (suggestion.map { "did you mean \"\($0)\"?" }
                            ?? "the links are \(linkKeys.joined(separator: ", "))"), linkNode.mark)
                        continue
                    }
                    guard let text = linkValue.scalarText else {
                        report("\"links.\(linkKey)\" takes text (an address)", linkValue.mark ?? linkNode.mark)
                        continue
                    }
                    if linkKey == "home" { project.homeLink = text } else { project.supportLink = text }
                }
                continue
            }
            guard let text = value.scalarText, !text.isEmpty else {
                report("\"\(key)\" takes \(expected.type), not \(value.kindName)", value.mark ?? keyNode.mark)
                continue
            }
            let path = { folder.appendingPathComponent(text).standardizedFileURL }
            switch key {
            case "name": project.name = text
            case "base_url": project.baseURL = text
            case "lang": project.lang = text
            case "content": project.content = path()
            case "templates": project.templates = path()
            case "output": project.output = path()
            case "model": project.model = path()
            case "model_product": project.modelProduct = text
            default: break
            }
        }
        return (project, diagnostics)
    }
}

private extension Node {
    /// A scalar's text; `nil` for a list, a mapping or a null.
    var scalarText: String? {
        guard case .scalar(let scalar) = self, scalar.style != .plain || !["~", "null", "Null", "NULL", ""].contains(scalar.string) else {
            return nil
        }
        return scalar.string
    }

    var kindName: String {
        switch self {
        case .scalar: "nothing"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
