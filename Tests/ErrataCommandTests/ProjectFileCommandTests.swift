import Foundation
import Testing

/// `errata.yml` through the real binary: found from a sub-folder, flags win, and its
/// problems are diagnostics for `check` and a stop (exit 2) for the other commands.
@Suite(.serialized) struct ProjectFileCommandTests {
    private static func workspace(_ projectFile: String) throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("docs-source"))
        try workspace.write("errata.yml", projectFile)
        try FileManager.default.createDirectory(atPath: workspace.path("sub/folder"), withIntermediateDirectories: true)
        return workspace
    }

    /// Runs `errata` in `folder` under the workspace.
    private static func run(in workspace: Workspace, _ folder: String, _ arguments: String...) throws -> Workspace.Result {
        try Workspace(root: workspace.root.appendingPathComponent(folder)).run(arguments)
    }

    @Test func buildTakesItsFoldersFromTheProjectFileFoundInAParent() throws {
        let workspace = try Self.workspace("content: docs-source\noutput: site\n")
        let result = try Self.run(in: workspace, "sub/folder", "build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("site/docs/errors/item/index.html")))
        let flagged = try Self.run(in: workspace, "sub/folder", "build", "--output", "elsewhere")
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("sub/folder/elsewhere/docs/errors/item/index.html")))
    }

    @Test func checkReportsTheFilesProblemsAsDiagnostics() throws {
        let workspace = try Self.workspace("content: docs-source\noutptu: site\n")
        let result = try workspace.run("check")
        #expect(result.status == 1)
        #expect(result.stdout.contains("errata.yml:2:1: error: unknown key \"outptu\"; did you mean \"output\"? [config]"), "\(result.stdout)")
        let build = try workspace.run("build")
        #expect(build.status == 2)
        #expect(build.stderr.contains("errata.yml:2:1: error: unknown key \"outptu\""), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("public")))
    }

    @Test func aMistypedFolderKeyIsShownWithTheFolderItLeftMissing() throws {
        let workspace = try Self.workspace("contnt: docs-source\n")
        let result = try workspace.run("check")
        #expect(result.status == 2)
        #expect(result.stderr.contains("errata.yml:1:1: error: unknown key \"contnt\"; did you mean \"content\"? [config]"), "\(result.stderr)")
        #expect(result.stderr.contains("no content folder here"))
    }

    @Test func theOutputMayNotHoldTheProjectFile() throws {
        let workspace = try Self.workspace("content: docs-source\noutput: .\n")
        let result = try workspace.run("build")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("errata.yml")))
    }
}
