import Foundation
import Testing
@testable import ErrataKit

/// Errata's templates folder: what it refuses when it is loaded (syntax errors,
/// missing partials, loops), and the real templates rendering the real content.
struct TemplateTests {
    /// A templates folder with the required templates, `overrides` replacing some.
    private static func folder(_ overrides: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in Set(TemplateSet.requiredTemplates).union(overrides.keys) {
            try Data((overrides[name] ?? "x").utf8).write(to: folder.appendingPathComponent("\(name).mustache"))
        }
        return folder
    }

    @Test(arguments: [
        (["page": "a\nb\n{{> page}}"], "page.mustache:3:1 → page.mustache"),
        (["page": "{{<base}}{{/base}}", "base": "\n\n  {{> page}}"], "base.mustache:3:3 → page.mustache:1:1 → base.mustache"),
        (["code": "{{> a}}", "a": "{{#x}}{{> b}}{{/x}}", "b": "{{> a}}"], "a.mustache:1:7 → b.mustache:1:1 → a.mustache"),
    ])
    func templatesThatIncludeEachOtherAreRefusedWithTheLoop(templates: [String: String], loop: String) throws {
        let folder = try Self.folder(templates)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try TemplateSet.load(from: folder)
            Issue.record("a loop of templates must be refused")
        } catch {
            #expect(error.message.hasPrefix("templates include each other in a loop: "))
            let shown = error.message.replacingOccurrences(of: DisplayPath.of(folder) + "/", with: "")
            #expect(shown.contains(loop), "\(error)")
            #expect(error.line > 0)
        }
    }

    @Test func syntaxErrorsComeWithTheirFileLineAndColumn() throws {
        let folder = try Self.folder(["code": "ok\n  {{#open}}"])
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try TemplateSet.load(from: folder)
            Issue.record("an unclosed section must be refused")
        } catch {
            #expect(error.file.hasSuffix("code.mustache") && error.line == 2 && error.column == 3)
            #expect(error.message == "template syntax error: the section \"open\" is never closed; add {{/open}}")
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
