import Foundation
import Testing

/// A project without a templates folder renders with the theme built into the binary,
/// exactly as with the repository's `Templates/`.
@Suite(.serialized) struct BuiltInThemeCommandTests {
    private static func files(under folder: String) throws -> [String: Data] {
        let root = URL(fileURLWithPath: folder)
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func withoutATemplatesFolderTheBuiltInThemeBuildsTheSameSite() throws {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let builtIn = try workspace.run("build")
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        let folder = try workspace.run("build", "--output", "from-folder", "--templates", Workspace.repository.appendingPathComponent("Templates").path)
        #expect(folder.status == 0, "\(folder.stderr)")
        let a = try Self.files(under: workspace.path("public")), b = try Self.files(under: workspace.path("from-folder"))
        #expect(a.count > 10 && a == b)
    }

    @Test func checkMeasuresLayoutsAgainstTheBuiltInTheme() throws {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let page = workspace.path("Content/docs/errors/item.md")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        try workspace.write("Content/docs/errors/item.md", text.replacingOccurrences(of: "---\n", with: "---\nlayout: sidebar\n", options: [], range: text.range(of: "---\n")))
        let result = try workspace.run("check")
        #expect(result.status == 1, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("[layout]"), "\(result.stdout)")
    }

    @Test func anExplicitTemplatesFolderThatIsMissingIsStillAnError() throws {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let result = try workspace.run("build", "--templates", "Nowhere")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Nowhere"))
    }
}
