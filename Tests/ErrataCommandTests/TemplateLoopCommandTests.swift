import Foundation
import Testing

/// Templates that include or extend each other in a loop, run through the real
/// binary: `build` refuses them with the loop's places and exit status 2, and a
/// running `serve` keeps serving the last good site and says why.
@Suite(.serialized) struct TemplateLoopCommandTests {
    private static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        return workspace
    }

    @Test(arguments: [
        ("page.mustache", "\n\n{{> page}}\n", "Templates/page.mustache:3:1 → Templates/page.mustache"),
        ("body.mustache", "{{> code}}", "Templates/body.mustache:1:1 → Templates/code.mustache:1:1 → Templates/body.mustache"),
    ])
    func buildRefusesALoopWithItsPlaces(file: String, text: String, loop: String) throws {
        let workspace = try Self.workspace()
        if file == "body.mustache" {
            try workspace.write("Templates/code.mustache", "{{> body}}" + (try String(contentsOfFile: workspace.path("Templates/code.mustache"), encoding: .utf8)))
        }
        try workspace.write("Templates/\(file)", text)
        let result = try workspace.run("build")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("templates include each other in a loop: \(loop)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("public")))
    }

    @Test func baseAndPageExtendingEachOtherAreRefused() throws {
        let workspace = try Self.workspace()
        let base = try String(contentsOfFile: workspace.path("Templates/base.mustache"), encoding: .utf8)
        try workspace.write("Templates/base.mustache", "{{<page}}{{/page}}\n" + base)
        let result = try workspace.run("check")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("Templates/base.mustache:1:1 → Templates/page.mustache:"), "\(result.stderr)")
    }

    @Test func serveKeepsTheLastGoodSiteWhenATemplateLoops() async throws {
        let workspace = try Self.workspace()
        let server = try ServerProcess(in: workspace)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(try await server.port())"
        let client = ServeCommandTests()
        #expect(try await client.get(base + "/docs/errors/item/").status == 200)
        let events = try await EventStream(url: base + "/__errata/events")
        #expect(try await events.next().name == "ok")

        try workspace.write("Templates/page.mustache", "{{> page}}\n")
        let broken = try await events.next()
        #expect(broken.name == "diagnostics")
        #expect(broken.data.contains("templates include each other in a loop"), "\(broken.data)")
        #expect(server.process.isRunning)
        let served = try await client.get(base + "/docs/errors/item/")
        #expect(served.status == 200)
        #expect(served.body.contains("id=\"access_not_granted\""))
        #expect(server.output.contains("templates include each other in a loop"))
    }
}
