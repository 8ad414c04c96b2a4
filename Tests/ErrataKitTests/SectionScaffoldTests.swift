import Foundation
import Testing
@testable import ErrataKit

/// `errata new`: where ``SectionScaffold`` puts a new section, what it writes, what it
/// refuses, and that the page it leaves reads back and checks as the skeleton it is.
/// The sites are under `Fixtures/scaffold/`: `type-pages` has a page per type (front
/// matter), `type-headings` one page that switches type with `## <Type>` headings.
@Suite struct SectionScaffoldTests {
    static let scaffold = SectionScaffold(catalog: .scaffold, modelSource: Catalog.scaffoldSource)

    // MARK: Placement

    struct Placement: Sendable, CustomTestStringConvertible {
        var site: String
        var code: String
        var page: String
        /// The line right after the new section's blank line, or `nil` when the
        /// section ends the file.
        var followedBy: String?
        var lineEnding = "\n"

        var testDescription: String {
            "\(code) into \(site)/\(page)\(lineEnding == "\r\n" ? " (CRLF)" : "")"
        }
    }

    static let placements: [Placement] = [
        // Front-matter pages: start, middle, end of file.
        Placement(site: "type-pages", code: "ACCESS_BLOCKED", page: "item.md", followedBy: "### ACCESS_NOT_GRANTED"),
        // "ACCESS NOTICE" sorts after "ACCESS NOT GRANTED": underscores count as spaces.
        Placement(site: "type-pages", code: "ACCESS_NOTICE", page: "item.md", followedBy: "### INVALID_CREDENTIALS"),
        Placement(site: "type-pages", code: "ITEM_LOCKED", page: "item.md", followedBy: nil),
        // After the type's last code, before a heading that is not a code.
        Placement(site: "type-pages", code: "INSTITUTION_NOT_RESPONDING", page: "institution.md", followedBy: "### Status pages"),
        // A page of the type with no code yet.
        Placement(site: "type-pages", code: "WEBHOOK_FAILED", page: "webhook.md", followedBy: nil),
        // `## Type` groups: inside the group, never after the next group's heading.
        Placement(site: "type-headings", code: "ITEM_LOCKED", page: "errors.md", followedBy: "## Institution errors"),
        Placement(site: "type-headings", code: "INSTITUTION_BUSY", page: "errors.md", followedBy: "### INSTITUTION_DOWN"),
        Placement(site: "type-headings", code: "INVALID_HEADER", page: "errors.md", followedBy: "## Rate limit errors"),
        // A type heading with no code under it yet.
        Placement(site: "type-headings", code: "RATE_LIMIT_EXCEEDED", page: "errors.md", followedBy: "## See also"),
        // CRLF pages get CRLF sections.
        Placement(site: "type-pages", code: "ACCESS_NOTICE", page: "item.md", followedBy: "### INVALID_CREDENTIALS", lineEnding: "\r\n"),
        Placement(site: "type-pages", code: "ITEM_LOCKED", page: "item.md", followedBy: nil, lineEnding: "\r\n"),
        Placement(site: "type-headings", code: "ITEM_LOCKED", page: "errors.md", followedBy: "## Institution errors", lineEnding: "\r\n"),
    ]

    @Test(arguments: placements)
    func placesTheSectionAmongTheCodesOfItsType(_ placement: Placement) throws {
        let result = try Scaffolded(placement)
        #expect(result.page.contentPath == placement.page)
        let lines = result.insertion.text.components(separatedBy: placement.lineEnding)
        let heading = result.insertion.line - 1
        #expect(lines[heading] == "### \(placement.code)")
        // Exactly one blank line before the section…
        #expect(lines[heading - 1].isEmpty)
        #expect(!lines[heading - 2].isEmpty)
        let last = try #require(lines[heading...].firstIndex(of: "#### Troubleshooting steps"))
        if let followedBy = placement.followedBy {
            // …and one after it.
            #expect(lines[last + 1].isEmpty)
            #expect(lines[last + 2] == followedBy)
        } else {
            #expect(result.insertion.text.hasSuffix("#### Troubleshooting steps" + placement.lineEnding))
        }
    }

