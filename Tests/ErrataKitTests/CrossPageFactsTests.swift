import Foundation
import Testing
@testable import ErrataKit

/// `errata check` keeps of each page only its ``Page/crossPageFacts`` once the page
/// alone is checked. That must find exactly what checking the whole pages does.
@Suite struct CrossPageFactsTests {
    /// Every rule fixture: the report's findings, for `errata check` and for a build,
    /// are those of the checker given every page whole.
    @Test(arguments: RuleFixture.names)
    func crossPageFactsFindWhatWholePagesFind(_ name: String) throws {
        let fixture = RuleFixture(name: name)
        let whole = try fixture.wholePageDiagnostics().map(\.formatted)
        #expect(try fixture.diagnostics(forPublishing: false).map(\.formatted) == whole)
        #expect(try fixture.diagnostics().map(\.formatted) == whole)
    }

    /// The facts keep nothing of a page's HTML, samples or sub-sections, and everything
    /// else.
    @Test func factsAreThePageWithoutWhatOnlyItsOwnChecksAndRenderingRead() throws {
        var sections = 0
        for text in try CheckOnlyParsingTests.pageTexts() {
            let page = CheckOnlyParsingTests.parse(text, rendersHTML: true)
            let facts = page.crossPageFacts
            #expect(CheckOnlyParsingTests.htmlOf(facts).allSatisfy { $0.isEmpty })
            #expect(facts.codeSections.allSatisfy { $0.sample == nil && $0.subsections.isEmpty })
            #expect(facts.codeSections.map(\.code) == page.codeSections.map(\.code))
            #expect(facts.codeSections.map(\.location) == page.codeSections.map(\.location))
            #expect(facts.links == page.links && facts.anchors == page.anchors && facts.route == page.route)
            #expect(facts.rawHTML.map(\.text) == page.rawHTML.map(\.text))
            sections += page.codeSections.count
        }
        #expect(sections > 1_000)
    }

    /// A build past its budget of whole pages renders only the code sections'
    /// descriptions while it checks (``HTMLRendering/descriptions``): each description,
    /// and so each summary, must be what rendering every block gives, and the facts the
    /// same.
    @Test func descriptionsAloneGiveTheWholePagesSummaries() throws {
        var summaries = 0
        // Descriptions that a heading of each level ends, two samples, a summary inside a
        // list, a section that opens the page.
        let sections = """
            ### ITEM_LOGIN_REQUIRED
            ```json
            { "error_code": "ITEM_LOGIN_REQUIRED" }
            ```
            > - The user must log in **again**. Then retry.

            ```json
            { "second": true }
            ```
            ##### Aside
            Not the description.
            ### INVALID_CREDENTIALS
            Wrong *credentials*. Ask again.
            Setext heading
            --------------
            Page text.
            ### INSTITUTION_DOWN
            Down.
            # Title
            ### INSTITUTION_NOT_RESPONDING
            """
        let texts = try CheckOnlyParsingTests.pageTexts() + [sections, "---\ntitle: T\n---\n" + sections]
        for text in texts {
            let whole = CheckOnlyParsingTests.parse(text, rendering: .all)
            let described = CheckOnlyParsingTests.parse(text, rendering: .descriptions)
            #expect(described.codeSections.map(\.descriptionHTML) == whole.codeSections.map(\.descriptionHTML), "\(text.prefix(600))")
            let (facts, wholeFacts) = (described.factsWithSummaries, whole.factsWithSummaries)
            #expect(facts.codeSummaries == wholeFacts.codeSummaries)
            #expect(PiecewiseParsingTests.described(facts, []) == PiecewiseParsingTests.described(wholeFacts, []))
            summaries += wholeFacts.codeSummaries?.compactMap { $0 }.count ?? 0
        }
        #expect(summaries > 1_000, "the texts have descriptions to summarise")
    }
}
