import Foundation
import Testing
@testable import ErrataKit

/// A build keeps of each page only its ``Page/crossPageFacts`` once the page is
/// checked, and parses each page again, whole, as it renders it. That must find and
/// publish exactly what checking and rendering the whole pages does.
@Suite struct StreamedBuildTests {
    /// Every rule fixture: the report's findings are those of the checker given every
    /// page whole.
    @Test(arguments: RuleFixture.names)
    func crossPageFactsFindWhatWholePagesFind(_ name: String) throws {
        let fixture = RuleFixture(name: name)
        #expect(try fixture.diagnostics().map(\.formatted) == (try fixture.wholePageDiagnostics()).map(\.formatted))
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

    /// The real content, the GFM spec's examples as pages and as code sections: the
    /// published site is, file for file, the site rendered from the whole pages, with
    /// and without a base URL.
    @Test(arguments: zip(
        ["real content", "real content", "GFM examples"], [nil, "https://concentrix.com/reference/", nil] as [String?]))
    func publishesWhatTheWholePagesRender(_ corpus: String, baseURL: String?) throws {
        let content = try TemporaryContent()
        if corpus == "real content" {
            let real = RealContentTests.repository.appendingPathComponent("Content")
            for path in try ContentLoader(directory: real).markdownPaths() {
                try content.write(path, try String(contentsOf: real.appendingPathComponent(path), encoding: .utf8))
            }
        } else {
            for (index, text) in try CheckOnlyParsingTests.pageTexts().enumerated() {
                try content.write("docs/errors/example-\(index).md", text)
            }
        }
        let base = try baseURL.map { try BaseURL($0) }
        let pipeline = Pipeline(catalog: .concentrix)
        let report = try pipeline.check(content: content.content, baseURL: baseURL)
        let templates = try TemplateSet.load(from: SourceSnapshotTests.templates)
        let output = content.root.appendingPathComponent("public")
        try pipeline.publish(report, templates: templates, baseURL: base, to: output)

        let loader = ContentLoader(directory: content.content, waitsUntilSettled: false)
        let whole = try loader.markdownPaths().compactMap { PageParser(catalog: .concentrix).parse(try loader.load($0)).page }
        let expected = try SiteRenderer(catalog: .concentrix, templates: templates, baseURL: base).render(whole)
        let published = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
        // Every file of the site, and the writer's own mark of its output folder.
        #expect(published.filter { $0 != SiteWriter.marker } == expected.map(\.path).sorted())
        for file in expected {
            let bytes = try Data(contentsOf: output.appendingPathComponent(file.path))
            #expect(Array(bytes) == file.bytes, "\(file.path)")
        }
        #expect(expected.count > report.pages.count)
    }

    /// A page removed, or replaced by another file, between its check and its
    /// rendering stops the build with the message for a page saved meanwhile.
    @Test(arguments: ["removed", "replaced"])
    func aPageGoneBeforeItIsRenderedStopsTheBuild(_ change: String) throws {
        let content = try TemporaryContent()
        try content.write("item.md", SourceSnapshotTests.page)
        let report = try content.check()
        let page = content.content.appendingPathComponent("item.md")
        if change == "removed" {
            try FileManager.default.removeItem(at: page)
        } else {
            try Data(SourceSnapshotTests.page.utf8).write(to: page, options: .atomic)
        }
        let output = content.root.appendingPathComponent("public")
        do {
            try Pipeline(catalog: TemporaryContent.typesOnly)
                .publish(report, templates: try TemplateSet.load(from: SourceSnapshotTests.templates), to: output)
            Issue.record("published a page that changed after its check")
        } catch let error as LoadError {
            #expect(error.description == "\(DisplayPath.of(page)): error: changed during the build; run again")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
