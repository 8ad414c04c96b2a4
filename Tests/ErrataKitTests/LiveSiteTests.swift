import Foundation
import Testing
@testable import ErrataKit

/// The in-memory site `errata serve` rebuilds as files change.
@Suite struct LiveSiteTests {
    /// A copy of the real Content/ and Templates/ in a temporary folder.
    struct Sandbox {
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var templates: URL { root.appendingPathComponent("Templates") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("errata-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["Content", "Templates"] {
                try FileManager.default.copyItem(
                    at: RealContentTests.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
            }
        }

        func edit(_ relative: String, _ change: (String) -> String) throws -> String {
            let url = root.appendingPathComponent(relative)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
            return url.path
        }

        func site(baseURL: String? = nil) -> LiveSite {
            LiveSite(configuration: .init(content: content, templates: templates, model: nil, baseURL: baseURL))
        }
    }

    static func files(_ outcome: LiveSite.Outcome) throws -> (files: [String: [UInt8]], parsed: Int, rendered: Int) {
        guard case .built(let files, _, let parsed, let rendered) = outcome else {
            Issue.record("expected a built site, got \(outcome)")
            throw CancellationError()
        }
        return (files.all, parsed, rendered)
    }

    static func text(_ files: [String: [UInt8]], _ path: String) -> String {
        String(decoding: files[path] ?? [], as: UTF8.self)
    }

    /// The preview reuses a section's diagnostics while the section compares equal,
    /// field by field (`CheckedSection` in LiveSite.swift): a field added to a section,
    /// a sample or a sub-section must be added there too.
    @Test func sectionFieldsAreThoseTheSectionChecksCompare() {
        let sample = Sample(text: "{}", location: SourceLocation(file: "a.md", line: 3, column: 1), firstLine: 4, indents: [0])
        let subsection = Subsection(
            title: "Causes", kind: Subsection.Kind(title: "Causes"), anchor: "a-causes", html: "",
            location: SourceLocation(file: "a.md", line: 5, column: 1))
        let section = CodeSection(
            code: "A", location: SourceLocation(file: "a.md", line: 1, column: 1), contextTypeID: nil, contextTypeLocation: nil,
            descriptionHTML: "", sample: sample, subsections: [subsection])
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(labels(section) == ["code", "anchor", "location", "contextTypeID", "contextTypeLocation", "descriptionHTML",
                                    "hasDescription", "sample", "subsections"])
        #expect(labels(sample) == ["text", "location", "firstLine", "indents"])
        #expect(labels(subsection) == ["title", "kind", "anchor", "html", "location", "hasContent"])
    }

    @Test func firstBuildMatchesErrataBuild() throws {
        let sandbox = try Sandbox()
        let built = try Self.files(sandbox.site().buildAll())
        let report = try Pipeline(catalog: .concentrix).check(content: sandbox.content)
        let expected = try SiteRenderer(catalog: .concentrix, templates: TemplateSet.load(from: sandbox.templates)).render(report.pages)
        #expect(built.files == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.bytes) }))
        #expect(built.parsed == 5)
    }

    @Test func aChangedPageIsTheOnlyOneParsedAndRendered() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        // Not a description's first sentence: the overview and the search index show those.
        let path = try sandbox.edit("Content/docs/errors/item.md") {
            $0.replacingOccurrences(of: "This Item's access is affected by", with: "This Item's access is limited by")
        }
        let rebuilt = try Self.files(site.update([path]))
        #expect(rebuilt.parsed == 1)
        #expect(rebuilt.rendered == 1)
        #expect(Self.text(rebuilt.files, "docs/errors/item/index.html").contains("This Item's access is limited by"))
    }

