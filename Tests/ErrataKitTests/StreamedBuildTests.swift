import Foundation
import Mustache
import Testing
@testable import ErrataKit

/// A build writes each page and `errors.json` into its file as they are rendered, a
/// run of bytes at a time, and makes each code section only when the page's template
/// comes to it; the files are those the preview renders whole in memory, byte for byte.
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
}