    @Test(arguments: placements)
    func changesNoOtherByte(_ placement: Placement) throws {
        let result = try Scaffolded(placement)
        let old = Array(result.old.utf8)
        let new = Array(result.insertion.text.utf8)
        let inserted = Array(result.insertion.insertedText.utf8)
        let offset = result.insertion.offset
        #expect(new.count == old.count + inserted.count)
        #expect(Array(new[..<offset]) == Array(old[..<offset]))
        #expect(Array(new[offset..<(offset + inserted.count)]) == inserted)
        #expect(Array(new[(offset + inserted.count)...]) == Array(old[offset...]))
        // The new lines end as the page's do.
        let lineFeeds = inserted.indices.filter { inserted[$0] == UInt8(ascii: "\n") }
        let crlf = lineFeeds.filter { $0 > 0 && inserted[$0 - 1] == UInt8(ascii: "\r") }
        #expect(crlf.count == (placement.lineEnding == "\r\n" ? lineFeeds.count : 0))
        #expect(inserted.count { $0 == UInt8(ascii: "\r") } == crlf.count)
    }

    @Test(arguments: placements)
    func newPageReadsBackWithTheCodeInPlace(_ placement: Placement) throws {
        let result = try Scaffolded(placement)
        let (reread, _) = PageParser(catalog: .scaffold)
            .parse(result.insertion.text, file: placement.page, contentPath: placement.page)
        let sections = reread.codeSections
        let added = try #require(sections.first { $0.code == placement.code })
        let type = try #require(Catalog.scaffold.code(named: placement.code)?.type)
        #expect(added.location.line == result.insertion.line)
        #expect((added.contextTypeID ?? type) == type)
        #expect(added.sample?.text.contains(#""error_code": "\#(placement.code)""#) == true)
        #expect(sections.map(\.code).filter { $0 != placement.code } == result.page.codeSections.map(\.code))
        let ofType = Self.scaffold.sections(ofType: type, on: reread).map(\.code)
        #expect(ofType.contains(placement.code))
        #expect(ofType == ofType.sorted { $0.alphabeticalKey < $1.alphabeticalKey })
    }

    @Test(arguments: placements)
    func checkFindsOnlyTheSkeletonsGaps(_ placement: Placement) throws {
        let result = try Scaffolded(placement)
        let report = try result.checkedSite()
        let disagreements: Set<RuleID> = [
            .unknownCode, .wrongType, .duplicateCode, .unorderedCodes, .invalidJSON, .missingStatus, .sampleSchema,
            .sampleCodeMismatch, .sampleTypeMismatch, .sampleStatusMismatch, .sampleMessageMismatch,
        ]
        #expect(report.diagnostics.filter { disagreements.contains($0.rule) }.map(\.formatted) == [])
        #expect(result.diagnosticsInTheNewSection(report).map(\.rule) == [.emptySection, .emptySection])
        #expect(!report.diagnostics.contains { $0.rule == .undocumentedCode && $0.message.hasPrefix(placement.code + " ") })
    }

    /// The sites are in order and agree with the model before anything is added, so
    /// whatever the check finds afterwards comes from the new section.
    @Test(arguments: ["type-pages", "type-headings"])
    func sitesAreCleanBeforehand(_ site: String) throws {
        let report = try Pipeline(catalog: .scaffold).check(content: try ScaffoldSite.folder(site))
        #expect(report.diagnostics.filter { $0.rule != .undocumentedCode }.map(\.formatted) == [])
    }

