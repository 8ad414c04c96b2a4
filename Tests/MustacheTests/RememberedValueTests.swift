@testable import Mustache
import Testing

/// A ``RememberedValue`` renders exactly as the value it holds, and copies an earlier
/// rendering only where the bytes cannot differ.
struct RememberedValueTests {
    static let rows: [TemplateValue] = [
        ["code": "A<1>", "first": true, "url": "a.html"],
        ["code": "B&2", "first": false, "url": "b.html"],
    ]

    static func library(_ text: String, partials: [String: String] = [:]) throws -> TemplateLibrary {
        var templates = ["main": try Template(text, file: "Templates/main.mustache")]
        for (name, partial) in partials { templates[name] = try Template(partial, file: "Templates/\(name).mustache") }
        return TemplateLibrary(templates)
    }

    static func render(_ library: TemplateLibrary, _ context: TemplateValue, mode: TemplateLibrary.Mode = .strict) throws -> String {
        String(decoding: try library.render("main", with: context, options: .init(mode: mode)), as: UTF8.self)
    }

    @Test func aRememberedRowRendersAsThePlainOneAndIsCopiedTheSecondTime() throws {
        let library = try Self.library("<table>{{#rows}}<tr>{{#first}}<th>{{/first}}<td><a href=\"{{url}}\">{{code}}</a></td></tr>\n{{/rows}}</table>")
        let remembered = Self.rows.map { RememberedValue($0) }
        let plain = try Self.render(library, ["rows": .list(Self.rows)])
        let first = try Self.render(library, ["rows": .list(remembered.map(TemplateValue.remembered))])
        #expect(first == plain)
        #expect(remembered.allSatisfy { $0.renderingCount == 1 })
        let second = try Self.render(library, ["rows": .list(remembered.map(TemplateValue.remembered))])
        #expect(second == plain)
        #expect(remembered.allSatisfy { $0.renderingCount == 1 })
        // Under other options, it is another rendering, kept beside the first.
        #expect(try Self.render(library, ["rows": .list(remembered.map(TemplateValue.remembered))], mode: .lenient) == plain)
        #expect(remembered.allSatisfy { $0.renderingCount == 2 })
    }

    @Test func itKeepsTheFourLatestRenderingsAndEachStaysItsOwn() throws {
        // Five options, each its own rendering of the same section: the oldest goes,
        // and what is copied is always the rendering made under the options asked for.
        let library = try Self.library("{{#rows}}{{code}}|{{url}};{{/rows}}")
        guard case .section(let section) = library.templates["main"]?.nodes.first else {
            Issue.record("the template's first node is not its section")
            return
        }
        let row = RememberedValue(Self.rows[0])
        let context: TemplateValue = ["rows": .list([.remembered(row)])]
        let options = [1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 24].map {
            TemplateLibrary.Options(mode: .strict, maximumOutputBytes: $0)
        }
        let shown = Array("A&lt;1&gt;|a.html;".utf8)
        for (index, options) in options.enumerated() {
            #expect(try library.render("main", with: context, options: options) == shown)
            #expect(row.renderingCount == min(index + 1, 4))
        }
        #expect(row.rendering(by: section, options: options[0]) == nil)
        #expect(options.dropFirst().allSatisfy { row.rendering(by: section, options: $0) == shown })
        for options in options.reversed() {
            #expect(try library.render("main", with: context, options: options) == shown)
            #expect(row.renderingCount == 4)
        }
        // Renderings told apart by their bytes: each options' own comes back, and the
        // first made is the one let go.
        let kept = RememberedValue(Self.rows[1])
        for (index, options) in options.enumerated() {
            kept.remember([UInt8(index)], renderedBy: section, options: options)
        }
        #expect(kept.rendering(by: section, options: options[0]) == nil)
        for index in 1..<options.count {
            #expect(kept.rendering(by: section, options: options[index]) == [UInt8(index)])
        }
    }

