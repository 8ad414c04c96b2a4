import Foundation
import Mustache
import Testing

/// The engine beyond the specification's suite: strict mode, errors that name file,
/// line and column, the bounds on size, nesting and depth, and the walk over
/// printed names.
struct TemplateTests {
    static func render(
        _ text: String, _ context: TemplateValue, partials: [String: String] = [:], mode: TemplateLibrary.Mode = .strict
    ) throws(MustacheError) -> String {
        var templates = ["main": try Template(text, file: "Templates/main.mustache")]
        for (name, partial) in partials { templates[name] = try Template(partial, file: "Templates/\(name).mustache") }
        let bytes = try TemplateLibrary(templates).render("main", with: context, options: .init(mode: mode))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func error(_ text: String, _ context: TemplateValue = [:], partials: [String: String] = [:]) -> MustacheError? {
        do {
            _ = try render(text, context, partials: partials)
            return nil
        } catch {
            return error
        }
    }

    static let context: TemplateValue = [
        "name": "<i> & \"q\" 's'", "count": 3, "ratio": 1.5, "yes": true, "no": false, "empty": [], "blank": "",
        "missing": .none, "list": ["a", "b"],
        "type": ["id": "ITEM_ERROR", "title": "Item errors"], "title": "Item errors",
        "rows": [["code": "A"], ["code": "B"]],
    ]

    @Test(arguments: [
        ("<b>{{name}}</b>", "<b>&lt;i&gt; &amp; &quot;q&quot; &#39;s&#39;</b>"),
        ("{{{name}}}|{{& name}}", "<i> & \"q\" 's'|<i> & \"q\" 's'"),
        ("{{count}} {{ratio}} {{yes}}", "3 1.5 true"),
        ("{{type.id}}/{{missing.id}}.", "ITEM_ERROR/."),
        ("{{#list}}({{.}}){{/list}}", "(a)(b)"),
        ("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{#empty}}e{{/empty}}{{#blank}}b{{/blank}}{{#missing}}m{{/missing}}", "y"),
        ("{{^no}}n{{/no}}{{^empty}}e{{/empty}}{{^blank}}b{{/blank}}{{^missing}}m{{/missing}}{{^yes}}y{{/yes}}", "nebm"),
        ("{{#rows}}{{code}} of {{title}};{{/rows}}", "A of Item errors;B of Item errors;"),
        ("{{=<% %>=}}<% title %>{{title}}<%={{ }}=%>{{count}}", "Item errors{{title}}3"),
    ])
    func rendersInStrictMode(template: String, expected: String) throws {
        #expect(try Self.render(template, Self.context) == expected)
    }

    @Test func aMistypedNameIsAnErrorAtItsTagWithASuggestion() throws {
        let error = try #require(Self.error("<h1>\n  {{titel}}</h1>", ["title": "T", "code": "C"]))
        #expect(error.file == "Templates/main.mustache")
        #expect(error.line == 2 && error.column == 3)
        #expect(error.message == "unknown name \"titel\"; did you mean \"title\"?")
        let dotted = try #require(Self.error("{{type.tilte}}", Self.context))
        #expect(dotted.message == "unknown name \"type.tilte\"; did you mean \"type.title\"?")
        let inPartial = try #require(Self.error("{{> code}}", ["code": "C"], partials: ["code": "\n{{#code}}{{nope.deeper}}{{/code}}"]))
        #expect(inPartial.file == "Templates/code.mustache" && inPartial.line == 2 && inPartial.column == 10)
    }

    @Test func theSuggestionIsNeverTheNameTyped() throws {
        // A key written with a dot is never a dotted name's match; suggesting it back
        // would read "did you mean" the very same text.
        let error = try #require(Self.error("{{a.b}}", ["a.b": "x", "c": "y"]))
        #expect(!error.message.contains("did you mean \"a.b\""))
        #expect(error.message.hasPrefix("unknown name \"a.b\""))
    }

    @Test func lenientModeRendersMissingNamesAndPartialsAsNothing() throws {
        #expect(try Self.render("[{{nope}}|{{#nope}}x{{/nope}}|{{> nothing}}|{{>*nope}}]", [:], mode: .lenient) == "[|||]")
        let missingPartial = try #require(Self.error("\n  {{> nothing}}"))
        #expect(missingPartial.line == 2 && missingPartial.column == 3)
        #expect(missingPartial.message == "there is no template \"nothing\"; add nothing.mustache to the templates folder")
    }

    @Test func aListShownAsTextIsAnErrorInStrictMode() throws {
        let error = try #require(Self.error("{{list}}", ["list": ["a"]]))
        #expect(error.message.contains("use it as a section: {{#list}}…{{/list}}"))
    }

    @Test(arguments: [
        ("a\n{{#open}}\nb", 2, 1, "the section \"open\" is never closed; add {{/open}}"),
        ("{{#a}}{{/b}}", 1, 7, "{{/b}} closes \"a\", opened at line 1; write {{/a}}"),
        ("x {{/a}}", 1, 3, "{{/a}} closes nothing; remove it or open the section with {{#a}}"),
        ("\n\n  {{name", 3, 3, "this tag is not closed; end it with }}"),
        ("{{{name}}", 1, 1, "this tag is not closed; end it with }}}"),
        ("{{=<% %>=}}\n <%name", 2, 2, "this tag is not closed; end it with %>"),
        ("{{#}}", 1, 1, "this tag has no name"),
        ("{{=<%=}}", 1, 1, "a set-delimiters tag names two delimiters, separated by a space and without = in them, like {{=<% %>=}}"),
        ("{{! a\ncomment }}\n\n x{{/y}}", 4, 3, "{{/y}} closes nothing; remove it or open the section with {{#y}}"),
    ])
    func syntaxErrorsNameTheirTag(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try Template(text, file: "Templates/x.mustache")
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error.file == "Templates/x.mustache")
            #expect(error.line == line && error.column == column)
            #expect(error.message == message)
        }
    }

    @Test func sizeAndNestingAreBounded() throws {
        #expect(throws: MustacheError.self) { try Template(String(repeating: "x", count: 101), file: "t", limits: .init(maximumBytes: 100)) }
        let deep = String(repeating: "{{#a}}", count: 101) + String(repeating: "{{/a}}", count: 101)
        do {
            _ = try Template(deep, file: "t")
            Issue.record("101 nested sections must be refused")
        } catch {
            #expect(error.column == 1 + 100 * 6)
            #expect(error.message.contains("nested more than 100 deep"))
        }
        #expect(try Template(String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100), file: "t").references.isEmpty)
    }

    @Test func parsingIsLinearInTheText() throws {
        // 1 MiB of tags, one per line: a parser that finds each tag's position by
        // reading from the start again takes minutes on this; a linear one, moments.
        let line = "<p>{{name}}</p>{{#list}}{{.}}{{/list}}\n"
        let text = String(repeating: line, count: (1 << 20) / line.utf8.count)
        let start = ContinuousClock.now
        let template = try Template(text, file: "big.mustache")
        #expect(ContinuousClock.now - start < .seconds(10))
        let output = try TemplateLibrary(["big": template]).render("big", with: Self.context, options: .init(mode: .strict))
        #expect(output.count > 1 << 20)
    }

    @Test func recursionEndsAtTheDepthBoundWithTheChain() throws {
        do {
            _ = try Self.render("{{> a}}", [:], partials: ["a": "x{{> b}}", "b": "\n {{> a}}"])
            Issue.record("a loop of partials must stop")
        } catch {
            #expect(error.message.contains("more than 100 deep"))
            #expect(error.message.contains("Templates/b.mustache:2:2 → Templates/a.mustache"))
        }
    }

    @Test func outputIsBounded() throws {
        // Each level includes the next twice: 2^40 copies unless bounded.
        var partials: [String: String] = [:]
        for level in 0..<40 { partials["p\(level)"] = "{{> p\(level + 1)}}{{> p\(level + 1)}}" }
        partials["p40"] = String(repeating: "x", count: 100)
        var templates: [String: Template] = [:]
        for (name, text) in partials { templates[name] = try Template(text, file: name) }
        #expect(throws: MustacheError.self) {
            try TemplateLibrary(templates).render("p0", with: [:], options: .init(maximumOutputBytes: 1 << 20))
        }
    }

    @Test func expansionsAreBoundedEvenWhenNothingIsPrinted() throws {
        // 2^60 expansions, none of which prints a byte.
        var templates: [String: Template] = [:]
        for level in 0..<60 { templates["p\(level)"] = try Template("{{> p\(level + 1)}}{{> p\(level + 1)}}", file: "p\(level)") }
        templates["p60"] = try Template("", file: "p60")
        do {
            _ = try TemplateLibrary(templates).render("p0", with: [:], options: .init(maximumExpansions: 100_000))
            Issue.record("the expansions must be bounded")
        } catch {
            #expect(error.message.contains("expanded more than 100000 partials and parents"))
        }
    }

    @Test func loopsOfTemplatesAreFoundWithWhereEachTagIs() throws {
        let library = TemplateLibrary([
            "page": try Template("{{<base}}\n{{$main}}\n{{/main}}\n{{/base}}", file: "page.mustache"),
            "base": try Template("a\nb\nc\n  {{> page}}", file: "base.mustache"),
            "code": try Template("{{> code}}", file: "code.mustache"),
            "list": try Template("{{#x}}{{> base}}{{/x}}", file: "list.mustache"),
        ])
        let cycle = try #require(library.firstCycle())
        #expect(cycle.map(\.description) == ["base.mustache:4:3", "page.mustache:1:1"])
        let selfLoop = TemplateLibrary(["code": try Template("x {{> code}}", file: "code.mustache")]).firstCycle()
        #expect(selfLoop?.map(\.description) == ["code.mustache:1:3"])
        #expect(TemplateLibrary(["a": try Template("{{> b}}{{> b}}", file: "a"), "b": try Template("b", file: "b")]).firstCycle() == nil)
    }

    /// Templates that include, extend and fill each other, for the walks over them.
    static func walkedLibrary() throws -> TemplateLibrary {
        TemplateLibrary([
            "page": try Template("{{<base}}{{$main}}{{#body}}{{> item}}{{/body}}{{/main}}{{/base}}", file: "page"),
            "base": try Template("{{title}}{{$main}}{{/main}}{{^hidden}}{{secret}}{{/hidden}}", file: "base"),
            "item": try Template("{{#code}}{{rendered}}{{/code}}{{> item}}", file: "item"),
            "dynamic": try Template("{{>*which}}", file: "dynamic"),
            "plain": try Template("{{title}}{{#code}}{{rendered.html}}{{.}}{{/code}}", file: "plain"),
        ])
    }

    @Test func printedNamesFollowPartialsParentsAndBlocks() throws {
        let library = try Self.walkedLibrary()
        let names = library.printedNames(from: "page")
        #expect(names.contains(["title"]))
        #expect(names.contains(["body", "code", "rendered"]))
        #expect(!names.contains(["hidden", "secret"]))
    }

    @Test func whetherATemplateMayLookUpANameFollowsPartialsParentsAndBlocks() throws {
        let library = try Self.walkedLibrary()
        // In a section, a partial, a parent, a block's content; inverted; dotted.
        for name in ["title", "body", "code", "rendered", "hidden"] {
            #expect(library.mayLookUp(name, from: "page"), "\(name)")
        }
        #expect(!library.mayLookUp("html", from: "plain"), "only a dotted name's first part is looked up")
        #expect(!library.mayLookUp("overview", from: "page"))
        #expect(!library.mayLookUp("overview", from: "plain"))
        #expect(library.mayLookUp("which", from: "dynamic"))
        #expect(library.mayLookUp("overview", from: "dynamic"), "a dynamic partial could be any template")
        #expect(library.mayLookUp("overview", from: "page", budget: 1), "past the budget, the answer is yes")
    }
}
