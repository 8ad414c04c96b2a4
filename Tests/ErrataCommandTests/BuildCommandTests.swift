import Foundation
import Testing

/// The `errata` binary as CI runs it.
@Suite struct BuildCommandTests {
    @Test func buildsTheRealContent() throws {
        let workspace = try Workspace()
        let result = try workspace.run("build", "--content", Workspace.repository.appendingPathComponent("Content").path,
                                       "--templates", Workspace.repository.appendingPathComponent("Templates").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let summary = try #require(result.stderr.split(separator: "\n").last)
        #expect(summary.hasPrefix("errata: built 5 pages, 29 codes, "))
        #expect(summary.hasSuffix("into public/"))
        #expect(FileManager.default.fileExists(atPath: workspace.path("public/docs/errors/item/index.html")))
    }

    @Test func contentErrorsExitWithOneAndLeaveTheOutputAlone() throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/docs/errors/item.md", """
            ---
            title: Item errors
            error_type: ITEM_ERROR
            ---

            ### ACCESS_NOT_GRANTD

            Typo in the heading.
            """)
        try workspace.write("public/.errata-output", "")
        try workspace.write("public/index.html", "previous site")
        let result = try workspace.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "Content/docs/errors/item.md:6:1: error: unknown error code ACCESS_NOT_GRANTD; add it to the model in "
                + "Sources/ErrataKit/Model/Catalog+Concentrix.swift, or fix the heading — did you mean ACCESS_NOT_GRANTED? [unknown-code]"))
        #expect(result.stderr.contains("left unchanged"))
        #expect(try String(contentsOfFile: workspace.path("public/index.html"), encoding: .utf8) == "previous site")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("public")).sorted() == [".errata-output", "index.html"])
    }

    @Test func usageAndIOFailuresExitWithTwo() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("build", "--no-such-flag").status == 2)
        let missing = try workspace.run("build", "--content", "Nowhere")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error:"))
        #expect(try workspace.run("build", "--model", "missing.json").status == 2)
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/_index.md", "---\ntitle: Home\n---\n\nHello.\n")
        try workspace.write("public/notes.txt", "a writer's file")
        let result = try workspace.run("build")
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: workspace.path("public/notes.txt"), encoding: .utf8) == "a writer's file")
    }

    @Test func modelPrintsTheCatalogThatModelReadsBack() throws {
        let workspace = try Workspace()
        let printed = try workspace.run("model")
        #expect(printed.status == 0)
        try workspace.write("model.json", printed.stdout)
        let again = try workspace.run("model", "--model", "model.json")
        #expect(again.status == 0)
        #expect(again.stdout == printed.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
        #expect((json?["types"] as? [Any])?.count == 4)
        #expect((json?["codes"] as? [Any])?.count == 29)
    }

    @Test func buildUsesACatalogFromAFile() throws {
        let workspace = try Workspace.withOneCode(
            type: "WIDGET_ERROR", title: "Widget errors", slug: "widget", description: "Widgets fail.",
            code: "WIDGET_BROKEN", status: 500, message: "the widget broke")
        try workspace.write("Content/docs/errors/_index.md", "---\ntitle: Errors\n---\n\nAll of them.\n")
        try workspace.write("Content/docs/errors/widget.md", """
            ---
            title: Widget errors
            error_type: WIDGET_ERROR
            ---

            ### WIDGET_BROKEN

            The widget broke.

            ```json
            // http code 500
            {
             "error_type": "WIDGET_ERROR",
             "error_code": "WIDGET_BROKEN",
             "error_message": "the widget broke",
             "display_message": null,
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```
            """)
        let result = try workspace.run("build", "--model", "model.json")
        #expect(result.status == 0, "\(result.stderr)")
        let overview = try String(contentsOfFile: workspace.path("public/docs/errors/index.html"), encoding: .utf8)
        #expect(overview.contains("href=\"widget/#widget_broken\""))
        let page = try String(contentsOfFile: workspace.path("public/docs/errors/widget/index.html"), encoding: .utf8)
        #expect(page.contains("HTTP 500 Internal Server Error"))

        // The same page against the built-in model is an unknown code of an unknown type.
        let builtIn = try workspace.run("build")
        #expect(builtIn.status == 1)
        #expect(builtIn.stderr.contains("[front-matter]"))
        #expect(builtIn.stderr.contains("[unknown-code]"))
    }
}
