import Foundation
import Testing
@testable import ErrataKit

/// A build publishes only pages and templates it read whole: each is read with its
/// identity (device, inode, size, times), and one saved since it was read stops the
/// build before the new site replaces the old one.
@Suite struct SourceSnapshotTests {
    static let page = "---\ntitle: Page\n---\n\nText.\n"
    static let templates = RealContentTests.repository.appendingPathComponent("Templates")

    @Test func everyPageIsReadWithItsIdentity() throws {
        let content = try TemporaryContent()
        try content.write("a.md", Self.page)
        try content.write("docs/b.md", Self.page)
        let report = try content.check()
        #expect(report.sources.sources.map(\.path)
            == ["a.md", "docs/b.md"].map { content.content.appendingPathComponent($0).path })
        #expect(report.sources.changedSources.isEmpty)
        try report.verifySourcesUnchanged()
    }

    /// Saved in place (truncated, then written): same inode, new size and time.
    @Test(arguments: ["truncated", "rewritten", "replaced", "removed"])
    func aPageThatChangedAfterItWasReadIsNamed(_ change: String) throws {
        let content = try TemporaryContent()
        try content.write("a.md", Self.page)
        try content.write("b.md", Self.page)
        let report = try content.check()
        let page = content.content.appendingPathComponent("b.md")
        switch change {
        case "truncated": #expect(truncate(page.path, 0) == 0)
        case "rewritten":
            let handle = try FileHandle(forWritingTo: page)
            try handle.write(contentsOf: Data(Self.page.uppercased().utf8))
            try handle.close()
        case "replaced": try Data(Self.page.utf8).write(to: page, options: .atomic)
        default: try FileManager.default.removeItem(at: page)
        }
        #expect(report.sources.changedSources.map(\.path) == [page.path])
        #expect(throws: LoadError.self) { try report.verifySourcesUnchanged() }
        do {
            try report.verifySourcesUnchanged()
        } catch {
            #expect(error.description == "\(DisplayPath.of(page)): error: changed during the build; run again")
        }
    }

    /// `publish` checks the pages and templates last, before the new site replaces the
    /// old one: the previous site is left exactly as it was, and no staging folder stays.
    @Test func publishRefusesAPageSavedDuringTheBuild() throws {
        let content = try TemporaryContent()
        try content.write("item.md", Self.page)
        let report = try content.check()
        let templates = try TemplateSet.load(from: Self.templates)
        let output = content.root.appendingPathComponent("public")
        let pipeline = Pipeline(catalog: TemporaryContent.typesOnly)
        try pipeline.publish(report, templates: templates, to: output)
        let before = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()

        try content.write("item.md", "---\ntitle: Saved meanwhile\n---\n\nNew text.\n")
        #expect(throws: LoadError.self) { try pipeline.publish(report, templates: templates, to: output) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: content.root.path).sorted() == ["Content", "public"])
        let page = try String(contentsOf: output.appendingPathComponent("item/index.html"), encoding: .utf8)
        #expect(page.contains("Text.") && !page.contains("New text."))
    }

    @Test func publishRefusesATemplateSavedDuringTheBuild() throws {
        let content = try TemporaryContent()
        try content.write("item.md", Self.page)
        let copy = content.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Self.templates, to: copy)
        let report = try content.check()
        let templates = try TemplateSet.load(from: copy)
        #expect(templates.sources.sources.count == (try FileManager.default.subpathsOfDirectory(atPath: copy.path))
            .filter { $0.hasSuffix(".mustache") || $0.hasPrefix("assets/") && $0 != "assets" }.count)
        try Data("/* saved */".utf8).write(to: copy.appendingPathComponent("assets/style.css"))
        let output = content.root.appendingPathComponent("public")
        do {
            try Pipeline(catalog: TemporaryContent.typesOnly).publish(report, templates: templates, to: output)
            Issue.record("published a site with an asset saved since it was read")
        } catch let error as LoadError {
            #expect(error.description == "\(DisplayPath.of(copy.appendingPathComponent("assets/style.css"))): error: "
                + "changed during the build; run again")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
