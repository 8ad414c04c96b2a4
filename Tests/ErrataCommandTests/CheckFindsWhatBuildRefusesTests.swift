import Foundation
import Testing

/// `errata check` finds everything `errata build` refuses, at its source, and prints
/// what pages hold harmlessly: each case through the real binary.
@Suite struct CheckFindsWhatBuildRefusesTests {
    static let itemPage = """
        ---
        title: Item errors
        error_type: ITEM_ERROR
        ---

        Item errors.

        ### ACCESS_NOT_GRANTED

        The user did not grant access.

        """

    /// A model of one type, `ITEM_ERROR` (its page `item.md`), with `codes`.
    static func model(_ codes: [String]) -> String {
        let entries = codes.map {
            "{\"code\": \"\($0)\", \"type\": \"ITEM_ERROR\", \"http_status\": 400, \"error_message\": \"m\", \"display_message\": null}"
        }
        return """
            {"types": [{"id": "ITEM_ERROR", "title": "Item errors", "slug": "item", "description": "Items."}],
             "codes": [\(entries.joined(separator: ",\n"))]}
            """
    }

    /// Runs `check`, then `build` into `public` with the repository's templates unless
    /// the workspace has its own, and returns both.
    static func checkAndBuild(_ workspace: Workspace, _ extra: [String] = []) throws -> (check: Workspace.Result, build: Workspace.Result) {
        let check = try workspace.run(["check"] + extra)
        let templates = FileManager.default.fileExists(atPath: workspace.path("Templates"))
            ? [] : ["--templates", Workspace.repository.appendingPathComponent("Templates").path]
        let build = try workspace.run(["build", "--output", "public"] + templates + extra)
        return (check, build)
    }

    // MARK: 13. Layouts

