import Foundation
import Testing
@testable import ErrataKit

/// The build-time cross-check of the docs against the error model: every rule of
/// ``Checker`` and ``SampleChecker``, and the page-level rules of ``PageParser``, on
/// fixture sites under `Fixtures/rules/<case>/`.
@Suite struct CheckerTests {
    // MARK: Fixture sites

    /// Each site yields exactly the diagnostics in its `expected.txt`, in order.
    @Test(arguments: RuleFixture.names)
    func fixtureSite(_ name: String) throws {
        let fixture = RuleFixture(name: name)
        let diagnostics = try fixture.diagnostics()
        let found = diagnostics.map(\.formatted)
        if RuleFixture.isRecording {
            try fixture.record(found)
            return
        }
        let expected = try fixture.expectedLines()
        #expect(found == expected)
        // Sorted by the files' real paths: the built-in model's path is not under the site.
        let inSite = diagnostics.filter { $0.location.file != Catalog.fixtureSource }
        for (earlier, later) in zip(inSite, inSite.dropFirst()) {
            #expect(
                !later.location.isBefore(earlier.location),
                "\(later.location) is reported after \(earlier.location)")
        }
    }

    /// The fixtures exercise every rule, so a new rule cannot go untested unnoticed.
    @Test func everyRuleHasAFixture() throws {
        let names = RuleFixture.names
        #expect(!names.isEmpty, "no fixture sites found in the test bundle")
        var expectedRules: Set<String> = []
        for name in names {
            for line in try RuleFixture(name: name).expectedLines() {
                if let rule = line.bracketedRuleID { expectedRules.insert(rule) }
            }
        }
        // Template and I/O problems stop a preview rebuild, not a check: LiveSiteTests covers them.
        // A model file that cannot be read stops the command before any check: CatalogReaderTests.
        // The project file is read by the command, not the checker: ProjectFileTests.
        let previewOnly: Set<RuleID> = [.templateError, .ioError, .modelFile, .config]
        let untested = RuleID.allCases.filter { !previewOnly.contains($0) }.map(\.rawValue).filter { !expectedRules.contains($0) }
        #expect(untested.isEmpty, "no fixture expects \(untested.joined(separator: ", "))")
    }

    /// A site that follows the house style, with front matter or with `## Type`
    /// headings, is clean. Asserted directly, so recording cannot hide a regression.
    @Test(arguments: ["valid", "valid-type-headings"])
    func validSiteHasNoDiagnostics(_ name: String) throws {
        let diagnostics = try RuleFixture(name: name).diagnostics()
        #expect(diagnostics.map(\.formatted) == [])
    }

    // MARK: Single pages

    /// The order codes are checked in without making their sort keys is the keys'
    /// order, for codes and for any other text (non-ASCII, combining marks that change
    /// the letter before them, prefixes, underscores against letters and spaces).
    @Test func codesSortAsTheirKeysSort() {
        let texts = ["A", "A_B", "AB", "A B", "A_", "A__B", "INSTITUTION_NO_LONGER_SUPPORTED", "INSTITUTION_NOT_AVAILABLE",
                     "ITEM_ERROR", "ITEM_ERROR_2", "ITEM_ERRORS", "", "_", "Ae\u{301}", "Af", "A\u{E9}", "É", "E", "a", "Z9", "Z_9"]
        for first in texts {
            for second in texts {
                #expect(first.sortsAlphabetically(before: second) == (first.alphabeticalKey < second.alphabeticalKey),
                        "\(first.debugDescription) before \(second.debugDescription)")
            }
        }
    }

    @Test func unknownCodeSuggestsTheNearestModelCode() throws {
        let diagnostics = check("""
            ---
            title: Item errors
            error_type: ITEM_ERROR
            ---

            ### ACCESS_NOT_GRANTD

            Description.

            ### PRODUCT_NOT_READY

            Description.
            """)
        let unknown = diagnostics.filter { $0.rule == .unknownCode }
        try #require(unknown.count == 2)
        #expect(unknown.map(\.severity) == [.error, .error])
        #expect(unknown.map(\.location) == [
            ErrataKit.SourceLocation(file: "item.md", line: 6, column: 1),
            ErrataKit.SourceLocation(file: "item.md", line: 10, column: 1),
        ])
        #expect(unknown[0].message.contains("ACCESS_NOT_GRANTD"))
        #expect(unknown[0].message.contains("did you mean ACCESS_NOT_GRANTED?"))
        #expect(!unknown[1].message.contains("did you mean"))
    }

    @Test func typeHeadingSetsTheTypeOfTheCodesAfterIt() {
        let diagnostics = check("""
            # Errors

            ## Institution errors

            ### INSTITUTION_DOWN

            ## Item errors

            ### INVALID_CREDENTIALS

            ### INSTITUTION_DOWN
            """)
        let wrongType = diagnostics.filter { $0.rule == .wrongType }
        #expect(wrongType.map(\.location) == [ErrataKit.SourceLocation(file: "item.md", line: 11, column: 1)])
        #expect(wrongType.first?.message.contains("documented under ITEM_ERROR (set at line 7)") == true)
        #expect(diagnostics.filter { $0.rule == .duplicateCode }.map(\.location.line) == [11])
    }

    // MARK: Diagnostics

    @Test func formattedIsCompilerStyle() {
        let error = Diagnostic(
            .error, .unknownCode, "unknown error code ACCESS_NOT_GRANTD",
            at: ErrataKit.SourceLocation(file: "Content/docs/errors/item.md", line: 12, column: 5))
        #expect(error.formatted
            == "Content/docs/errors/item.md:12:5: error: unknown error code ACCESS_NOT_GRANTD [unknown-code]")
        let warning = Diagnostic(
            .warning, .undocumentedCode, "INVALID_FIELD is in the model but has no section",
            at: ErrataKit.SourceLocation(file: "item.md", line: 1, column: 1))
        #expect(warning.formatted
            == "item.md:1:1: warning: INVALID_FIELD is in the model but has no section [undocumented-code]")
    }

    @Test func diagnosticsSortByFileThenLineThenColumn() {
        func at(_ file: String, _ line: Int, _ column: Int) -> Diagnostic {
            Diagnostic(.error, .invalidJSON, "fault", at: ErrataKit.SourceLocation(file: file, line: line, column: column))
        }
        let unsorted = [at("b.md", 1, 1), at("a.md", 10, 1), at("a.md", 9, 30), at("a.md", 9, 4)]
        #expect(unsorted.sorted().map(\.location.description) == ["a.md:9:4", "a.md:9:30", "a.md:10:1", "b.md:1:1"])
    }

    // MARK: Real content

    /// The first seed switches type with `## Item errors`, `## Institution errors` and
    /// `## Invalid Request errors` headings, and all its codes are in the model.
    @Test func seedHasNoUnknownCodesOrWrongTypes() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let report = try Pipeline(catalog: .concentrix).check(content: fixtures.appendingPathComponent("seed"))
        let sections = report.pages.flatMap(\.codeSections)
        #expect(sections.map(\.code) == [
            "ACCESS_NOT_GRANTED", "INSTANT_MATCH_FAILED",
            "INSTITUTION_DOWN", "INSTITUTION_NO_LONGER_SUPPORTED", "INSTITUTION_NOT_AVAILABLE",
            "INCOMPATIBLE_API_VERSION", "INVALID_ACCOUNT_NUMBER",
        ])
        #expect(sections.map(\.contextTypeID) == [
            "ITEM_ERROR", "ITEM_ERROR",
            "INSTITUTION_ERROR", "INSTITUTION_ERROR", "INSTITUTION_ERROR",
            "INVALID_REQUEST", "INVALID_REQUEST",
        ])
        let refused = report.diagnostics.filter { $0.rule == .unknownCode || $0.rule == .wrongType }
        #expect(refused.map(\.formatted) == [])
    }

    // MARK: Published names compare by bytes

    /// A link to a page whose name is NFC, written in NFD, is broken in a browser;
    /// the same link in NFC is not.
    @Test func aLinkMatchingAPageOnlyAfterNormalisationIsBroken() {
        let parser = PageParser(catalog: .fixture)
        let (target, _) = parser.parse("# Café\n", file: "caf\u{E9}.md", contentPath: "caf\u{E9}.md")
        let (page, _) = parser.parse(
            "# Links\n\n[nfc](../caf\u{E9}/) [nfd](../cafe\u{301}/) [encoded](../caf%C3%A9/)\n",
            file: "links.md", contentPath: "links.md")
        let broken = Checker(catalog: .fixture).check([target, page]).filter { $0.rule == .brokenLink }
        #expect(broken.map(\.location.column) == [18])
        #expect(broken.first?.message.contains("equal only after Unicode normalisation") == true)
        #expect(broken.first?.message.contains("write the link in NFC") == true)
    }

    /// A heading written in NFD gets the NFC anchor, and a fragment matches it only in NFC.
    @Test func anchorsArePublishedInNFC() {
        let (page, _) = PageParser(catalog: .fixture).parse(
            "# T\n\n[a](#cafe\u{301}) [b](#caf\u{E9})\n\n## Cafe\u{301}\n", file: "t.md", contentPath: "t.md")
        #expect(page.anchors.contains { Array($0.utf8) == Array("caf\u{E9}".utf8) })
        let broken = Checker(catalog: .fixture).check([page]).filter { $0.rule == .brokenAnchor }
        #expect(broken.map(\.location.column) == [1])
        #expect(broken.first?.message.contains("write the fragment in NFC") == true)
    }

    // MARK: Helpers

    /// Parses `text` as `item.md` against ``Catalog/fixture`` and checks it alone.
    private func check(_ text: String) -> [Diagnostic] {
        let (page, found) = PageParser(catalog: .fixture).parse(text, file: "item.md", contentPath: "item.md")
        return (found + Checker(catalog: .fixture).check([page])).sorted()
    }
}

private extension ErrataKit.SourceLocation {
    /// Whether the location comes before `other` in file, line, column order.
    func isBefore(_ other: ErrataKit.SourceLocation) -> Bool {
        (file, line, column) < (other.file, other.line, other.column)
    }
}

private extension String {
    /// The rule id at the end of a formatted diagnostic: `unknown-code` in `… [unknown-code]`.
    var bracketedRuleID: String? {
        guard hasSuffix("]"), let open = lastIndex(of: "[") else { return nil }
        return String(self[index(after: open)..<index(before: endIndex)])
    }
}