    @Test func aNewFirstSentenceReachesTheOverviewAndTheSearchIndex() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let path = try sandbox.edit("Content/docs/errors/item.md") {
            $0.replacingOccurrences(of: "The user did not grant necessary permissions", with: "The user withheld the permissions")
        }
        let rebuilt = try Self.files(site.update([path]))
        #expect(rebuilt.parsed == 1)
        #expect(Self.text(rebuilt.files, "docs/errors/index.html").contains("The user withheld the permissions for their account."))
        let index = try #require(rebuilt.files.keys.first { $0.hasPrefix("assets/search-index.") })
        #expect(Self.text(rebuilt.files, index).contains("\"summary\":\"The user withheld the permissions for their account.\""))
    }

    @Test func aNewTitleRerendersEveryPage() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let path = try sandbox.edit("Content/docs/errors/item.md") { $0.replacingOccurrences(of: "title: Item errors", with: "title: Item problems") }
        let rebuilt = try Self.files(site.update([path]))
        #expect(rebuilt.parsed == 1)
        #expect(rebuilt.rendered == 5)
        #expect(Self.text(rebuilt.files, "docs/errors/institution/index.html").contains(">Item problems</a>"))
    }

    @Test func aChangedTemplateRerendersWithoutParsing() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let path = try sandbox.edit("Templates/base.mustache") { $0.replacingOccurrences(of: "Error reference", with: "Error handbook") }
        let rebuilt = try Self.files(site.update([path]))
        #expect(rebuilt.parsed == 0)
        #expect(rebuilt.rendered == 5)
        #expect(Self.text(rebuilt.files, "docs/errors/index.html").contains("Error handbook"))
    }

    @Test func aBrokenEditFailsUntilItIsFixed() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let path = try sandbox.edit("Content/docs/errors/item.md") { $0.replacingOccurrences(of: "### ACCESS_NOT_GRANTED", with: "### ACCESS_NOT_GRANTD") }
        guard case .failed(let diagnostics) = site.update([path]) else {
            Issue.record("a misspelt code must fail the build")
            return
        }
        let unknown = try #require(diagnostics.first { $0.rule == .unknownCode })
        #expect(unknown.location.file.hasSuffix("Content/docs/errors/item.md"))
        #expect(unknown.location.line == 9)
        _ = try sandbox.edit("Content/docs/errors/item.md") { $0.replacingOccurrences(of: "### ACCESS_NOT_GRANTD", with: "### ACCESS_NOT_GRANTED") }
        _ = try Self.files(site.update([path]))
    }

    /// A page whose layout drops its code sections is refused, whether the page names
    /// another layout or its layout's template stops rendering them.
    @Test func aLayoutThatDropsTheCodeSectionsFailsUntilItIsFixed() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let page = try sandbox.edit("Content/docs/errors/item.md") {
            $0.replacingOccurrences(of: "error_type: ITEM_ERROR\n", with: "error_type: ITEM_ERROR\nlayout: base\n")
        }
        guard case .failed(let diagnostics) = site.update([page]) else {
            Issue.record("layout: base must fail the build")
            return
        }
        #expect(diagnostics.contains { $0.rule == .layout && $0.location.file.hasSuffix("Content/docs/errors/item.md") })
        _ = try sandbox.edit("Content/docs/errors/item.md") { $0.replacingOccurrences(of: "layout: base\n", with: "") }
        _ = try Self.files(site.update([page]))

        let template = try sandbox.edit("Templates/page.mustache") { $0.replacingOccurrences(of: "{{> body}}", with: "") }
        guard case .failed(let afterTemplate) = site.update([template]) else {
            Issue.record("a page template that renders no code section must fail the build")
            return
        }
        #expect(afterTemplate.contains { $0.rule == .layout })
    }

    @Test func aBrokenTemplateIsADiagnosticWithItsLine() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let path = try sandbox.edit("Templates/code.mustache") { "\n\n{{#sample}}unclosed\n" + $0 }
        guard case .failed(let diagnostics) = site.update([path]) else {
            Issue.record("a template syntax error must fail the build")
            return
        }
        #expect(diagnostics.first?.rule == .templateError)
        #expect(diagnostics.first?.location.file.hasSuffix("code.mustache") == true)
    }

    @Test func aPageThatBecomesALinkOutOfTheContentIsRefusedUntilItIsAPageAgain() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let page = sandbox.content.appendingPathComponent("docs/errors/item.md")
        let saved = try Data(contentsOf: page)
        let outside = sandbox.root.appendingPathComponent("outside.md")
        try saved.write(to: outside)
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: outside)
        guard case .failed(let diagnostics) = site.update([page.path]) else {
            Issue.record("a page that links out of the content folder must fail the preview's build")
            return
        }
        #expect(diagnostics.first?.rule == .ioError)
        #expect(diagnostics.first?.location.file.hasSuffix("docs/errors/item.md") == true)
        try FileManager.default.removeItem(at: page)
        try saved.write(to: page)
        _ = try Self.files(site.update([page.path]))
    }

    @Test func newAndRemovedPagesAreNoticed() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let extra = sandbox.content.appendingPathComponent("docs/guide.md")
        try Data("---\ntitle: Guide\n---\n\nRead [the item errors](../errors/item/#access_not_granted).\n".utf8).write(to: extra)
        let added = try Self.files(site.update([extra.path]))
        #expect(added.files["docs/guide/index.html"] != nil)
        try FileManager.default.removeItem(at: extra)
        let removed = try Self.files(site.update([extra.path]))
        #expect(removed.files["docs/guide/index.html"] == nil)
    }

    @Test func aContentFolderDeletedAndMadeAgainIsBuiltAgain() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        let first = try Self.files(site.buildAll())
        let saved = sandbox.root.appendingPathComponent("saved")
        try FileManager.default.moveItem(at: sandbox.content, to: saved)
        guard case .failed(let diagnostics) = site.update([sandbox.content.path]) else {
            Issue.record("a missing content folder must fail the build")
            return
        }
        #expect(diagnostics.first?.message.contains("no content folder here") == true)
        try FileManager.default.moveItem(at: saved, to: sandbox.content)
        let again = try Self.files(site.update([sandbox.content.path]))
        #expect(again.files == first.files)
        #expect(again.parsed == first.parsed)
    }

    @Test func aMissingContentFolderIsLookedForAgainOnAnyChange() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        _ = try Self.files(site.buildAll())
        let saved = sandbox.root.appendingPathComponent("saved")
        try FileManager.default.moveItem(at: sandbox.content, to: saved)
        guard case .failed = site.update([sandbox.content.path]) else {
            Issue.record("a missing content folder must fail the build")
            return
        }
        try FileManager.default.moveItem(at: saved, to: sandbox.content)
        // Only a template edit is reported, not the folder's return.
        let path = try sandbox.edit("Templates/base.mustache") { $0.replacingOccurrences(of: "Error reference", with: "Error handbook") }
        let rebuilt = try Self.files(site.update([path]))
        #expect(Self.text(rebuilt.files, "docs/errors/index.html").contains("Error handbook"))
    }

    @Test func aTemplatesFolderDeletedAndMadeAgainIsBuiltAgain() throws {
        let sandbox = try Sandbox()
        let site = sandbox.site()
        let first = try Self.files(site.buildAll())
        let saved = sandbox.root.appendingPathComponent("saved")
        try FileManager.default.moveItem(at: sandbox.templates, to: saved)
        guard case .failed(let diagnostics) = site.update([sandbox.templates.path]) else {
            Issue.record("a missing templates folder must fail the build")
            return
        }
        #expect(diagnostics.first?.message.contains("no templates folder here") == true)
        try FileManager.default.moveItem(at: saved, to: sandbox.templates)
        #expect(try Self.files(site.update([sandbox.templates.path])).files == first.files)
    }
}

