import Foundation
import Mustache
import Testing
@testable import ErrataKit

/// A build writes each page and `errors.json` into its file as they are rendered, a
/// run of bytes at a time, and makes each code section only when the page's template
/// comes to it; the files are those the preview renders whole in memory, byte for byte.
/// Content over ``Pipeline/wholePagesBudget`` is kept as its facts and parsed again page
/// by page as it is rendered, to the same bytes.
@Suite struct StreamedBuildTests {
    /// A model of `count` codes of the fixture's Item type, and a page that documents
    /// each of them as the house style does.
    static func largeSite(codes count: Int, in content: TemporaryContent) throws -> Catalog {
        var codes: [ErrorCode] = []
        var page = "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n\nGuide to Item errors & <their> fixes.\n\n"
        for index in 0..<count {
            let name = "ITEM_CODE_\(String(format: "%05d", index))"
            let message = "the item \(index) cannot be used"
            codes.append(ErrorCode(
                code: name, type: "ITEM_ERROR", httpStatus: 400 + index % 30, errorMessage: .text(message),
                displayMessage: index.isMultiple(of: 3) ? .null : .text("Item \(index) needs <attention>.")))
            page += """
                ### \(name)

                The item \(index) cannot be used *yet*: see [the next code](#item_code_\(String(format: "%05d", (index + 1) % count))).

                ```json
                // http code \(400 + index % 30)
                {
                  "error_type": "ITEM_ERROR",
                  "error_code": "\(name)",
                  "error_message": "\(message)",
                  "display_message": \(index.isMultiple(of: 3) ? "null" : "\"Item \(index) needs <attention>.\""),
                  "request_id": "r\(index)"
                }
                ```

                #### Common causes

                - The item was removed & made again.
                - The token `\(index)` expired.

                #### Troubleshooting steps

                1. Ask the user to link the item again.


                """
        }
        try content.write("item.md", page)
        return Catalog(types: Catalog.fixture.types, codes: codes)
    }

    @Test func aPageOfManyRunsIsWrittenAsThePreviewRendersItWhole() throws {
        let content = try TemporaryContent()
        let catalog = try Self.largeSite(codes: 1_500, in: content)
        let pipeline = Pipeline(catalog: catalog, modelSource: Catalog.fixtureSource)
        let report = try pipeline.check(content: content.content)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        let output = content.root.appendingPathComponent("public")
        try pipeline.publish(report, templates: templates, to: output)
        let written = try RealContentTests.files(in: output)

        // The preview's renderer: every section rendered first and kept, each page
        // rendered whole into memory.
        let whole = SiteRenderer(catalog: catalog, templates: templates, cache: RenderCache())
        let layout = whole.layout(of: report.pages)
        let page = try #require(report.pages.first)
        let rendered = try whole.render(page, in: layout)
        #expect(rendered.bytes.count > 4 * (1 << 18), "the page spans many runs")
        #expect(written.first { $0.path == rendered.path }?.bytes == rendered.bytes)
        let list = ErrorsJSONGenerator(catalog: catalog, layout: layout, baseURL: nil).generate()
        #expect(written.first { $0.path == list.path }?.bytes == list.bytes)
        // And every other file is what the renderer collects in memory.
        let collected = try SiteRenderer(catalog: catalog, templates: templates).render(report.pages)
        #expect(collected.map(\.path) == written.map(\.path))
        #expect(collected == written)
    }

