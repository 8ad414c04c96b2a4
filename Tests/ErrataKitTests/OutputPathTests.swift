import Foundation
import Testing
@testable import ErrataKit

/// What content and the model say cannot steer a file out of the output folder, nor
/// a link somewhere else than the page it names: a layout that is a path, a title
/// with `../`, file names a browser would read differently, a model code that is a path.
@Suite struct OutputPathTests {
    // MARK: Layout

    @Test(arguments: ["../../../etc/passwd", "/etc/passwd", "page/../../base", ".hidden", "page.mustache/..", "a b", ""])
    func aLayoutThatIsAPathIsRefused(_ layout: String) throws {
        let text = "---\ntitle: Page\nlayout: \"\(layout)\"\n---\n\n# Page\n"
        let (page, found) = PageParser(catalog: .fixture).parse(text, file: "page.md", contentPath: "page.md")
        #expect(found.map(\.formatted) == [
            "page.md:3:9: error: layout \"\(layout)\" is not a template name; give the name of a .mustache file of "
                + "the templates folder without its extension, such as page or list [front-matter]",
        ])
        #expect(page.frontMatter.layout == nil)
    }

    @Test(arguments: ["page", "list", "partials/wide-table", "page_v2", "home.v2"])
    func aTemplateNameIsALayout(_ layout: String) throws {
        let text = "---\ntitle: Page\nlayout: \(layout)\n---\n\n# Page\n"
        let (page, found) = PageParser(catalog: .fixture).parse(text, file: "page.md", contentPath: "page.md")
        #expect(found.map(\.formatted) == [])
        #expect(page.frontMatter.layout == layout)
    }

    // MARK: Titles

    /// Titles and descriptions are text: the files of the site are the same whatever
    /// they say, and each lands escaped.
    @Test func aTitleWithDotDotChangesNoPath() throws {
        let content = try TemporaryContent()
        try content.write("docs/errors/_index.md", "---\ntitle: ../../../../etc/passwd\n---\n\nAll codes.\n")
        try content.write("docs/errors/item.md", """
            ---
            title: ../../outside/<b>item</b>
            description: ../../../tmp/x
            error_type: ITEM_ERROR
            ---

            Text.

            """)
        let (report, output, written) = try build(content)
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(written.filter { !$0.hasPrefix("assets/") } == [
            "404.html", "docs/errors/errors.json", "docs/errors/index.html", "docs/errors/item/index.html", "index.html",
        ])
        let item = try String(contentsOf: output.appendingPathComponent("docs/errors/item/index.html"), encoding: .utf8)
        #expect(item.contains("<title>../../outside/&lt;b&gt;item&lt;/b&gt; · Concentrix docs</title>"))
        #expect(item.contains("<meta name=\"description\" content=\"../../../tmp/x\">"))
    }

    // MARK: File names

    /// Names a browser reads differently from the disk are refused; even written, they
    /// stay inside the output folder.
    @Test func fileNamesThatAreNotPlainAddressesAreRefusedAndStayInside() throws {
        let content = try TemporaryContent()
        let names = [
            "javascript:alert(1)/_index.md", "%2e%2e/%2e%2e/x.md", "a#b.md", "back\\..\\..\\slash.md",
            "new\nline.md", "\"><img src=x onerror=alert(1)>.md", "what?.md", "my page.md",
        ]
        for name in names { try content.write(name, "# Odd\n\nText.\n") }
        try content.write("docs/plain-name_2.md", "# Plain\n\nText.\n")
        let report = try content.check()
        #expect(report.diagnostics.map(\.formatted) == [
            "\"><img src=x onerror=alert(1)>.md:1:1: error: the page's address \"\"><img src=x onerror=alert(1)>/\" "
                + "has '\"', which a web address cannot hold as it is; rename the file \"\"><img src=x onerror=alert(1)>.md\" "
                + "with letters, digits, hyphens and underscores [page-address]",
            "%2e%2e/%2e%2e/x.md:1:1: error: the page's address \"%2e%2e/%2e%2e/x/\" has '%', which a web address cannot "
                + "hold as it is; rename the folder \"%2e%2e\" with letters, digits, hyphens and underscores [page-address]",
            "a#b.md:1:1: error: the page's address \"a#b/\" has '#', which a web address cannot hold as it is; rename "
                + "the file \"a#b.md\" with letters, digits, hyphens and underscores [page-address]",
            "back\\..\\..\\slash.md:1:1: error: the page's address \"back\\..\\..\\slash/\" has '\\', which a web address "
                + "cannot hold as it is; rename the file \"back\\..\\..\\slash.md\" with letters, digits, hyphens and "
                + "underscores [page-address]",
            "javascript:alert(1)/_index.md:1:1: error: the page's address \"javascript:alert(1)/\" has ':', which a web "
                + "address cannot hold as it is; rename the folder \"javascript:alert(1)\" with letters, digits, hyphens "
                + "and underscores [page-address]",
            "my page.md:1:1: error: the page's address \"my page/\" has a space, which a web address cannot hold as it "
                + "is; rename the file \"my page.md\" with letters, digits, hyphens and underscores [page-address]",
            "new\\u{A}line.md:1:1: error: the page's address \"new\\u{A}line/\" has the control character U+000A, which a web "
                + "address cannot hold as it is; rename the file \"new\\u{A}line.md\" with letters, digits, hyphens and "
                + "underscores [page-address]",
            "what?.md:1:1: error: the page's address \"what?/\" has '?', which a web address cannot hold as it is; "
                + "rename the file \"what?.md\" with letters, digits, hyphens and underscores [page-address]",
        ])
        // `errata build` stops here. Written anyway, every file lands inside the output.
        let parent = content.root.appendingPathComponent("site")
        let output = parent.appendingPathComponent("public")
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        try Pipeline(catalog: TemporaryContent.typesOnly).publish(report, templates: templates, to: output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
        let written = try RealContentTests.files(in: output).map(\.path)
        #expect(written.contains("%2e%2e/%2e%2e/x/index.html"))
        #expect(written.contains("javascript:alert(1)/index.html"))
        #expect(written.contains("new\nline/index.html"))
        #expect(written.count == names.count + 1 + 3 + templates.assets.count + 1)
    }

    /// A model code that is a path would lead its short address out of the site; the
    /// check refuses it at the model, so `errata build` writes nothing.
    /// Every character the rule names, and none of those a plain address holds.
    @Test func theUnsafeCharactersAreExactlyThoseTheRuleNames() {
        for character in "\"#%:<>?[\\]^`{|} \u{0}\u{1F}\u{7F}\u{85}\u{9F}".unicodeScalars {
            #expect(AddressRules.firstUnsafeCharacter(in: "a\(character)b") == character, "U+\(String(character.value, radix: 16))")
        }
        for safe in ["item", "ITEM_LOCKED", "a-b_c.d~e", "é", "日本", "a+b", "a@b", "a!b$c&d'e(f)g*h,i;j=k", "\u{A0}"] {
            #expect(AddressRules.firstUnsafeCharacter(in: safe) == nil, "\(safe)")
        }
    }

    @Test func aModelCodeThatIsAPathIsRefused() throws {
        let content = try TemporaryContent()
        try content.write("docs/errors/item.md", "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n\nText.\n")
        let model = Catalog(types: Catalog.fixture.types, codes: ["../../../../escaped", "..", "A B", "FINE_CODE"].map {
            ErrorCode(code: $0, type: "ITEM_ERROR", httpStatus: 400, errorMessage: "m", displayMessage: .null)
        })
        let found = try content.diagnostics(against: model).filter { $0.hasSuffix("[page-address]") }
        #expect(found == [
            "Tests/ErrataKitTests/Support/TestCatalog.swift:1:1: error: the model's code \"..\" is no folder name, so it "
                + "cannot name the folder of its short address (…/<CODE>/); give it a name of capital letters, digits "
                + "and underscores [page-address]",
            "Tests/ErrataKitTests/Support/TestCatalog.swift:1:1: error: the model's code \"../../../../escaped\" has '/', "
                + "so it cannot name the folder of its short address (…/<CODE>/); give it a name of capital letters, "
                + "digits and underscores [page-address]",
            "Tests/ErrataKitTests/Support/TestCatalog.swift:1:1: error: the model's code \"A B\" has a space, so it cannot "
                + "name the folder of its short address (…/<CODE>/); give it a name of capital letters, digits and "
                + "underscores [page-address]",
        ])
    }

    /// An `errata-disable` comment cannot let such a page through.
    @Test func theRefusalsCannotBeSilenced() throws {
        let content = try TemporaryContent()
        try content.write("a#b.md", "<!-- errata-disable page-address input-limit -->\n\n# Odd\n")
        #expect(try content.diagnostics() == [
            "a#b.md:1:1: error: the page's address \"a#b/\" has '#', which a web address cannot hold as it is; rename "
                + "the file \"a#b.md\" with letters, digits, hyphens and underscores [page-address]",
            "a#b.md:1:1: warning: errata-disable cannot silence input-limit: what it finds stops the page from being "
                + "built; remove it [unused-disable]",
            "a#b.md:1:1: warning: errata-disable cannot silence page-address: what it finds stops the page from being "
                + "built; remove it [unused-disable]",
        ])
    }

    // MARK: Helpers

    /// Checks and builds the content into a folder of its own; returns the report,
    /// the output folder and the paths written in it.
    private func build(_ content: TemporaryContent) throws -> (Pipeline.Report, URL, [String]) {
        let report = try content.check()
        let parent = content.root.appendingPathComponent("site")
        let output = parent.appendingPathComponent("public")
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        try Pipeline(catalog: TemporaryContent.typesOnly).publish(report, templates: templates, to: output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
        return (report, output, try RealContentTests.files(in: output).map(\.path))
    }
}