    @Test func skeletonFollowsTheHouseStyle() throws {
        let result = try Scaffolded(Self.placements[0])
        #expect(result.insertion.insertedText == """
            ### ACCESS_BLOCKED

            Describe what the error means and when the API returns it.

            ```json
            // http code 400
            {
             "error_type": "ITEM_ERROR",
             "error_code": "ACCESS_BLOCKED",
             "error_message": "access to this item is blocked",
             "display_message": "Your account is blocked. Contact your bank.",
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```

            #### Common causes

            #### Troubleshooting steps


            """)
        #expect(result.insertion.line == 8)
        #expect(result.insertion.missingFacts == [])
    }

    // MARK: What the model knows

    struct Facts: Sendable, CustomTestStringConvertible {
        var site = "type-pages"
        var code: String
        /// The lines of the sample, inside its fence.
        var sample: [String]
        var missing: [SectionScaffold.MissingFact.Fact] = []
        /// The text of the line each missing fact is reported at.
        var missingAt: [String] = []
        /// The rules the check reports inside the new section, in order.
        var rules: [RuleID]

        var testDescription: String { code }
    }

    static let facts: [Facts] = [
        Facts(
            site: "type-headings", code: "INVALID_HEADER",
            sample: [
                "// http code 400", "{",
                #" "error_type": "INVALID_REQUEST","#,
                #" "error_code": "INVALID_HEADER","#,
                #" "error_message": "a request header is not valid","#,
                #" "display_message": null,"#,
                #" "request_id": "HNTDNrA8F1shFEW""#, "}",
            ],
            rules: [.emptySection, .emptySection]),
        Facts(
            code: "ITEM_LOCKED",
            sample: [
                "// http code 423", "{",
                #" "error_type": "ITEM_ERROR","#,
                #" "error_code": "ITEM_LOCKED","#,
                #" "error_message": "the item is \"locked\" by C:\\bank\\vault\n\tretry later","#,
                #" "display_message": "Le compte est verrouillé.","#,
                #" "request_id": "HNTDNrA8F1shFEW""#, "}",
            ],
            rules: [.emptySection, .emptySection]),
        Facts(
            code: "ITEM_PARTLY_KNOWN",
            sample: [
                "// http code 400", "{",
                #" "error_type": "ITEM_ERROR","#,
                #" "error_code": "ITEM_PARTLY_KNOWN","#,
                #" "error_message": "only the error message is known","#,
                #" "request_id": "HNTDNrA8F1shFEW""#, "}",
            ],
            missing: [.displayMessage],
            missingAt: [#" "request_id": "HNTDNrA8F1shFEW""#],
            rules: [.sampleSchema, .emptySection, .emptySection]),
        Facts(
            code: "ITEM_UNKNOWN",
            sample: [
                "// http code NNN", "{",
                #" "error_type": "ITEM_ERROR","#,
                #" "error_code": "ITEM_UNKNOWN","#,
                #" "request_id": "HNTDNrA8F1shFEW""#, "}",
            ],
            missing: [.httpStatus, .errorMessage, .displayMessage],
            missingAt: ["// http code NNN", #" "request_id": "HNTDNrA8F1shFEW""#, #" "request_id": "HNTDNrA8F1shFEW""#],
            rules: [.missingStatus, .sampleSchema, .sampleSchema, .emptySection, .emptySection]),
    ]

    /// A null message is written `null`; an unknown fact is never guessed: the status
    /// line says NNN, an unknown message is left out, each is reported, and the check
    /// fails on them until the writer supplies them.
    @Test(arguments: facts)
    func sampleSaysWhatTheModelKnows(_ facts: Facts) throws {
        let result = try Scaffolded(site: facts.site, code: facts.code)
        let lines = result.insertion.text.components(separatedBy: "\n")
        let fence = try #require(lines[result.insertion.line...].firstIndex(of: "```json"))
        let close = try #require(lines[fence...].firstIndex(of: "```"))
        #expect(Array(lines[(fence + 1)..<close]) == facts.sample)
        #expect(result.insertion.missingFacts.map(\.fact) == facts.missing)
        #expect(result.insertion.missingFacts.map { lines[$0.line - 1] } == facts.missingAt)
        let report = try result.checkedSite()
        #expect(result.diagnosticsInTheNewSection(report).map(\.rule) == facts.rules)
        #expect(!report.diagnostics.contains { $0.rule == .sampleMessageMismatch || $0.rule == .invalidJSON })
    }

    // MARK: Refusals

    struct Refusal: Sendable, CustomTestStringConvertible {
        var code: String
        var error: ScaffoldError
        var testDescription: String { code }
    }

    static let refusals: [Refusal] = [
        Refusal(code: "ACCESS_NOT_GRANTD", error: .unknownCode(
            "ACCESS_NOT_GRANTD", suggestion: "ACCESS_NOT_GRANTED", modelSource: Catalog.scaffoldSource)),
        Refusal(code: "access_blocked", error: .unknownCode(
            "access_blocked", suggestion: "ACCESS_BLOCKED", modelSource: Catalog.scaffoldSource)),
        Refusal(code: "WIDGET_EXPLODED", error: .unknownCode(
            "WIDGET_EXPLODED", suggestion: nil, modelSource: Catalog.scaffoldSource)),
        Refusal(code: "INVALID_CREDENTIALS", error: .alreadyDocumented(
            "INVALID_CREDENTIALS", at: SourceLocation(file: "item.md", line: 27, column: 1))),
        Refusal(code: "INSTITUTION_DOWN", error: .alreadyDocumented(
            "INSTITUTION_DOWN", at: SourceLocation(file: "institution.md", line: 8, column: 1))),
        Refusal(code: "BILLING_FAILED", error: .noPage(
            code: "BILLING_FAILED", typeID: "BILLING_ERROR", typeTitle: "Billing errors")),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) throws {
        let pages = try ScaffoldSite("type-pages").pages()
        #expect(throws: refusal.error) { try Self.scaffold.page(for: refusal.code, among: pages) }
        #expect(!refusal.error.description.contains("\n"))
    }

    @Test func refusalsSayWhatToDo() {
        #expect(ScaffoldError.unknownCode("ACCESS_NOT_GRANTD", suggestion: "ACCESS_NOT_GRANTED", modelSource: "model.json").description
            == "errata: error: unknown error code ACCESS_NOT_GRANTD; add it to the model in model.json first, "
            + "or fix the code — did you mean ACCESS_NOT_GRANTED?")
        #expect(ScaffoldError.alreadyDocumented("INVALID_CREDENTIALS", at: SourceLocation(file: "item.md", line: 27, column: 1)).description
            == "item.md:27:1: error: INVALID_CREDENTIALS is already documented here; edit this section instead")
        #expect(ScaffoldError.noPage(code: "BILLING_FAILED", typeID: "BILLING_ERROR", typeTitle: "Billing errors").description
            == "errata: error: no page documents BILLING_ERROR, the type of BILLING_FAILED; give a page "
            + "`error_type: BILLING_ERROR` in its front matter, or add a `## Billing errors` heading to one, "
            + "then run errata new again")
    }

    /// A section that would land inside a code block left open is refused, not written.
    @Test func refusesASectionThatWouldNotReadAsOne() throws {
        let text = """
            ---
            error_type: ITEM_ERROR
            ---

            ### ACCESS_NOT_GRANTED

            The user did not grant necessary permissions.

            ```json
            // http code 400
            {

            """
        let (page, _) = PageParser(catalog: .scaffold).parse(text, file: "item.md", contentPath: "item.md")
        let code = try #require(Catalog.scaffold.code(named: "ITEM_LOCKED"))
        #expect(throws: ScaffoldError.cannotPlace("ITEM_LOCKED", at: SourceLocation(file: "item.md", line: 11, column: 1))) {
            try Self.scaffold.insert(code, into: text, of: page)
        }
    }

    // MARK: Files

    @Test func addWritesThePageInPlaceKeepingItsPermissions() throws {
        let folder = try ScaffoldSite("type-pages").copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let item = folder.appendingPathComponent("item.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: item.path)
        let before = try Self.snapshot(folder)

        let added = try Self.scaffold.add("ACCESS_NOTICE", toPagesIn: folder)

        let expected = try Scaffolded(Self.placements[1])
        #expect(try Data(contentsOf: item) == Data(expected.insertion.text.utf8))
        #expect(added.line == expected.insertion.line)
        #expect(added.summary == "\(DisplayPath.of(item)):\(expected.insertion.line): added ### ACCESS_NOTICE")
        #expect(added.warnings == [])
        let permissions = try FileManager.default.attributesOfItem(atPath: item.path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o640)
        var after = try Self.snapshot(folder)
        #expect(after.keys.sorted() == before.keys.sorted(), "no temporary file is left behind")
        after["item.md"] = before["item.md"]
        #expect(after == before, "the other pages are untouched")
    }

    @Test func addKeepsAByteOrderMarkAndFollowsASymbolicLink() throws {
        let folder = try ScaffoldSite("type-pages").copy()
        // A hidden page inside the content folder: a link out of it would be refused.
        let elsewhere = folder.appendingPathComponent(".item-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: folder) }
        let item = folder.appendingPathComponent("item.md")
        let text = try String(contentsOf: item, encoding: .utf8)
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: elsewhere)
        try FileManager.default.removeItem(at: item)
        try FileManager.default.createSymbolicLink(at: item, withDestinationURL: elsewhere)

        _ = try Self.scaffold.add("ACCESS_NOTICE", toPagesIn: folder)

        let expected = try Scaffolded(Self.placements[1])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: item.path) == elsewhere.path)
        #expect(try Data(contentsOf: elsewhere) == Data([0xEF, 0xBB, 0xBF] + Array(expected.insertion.text.utf8)))
    }

    @Test func addSaysWhatTheModelDoesNotKnow() throws {
        let folder = try ScaffoldSite("type-pages").copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let added = try Self.scaffold.add("ITEM_UNKNOWN", toPagesIn: folder)
        let file = DisplayPath.of(folder.appendingPathComponent("item.md"))
        let line = added.line
        #expect(added.warnings == [
            "\(file):\(line + 5): warning: the model has no HTTP status for ITEM_UNKNOWN, so the sample says "
                + "`// http code NNN`; write the status there and add http_status to the model in \(Catalog.scaffoldSource)",
            "\(file):\(line + 9): warning: the model has no error_message for ITEM_UNKNOWN, so the sample leaves it out; "
                + "add the \"error_message\" field here and add error_message to the model in \(Catalog.scaffoldSource)",
            "\(file):\(line + 9): warning: the model has no display_message for ITEM_UNKNOWN, so the sample leaves it out; "
                + "add the \"display_message\" field here and add display_message to the model in \(Catalog.scaffoldSource)",
        ])
    }

    @Test(arguments: ["ACCESS_NOT_GRANTD", "INVALID_CREDENTIALS", "BILLING_FAILED"])
    func addRefusesWithoutTouchingTheFolder(_ code: String) throws {
        let folder = try ScaffoldSite("type-pages").copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.snapshot(folder)
        #expect(throws: ScaffoldError.self) { try Self.scaffold.add(code, toPagesIn: folder) }
        #expect(try Self.snapshot(folder) == before)
    }

    @Test func addThrowsTheLoadErrorForAMissingFolder() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("errata-missing-\(UUID().uuidString)")
        #expect(throws: LoadError.self) { try Self.scaffold.add("ACCESS_NOTICE", toPagesIn: missing) }
    }

    /// Every file under a folder, by relative path, with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { name in
            (name, try Data(contentsOf: folder.appendingPathComponent(name)))
        })
    }
}