@Suite struct FileWatcherTests {
    @Test func reportsASavedFileOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let watcher = FileWatcher(roots: [folder])
        defer { watcher.stop() }
        let changes = watcher.changes()
        try await Task.sleep(for: .milliseconds(100))  // let the watches be set up
        let file = folder.appendingPathComponent("sub/page.md")
        try Data("# Hello\n".utf8).write(to: file)
        let first = try await withTimeout(seconds: 5) { await changes.first { _ in true } }
        #expect(first == [file.path])
    }

    @Test func aRootFolderDeletedAndMadeAgainIsReportedAndWatchedAgain() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("errata-watch-\(UUID().uuidString)")
        let root = parent.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("other"), withIntermediateDirectories: true)
        let watcher = FileWatcher(roots: [root])
        defer { watcher.stop() }
        let log = ChangeLog(watcher.changes())
        try await Task.sleep(for: .milliseconds(100))  // let the watches be set up

        try FileManager.default.removeItem(at: root)
        try await log.waitFor(root.path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try await log.waitFor(root.path, count: 2)
        let page = root.appendingPathComponent("sub/page.md")
        try Data("# Hello\n".utf8).write(to: page)
        try await log.waitFor(page.path)

        // Moved away, its old tree is no longer reported as the root's.
        let away = parent.appendingPathComponent("away")
        try FileManager.default.moveItem(at: root, to: away)
        try await log.waitFor(root.path, count: 3)
        try Data("# Moved\n".utf8).write(to: away.appendingPathComponent("sub/page.md"))
        try Data("x".utf8).write(to: parent.appendingPathComponent("other/file.md"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(log.count(of: page.path) == 1)
        #expect(log.all.allSatisfy { $0.hasPrefix(root.path) }, "\(log.all)")
    }
}

/// Every path a watcher reports, in order, collected as it runs (until its stream ends).
final class ChangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []

    init(_ changes: AsyncStream<Set<String>>) {
        Task {
            for await change in changes { self.lock.withLock { self.paths += change.sorted() } }
        }
    }

    var all: [String] { lock.withLock { paths } }

    func count(of path: String) -> Int { all.filter { $0 == path }.count }

    /// Waits until `path` was reported `count` times, for at most five seconds.
    func waitFor(_ path: String, count: Int = 1) async throws {
        for _ in 0..<500 where self.count(of: path) < count {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(self.count(of: path) >= count, "\(path) reported \(self.count(of: path)) times, not \(count): \(all)")
    }
}

/// Runs `operation`, failing if it takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async -> T?) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw CancellationError()
        }
        let result = try await group.next() ?? nil
        group.cancelAll()
        return result
    }
}
