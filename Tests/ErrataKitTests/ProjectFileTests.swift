import Foundation
import Testing
@testable import ErrataKit

/// `errata.yml`: found in the folder or a parent, paths relative to it, and every
/// problem a `config` diagnostic at its line and column.
struct ProjectFileTests {
    private static func folder(_ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-project-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs/deep"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("errata.yml"))
        return folder
    }

    @Test func isFoundInTheFolderOrAParent() throws {
        let folder = try Self.folder("name: Acme\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let found = ProjectFile.find(from: folder.appendingPathComponent("docs/deep"))
        #expect(found?.standardizedFileURL.path == folder.appendingPathComponent("errata.yml").standardizedFileURL.path)
        #expect(ProjectFile.find(from: URL(fileURLWithPath: "/")) == nil || ProjectFile.find(from: URL(fileURLWithPath: "/"))?.path == "/errata.yml")
    }

    @Test func readsEveryKeyWithPathsRelativeToTheFile() throws {
        let folder = try Self.folder("""
            name: Acme
            base_url: https://acme.example/docs/
            lang: fr
            content: docs
            templates: theme
            output: site
            model: api/model.json
            model_product: AcmeCatalog
            links:
              home: https://acme.example/
              support: https://acme.example/help
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (project, diagnostics) = ProjectFile.read(folder.appendingPathComponent("errata.yml"))
        #expect(diagnostics.isEmpty)
        #expect(project.name == "Acme" && project.lang == "fr" && project.baseURL == "https://acme.example/docs/")
        #expect(project.content?.path == folder.appendingPathComponent("docs").standardizedFileURL.path)
        #expect(project.model?.path == folder.appendingPathComponent("api/model.json").standardizedFileURL.path)
        #expect(project.output?.lastPathComponent == "site" && project.templates?.lastPathComponent == "theme")
        #expect(project.modelProduct == "AcmeCatalog")
        #expect(project.homeLink == "https://acme.example/" && project.supportLink == "https://acme.example/help")
    }

    @Test(arguments: [
        ("name: Acme\nbse_url: x\n", 2, 1, "unknown key \"bse_url\"; did you mean \"base_url\"?"),
        ("name:\n  - Acme\n", 2, 3, "\"name\" takes text, not a list"),
        ("content: {a: b}\n", 1, 10, "\"content\" takes text, not a mapping"),
        ("links:\n  hom: x\n", 2, 3, "unknown link \"hom\"; did you mean \"home\"?"),
        ("links: x\n", 1, 8, "\"links\" takes a mapping, such as `home: https://example.com/`"),
        ("name: [a\n", 2, 1, "the project file is not valid YAML"),
        ("- a\n", 1, 1, "the project file must be a mapping of keys to values, such as `name: Acme`"),
    ])
    func problemsAreConfigDiagnosticsAtTheirPlace(text: String, line: Int, column: Int, message: String) throws {
        let folder = try Self.folder(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, diagnostics) = ProjectFile.read(folder.appendingPathComponent("errata.yml"))
        let first = try #require(diagnostics.first)
        #expect(first.rule == .config && first.severity == .error)
        #expect(first.location.line == line && first.location.column == column, "\(first)")
        #expect(first.message.hasPrefix(message), "\(first.message)")
    }
}
