import Foundation
import Testing
@testable import ErrataKit

/// `errata check` parses pages without rendering their Markdown to HTML
/// (`PageParser.rendersHTML = false`). Such a page must be the page a build parses but
/// for its HTML, and every rule must find the same: on the GFM spec's examples (as
/// pages, and inside code sections and their sub-sections), the real content, and every
/// rule fixture.
@Suite struct CheckOnlyParsingTests {
    /// The flags the rules read instead of the HTML say what the HTML said: a
    /// description or sub-section has them exactly when its rendered HTML is not empty.
    @Test func emptinessFlagsAgreeWithTheRenderedHTML() throws {
        var sections = 0
        for text in try Self.pageTexts() {
            let page = Self.parse(text, rendersHTML: true)
            for section in page.codeSections {
                sections += 1
                #expect(section.hasDescription == !section.descriptionHTML.isEmpty, "\(section.code) in\n\(text.prefix(400))")
                for subsection in section.subsections {
                    #expect(subsection.hasContent == !subsection.html.isEmpty, "\(subsection.title) in\n\(text.prefix(400))")
                }
            }
        }
        #expect(sections > 1_000, "the texts make code sections to compare")
    }

    /// A page parsed only to be checked has no HTML, and is otherwise the same.
    @Test func aCheckedPageIsThePublishedPageWithoutItsHTML() throws {
        for text in try Self.pageTexts() {
            let checked = Self.parse(text, rendersHTML: false)
            let published = Self.parse(text, rendersHTML: true)
            let html = Self.htmlOf(checked)
            #expect(html.allSatisfy { $0.isEmpty })
            let expected = PiecewiseParsingTests.described(published.withoutHTML, [])
            let found = PiecewiseParsingTests.described(checked.withoutHTML, [])
            #expect(found == expected, "\(text.prefix(600))")
        }
    }

    /// Every rule fixture gives `errata check` the findings `errata build` gets.
    @Test(arguments: RuleFixture.names)
    func checkingWithoutHTMLFindsWhatTheBuildFinds(_ name: String) throws {
        let fixture = RuleFixture(name: name)
        let checked = try fixture.diagnostics(forPublishing: false), published = try fixture.diagnostics()
        #expect(checked.map(\.formatted) == published.map(\.formatted))
    }

    @Test func realContentChecksTheSameWithoutHTML() throws {
        let content = RealContentTests.repository.appendingPathComponent("Content")
        let pipeline = Pipeline(catalog: .concentrix)
        let checked = try pipeline.check(content: content, forPublishing: false)
        let published = try pipeline.check(content: content)
        #expect(checked.diagnostics.map(\.formatted) == published.diagnostics.map(\.formatted))
        #expect(!checked.pagesHaveHTML && published.pagesHaveHTML)
        // `errata check` keeps only each page's facts for the checks across pages.
        #expect(checked.pages.map { PiecewiseParsingTests.described($0, []) }
            == published.pages.map { PiecewiseParsingTests.described($0.crossPageFacts, []) })
    }

    // MARK: - Support

    static func parse(_ text: String, rendersHTML: Bool) -> Page {
        parse(text, rendering: rendersHTML ? .all : .none)
    }

    static func parse(_ text: String, rendering: HTMLRendering) -> Page {
        var parser = PageParser(catalog: .concentrix)
        parser.rendering = rendering
        return parser.parse(text, file: "docs/errors/item.md", contentPath: "docs/errors/item.md").0
    }

    /// Pages to parse both ways: each GFM example as a page's body, as a code's
    /// description and as a sub-section's content; each page of the real content.
    static func pageTexts() throws -> [String] {
        let front = "---\ntitle: Example\nerror_type: ITEM_ERROR\n---\n"
        var texts: [String] = []
        for example in try GFMConformanceTests.examples() {
            let markdown = example.markdown
            texts.append(front + markdown)
            texts.append(front + "### ITEM_LOGIN_REQUIRED\n\n" + markdown + "\n#### Common causes\n\n" + markdown
                + "\n#### Troubleshooting steps\n\n### INVALID_CREDENTIALS\n\n" + markdown)
        }
        let content = RealContentTests.repository.appendingPathComponent("Content")
        for path in try ContentLoader(directory: content).markdownPaths() {
            texts.append(try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8))
        }
        return texts
    }

    /// Every HTML string of the page.
    static func htmlOf(_ page: Page) -> [String] {
        page.blocks.flatMap { block -> [String] in
            switch block {
            case .html(let html): [html]
            case .heading(let heading): [heading.html]
            case .code(let section): [section.descriptionHTML] + section.subsections.map(\.html)
            }
        }
    }
}