// MARK: - Support

/// A fixture site under `Fixtures/scaffold/`, optionally with CRLF line endings.
private struct ScaffoldSite {
    /// The site's pages: path in the site, and text.
    var texts: [(contentPath: String, text: String)]

    static func folder(_ name: String) throws -> URL {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError.missingResources
        }
        return fixtures.appendingPathComponent("scaffold").appendingPathComponent(name)
    }

    init(_ name: String, lineEnding: String = "\n") throws {
        texts = try ContentLoader(directory: try Self.folder(name)).load().map { file in
            let text = String(decoding: file.bytes, as: UTF8.self)
            return (file.contentPath, lineEnding == "\n" ? text : text.replacingOccurrences(of: "\n", with: lineEnding))
        }
    }

    /// The pages parsed, each named by its path in the site.
    func pages(catalog: Catalog = .scaffold) -> [Page] {
        texts.map { PageParser(catalog: catalog).parse($0.text, file: $0.contentPath, contentPath: $0.contentPath).0 }
    }

    /// The site written to a new temporary folder, with `replacements` for some pages.
    func copy(replacing replacements: [String: String] = [:]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-scaffold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (contentPath, text) in texts {
            try Data((replacements[contentPath] ?? text).utf8).write(to: folder.appendingPathComponent(contentPath))
        }
        return folder
    }
}

