import Foundation
import Testing
@testable import ErrataKit

/// The files a build writes for readers and hosts besides the pages: fingerprinted
/// assets, the search index, short addresses, `errors.json`, `sitemap.xml`, `404.html`
/// and the home page, with and without a base URL.
@Suite struct SiteOutputTests {
    typealias BuiltSite = RealContentTests.BuiltSite

    static let baseURL = "https://concentrix.com/reference"
    static let catalog = Catalog.concentrix

    /// Builds the real content, runs `body` on the site, and removes it.
    static func withSite(baseURL: String? = nil, templates: URL? = nil, _ body: (BuiltSite) throws -> Void) throws {
        let site = try RealContentTests.build(
            templates: templates ?? RealContentTests.repository.appendingPathComponent("Templates"), baseURL: baseURL)
        defer { try? FileManager.default.removeItem(at: site.output) }
        try body(site)
    }

    // MARK: - Search index

    @Test func searchIndexListsEveryDocumentedCodeWithItsSection() throws {
        try Self.withSite { site in
            let documented = site.report.pages.flatMap(\.codeSections).map(\.code).sorted()
            let entries = try Self.searchIndex(of: site)
            #expect(entries.map { $0["code"] as? String } == documented)
            for entry in entries {
                let name = try #require(entry["code"] as? String)
                let code = try #require(Self.catalog.code(named: name))
                #expect(entry["type"] as? String == code.type)
                #expect(entry["typeTitle"] as? String == Self.catalog.type(withID: code.type)?.title)
                if let status = code.httpStatus {
                    #expect(entry["status"] as? Int == status)
                } else {
                    #expect(entry["status"] is NSNull)
                }
                let message: String = if case .text(let text) = code.errorMessage { text } else { "" }
                #expect(entry["message"] as? String == message)
                let url = try #require(entry["url"] as? String)
                #expect(url == "docs/errors/\(Self.slug(of: code))/#\(code.anchor)")
                #expect(try Self.resolves(url, from: "", in: site), "\(url) has no anchor")
            }
            #expect(entries.first { $0["code"] as? String == "ACCESS_NOT_GRANTED" }?["url"] as? String
                == "docs/errors/item/#access_not_granted")
        }
    }

    // MARK: - errors.json

    @Test(arguments: [nil, SiteOutputTests.baseURL] as [String?])
    func errorsJSONMatchesTheModel(baseURL: String?) throws {
        try Self.withSite(baseURL: baseURL) { site in
            let data = try Data(contentsOf: site.output.appendingPathComponent("docs/errors/errors.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["schema_version"] as? Int == 1)
            #expect(json["generated_by"] as? String == "errata")
            if baseURL == nil {
                #expect(json["base_url"] is NSNull)
            } else {
                #expect(json["base_url"] as? String == "https://concentrix.com/reference/")
            }

            let types = try #require(json["types"] as? [[String: Any]])
            #expect(types.map { $0["id"] as? String } == Self.catalog.types.map(\.id))
            for (entry, type) in zip(types, Self.catalog.types) {
                #expect(entry["title"] as? String == type.title)
                #expect(entry["slug"] as? String == type.slug)
                #expect(entry["description"] as? String == type.description)
                #expect(entry["url"] as? String == "docs/errors/\(type.slug)/")
            }

            let codes = try #require(json["codes"] as? [[String: Any]])
            #expect(codes.map { $0["code"] as? String } == Self.catalog.codes.map(\.code).sorted())
            for entry in codes {
                let code = try #require(Self.catalog.code(named: entry["code"] as? String ?? ""))
                #expect(entry["type"] as? String == code.type)
                #expect(entry["http_status"] as? Int == code.httpStatus)
                #expect(entry.keys.contains("http_status") == (code.httpStatus != nil))
                for (key, value) in [("error_message", code.errorMessage), ("display_message", code.displayMessage)] {
                    switch value {
                    case nil: #expect(!entry.keys.contains(key), "\(code.code): an unknown \(key) is left out")
                    case .null: #expect(entry[key] is NSNull, "\(code.code): \(key) is null")
                    case .text(let text): #expect(entry[key] as? String == text)
                    }
                }
                let url = try #require(entry["url"] as? String)
                #expect(try Self.resolves(url, from: "", in: site), "\(url) has no anchor")
                let shortURL = try #require(entry["short_url"] as? String)
                #expect(shortURL == "docs/errors/\(code.code)/")
                #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(shortURL + "index.html").path))
                if baseURL == nil {
                    #expect(entry["absolute_url"] == nil && entry["absolute_short_url"] == nil)
                } else {
                    #expect(entry["absolute_url"] as? String == "https://concentrix.com/reference/" + url)
                    #expect(entry["absolute_short_url"] as? String == "https://concentrix.com/reference/" + shortURL)
                }
            }
            // Stable bytes: sorted keys, two-space indentation, a final newline.
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasPrefix("{\n  \"base_url\": "))
            #expect(text.hasSuffix("}\n"))
        }
    }

    // MARK: - Short addresses

    @Test func everyShortAddressLeadsToItsSection() throws {
        try Self.withSite { site in
            for code in Self.catalog.codes {
                let path = "docs/errors/\(code.code)/index.html"
                let html = try site.html(path)
                let target = "../\(Self.slug(of: code))/#\(code.anchor)"
                #expect(html.contains("<html lang=\"en\">"))
                #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"), "\(path)")
                #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
                #expect(html.contains("<link rel=\"canonical\" href=\"\(target)\">"))
                #expect(html.contains("<title>\(code.code) · "))
                #expect(html.contains("<a href=\"\(target)\">\(code.code)</a>"))
                #expect(html.contains("location.replace(location.protocol === \"file:\" ? "
                    + "\"../\(Self.slug(of: code))/index.html#\(code.anchor)\" : \"\(target)\");"))
                #expect(try Self.resolves(target, from: "docs/errors/\(code.code)/", in: site))
            }
        }
        try Self.withSite(baseURL: Self.baseURL) { site in
            let html = try site.html("docs/errors/ACCESS_NOT_GRANTED/index.html")
            #expect(html.contains("<link rel=\"canonical\" href=\"https://concentrix.com/reference/docs/errors/item/#access_not_granted\">"))
            #expect(html.contains("url=../item/#access_not_granted\""))
        }
    }

    @Test func aShortAddressThatWouldHideAPageIsRefused() throws {
        let content = try Self.temporaryContent([
            "docs/errors/_index.md": "---\ntitle: Errors\n---\n\nAll of them.\n",
            "docs/errors/item.md": "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n\nItems.\n",
            "docs/errors/access_not_granted.md": "---\ntitle: Access\n---\n\nA page whose address a code needs.\n",
        ])
        defer { try? FileManager.default.removeItem(at: content) }
        let report = try Pipeline(catalog: Self.catalog).check(content: content)
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        #expect {
            try SiteRenderer(catalog: Self.catalog, templates: templates).render(report.pages)
        } throws: { error in
            guard case RenderError.conflict(let conflict) = error else { return false }
            return conflict.file.hasSuffix("docs/errors/access_not_granted.md")
                && conflict.message.contains("the short address of ACCESS_NOT_GRANTED")
                && conflict.message.contains("docs/errors/ACCESS_NOT_GRANTED")
        }
    }

    // MARK: - sitemap.xml

    @Test func sitemapListsEveryPageSortedWithTheBaseURL() throws {
        try Self.withSite(baseURL: Self.baseURL) { site in
            let xml = try site.html("sitemap.xml")
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            let locations = Self.elements("loc", in: xml)
            #expect(locations == locations.sorted())
            #expect(locations == site.report.pages.map { "https://concentrix.com/reference/" + $0.route }.sorted())
            #expect(!locations.contains { $0.contains("ACCESS_NOT_GRANTED") || $0.hasSuffix("404.html") })
        }
        try Self.withSite { site in
            #expect(!site.files.contains { $0.path == "sitemap.xml" }, "a sitemap needs absolute URLs")
        }
    }

    // MARK: - 404.html

    @Test(arguments: [nil, SiteOutputTests.baseURL] as [String?])
    func notFoundPageHasNoRelativeReferences(baseURL: String?) throws {
        let templatesWithout404 = try Self.copyOfTemplates(removing: "404.mustache")
        defer { try? FileManager.default.removeItem(at: templatesWithout404) }
        for templates in [nil, templatesWithout404] {
            try Self.withSite(baseURL: baseURL, templates: templates) { site in
                let html = try site.html("404.html")
                #expect(html.contains("Page not found"))
                for reference in HTML.attributes("href", in: html) + HTML.attributes("src", in: html) {
                    let isAbsolute = reference.hasPrefix("https://") || reference.hasPrefix("/") || reference.hasPrefix("#")
                        || reference.hasPrefix("data:image/svg+xml,")
                    #expect(isAbsolute, "404.html refers to \(reference), which breaks at another depth")
                    #expect(!reference.hasPrefix("//"))
                }
                #expect(!html.contains("url(\"../") && !html.contains("url(../"))
                if baseURL == nil {
                    #expect(html.contains("<style>"), "without a base URL the CSS is inlined")
                    #expect(!html.contains("rel=\"stylesheet\""))
                    #expect(HTML.attributes("href", in: html).contains("/"))
                } else {
                    let stylesheet = try #require(site.files.first { $0.path.hasPrefix("assets/style.") }).path
                    #expect(html.contains("<link rel=\"stylesheet\" href=\"https://concentrix.com/reference/\(stylesheet)\">"))
                    #expect(HTML.attributes("href", in: html).contains("https://concentrix.com/reference/docs/errors/"))
                }
            }
        }
    }

    // MARK: - Assets

    @Test func assetsAreFingerprintedAndEveryReferenceResolves() throws {
        try Self.withSite { site in
            let published = site.files.map(\.path).filter { $0.hasPrefix("assets/") }.sorted()
            let originals = try FileManager.default.contentsOfDirectory(
                atPath: RealContentTests.repository.appendingPathComponent("Templates/assets").path
            ).filter { !$0.hasPrefix(".") }
            #expect(published.count == originals.count + 1, "every asset and the search index")
            for name in originals {
                let bytes = try Array(Data(contentsOf: RealContentTests.repository.appendingPathComponent("Templates/assets/\(name)")))
                let path = AssetFingerprint.publishedPath(of: "assets/" + name, bytes: bytes)
                #expect(published.contains(path), "\(name) is published as \(path)")
                #expect(!published.contains("assets/" + name), "\(name) is published under its own name")
            }
            for path in published {
                let name = (path as NSString).lastPathComponent
                let parts = name.split(separator: ".")
                #expect(parts.count == 3 && parts[1].count == 10 && parts[1].allSatisfy(\.isHexDigit), "\(path)")
            }
            // The generated home page only redirects: it loads the favicon and nothing else.
            let home = try site.html("index.html")
            let homeReferences = (HTML.attributes("href", in: home) + HTML.attributes("src", in: home)).filter { $0.contains("assets/") }
            #expect(homeReferences.count == 1 && homeReferences[0].hasPrefix("assets/favicon."), "\(homeReferences)")
            #expect(!home.contains("<script src") && !home.contains("rel=\"stylesheet\""))
            let pages = Set(site.report.pages.map { $0.route + "index.html" })
            for file in site.files where pages.contains(file.path) {
                let html = String(decoding: file.bytes, as: UTF8.self)
                let folder = (file.path as NSString).deletingLastPathComponent
                let references = (HTML.attributes("href", in: html) + HTML.attributes("src", in: html)).filter { $0.contains("assets/") }
                #expect(references.count >= 3, "\(file.path) has its stylesheet, script and search index")
                for reference in references {
                    #expect(published.contains(Self.normalized(folder + "/" + reference)), "\(file.path): \(reference)")
                }
            }
        }
    }

    /// The hashes are the reference XXH64's (the `xxhash` package from PyPI).
    @Test func fingerprintIsXXH64OfTheBytes() {
        #expect(XXH64.hash([]) == 0xef46_db37_51d8_e999)
        #expect(XXH64.hash(Array("a".utf8)) == 0xd24e_c4f1_a98c_6e5b)
        #expect(AssetFingerprint.publishedPath(of: "assets/style.css", bytes: Array("a".utf8)) == "assets/style.d24ec4f1a9.css")
        #expect(AssetFingerprint.publishedPath(of: "assets/site.min.js", bytes: []) == "assets/site.min.ef46db3751.js")
        #expect(AssetFingerprint.publishedPath(of: "assets/LICENSE", bytes: []) == "assets/LICENSE.ef46db3751")
        #expect(AssetFingerprint.contextKey(of: "fonts/inter.woff2") == "fonts_inter_woff2")
    }

    // MARK: - Canonical links and descriptions

    @Test func canonicalLinksOnlyWithABaseURL() throws {
        try Self.withSite(baseURL: Self.baseURL) { site in
            for page in site.report.pages {
                let html = try site.html(page.route + "index.html")
                #expect(html.contains("<link rel=\"canonical\" href=\"https://concentrix.com/reference/\(page.route)\">"), "\(page.route)")
            }
            #expect(try site.html("index.html").contains("<link rel=\"canonical\" href=\"https://concentrix.com/reference/docs/errors/\">"))
        }
        try Self.withSite { site in
            for page in site.report.pages {
                let html = try site.html(page.route + "index.html")
                #expect(!html.contains("rel=\"canonical\""), "\(page.route)")
            }
        }
    }

    @Test func descriptionFallsBackToTheTypeThenTheFirstParagraph() throws {
        let long = String(repeating: "word ", count: 40) + "end."
        let content = try Self.temporaryContent([
            "docs/errors/_index.md": "---\ntitle: Errors\n---\n\n# Errors\n\nEvery *code* we return &amp; why.\n",
            "docs/errors/item.md": "---\nerror_type: ITEM_ERROR\n---\n\nItems.\n",
            "docs/guide.md": "---\ntitle: Guide\n---\n\n\(long)\n",
        ])
        defer { try? FileManager.default.removeItem(at: content) }
        let site = try RealContentTests.build(content: content)
        defer { try? FileManager.default.removeItem(at: site.output) }
        #expect(try site.html("docs/errors/index.html").contains("<meta name=\"description\" content=\"Every code we return &amp; why.\">"))
        let itemType = try #require(Self.catalog.type(withID: "ITEM_ERROR"))
        #expect(try site.html("docs/errors/item/index.html").contains("<meta name=\"description\" content=\"\(itemType.description.htmlEscaped)\">"))
        let shortened = MetaDescription.shortened(long)
        #expect(shortened.count <= 160)
        #expect(shortened.hasSuffix("word…"))
        #expect(try site.html("docs/guide/index.html").contains("content=\"\(shortened)\""))
    }

    // MARK: - Home page

    @Test func aSiteWithoutAHomePageGetsOneThatLeadsToTheOverview() throws {
        try Self.withSite { site in
            let html = try site.html("index.html")
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=docs/errors/\">"))
            #expect(html.contains("href=\"docs/errors/\""))
            #expect(html.contains("<html lang=\"en\""))
        }
        let content = try Self.temporaryContent([
            "_index.md": "---\ntitle: Welcome\n---\n\nThe home page.\n",
            "docs/errors/_index.md": "---\ntitle: Errors\n---\n\nAll of them.\n",
        ])
        defer { try? FileManager.default.removeItem(at: content) }
        let site = try RealContentTests.build(content: content)
        defer { try? FileManager.default.removeItem(at: site.output) }
        let home = try site.html("index.html")
        #expect(home.contains("The home page."))
        #expect(!home.contains("http-equiv=\"refresh\""))
        // Short addresses and errors.json go to the deepest overview, not the root.
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("docs/errors/errors.json").path))
    }

    // MARK: - Determinism and the preview

    @Test func twoBuildsWithABaseURLAreByteIdentical() throws {
        try Self.withSite(baseURL: Self.baseURL) { first in
            try Self.withSite(baseURL: Self.baseURL) { second in
                #expect(first.files == second.files)
                let onDisk = try FileManager.default.subpathsOfDirectory(atPath: first.output.path).sorted()
                for path in onDisk where !path.hasPrefix(".") {
                    let one = FileManager.default.contents(atPath: first.output.appendingPathComponent(path).path)
                    let two = FileManager.default.contents(atPath: second.output.appendingPathComponent(path).path)
                    #expect(one == two, "\(path) differs")
                }
            }
        }
    }

    @Test func thePreviewServesTheFilesOfABuildWithABaseURL() throws {
        let sandbox = try LiveSiteTests.Sandbox()
        let live = LiveSite(configuration: .init(
            content: sandbox.content, templates: sandbox.templates, model: nil, baseURL: Self.baseURL))
        let built = try LiveSiteTests.files(live.buildAll())
        let report = try Pipeline(catalog: Self.catalog).check(content: sandbox.content)
        let expected = try SiteRenderer(
            catalog: Self.catalog, templates: TemplateSet.load(from: sandbox.templates), baseURL: BaseURL(Self.baseURL)
        ).render(report.pages)
        #expect(built.files == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.bytes) }))
        #expect(built.files["sitemap.xml"] != nil)
    }

    @Test func aPreviewRebuildKeepsTheFilesOfABuild() throws {
        let sandbox = try LiveSiteTests.Sandbox()
        let live = sandbox.site()
        _ = try LiveSiteTests.files(live.buildAll())
        let path = try sandbox.edit("Content/docs/errors/_index.md") {
            $0.replacingOccurrences(of: "description: A comprehensive breakdown of all Concentrix error codes.\n", with: "")
                .replacingOccurrences(of: "A comprehensive breakdown", with: "A complete breakdown")
        }
        let rebuilt = try LiveSiteTests.files(live.update([path]))
        #expect(rebuilt.rendered == 1)
        let report = try Pipeline(catalog: Self.catalog).check(content: sandbox.content)
        let expected = try SiteRenderer(catalog: Self.catalog, templates: TemplateSet.load(from: sandbox.templates)).render(report.pages)
        #expect(rebuilt.files == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.bytes) }))
        // The generated home page quotes the overview's first paragraph.
        #expect(LiveSiteTests.text(rebuilt.files, "index.html").contains("A complete breakdown"))
    }

    // MARK: - Escaping

    @Test func aHostileModelMessageIsInertEverywhere() throws {
        let message = "\"><script>alert(1)</script>"
        let display = "</script><img src=x onerror=alert(2)>"
        let catalog = Catalog(
            types: [ErrorType(id: "WIDGET_ERROR", title: "Widget <errors>", slug: "widget", description: "Widgets & \"gadgets\" fail.")],
            codes: [ErrorCode(code: "WIDGET_BROKEN", type: "WIDGET_ERROR", httpStatus: 500,
                              errorMessage: .text(message), displayMessage: .text(display))])
        let content = try Self.temporaryContent([
            "docs/errors/_index.md": "---\ntitle: Errors\n---\n\nAll of them.\n",
            "docs/errors/widget.md": """
                ---
                title: Widget errors
                error_type: WIDGET_ERROR
                ---

                ### WIDGET_BROKEN

                The widget broke.

                ```json
                // http code 500
                {
                 "error_type": "WIDGET_ERROR",
                 "error_code": "WIDGET_BROKEN",
                 "error_message": "\\"><script>alert(1)</script>",
                 "display_message": "</script><img src=x onerror=alert(2)>",
                 "request_id": "HNTDNrA8F1shFEW"
                }
                ```

                """,
        ])
        defer { try? FileManager.default.removeItem(at: content) }
        let site = try RealContentTests.build(content: content, catalog: catalog, baseURL: Self.baseURL)
        defer { try? FileManager.default.removeItem(at: site.output) }
        #expect(!site.report.diagnostics.hasErrors, "\(site.report.diagnostics.map(\.formatted))")

        let page = try site.html("docs/errors/widget/index.html")
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        let indexFile = try #require(site.files.first { $0.path.hasPrefix("assets/search-index.") })
        let index = String(decoding: indexFile.bytes, as: UTF8.self)
        #expect(!index.contains("<") && !index.contains(">"))
        #expect(index.contains(#"\"\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"#))
        #expect(try Self.searchIndex(of: site).first?["message"] as? String == message)

        let errors = try site.html("docs/errors/errors.json")
        #expect(!errors.contains("<") && !errors.contains(">"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(errors.utf8)) as? [String: Any])
        let code = try #require((json["codes"] as? [[String: Any]])?.first)
        #expect(code["error_message"] as? String == message)
        #expect(code["display_message"] as? String == display)
        #expect((json["types"] as? [[String: Any]])?.first?["title"] as? String == "Widget <errors>")

        let redirect = try site.html("docs/errors/WIDGET_BROKEN/index.html")
        #expect(redirect.contains("<title>WIDGET_BROKEN · Widget &lt;errors&gt;</title>"))
        #expect(!redirect.contains("<errors>"))
        #expect(redirect.components(separatedBy: "</script>").count == 2, "one script, closed once")
    }

    // MARK: - Helpers

    /// The entries of the site's search index.
    static func searchIndex(of site: BuiltSite) throws -> [[String: Any]] {
        let file = try #require(site.files.first { $0.path.hasPrefix("assets/search-index.") && $0.path.hasSuffix(".js") })
        var text = String(decoding: file.bytes, as: UTF8.self)
        let prefix = "window.errataSearchIndex = "
        #expect(text.hasPrefix(prefix))
        text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasSuffix(";"))
        text = String(text.dropLast())
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// Whether `url`, relative to the page at `route`, leads to a page of the site and,
    /// if it has one, to an anchor of that page.
    static func resolves(_ url: String, from route: String, in site: BuiltSite) throws -> Bool {
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = site.output.appendingPathComponent(normalized(route + parts[0])).appendingPathComponent("index.html")
        guard let data = FileManager.default.contents(atPath: file.path) else { return false }
        guard parts.count == 2 else { return true }
        return HTML.attributes("id", in: String(decoding: data, as: UTF8.self)).contains(String(parts[1]))
    }

    /// A relative path with its `.` and `..` steps taken (`docs/errors/../../assets/x` → `assets/x`).
    static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." { _ = components.popLast() } else { components.append(component) }
        }
        return components.joined(separator: "/")
    }

    /// The slug of the page that documents `code` in the real content.
    static func slug(of code: ErrorCode) -> String {
        catalog.type(withID: code.type)?.slug ?? ""
    }

    /// The text of every `<name>` element of some XML Errata writes.
    static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)>").dropFirst().compactMap { $0.components(separatedBy: "</\(name)>").first }
    }

    /// A content folder holding `pages` (path → text) in a new temporary folder.
    static func temporaryContent(_ pages: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-content-\(UUID())")
        for (path, text) in pages {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// A copy of the real templates folder without `file`.
    static func copyOfTemplates(removing file: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-templates-\(UUID())")
        try FileManager.default.copyItem(at: RealContentTests.repository.appendingPathComponent("Templates"), to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        return folder
    }
}
