import Foundation
import Testing

/// `errata init` in an empty folder, then the commands a new team runs next.
@Suite(.serialized) struct InitCommandTests {
    @Test func aNewProjectChecksCleanBuildsAndServes() async throws {
        let workspace = try Workspace()
        let initialised = try workspace.run("init", "--name", "Acme")
        #expect(initialised.status == 0, "\(initialised.stderr)")
        for file in ["errata.yml", "model.json", "Content/docs/errors/_index.md", "Content/docs/errors/invalid-request.md"] {
            #expect(FileManager.default.fileExists(atPath: workspace.path(file)), "\(file)")
        }
        let check = try workspace.run("check", "--strict")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("0 errors, 0 warnings in 2 pages"), "\(check.stdout)")
        let build = try workspace.run("build")
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOfFile: workspace.path("public/docs/errors/invalid-request/index.html"), encoding: .utf8)
        #expect(page.contains("id=\"missing_fields\""))
        #expect(page.contains("<title>Invalid request errors · Acme docs</title>"))
        #expect(page.contains("On this page: 1 code<"))
        // The site is Acme's: no page or asset names the built-in example company.
        let enumerator = FileManager.default.enumerator(atPath: workspace.path("public"))
        while let file = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: workspace.path("public/" + file)) else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains("Concentrix"), "\(file) names Concentrix")
        }

        let server = try ServerProcess(in: workspace)
        defer { server.stop() }
        let response = try await ServeCommandTests().get("http://127.0.0.1:\(try await server.port())/docs/errors/invalid-request/")
        #expect(response.status == 200)
        #expect(response.body.contains("MISSING_FIELDS"))
    }

    @Test func aNameWithYAMLsOwnCharactersStillChecksClean() throws {
        let workspace = try Workspace()
        let name = "Acme \"Q\" & Co: #1"
        #expect(try workspace.run("init", "--name", name).status == 0)
        let check = try workspace.run("check", "--strict")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try workspace.run("build").status == 0)
        let page = try String(contentsOfFile: workspace.path("public/docs/errors/index.html"), encoding: .utf8)
        #expect(page.contains("<title>Errors · Acme &quot;Q&quot; &amp; Co: #1 docs</title>"))
    }

    @Test func initNeverReplacesAFile() throws {
        let workspace = try Workspace()
        try workspace.write("model.json", "{}")
        let result = try workspace.run("init", "--name", "Acme")
        #expect(result.status == 2)
        #expect(result.stderr.contains("model.json: error: the file is already there"), "\(result.stderr)")
        #expect(try String(contentsOfFile: workspace.path("model.json"), encoding: .utf8) == "{}")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("errata.yml")))
        #expect(try workspace.run("init").status == 2)
    }

    @Test func templatesCopiesTheBuiltInThemeOutOnce() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init", "--name", "Acme").status == 0)
        let copied = try workspace.run("init", "--templates")
        #expect(copied.status == 0, "\(copied.stderr)")
        let theme = Workspace.repository.appendingPathComponent("Templates/page.mustache")
        #expect(FileManager.default.contents(atPath: workspace.path("Templates/page.mustache")) == FileManager.default.contents(atPath: theme.path))
        #expect(try workspace.run("init", "--templates").status == 2)
        #expect(try workspace.run("build").status == 0)
    }
}
