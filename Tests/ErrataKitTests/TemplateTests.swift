import Foundation
import Testing
@testable import ErrataKit

/// Errata's template engine: Mustache as the specification writes it (for the parts
/// it supports), and errors that name the template file, line and column.
struct TemplateTests {
    private static func render(
        _ text: String, _ context: [String: TemplateValue], partials: [String: String] = [:]
    ) throws -> String {
        var templates = ["main": try Template(text, file: "Templates/main.mustache")]
        for (name, partial) in partials { templates[name] = try Template(partial, file: "Templates/\(name).mustache") }
        let bytes = try TemplateRenderer.render("main", context: .object(context), templates: templates)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func error(_ text: String, _ context: [String: TemplateValue] = [:], partials: [String: String] = [:]) -> TemplateError? {
        do {
            _ = try render(text, context, partials: partials)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        // Interpolation: escaped, triple mustache and & unescaped; numbers and booleans as text.
        ("<b>{{name}}</b>", "<b>&lt;i&gt; &amp; &quot;q&quot; &#39;s&#39;</b>"),
        ("{{{name}}}|{{& name}}", "<i> & \"q\" 's'|<i> & \"q\" 's'"),
        ("{{count}} {{yes}}", "3 true"),
        ("[{{ name }}]", "[&lt;i&gt; &amp; &quot;q&quot; &#39;s&#39;]"),
        // Dotted names, and a missing value on the way.
        ("{{type.id}}/{{missing.id}}.", "ITEM_ERROR/."),
        // Sections: lists, objects, booleans, empty things.
        ("{{#list}}({{.}}){{/list}}", "(a)(b)"),
        ("{{#type}}{{id}} {{title}}{{/type}}", "ITEM_ERROR Item errors"),
        ("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{#empty}}e{{/empty}}{{#blank}}b{{/blank}}{{#missing}}m{{/missing}}", "y"),
        ("{{^no}}n{{/no}}{{^empty}}e{{/empty}}{{^blank}}b{{/blank}}{{^missing}}m{{/missing}}{{^yes}}y{{/yes}}", "nebm"),
        // Names are looked up outwards through the sections.
        ("{{#rows}}{{code}} of {{title}};{{/rows}}", "A of Item errors;B of Item errors;"),
        // Comments render nothing.
        ("a{{! a comment }}b", "ab"),
    ])
    func rendersMustache(template: String, expected: String) throws {
        let context: [String: TemplateValue] = [
            "name": "<i> & \"q\" 's'", "count": 3, "yes": true, "no": false, "empty": [], "blank": "",
            "missing": .none, "list": ["a", "b"],
            "type": ["id": "ITEM_ERROR", "title": "Item errors"], "title": "Item errors",
            "rows": [["code": "A"], ["code": "B"]],
        ]
        #expect(try Self.render(template, context) == expected)
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let template = "<ul>\n  {{#list}}\n  <li>{{.}}</li>\n  {{/list}}\n  {{! note }}\n</ul>\n"
        #expect(try Self.render(template, ["list": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // CRLF lines too; a tag sharing its line with text keeps the line.
        #expect(try Self.render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\n", ["yes": true]) == "a\r\nb\r\n")
        #expect(try Self.render(" {{#yes}}x{{/yes}} \n", ["yes": true]) == " x \n")
    }

    @Test func partialsAreIndentedLikeTheirTag() throws {
        let output = try Self.render("<div>\n  {{> item}}\n</div>\n", ["name": "n"], partials: ["item": "<p>\n{{name}}\n</p>\n"])
        #expect(output == "<div>\n  <p>\n  n\n  </p>\n</div>\n")
    }

    @Test func childTemplatesFillTheirParentsBlocks() throws {
        let base = "<title>{{$title}}Default{{/title}}</title>\n{{$main}}{{/main}}\n"
        let child = "{{<base}}\nignored text\n{{$main}}\n<p>{{name}}</p>\n{{/main}}\n{{/base}}\n"
        #expect(try Self.render(child, ["name": "Hi"], partials: ["base": base]) == "<title>Default</title>\n<p>Hi</p>\n\n")
    }

    @Test func aMistypedNameIsAnErrorAtItsTag() throws {
        let error = try #require(Self.error("<h1>\n  {{titel}}</h1>", ["title": "T", "code": "C"]))
        #expect(error.file == "Templates/main.mustache")
        #expect(error.line == 2 && error.column == 3)
        #expect(error.message == "unknown name \"titel\"; did you mean \"title\"?")
        let inPartial = try #require(Self.error("{{> code}}", ["code": "C"], partials: ["code": "\n{{#code}}{{nope.deeper}}{{/code}}"]))
        #expect(inPartial.file == "Templates/code.mustache" && inPartial.line == 2)
    }

    @Test func aListShownAsTextIsAnError() throws {
        let error = try #require(Self.error("{{list}}", ["list": ["a"]]))
        #expect(error.message.contains("use it as a section: {{#list}}…{{/list}}"))
    }

    @Test(arguments: [
        ("a\n{{#open}}\nb", 2, 1, "the section \"open\" is never closed; add {{/open}}"),
        ("{{#a}}{{/b}}", 1, 7, "{{/b}} closes \"a\", opened at line 1; write {{/a}}"),
        ("x {{/a}}", 1, 3, "{{/a}} closes nothing; remove it or open the section with {{#a}}"),
        ("\n\n  {{name", 3, 3, "this tag is not closed; end it with }}"),
        ("{{{name}}", 1, 1, "this tag is not closed; end it with }}}"),
        ("{{#}}", 1, 1, "this tag has no name"),
        ("{{=<% %>=}}", 1, 1, "changing the delimiters ({{=…=}}) is not supported; use {{ and }}"),
    ])
    func syntaxErrorsNameTheirTag(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try Template(text, file: "Templates/x.mustache")
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error.file == "Templates/x.mustache")
            #expect(error.line == line && error.column == column)
            #expect(error.message == "template syntax error: " + message)
        }
    }

    @Test func aMissingPartialIsRefusedWhenTheTemplatesAreLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-templates-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in TemplateSet.requiredTemplates {
            try Data((name == "page" ? "x\n{{> sidebar}}\n" : "x").utf8).write(to: folder.appendingPathComponent("\(name).mustache"))
        }
        do {
            _ = try TemplateSet.load(from: folder)
            Issue.record("a template that includes a missing one must be refused")
        } catch {
            #expect(error.file.hasSuffix("page.mustache"))
            #expect(error.line == 2 && error.column == 1)
            #expect(error.message == "there is no template \"sidebar\"; add sidebar.mustache to the templates folder")
        }
    }

    @Test func theRealTemplatesRenderEveryPageWithoutUnknownNames() throws {
        // Every name the shipped templates use is in the context Errata gives them:
        // building the real content renders every template that pages use.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let report = try Pipeline(catalog: .concentrix).check(content: repository.appendingPathComponent("Content"))
        let templates = try TemplateSet.load(from: repository.appendingPathComponent("Templates"))
        let files = try SiteRenderer(catalog: .concentrix, templates: templates).render(report.pages)
        #expect(files.contains { $0.path == "404.html" })
    }
}
