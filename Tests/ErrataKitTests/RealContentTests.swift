import Foundation
import Testing
@testable import ErrataKit

/// Builds the real `Content/` with the real `Templates/` and checks the site a
/// reader gets.
@Suite struct RealContentTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct BuiltSite {
        var report: Pipeline.Report
        var output: URL
        var files: [OutputFile]

        func html(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
    }

    /// Builds `content` (the real one by default) with `templates` into a new temporary folder.
    static func build(
        content: URL = repository.appendingPathComponent("Content"),
        templates: URL = repository.appendingPathComponent("Templates"),
        catalog: Catalog = .concentrix,
        baseURL: String? = nil
    ) throws -> BuiltSite {
        let pipeline = Pipeline(catalog: catalog)
        let base = try baseURL.map { try BaseURL($0) }
        let report = try pipeline.check(content: content, baseURL: base?.string)
        let templateSet = try TemplateSet.load(from: templates)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("errata-site-\(UUID())")
        try pipeline.publish(report, templates: templateSet, baseURL: base, to: output)
        return BuiltSite(report: report, output: output, files: try Self.files(in: output))
    }

    /// Every file written under `folder` but the output marker, sorted by path.
    static func files(in folder: URL) throws -> [OutputFile] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return try paths.sorted().compactMap { path in
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard path != SiteWriter.marker, FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
                  !isFolder.boolValue else { return nil }
            return OutputFile(path: path, bytes: Array(try Data(contentsOf: url)))
        }
    }

    @Test func contentHasNoErrors() throws {
        let report = try Pipeline(catalog: .concentrix).check(content: Self.repository.appendingPathComponent("Content"))
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        #expect(report.pages.map(\.route) == [
            "docs/errors/", "docs/errors/institution/", "docs/errors/invalid-input/",
            "docs/errors/invalid-request/", "docs/errors/item/",
        ])
    }

    /// The project's own reference is its showcase: no documentation gap, so
    /// `errata check --strict` passes on it.
    @Test func contentHasNoWarnings() throws {
        let report = try Pipeline(catalog: .concentrix).check(content: Self.repository.appendingPathComponent("Content"))
        #expect(report.diagnostics.map(\.formatted) == [])
    }

    @Test func everyModelCodeHasItsAnchorOnItsTypePage() throws {
        let site = try Self.build()
        defer { try? FileManager.default.removeItem(at: site.output) }
        for type in Catalog.concentrix.types {
            let html = try site.html("docs/errors/\(type.slug)/index.html")
            #expect(html.contains("<h1>\(type.title)</h1>"))
            for code in Catalog.concentrix.codes(ofType: type.id) {
                #expect(html.contains("id=\"\(code.anchor)\""), "\(code.code) has no anchor on the \(type.slug) page")
                #expect(html.contains("href=\"#\(code.anchor)\""), "\(code.code) has no self-link")
            }
        }
    }

    @Test func everyOverviewLinkResolvesToAnAnchor() throws {
        let site = try Self.build()
        defer { try? FileManager.default.removeItem(at: site.output) }
        let overview = try site.html("docs/errors/index.html")
        let links = HTML.attributes("href", in: overview).filter { $0.contains("#") && !$0.hasPrefix("#") }
        #expect(links.count == Catalog.concentrix.codes.count)
        for link in links {
            let (path, anchor) = (String(link.split(separator: "#")[0]), String(link.split(separator: "#")[1]))
            let target = try site.html("docs/errors/" + path + "index.html")
            #expect(HTML.attributes("id", in: target).contains(anchor), "\(link) does not resolve")
        }
        #expect(links.contains("item/#access_not_granted"))
        // One row group per type, headed by a row that names the type; each code's row
        // gives its one-line meaning (the first sentence of its description).
        for type in Catalog.concentrix.types {
            #expect(overview.contains("<th scope=\"colgroup\" colspan=\"3\"><a href=\"\(type.slug)/\">\(type.title.htmlEscaped)</a>"), "\(type.id)")
        }
        #expect(overview.contains("<td class=\"meaning\">The user did not grant necessary permissions for their account.</td>"))
    }

    @Test func everyRelativeLinkAndAssetExists() throws {
        let site = try Self.build()
        defer { try? FileManager.default.removeItem(at: site.output) }
        // 404.html is served at any depth, so it has no relative links; SiteOutputTests checks it.
        for file in site.files where file.path.hasSuffix(".html") && file.path != "404.html" {
            let html = String(decoding: file.bytes, as: UTF8.self)
            let folder = (file.path as NSString).deletingLastPathComponent
            for reference in HTML.attributes("href", in: html) + HTML.attributes("src", in: html) {
                guard !reference.contains(":"), !reference.hasPrefix("#") else { continue }
                #expect(!reference.hasPrefix("/"), "\(file.path) links to \(reference), which breaks under a sub-path")
                var path = String(reference.split(separator: "#", omittingEmptySubsequences: false)[0])
                if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                let resolved = site.output.appendingPathComponent(folder).appendingPathComponent(path).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(file.path): \(reference) does not exist")
            }
        }
    }

    @Test func samplesAreHighlightedUnderTheirStatus() throws {
        let site = try Self.build()
        defer { try? FileManager.default.removeItem(at: site.output) }
        let item = try site.html("docs/errors/item/index.html")
        #expect(item.contains("<span class=\"status\">HTTP 400 Bad Request</span>"))
        #expect(item.contains("<span class=\"j-key\">&quot;error_code&quot;</span>"))
        #expect(!item.contains("// http code"))
        #expect(item.contains("class=\"subsection callout\""))
        #expect(!item.contains("<script>"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try Self.build(), second = try Self.build()
        defer {
            try? FileManager.default.removeItem(at: first.output)
            try? FileManager.default.removeItem(at: second.output)
        }
        #expect(first.files == second.files)
    }
}

/// Reads attribute values out of the HTML Errata itself writes.
enum HTML {
    static func attributes(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[end...]
        }
        return values
    }
}