    @Test func aCodeTemplateThatFailsMidPageFailsTheBuildAndLeavesTheOutput() throws {
        let content = try TemporaryContent()
        let catalog = try Self.largeSite(codes: 600, in: content)
        let pipeline = Pipeline(catalog: catalog, modelSource: Catalog.fixtureSource)
        let report = try pipeline.check(content: content.content)
        let folder = content.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: RealContentTests.repository.appendingPathComponent("Templates"), to: folder)
        let output = content.root.appendingPathComponent("public")
        try pipeline.publish(report, templates: try TemplateSet.load(from: folder), to: output)
        let before = try RealContentTests.files(in: output)
        // A name that is not in a code's context, met only once the page's file is
        // being written: the section is made when the page's template comes to it.
        let code = folder.appendingPathComponent("code.mustache")
        try (String(contentsOf: code, encoding: .utf8) + "{{#sample}}{{statusLabel}}{{/sample}}{{noSuchName}}\n")
            .write(to: code, atomically: true, encoding: .utf8)
        do {
            try pipeline.publish(report, templates: try TemplateSet.load(from: folder), to: output)
            Issue.record("the build must fail")
        } catch RenderError.template(let error) {
            #expect(error.file.hasSuffix("code.mustache"))
            #expect(error.message.contains("unknown name \"noSuchName\""), "\(error.message)")
        }
        #expect(try RealContentTests.files(in: output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: content.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [], "no staging folder is left")
    }

    /// Every file of a build of `content`, its pages kept whole or (`wholePagesBudget: 0`)
    /// as their facts until each is rendered.
    static func build(
        content: URL, catalog: Catalog, baseURL: String?, wholePagesBudget: Int, into output: URL
    ) throws -> [OutputFile] {
        let pipeline = Pipeline(catalog: catalog, modelSource: Catalog.fixtureSource)
        let base = try baseURL.map { try BaseURL($0) }
        let report = try pipeline.check(content: content, baseURL: base?.string, wholePagesBudget: wholePagesBudget)
        #expect((report.wholePages != nil) == (wholePagesBudget == 0))
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        try pipeline.publish(report, templates: templates, baseURL: base, to: output)
        return try RealContentTests.files(in: output)
    }

    @Test(arguments: [nil, "https://concentrix.com/reference"])
    func pagesParsedAgainToBeRenderedGiveTheSameSite(baseURL: String?) throws {
        let large = try TemporaryContent()
        let sites = [
            (RealContentTests.repository.appendingPathComponent("Content"), Catalog.concentrix),
            (large.content, try Self.largeSite(codes: 700, in: large)),
        ]
        for (content, catalog) in sites {
            let whole = try Self.build(
                content: content, catalog: catalog, baseURL: baseURL, wholePagesBudget: .max,
                into: large.root.appendingPathComponent("whole"))
            let facts = try Self.build(
                content: content, catalog: catalog, baseURL: baseURL, wholePagesBudget: 0,
                into: large.root.appendingPathComponent("facts"))
            #expect(facts.map(\.path) == whole.map(\.path))
            #expect(facts == whole, "\(content.path)")
        }
    }

    @Test(arguments: [false, true])
    func aPageSavedOrRemovedBetweenTheCheckAndItsRenderingStopsTheBuild(removed: Bool) throws {
        let content = try TemporaryContent()
        let catalog = try Self.largeSite(codes: 50, in: content)
        let pipeline = Pipeline(catalog: catalog, modelSource: Catalog.fixtureSource)
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        let output = content.root.appendingPathComponent("public")
        try pipeline.publish(try pipeline.check(content: content.content), templates: templates, to: output)
        let before = try RealContentTests.files(in: output)
        let report = try pipeline.check(content: content.content, wholePagesBudget: 0)
        let page = content.content.appendingPathComponent("item.md")
        if removed {
            try FileManager.default.removeItem(at: page)
        } else {
            try (String(contentsOf: page, encoding: .utf8) + "\nA line saved after the check.\n").write(to: page, atomically: false, encoding: .utf8)
        }
        do {
            try pipeline.publish(report, templates: templates, to: output)
            Issue.record("the build must refuse a page that changed since it was checked")
        } catch let error as LoadError {
            #expect("\(error)".contains("item.md: error: changed during the build; run again"), "\(error)")
        }
        #expect(try RealContentTests.files(in: output) == before)
    }
}