    @Test(arguments: ["base", "404"])
    func aLayoutThatDropsTheCodeSectionsFailsCheckAndBuild(_ layout: String) throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage.replacingOccurrences(
            of: "error_type: ITEM_ERROR\n", with: "error_type: ITEM_ERROR\nlayout: \(layout)\n"))
        let (check, build) = try Self.checkAndBuild(workspace)
        let message = "Content/docs/errors/item.md:4:9: error: the page has a code section (ACCESS_NOT_GRANTED first), "
            + "but its layout \"\(layout)\" does not render code sections"
        #expect(check.status == 1)
        #expect(check.stdout.contains(message), "\(check.stdout)")
        #expect(build.status == 1)
        #expect(build.stderr.contains(message), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("public")))
    }

    @Test func aLayoutWithoutATemplateFailsTheCheck() throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/notes.md", "---\ntitle: Notes\nlayout: wide\n---\n\nText.\n")
        let result = try workspace.run("check")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/notes.md:3:9: error: layout \"wide\" has no template; add wide.mustache"))
    }

    // MARK: 14. Addresses that collide where case is ignored

    @Test func modelCodesThatDifferOnlyInCaseFailTheCheck() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage)
        try workspace.write("model.json", Self.model(["ACCESS_NOT_GRANTED", "ACCESS_DENIED", "access_denied"]))
        let (check, build) = try Self.checkAndBuild(workspace, ["--model", "model.json"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("model.json:4:10: error: the model's codes \"ACCESS_DENIED\" and \"access_denied\" "
            + "differ only in case"), "\(check.stdout)")
        #expect(build.status == 1)
    }

    @Test func aShortAddressThatIsATypePageFailsTheCheck() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage)
        try workspace.write("model.json", Self.model(["ACCESS_NOT_GRANTED", "ITEM"]))
        let (check, build) = try Self.checkAndBuild(workspace, ["--model", "model.json"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("model.json:1:1: error: the short address of the model's code ITEM and the page "
            + "Content/docs/errors/item.md would both be published at docs/errors/ITEM/index.html"), "\(check.stdout)")
        #expect(check.stdout.contains("rename the code in model.json, or rename or move the page [address-conflict]"))
        #expect(build.status == 1)
    }

    @Test func pagesThatDifferOnlyInCaseFailTheCheck() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage)
        try workspace.write("Content/docs/errors/Item.md", "---\ntitle: Also items\n---\n\nText.\n")
        let entries = try FileManager.default.contentsOfDirectory(atPath: workspace.path("Content/docs/errors"))
        guard entries.count == 2 else { return }  // a file system that ignores case holds one of them
        let (check, build) = try Self.checkAndBuild(workspace)
        #expect(check.status == 1)
        #expect(check.stdout.contains("Content/docs/errors/item.md:1:1: error: this page and the page "
            + "Content/docs/errors/Item.md would both be published at docs/errors/item/index.html"), "\(check.stdout)")
        #expect(build.status == 1)
    }

    // MARK: 16. Codes no heading can name, and headings that only look like codes

    @Test func aModelCodeNoHeadingCanNameFailsTheCheck() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage)
        try workspace.write("model.json", Self.model(["ACCESS_NOT_GRANTED", "\\u00c9CHEC", "ZERO\\u200bWIDTH"]))
        let result = try workspace.run("check", "--model", "model.json")
        #expect(result.status == 1)
        #expect(result.stdout.contains("model.json:3:10: error: the model's code \"ÉCHEC\" has U+00C9 LATIN CAPITAL "
            + "LETTER E WITH ACUTE at character 1, so no `### CODE` heading can document it"), "\(result.stdout)")
        #expect(result.stdout.contains("the model's code \"ZERO\\u{200B}WIDTH\" has U+200B ZERO WIDTH SPACE at character 5"))
    }

    @Test func aHeadingWithAnInvisibleCharacterFailsTheCheckAtTheCharacter() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage.replacingOccurrences(
            of: "### ACCESS_NOT_GRANTED", with: "### ACCESS\u{200B}_NOT_GR\u{410}NTED"))
        let result = try workspace.run("check")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/docs/errors/item.md:8:11: error: the heading "
            + "\"ACCESS\\u{200B}_NOT_GR\u{410}NTED\" has U+200B ZERO WIDTH "
            + "SPACE here, an invisible character (and 1 more such character), so it is not read as the code "
            + "ACCESS_NOT_GRANTED it looks like"), "\(result.stdout)")
        #expect(result.stdout.contains("Content/docs/errors/item.md:8:11: warning: ACCESS_NOT_GRANTED is in the model "
            + "but has no section: the heading that looks like it has U+200B"))
    }

    // MARK: 15, 18. Links

    @Test func linksToPublishedFilesPassAndOthersFail() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage + """

            [short](../ACCESS_NOT_GRANTED/) [encoded](../it%65m/#access_not_granted) [missing](x.html) \
            [nfd](#cafe\u{301}) [nfc](#caf\u{E9})

            ## Café

            """)
        let result = try workspace.run("check")
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.stdout)")
        #expect(errors.first?.contains("x.html leads to /docs/errors/item/x.html, which is not a file of the site") == true)
        #expect(errors.last?.contains("browsers compare fragments byte for byte; write the fragment in NFC") == true)
    }

    // MARK: 17. Duplicates

    @Test func aDuplicateOnTheWrongTypesPageIsReportedThere() throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage)
        try workspace.write("Content/docs/errors/invalid-input.md", """
            ---
            title: Invalid input errors
            error_type: INVALID_INPUT
            ---

            Invalid input.

            ### ACCESS_NOT_GRANTED

            Pasted here by mistake.

            """)
        let result = try workspace.run("check")
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.allSatisfy { $0.hasPrefix("Content/docs/errors/invalid-input.md:8:1: ") }, "\(result.stdout)")
        #expect(errors.contains { $0.contains("is already documented at Content/docs/errors/item.md:8:1, on the page of "
            + "its type ITEM_ERROR; keep one section and remove this one [duplicate-code]") })
    }

    // MARK: 20. Front matter

    @Test func aComplexYAMLKeyIsOneLine() throws {
        let workspace = try Workspace()
        try workspace.write("Content/notes.md", "---\ntitle: Notes\n? [a, b]\n: c\n---\n\nText.\n")
        let result = try workspace.run("check")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/notes.md:3:3: error: front matter key is a list, not a name; write each "
            + "setting as `name: value` with one of description, error_type, layout, title [front-matter]\n"),
            "\(result.stdout)")
        #expect(!result.stdout.contains("Node"))
    }

    // MARK: 21. Control characters

    @Test(arguments: ["text", "github"])
    func controlCharactersFromPagesArePrintedEscaped(_ format: String) throws {
        let workspace = try Workspace()
        try workspace.write("Content/docs/errors/item.md", Self.itemPage + "\n[x](gone\u{202E}exe/)\n")
        let result = try workspace.run("check", "--format", format)
        #expect(result.status == 1)
        #expect(result.stdout.contains("gone\\u{202E}exe/ leads to"), "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x202E })
    }
}
