import Foundation
import Markdown
import Testing
@testable import ErrataKit

/// What a page's Markdown becomes outside Errata's own structure: the writer's text
/// whole, the page's footnotes once, task lists, and anchors for empty headings.
@Suite struct GFMPageTests {
    // MARK: Level-1 headings

    /// A `#` heading is the title only when it opens a page that has no title in its
    /// front matter; anywhere else it stays in the body, as cmark-gfm renders it.
    @Test(arguments: [
        ("# foo *bar* \\*baz\\*\n", "<h1>foo <em>bar</em> *baz*</h1>\n"),
        ("Foo bar\n# baz\nBar foo\n", "<p>Foo bar</p>\n<h1>baz</h1>\n<p>Bar foo</p>\n"),
        ("bar\n===\n", "<h1>bar</h1>\n"),
    ])
    func aLevelOneHeadingBelowAFrontMatterTitleIsKept(_ markdown: String, _ html: String) {
        #expect(GFMConformanceTests.bodyHTML(ofPageWithBody: markdown) == html)
        #expect(MarkdownDocument(parsing: markdown).root.renderHTML() == html)
    }

    @Test func aLevelOneHeadingThatOpensAPageWithoutTitleIsTheTitle() {
        let (page, _) = PageParser(catalog: .fixture).parse(
            "<!-- errata-disable empty-section -->\n\n# Item *errors*\n\nText.\n", file: "item.md", contentPath: "item.md")
        #expect(page.title == "Item errors")
        #expect(page.titleSource == .heading(SourceLocation(file: "item.md", line: 3, column: 1)))
        #expect(page.blocks.allSatisfy { if case .heading = $0 { false } else { true } })
    }

    @Test func aLevelOneHeadingAfterTextIsKeptAndTheFileNamesThePage() {
        let (page, _) = PageParser(catalog: .fixture).parse("Foo bar\n# baz\nBar foo\n", file: "item.md", contentPath: "item.md")
        #expect(page.title == "item")
        #expect(page.titleSource == .fileName)
        #expect(page.blocks.compactMap { if case .heading(let heading) = $0 { heading.text } else { nil } } == ["baz"])
    }

    /// The heading reaches the published page, and the check says what to do.
    @Test func aSecondTitleIsPublishedAndReported() throws {
        let content = try TemporaryContent()
        try content.write("docs/errors/item.md", "---\ntitle: Item errors\n---\n\nText.\n\n# foo *bar* \\*baz\\*\n")
        let report = try content.check()
        #expect(report.diagnostics.map(\.formatted) == [
            "docs/errors/item.md:7:1: warning: the # heading \"foo bar *baz*\" is a second title: the page's title "
                + "\"Item errors\" is its front matter's title; make this heading ## or lower, or delete it if it "
                + "repeats the title [second-title]",
        ])
        let output = content.root.appendingPathComponent("public")
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        try Pipeline(catalog: TemporaryContent.typesOnly).publish(report, templates: templates, to: output)
        let html = try String(contentsOf: output.appendingPathComponent("docs/errors/item/index.html"), encoding: .utf8)
        #expect(html.contains("<h1 id=\"foo-bar-baz\">foo <em>bar</em> *baz*"))
    }

    // MARK: Footnotes

    /// The page's footnotes are one list at its end, numbered in the order they are
    /// referred to, with back-links to each reference — code sections or not.
    @Test func footnotesAreRenderedOnceForThePage() throws {
        let markdown = """
            Intro[^a] and again[^a].

            ### ACCESS_NOT_GRANTED

            Withheld[^b].

            [^b]: Second.
            [^a]: First.

            """
        let (page, _) = PageParser(catalog: .fixture).parse(
            "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n" + markdown, file: "item.md", contentPath: "item.md")
        let full = MarkdownDocument(parsing: markdown).root.renderHTML()
        let footnotes = try #require(full.range(of: "<section class=\"footnotes\"").map { String(full[$0.lowerBound...]) })
        guard case .html(let last) = page.blocks.last else {
            Issue.record("the page does not end with its footnotes")
            return
        }
        #expect(last == footnotes)
        let all = page.blocks.map { if case .html(let html) = $0 { html } else { "" } }.joined()
            + page.codeSections.map(\.descriptionHTML).joined()
        #expect(all.components(separatedBy: "<section class=\"footnotes\"").count == 2)
        #expect(footnotes.contains("<li id=\"fn-a\">"))
        #expect(footnotes.contains("<li id=\"fn-b\">"))
        #expect(footnotes.contains("href=\"#fnref-a\""))
        #expect(footnotes.contains("href=\"#fnref-b\""))
        #expect(page.codeSections.first?.descriptionHTML.contains("href=\"#fn-b\"") == true)
    }

    // MARK: Task lists

    @Test func taskListsAreRendered() {
        let html = GFMConformanceTests.bodyHTML(ofPageWithBody: "- [ ] to do\n- [x] done\n")
        #expect(html == """
            <ul>
            <li><input type="checkbox" disabled="" /> to do</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            </ul>

            """)
    }

    // MARK: Anchors

    @Test func emptyHeadingsGetSectionAnchors() {
        let (page, _) = PageParser(catalog: .fixture).parse("## \n\n### ###\n\n## Section\n", file: "p.md", contentPath: "p.md")
        let anchors = page.blocks.compactMap { if case .heading(let heading) = $0 { heading.anchor } else { nil } }
        #expect(anchors == ["section", "section-2", "section-3"])
    }
}
