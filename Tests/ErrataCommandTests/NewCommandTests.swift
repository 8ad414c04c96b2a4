import Foundation
import Testing

/// `errata new CODE` on a copy of the real content, with the built-in model written out
/// by `errata model` and one code added to it.
@Suite struct NewCommandTests {
    static let itemPage = "Content/docs/errors/item.md"

    /// A workspace holding a copy of `Content/` and `model.json`: the built-in model
    /// plus `codes`.
    static func workspace(adding codes: [[String: Any]]) throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let printed = try workspace.run("model")
        #expect(printed.status == 0)
        var model = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        model["codes"] = try #require(model["codes"] as? [Any]) + codes
        try workspace.write("model.json", String(decoding: try JSONSerialization.data(withJSONObject: model), as: UTF8.self))
        return workspace
    }

    /// Every file under `Content/` in the workspace, with its bytes.
    static func snapshot(_ workspace: Workspace) throws -> [String: Data] {
        let folder = workspace.root.appendingPathComponent("Content")
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        var files: [String: Data] = [:]
        for path in paths where !path.hasSuffix("/") {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func addsTheSectionBeforeTheCodeThatFollowsIt() throws {
        let workspace = try Self.workspace(adding: [[
            "code": "INSTANT_MATCH_UNAVAILABLE", "type": "ITEM_ERROR", "http_status": 400,
            "error_message": "Instant Match is not available for this \"Item\"", "display_message": NSNull(),
        ]])
        let before = try Self.snapshot(workspace)

        let result = try workspace.run("new", "INSTANT_MATCH_UNAVAILABLE", "--model", "model.json")

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(Self.itemPage):59: added ### INSTANT_MATCH_UNAVAILABLE\n")
        let after = try Self.snapshot(workspace)
        let old = try #require(before["docs/errors/item.md"])
        let new = try #require(after["docs/errors/item.md"])
        // Line 59 is INSUFFICIENT_CREDENTIALS' heading: the section goes right before it,
        // and every other byte stays where it was.
        let lines = String(decoding: old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[58] == "### INSUFFICIENT_CREDENTIALS")
        let offset = lines[..<58].reduce(0) { $0 + $1.utf8.count + 1 }
        let section = """
            ### INSTANT_MATCH_UNAVAILABLE

            Describe what the error means and when the API returns it.

            ```json
            // http code 400
            {
             "error_type": "ITEM_ERROR",
             "error_code": "INSTANT_MATCH_UNAVAILABLE",
             "error_message": "Instant Match is not available for this \\"Item\\"",
             "display_message": null,
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```

            #### Common causes

            #### Troubleshooting steps


            """
        #expect(new == old[..<offset] + Data(section.utf8) + old[offset...])
        var others = after
        others["docs/errors/item.md"] = old
        #expect(others == before)

        // The new section is documented, in order, and agrees with the model.
        let check = try workspace.run("check", "--model", "model.json", "--format", "json")
        #expect(check.status == 0, "\(check.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let aboutTheSection = diagnostics.filter {
            ($0["file"] as? String) == Self.itemPage && (59..<77).contains(($0["line"] as? Int) ?? 0)
        }
        #expect(aboutTheSection.compactMap { $0["rule"] as? String } == ["empty-section", "empty-section"])
        #expect(!diagnostics.contains { ($0["message"] as? String)?.hasPrefix("INSTANT_MATCH_UNAVAILABLE is in the model") == true })
    }

    @Test func saysWhatTheModelDoesNotKnow() throws {
        let workspace = try Self.workspace(adding: [["code": "ITEM_LOCKED", "type": "ITEM_ERROR"]])
        let result = try workspace.run("new", "ITEM_LOCKED", "--model", "model.json")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first == "\(Self.itemPage):114: added ### ITEM_LOCKED")
        #expect(lines.dropFirst().map { $0.prefix { $0 != " " } } == [
            "\(Self.itemPage):119:", "\(Self.itemPage):123:", "\(Self.itemPage):123:",
        ])
        #expect(lines.dropFirst().allSatisfy { $0.contains(": warning: the model has no ") && $0.hasSuffix("model.json") })
        let page = try String(contentsOfFile: workspace.path(Self.itemPage), encoding: .utf8)
        #expect(page.contains("```json\n// http code NNN\n{\n \"error_type\": \"ITEM_ERROR\",\n \"error_code\": \"ITEM_LOCKED\",\n \"request_id\""))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var code: String
        /// Whether to pass `--model model.json` rather than use the built-in model.
        var withModelFile = true
        var stderr: String
        var testDescription: String { code }
    }

    static let refusals: [Refusal] = [
        Refusal(
            code: "INSTANT_MATCH_FAILD",
            stderr: "errata: error: unknown error code INSTANT_MATCH_FAILD; add it to the model in model.json first, "
                + "or fix the code — did you mean INSTANT_MATCH_FAILED?\n"),
        Refusal(
            code: "ACCESS_NOT_GRANTED", withModelFile: false,
            stderr: "\(itemPage):9:1: error: ACCESS_NOT_GRANTED is already documented here; edit this section instead\n"),
        Refusal(
            code: "INSTITUTION_NOT_AVAILABLE",
            stderr: "Content/docs/errors/institution.md:65:1: error: INSTITUTION_NOT_AVAILABLE is already documented here; "
                + "edit this section instead\n"),
    ]

    @Test(arguments: refusals)
    func refusesWithStatusOneAndTouchesNothing(_ refusal: Refusal) throws {
        let workspace = try Self.workspace(adding: [])
        let before = try Self.snapshot(workspace)
        let result = refusal.withModelFile
            ? try workspace.run("new", refusal.code, "--model", "model.json")
            : try workspace.run("new", refusal.code)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == refusal.stderr)
        #expect(try Self.snapshot(workspace) == before)
    }

    @Test func usageAndIOFailuresExitWithTwo() throws {
        let workspace = try Workspace()
        let missing = try workspace.run("new", "ACCESS_NOT_GRANTED", "--content", "Nowhere")
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Nowhere: error: no content folder here"))
        #expect(try workspace.run("new").status == 2)
        #expect(try workspace.run("new", "ACCESS_NOT_GRANTED", "--model", "missing.json").status == 2)
    }
}
