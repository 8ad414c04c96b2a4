import ErrataKit
import Foundation

/// A fixture site under `Fixtures/rules/<name>/`, checked against ``Catalog/fixture``
/// (or the case's `model.json`, and the layouts of its `Templates/` when it has them),
/// with the diagnostics it must produce listed beside it in `expected.txt`: one
/// formatted diagnostic a line, paths relative to the site's folder.
///
/// With `ERRATA_UPDATE_EXPECTED=1` in the environment, ``record(_:)`` rewrites the
/// `expected.txt` in the source tree instead of the test comparing against it.
struct RuleFixture: Sendable {
    let name: String

    /// The sites in the test bundle, by folder name.
    static var names: [String] {
        guard let folder = bundleFolder,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Whether the run records diagnostics rather than comparing them.
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ERRATA_UPDATE_EXPECTED"] == "1"
    }

    /// The copy of `Fixtures/rules` the test target carries as a resource.
    static let bundleFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
        .appendingPathComponent("rules", isDirectory: true)

    /// `Fixtures/rules` in the source tree, where recorded expectations are written.
    static let sourceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules", isDirectory: true)

    /// The site's folder in the test bundle.
    var folder: URL {
        get throws {
            guard let root = Self.bundleFolder else { throw FixtureError.missingResources }
            return root.appendingPathComponent(name, isDirectory: true)
        }
    }

    /// Loads, parses and checks the site, as `errata check` does, and returns the
    /// report's diagnostics with the site's folder taken off every path.
    /// `forPublishing: false` parses as `errata check` does, rendering no HTML.
    func diagnostics(forPublishing: Bool = true) throws -> [Diagnostic] {
        let (folder, pipeline, baseURL, layouts) = try setting()
        let report = try pipeline.check(content: folder, baseURL: baseURL, layouts: layouts, forPublishing: forPublishing)
        return report.diagnostics.map { Self.relative($0, to: folder) }
    }

    /// The diagnostics of the checker given every page whole (``Checker/check(_:pageDiagnostics:)``
    /// on the parsed pages, after the parser's own), sorted, as ``diagnostics(forPublishing:)``.
    func wholePageDiagnostics() throws -> [Diagnostic] {
        let (folder, pipeline, baseURL, layouts) = try setting()
        let loader = ContentLoader(directory: folder, waitsUntilSettled: false)
        let parsed = try loader.markdownPaths().map { PageParser(catalog: pipeline.catalog).parse(try loader.load($0)) }
        let pages = parsed.compactMap(\.page)
        let checker = Checker(catalog: pipeline.catalog, modelSource: pipeline.modelSource, baseURL: baseURL, layouts: layouts)
        return (parsed.flatMap(\.diagnostics) + checker.check(pages)).sorted().map { Self.relative($0, to: folder) }
    }

    /// The site's folder, its pipeline, base URL and layouts.
    private func setting() throws -> (URL, Pipeline, String?, PageLayouts?) {
        let folder = try folder
        // A case may bring its own model in `model.json`, and its own templates in `Templates/`.
        let model = folder.appendingPathComponent("model.json")
        let pipeline = FileManager.default.fileExists(atPath: model.path)
            ? Pipeline(catalog: try Catalog.load(from: model), modelSource: model.path)
            : Pipeline(catalog: .fixture, modelSource: Catalog.fixtureSource)
        let templates = folder.appendingPathComponent("Templates", isDirectory: true)
        let layouts = FileManager.default.fileExists(atPath: templates.path)
            ? try TemplateSet.load(from: templates).layouts : nil
        // A case may give the address its site is served from in `base-url.txt`.
        let baseURL = try? String(contentsOf: folder.appendingPathComponent("base-url.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder, pipeline, baseURL, layouts)
    }

    /// The lines of `expected.txt`.
    func expectedLines() throws -> [String] {
        let text = try String(contentsOf: try folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
            .filter { !$0.isEmpty }
    }

    /// Writes `lines` as the site's `expected.txt` in the source tree.
    func record(_ lines: [String]) throws {
        let file = Self.sourceFolder.appendingPathComponent(name).appendingPathComponent("expected.txt")
        let text = lines.map { $0 + "\n" }.joined()
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// `diagnostic` with `folder` taken off its file and off any path its message names.
    /// The loader shows a path relative to the working directory when the file is
    /// under it, so both the absolute and the relative spelling are taken off.
    static func relative(_ diagnostic: Diagnostic, to folder: URL) -> Diagnostic {
        let absolute = folder.standardizedFileURL.path + "/"
        let workingDirectory = FileManager.default.currentDirectoryPath
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        var prefixes = [absolute]
        if absolute.hasPrefix(base) { prefixes.append(String(absolute.dropFirst(base.count))) }
        func strip(_ text: String) -> String {
            prefixes.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        }
        var relative = diagnostic
        relative.location.file = strip(diagnostic.location.file)
        relative.message = strip(diagnostic.message)
        return relative
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case missingResources

    var description: String { "the test bundle has no Fixtures folder; check the test target's resources" }
}