    @Test func aNameFromOutsideTheRowIsLookedUpEveryTime() throws {
        // `title` is not the row's: it comes from the page, so the row's bytes depend
        // on more than the row and are never copied.
        let library = try Self.library("{{#rows}}{{code}} of {{title}};{{/rows}}")
        let rows = Self.rows.map { TemplateValue.remembered(RememberedValue($0)) }
        #expect(try Self.render(library, ["rows": .list(rows), "title": "One"]) == "A&lt;1&gt; of One;B&amp;2 of One;")
        #expect(try Self.render(library, ["rows": .list(rows), "title": "Two"]) == "A&lt;1&gt; of Two;B&amp;2 of Two;")
        // Nor a name inside a nested section.
        let nested = try Self.library("{{#rows}}{{#first}}{{title}}{{/first}}{{code}};{{/rows}}")
        #expect(try Self.render(nested, ["rows": .list(rows), "title": "One"]) == "OneA&lt;1&gt;;B&amp;2;")
        #expect(try Self.render(nested, ["rows": .list(rows), "title": "Two"]) == "TwoA&lt;1&gt;;B&amp;2;")
    }

    @Test func aPartialInsideTheSectionIsRenderedEveryTime() throws {
        // A partial can name anything, and its template can be another one next time.
        let row = RememberedValue(Self.rows[0])
        let context: TemplateValue = ["rows": .list([.remembered(row)]), "title": "T"]
        let one = try Self.library("{{#rows}}{{> cell}}{{/rows}}", partials: ["cell": "{{code}}/{{title}}"])
        let two = try Self.library("{{#rows}}{{> cell}}{{/rows}}", partials: ["cell": "[{{code}}]"])
        #expect(try Self.render(one, context) == "A&lt;1&gt;/T")
        #expect(try Self.render(two, context) == "[A&lt;1&gt;]")
        #expect(row.renderingCount == 0)
    }

    @Test func aRowInsideAnIndentedPartialIsRenderedWithItsIndentation() throws {
        let row = RememberedValue(Self.rows[0])
        let context: TemplateValue = ["rows": .list([.remembered(row)])]
        // The same section, once as it is and once indented by its partial's tag.
        let library = try Self.library("{{> table}}\n  {{> table}}\n", partials: ["table": "{{#rows}}\n{{code}}\n{{/rows}}\n"])
        #expect(try Self.render(library, context) == "A&lt;1&gt;\n  A&lt;1&gt;\n")
        #expect(try Self.render(library, context) == "A&lt;1&gt;\n  A&lt;1&gt;\n")
    }

    @Test func aSectionOfTheSameNameInAnotherTemplateRendersAnew() throws {
        let row = RememberedValue(Self.rows[0])
        let context: TemplateValue = ["rows": .list([.remembered(row)])]
        #expect(try Self.render(try Self.library("{{#rows}}{{code}}{{/rows}}"), context) == "A&lt;1&gt;")
        #expect(try Self.render(try Self.library("{{#rows}}{{{code}}}{{/rows}}"), context) == "A<1>")
    }

    @Test func aRememberedValueBehavesAsItsValueEverywhere() throws {
        let object = TemplateValue.remembered(RememberedValue(["name": "n", "list": ["a", "b"]]))
        let list = TemplateValue.remembered(RememberedValue(["x", "y"]))
        let context: TemplateValue = [
            "object": object, "list": list, "yes": .remembered(RememberedValue(true)),
            "no": .remembered(RememberedValue(false)), "text": .remembered(RememberedValue("<t>")),
            "partial": .remembered(RememberedValue("cell")),
        ]
        let library = try Self.library(
            "{{object.name}}|{{#object}}{{#list}}{{.}}{{/list}}{{/object}}|{{#list}}{{.}}{{/list}}|{{#yes}}y{{/yes}}{{^no}}n{{/no}}|{{text}}|{{>*partial}}",
            partials: ["cell": "c"])
        #expect(try Self.render(library, context) == "n|ab|xy|yn|&lt;t&gt;|c")
        #expect(TemplateValue.remembered(RememberedValue("a")) == TemplateValue.remembered(RememberedValue("a")))
        #expect(TemplateValue.remembered(RememberedValue(.remembered(RememberedValue("a")))).unwrapped == "a")
        let error = try #require(TemplateTests.error("{{#object}}{{nmae}}{{/object}}", ["object": object]))
        #expect(error.message == "unknown name \"nmae\"; did you mean \"name\"?")
    }

    @Test func aFailedRenderingIsNotRemembered() throws {
        let row = RememberedValue(["code": "A", "list": ["a"]])
        let library = try Self.library("{{#rows}}{{code}}{{list}}{{/rows}}")
        #expect(throws: MustacheError.self) { try Self.render(library, ["rows": .list([.remembered(row)])]) }
        #expect(row.renderingCount == 0)
    }
}