/// A section scaffolded into a fixture site, with what it was scaffolded from.
private struct Scaffolded {
    var site: ScaffoldSite
    var page: Page
    var old: String
    var insertion: SectionScaffold.Insertion

    init(site name: String, code: String, lineEnding: String = "\n") throws {
        site = try ScaffoldSite(name, lineEnding: lineEnding)
        let scaffold = SectionScaffoldTests.scaffold
        let (errorCode, page) = try scaffold.page(for: code, among: site.pages())
        self.page = page
        old = try #require(site.texts.first { $0.contentPath == page.contentPath }?.text)
        insertion = try scaffold.insert(errorCode, into: old, of: page)
    }

    init(_ placement: SectionScaffoldTests.Placement) throws {
        try self.init(site: placement.site, code: placement.code, lineEnding: placement.lineEnding)
    }

    /// `Pipeline.check` on the site with the new page in it.
    func checkedSite() throws -> Pipeline.Report {
        let folder = try site.copy(replacing: [page.contentPath: insertion.text])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Pipeline(catalog: .scaffold, modelSource: Catalog.scaffoldSource).check(content: folder)
    }

    /// The report's diagnostics that point into the new section, except the
    /// `undocumented-code` warnings about other codes that belong near it.
    func diagnosticsInTheNewSection(_ report: Pipeline.Report) -> [Diagnostic] {
        let lineCount = insertion.insertedText.utf8.count { $0 == UInt8(ascii: "\n") }
        return report.diagnostics.filter {
            $0.rule != .undocumentedCode
                && $0.location.file.hasSuffix("/" + page.contentPath)
                && (insertion.line..<(insertion.line + lineCount)).contains($0.location.line)
        }
    }
}

