import AsyncHTTPClient
import Foundation
import Testing

/// `errata serve` through what goes wrong while a writer works: folders deleted and made
/// again, broken templates. The real binary, real files, a real HTTP client.
@Suite(.serialized) struct ServeRecoveryTests {
    /// A workspace with the repository's Content/ and Templates/, served on a free port.
    struct Preview {
        let workspace: Workspace
        let server: ServerProcess
        let base: String
        let events: EventStream

        init() async throws {
            workspace = try Workspace()
            try workspace.copyTemplates()
            try FileManager.default.copyItem(
                at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
            server = try ServerProcess(in: workspace)
            base = "http://127.0.0.1:\(try await server.port())"
            events = try await EventStream(url: base + "/__errata/events")
            #expect(try await events.next().name == "ok")
        }

        func url(_ relative: String) -> URL { workspace.root.appendingPathComponent(relative) }

        /// The page at `target`, its status and text.
        func get(_ target: String) async throws -> (status: Int, body: String) {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + target), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), String(buffer: body))
        }

        /// Asks for `target` every 50 ms until it is served with `text`, for at most ten
        /// seconds: a folder copied in comes in several changes, and the first rebuild may
        /// see only part of it.
        func waitForPage(_ target: String, containing text: String) async throws {
            for _ in 0..<200 {
                let page = try await get(target)
                if page.status == 200, page.body.contains(text) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("\(target) was never served with \(text); the server said:\n\(server.output)")
        }

        /// Reads events until one named `name` whose data holds `text`; fails after `limit` events.
        @discardableResult
        func waitForEvent(_ name: String, containing text: String = "", limit: Int = 20) async throws -> EventStream.Event {
            for _ in 0..<limit {
                let event = try await events.next()
                if event.name == name, text.isEmpty || event.data.contains(text) { return event }
            }
            Issue.record("no \(name) event with \(text) in \(limit) events; the server said:\n\(server.output)")
            throw CancellationError()
        }
    }

    @Test func aContentFolderDeletedAndMadeAgainIsServedAgain() async throws {
        let preview = try await Preview()
        defer { preview.server.stop() }
        let content = preview.url("Content"), saved = preview.url("saved")
        try FileManager.default.copyItem(at: content, to: saved)

        // Deleted file by file, then the folder: the rebuilds on the way may serve fewer pages.
        try FileManager.default.removeItem(at: content)
        try await preview.waitForEvent("diagnostics", containing: "no content folder here")

        // Made again, as a copy (folders first, then files): the site comes back.
        try FileManager.default.copyItem(at: saved, to: content)
        try await preview.waitForEvent("reload")
        try await preview.waitForPage("/docs/errors/item/", containing: "id=\"access_not_granted\"")

        // Its pages are watched again.
        let item = content.appendingPathComponent("docs/errors/item.md")
        let text = try String(contentsOf: item, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "The user did not grant necessary permissions", with: "Permissions were withheld").utf8)
            .write(to: item)
        try await preview.waitForPage("/docs/errors/item/", containing: "Permissions were withheld")

        // Moved away and back, in one step each: the last good site is served meanwhile.
        try FileManager.default.moveItem(at: content, to: preview.url("away"))
        try await preview.waitForEvent("diagnostics", containing: "no content folder here")
        #expect(try await preview.get("/docs/errors/item/").body.contains("Permissions were withheld"))
        try FileManager.default.moveItem(at: preview.url("away"), to: content)
        try await preview.waitForEvent("reload")
        #expect(try await preview.get("/docs/errors/item/").body.contains("Permissions were withheld"))
        #expect(preview.server.process.isRunning)
    }

    @Test func aTemplateEditWhileTheContentIsMissingIsServedOnceItIsBack() async throws {
        let preview = try await Preview()
        defer { preview.server.stop() }
        let content = preview.url("Content")
        try FileManager.default.moveItem(at: content, to: preview.url("away"))
        try await preview.waitForEvent("diagnostics", containing: "no content folder here")

        let base = preview.url("Templates/base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        #expect(text.contains("</body>"))
        try Data(text.replacingOccurrences(of: "</body>", with: "<p>edited while away</p></body>").utf8).write(to: base)
        try await preview.waitForEvent("diagnostics", containing: "no content folder here")

        try FileManager.default.moveItem(at: preview.url("away"), to: content)
        try await preview.waitForEvent("reload")
        #expect(try await preview.get("/docs/errors/item/").body.contains("edited while away"))
    }

    @Test func aTemplatesFolderDeletedAndMadeAgainIsServedAgain() async throws {
        let preview = try await Preview()
        defer { preview.server.stop() }
        let templates = preview.url("Templates"), saved = preview.url("saved-templates")
        try FileManager.default.copyItem(at: templates, to: saved)

        try FileManager.default.removeItem(at: templates)
        try await preview.waitForEvent("diagnostics", containing: "no templates folder here")
        #expect(try await preview.get("/docs/errors/item/").status == 200)

        try FileManager.default.copyItem(at: saved, to: templates)
        try await preview.waitForEvent("reload")
        try await preview.waitForPage("/docs/errors/item/", containing: "id=\"access_not_granted\"")
        let base = templates.appendingPathComponent("base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "</body>", with: "<p>templates are back</p></body>").utf8).write(to: base)
        try await preview.waitForPage("/docs/errors/item/", containing: "templates are back")
    }

    @Test func aBrokenTemplateKeepsTheLastGoodSiteAndShowsWhere() async throws {
        let preview = try await Preview()
        defer { preview.server.stop() }
        let code = preview.url("Templates/code.mustache")
        let good = try String(contentsOf: code, encoding: .utf8)

        try Data(("\n\n{{#sample}}unclosed\n" + good).utf8).write(to: code)
        let broken = try await preview.waitForEvent("diagnostics", containing: "code.mustache")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(broken.data.utf8)) as? [String: Any])
        let diagnostics = try #require(payload["diagnostics"] as? [[String: Any]])
        let problem = try #require(diagnostics.first { ($0["file"] as? String)?.hasSuffix("code.mustache") == true })
        #expect(problem["rule"] as? String == "template-error")
        #expect((problem["line"] as? Int ?? 0) >= 3)
        let page = try await preview.get("/docs/errors/item/")
        #expect(page.status == 200)
        #expect(page.body.contains("id=\"access_not_granted\""))
        #expect(preview.server.output.contains("still serving the last good site"))

        try Data(good.utf8).write(to: code)
        try await preview.waitForEvent("reload")
        #expect(preview.server.process.isRunning)
    }
}
