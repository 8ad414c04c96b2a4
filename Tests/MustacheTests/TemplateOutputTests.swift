@testable import Mustache
import Testing

/// A render into a ``TemplateOutput`` hands on, run by run, exactly the bytes a render
/// into memory makes, and stops when the output refuses bytes; a ``DeferredValue``
/// shows as the value it makes, made each time it is shown.
struct TemplateOutputTests {
    /// Takes bytes until it has `capacity` of them, then refuses.
    final class Runs: TemplateOutput {
        var bytes: [UInt8] = []
        var runs = 0
        var refusals = 0
        let capacity: Int

        init(capacity: Int = .max) {
            self.capacity = capacity
        }

        func write(_ more: UnsafeRawBufferPointer) -> Bool {
            guard bytes.count + more.count <= capacity else {
                refusals += 1
                return false
            }
            bytes.append(contentsOf: more)
            runs += 1
            return true
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    static func library(_ text: String, partials: [String: String] = [:]) throws -> TemplateLibrary {
        var templates = ["main": try Template(text, file: "Templates/main.mustache")]
        for (name, partial) in partials { templates[name] = try Template(partial, file: "Templates/\(name).mustache") }
        return TemplateLibrary(templates)
    }

    /// Every case of the specification, its output handed on after every tag and text
    /// (runs of one byte): the same bytes as the specification's.
    @Test(arguments: MustacheSpecTests.allCases)
    func specCaseHandedOnInRuns(_ test: MustacheSpecTests.Case) throws {
        var templates: [String: Template] = [:]
        for (name, text) in test.partials { templates[name] = try Template(text, file: "\(name).mustache") }
        let output = Runs()
        try TemplateLibrary(templates).render(Template(test.template, file: "template.mustache"), with: test.data, into: output, run: 1)
        #expect(output.text == test.expected, "\(test.file): \(test.name)")
    }

    @Test func aLargeListIsHandedOnInRunsAndMatchesARenderIntoMemory() throws {
        let library = try Self.library("<ul>\n{{#rows}}\n  {{> row}}\n{{/rows}}\n</ul>\n", partials: ["row": "<li>{{name}} &amp; {{&raw}}</li>\n"])
        let rows = TemplateValue.list((0..<20_000).map { ["name": .string("<\($0)>"), "raw": .string("<b>\($0)</b>")] })
        let context: TemplateValue = ["rows": rows]
        let inMemory = try library.render("main", with: context)
        let output = Runs()
        try library.render("main", with: context, into: output)
        #expect(output.bytes == inMemory)
        #expect(inMemory.count > 3 * OutputBuffer.defaultRun)
        #expect(output.runs >= 3, "a render into an output holds no more than about a run at a time")
    }

    /// A remembered row keeps the bytes it rendered even when they straddle a run.
    @Test func aRememberedRowIsCopiedWholeAcrossRuns() throws {
        let library = try Self.library("{{#rows}}[{{code}}]{{/rows}}")
        let row = RememberedValue(["code": "LONG_CODE_NAME"])
        let context: TemplateValue = ["rows": .list(Array(repeating: .remembered(row), count: 50))]
        for _ in 0..<2 {
            let output = Runs()
            try library.render(library.templates["main"]!, with: context, into: output, run: 5)
            #expect(output.text == String(repeating: "[LONG_CODE_NAME]", count: 50))
        }
        #expect(row.renderingCount == 1)
    }

    @Test func anOutputThatRefusesBytesStopsTheRender() throws {
        let library = try Self.library("{{#rows}}{{name}}\n{{/rows}}")
        let context: TemplateValue = ["rows": .list((0..<1000).map { ["name": .string("row \($0)")] })]
        let output = Runs(capacity: 100)
        #expect(throws: MustacheError.self) {
            try library.render(library.templates["main"]!, with: context, into: output, run: 10)
        }
        #expect(output.refusals == 1, "nothing more is handed on once the output refused")
        #expect(output.bytes.count <= 100)
        do {
            try library.render(library.templates["main"]!, with: context, into: Runs(capacity: 0), run: 1 << 20)
            Issue.record("an output that refuses the last run must fail the render")
        } catch {
            #expect(error.message == "the output could not be written")
        }
    }

    /// The bound on a render's bytes counts those handed on, too.
    @Test func theOutputBoundCountsTheBytesHandedOn() throws {
        let library = try Self.library("{{#rows}}{{name}}\n{{/rows}}")
        let context: TemplateValue = ["rows": .list((0..<1000).map { ["name": .string("row \($0)")] })]
        let output = Runs()
        do {
            try library.render(
                library.templates["main"]!, with: context, options: .init(maximumOutputBytes: 500), into: output, run: 64)
            Issue.record("a render over the bound must fail")
        } catch {
            #expect(error.message.hasPrefix("rendering produced more than 500 bytes"), "\(error.message)")
        }
        #expect(output.bytes.count <= 500 + 64 + 16)
    }

    @Test func aDeferredValueShowsAsTheValueItMakesEachTimeItIsShown() throws {
        final class Count: @unchecked Sendable { var made = 0 }
        let count = Count()
        let items = (0..<3).map { index in
            TemplateValue.deferred(DeferredValue { () throws(MustacheError) in
                count.made += 1
                return ["name": .string("<\(index)>")]
            })
        }
        let made = TemplateValue.list((0..<3).map { ["name": .string("<\($0)>")] })
        let library = try Self.library("{{#items}}{{name}},{{/items}}|{{#items}}{{&name}};{{/items}}|{{one.name}}|{{#one}}{{name}}{{/one}}")
        let deferred = String(decoding: try library.render("main", with: ["items": .list(items), "one": items[1]]), as: UTF8.self)
        let plain = String(decoding: try library.render("main", with: ["items": made, "one": ["name": "<1>"]]), as: UTF8.self)
        #expect(deferred == plain)
        #expect(deferred == "&lt;0&gt;,&lt;1&gt;,&lt;2&gt;,|<0>;<1>;<2>;|&lt;1&gt;|&lt;1&gt;")
        #expect(count.made == 8, "made once each time it is shown, never kept")
    }

    @Test func aDeferredValueThatFailsFailsTheRender() throws {
        let failing = TemplateValue.deferred(DeferredValue { () throws(MustacheError) in
            throw MustacheError(file: "Templates/code.mustache", line: 3, column: 7, message: "unknown name \"x\"")
        })
        let library = try Self.library("before {{#items}}{{name}}{{/items}} after")
        do {
            _ = try library.render("main", with: ["items": [failing]])
            Issue.record("the deferred value's failure must fail the render")
        } catch {
            #expect(error.file == "Templates/code.mustache" && error.line == 3 && error.column == 7)
        }
    }
}