extension Catalog {
    /// The fixture model plus codes for the scaffold to add, and types with a page but
    /// no code yet (webhook, rate limit) or no page at all (billing).
    static let scaffold = Catalog(
        types: Catalog.fixture.types + [
            ErrorType(id: "RATE_LIMIT_ERROR", title: "Rate limit errors", slug: "rate-limit", description: "Too many requests."),
            ErrorType(id: "WEBHOOK_ERROR", title: "Webhook errors", slug: "webhook", description: "Webhooks fail."),
            ErrorType(id: "BILLING_ERROR", title: "Billing errors", slug: "billing", description: "Payments fail."),
        ],
        codes: Catalog.fixture.codes + [
            ErrorCode(
                code: "ACCESS_BLOCKED", type: "ITEM_ERROR", httpStatus: 400,
                errorMessage: "access to this item is blocked", displayMessage: "Your account is blocked. Contact your bank."),
            ErrorCode(
                code: "ACCESS_NOTICE", type: "ITEM_ERROR", httpStatus: 400,
                errorMessage: "the institution sent a notice about access", displayMessage: .null),
            ErrorCode(
                code: "ITEM_LOCKED", type: "ITEM_ERROR", httpStatus: 423,
                errorMessage: "the item is \"locked\" by C:\\bank\\vault\n\tretry later",
                displayMessage: "Le compte est verrouillé."),
            ErrorCode(
                code: "ITEM_PARTLY_KNOWN", type: "ITEM_ERROR", httpStatus: 400,
                errorMessage: "only the error message is known", displayMessage: nil),
            ErrorCode(code: "ITEM_UNKNOWN", type: "ITEM_ERROR", httpStatus: nil, errorMessage: nil, displayMessage: nil),
            ErrorCode(
                code: "INSTITUTION_BUSY", type: "INSTITUTION_ERROR", httpStatus: 503,
                errorMessage: "the institution is busy", displayMessage: .null),
            ErrorCode(
                code: "INSTITUTION_NOT_RESPONDING", type: "INSTITUTION_ERROR", httpStatus: 504,
                errorMessage: "the institution did not respond in time", displayMessage: .null),
            ErrorCode(
                code: "INVALID_HEADER", type: "INVALID_REQUEST", httpStatus: 400,
                errorMessage: "a request header is not valid", displayMessage: .null),
            ErrorCode(
                code: "RATE_LIMIT_EXCEEDED", type: "RATE_LIMIT_ERROR", httpStatus: 429,
                errorMessage: "too many requests", displayMessage: .null),
            ErrorCode(
                code: "WEBHOOK_FAILED", type: "WEBHOOK_ERROR", httpStatus: 500,
                errorMessage: "the webhook could not be delivered", displayMessage: .null),
            ErrorCode(
                code: "BILLING_FAILED", type: "BILLING_ERROR", httpStatus: 402,
                errorMessage: "the payment failed", displayMessage: .null),
        ])

    static let scaffoldSource = "Tests/ErrataKitTests/SectionScaffoldTests.swift"
}
