import Foundation
import Testing

/// `errata check` as CI systems run it.
@Suite struct CheckCommandTests {
    static var content: String { Workspace.repository.appendingPathComponent("Content").path }

    @Test func realContentPassesStrictWithNothingToReportAndWritesNothing() throws {
        let workspace = try Workspace()
        let result = try workspace.run("check", "--content", Self.content, "--strict")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "0 errors, 0 warnings in 5 pages\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("public")))
    }

    @Test func warningsPassWithoutStrict() throws {
        let workspace = try Self.documentationGaps()
        let result = try workspace.run("check", "--model", "model.json")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.last == "0 errors, 2 warnings in 1 page")
        #expect(lines.dropLast().allSatisfy { $0.contains(": warning: ") && $0.hasSuffix("]") })
    }

    @Test func strictTurnsTheDocumentationGapsIntoFailures() throws {
        let result = try Self.documentationGaps().run("check", "--model", "model.json", "--strict")
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("2 errors, 0 warnings in 1 page\n"))
        let rules = Set(result.stdout.split(separator: "\n").dropLast().compactMap { $0.split(separator: "[").last })
        #expect(rules == ["empty-section]", "missing-description]"])
    }

    @Test func jsonParsesBack() throws {
        let result = try Self.documentationGaps().run("check", "--model", "model.json", "--format", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "Content/docs/errors/invalid-request.md")
        #expect(first["severity"] as? String == "warning")
        #expect(first["rule"] as? String == "empty-section")
        #expect(first["line"] as? Int == 20)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["warnings"] as? Int == 2)
        #expect(summary["errors"] as? Int == 0)
        #expect(summary["pages"] as? Int == 1)
    }

    @Test func githubAnnotatesTheFindings() throws {
        let workspace = try Workspace()
        try workspace.write("Content/item.md", "---\nerror_type: ITEM_ERROR\n---\n\n### ACCESS_NOT_GRANTD\n\nTypo.\n")
        let result = try workspace.run("check", "--format", "github")
        #expect(result.status == 1)
        #expect(result.stdout.contains(
            "::error file=Content/item.md,line=5,col=1,title=unknown-code::unknown error code ACCESS_NOT_GRANTD; "))
        #expect(result.stdout.contains("::warning file=Content/item.md,line=5,col=1,title=undocumented-code::"))
    }

    @Test func sarifNamesEveryRule() throws {
        let result = try Workspace().run("check", "--content", Self.content, "--format", "sarif")
        #expect(result.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "errata")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String }.contains("broken-anchor"))
        #expect((run["results"] as? [Any])?.count == 0)
        let gaps = try Self.documentationGaps().run("check", "--model", "model.json", "--format", "sarif")
        let gapLog = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
        #expect(((gapLog["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count == 2)
    }

    @Test func baseURLMakesAbsoluteLinksInternal() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/_index.md", """
            ---
            title: Errors
            ---

            See [a code](https://concentrix.com/docs/errors/item/#access_not_grantd).
            """)
        let without = try workspace.run("check")
        #expect(!without.stdout.contains("broken-anchor"))
        let with = try workspace.run("check", "--base-url", "https://concentrix.com/")
        #expect(with.status == 1)
        #expect(with.stdout.contains("Content/docs/errors/_index.md:5:5: error: "))
        #expect(with.stdout.contains("[broken-link]"))
    }

    /// A one-page site with two documentation gaps, checked against its own two-code
    /// model: an empty "Troubleshooting steps" (line 20) and a code with no description.
    static func documentationGaps() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("model.json", """
            {"types": [{"id": "INVALID_REQUEST", "title": "Invalid request errors", "slug": "invalid-request",
                        "description": "Occur when a request is not valid."}],
             "codes": [{"code": "INCOMPATIBLE_API_VERSION", "type": "INVALID_REQUEST", "http_status": 400,
                        "error_message": "incompatible", "display_message": null},
                       {"code": "INVALID_ACCOUNT_NUMBER", "type": "INVALID_REQUEST", "http_status": 400,
                        "error_message": "invalid", "display_message": null}]}
            """)
        func sample(_ code: String, _ message: String) -> String {
            """
            ```json
            // http code 400
            {
             "error_type": "INVALID_REQUEST",
             "error_code": "\(code)",
             "error_message": "\(message)",
             "display_message": null,
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```
            """
        }
        try workspace.write("Content/docs/errors/invalid-request.md", """
            ---
            error_type: INVALID_REQUEST
            ---

            ### INCOMPATIBLE_API_VERSION

            The request uses fields the API version does not support.

            \(sample("INCOMPATIBLE_API_VERSION", "incompatible"))

            #### Troubleshooting steps

            ### INVALID_ACCOUNT_NUMBER

            \(sample("INVALID_ACCOUNT_NUMBER", "invalid"))

            """)
        return workspace
    }

    @Test func badUsageExitsWithTwo() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("check", "--format", "yaml").status == 2)
        #expect(try workspace.run("check", "--content", "Nowhere").status == 2)
    }
}
