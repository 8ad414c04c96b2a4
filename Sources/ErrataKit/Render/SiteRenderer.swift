import Foundation

/// Renders parsed pages through the templates into the files of the site.
///
/// Every link between the files of the site is relative, so the site works under any
/// path of any static host; only the canonical links, the sitemap and `404.html` use
/// the base URL, when there is one. The overview table is generated from the model,
/// never from a page, so it cannot go stale.
///
/// Besides the pages, the site has (see ``supportFiles(for:in:)``): the assets with
/// fingerprinted names, the search index, a home page when the content has none, a
/// short address for each code, `errors.json`, `sitemap.xml` (with a base URL) and
/// `404.html`. `errata build` and `errata serve` both get the site from ``render(_:)``.
public struct SiteRenderer: Sendable {
    public var catalog: Catalog
    public var templates: TemplateSet
    /// Where the site is served, if known.
    public var baseURL: BaseURL?

    /// Rendered code sections to reuse, for a renderer that runs again and again
    /// (the preview); `nil` renders every section afresh.
    public var cache: RenderCache?

    public init(catalog: Catalog, templates: TemplateSet, baseURL: BaseURL? = nil, cache: RenderCache? = nil) {
        self.catalog = catalog
        self.templates = templates
        self.baseURL = baseURL
        self.cache = cache
    }

    /// The whole site: one `index.html` per page, then the ``supportFiles(for:in:)``.
    /// Refuses a site where two files would share an address.
    public func render(_ pages: [Page]) throws(RenderError) -> [OutputFile] {
        let layout = layout(of: pages)
        var files: [OutputFile] = []
        var entries: [AddressConflictCheck.Entry] = []
        for page in pages {
            let file: OutputFile
            do {
                file = try render(page, in: layout)
            } catch {
                throw .template(error)
            }
            files.append(file)
            entries.append(.init(path: file.path, role: "the page \(page.file)", source: page.file))
        }
        let support = try supportFiles(for: pages, in: layout)
        files += support.map(\.file)
        entries += support.map { AddressConflictCheck.Entry(path: $0.file.path, role: $0.role, source: nil) }
        try AddressConflictCheck(entries: entries).check()
        return files
    }

    /// Where everything is published; see ``SiteLayout``.
    public func layout(of pages: [Page]) -> SiteLayout {
        let map = SiteMap(pages: pages, catalog: catalog)
        var assets: [String: OutputFile] = [:]
        for asset in templates.assets {
            let name = String(asset.path.dropFirst(TemplateSet.assetsFolder.count))
            assets[name] = OutputFile(path: AssetFingerprint.publishedPath(of: asset.path, bytes: asset.bytes), bytes: asset.bytes)
        }
        let searchIndex = SearchIndexGenerator(catalog: catalog, map: map).generate()
        assets[SiteLayout.searchIndexName] = OutputFile(
            path: AssetFingerprint.publishedPath(of: TemplateSet.assetsFolder + SiteLayout.searchIndexName, bytes: searchIndex),
            bytes: searchIndex)
        return SiteLayout(
            map: map, routes: pages.map(\.route), assets: assets,
            referenceRoute: SiteLayout.referenceRoute(of: pages, map: map))
    }

    /// One page's `index.html`. `layout` is the ``SiteLayout`` of all the pages.
    public func render(_ page: Page, in layout: SiteLayout) throws(TemplateError) -> OutputFile {
        try render(page, with: try context(for: page, in: layout))
    }

    /// A file of the site that is not a content page, and what it is (for messages).
    struct SupportFile {
        var file: OutputFile
        var role: String
    }

    /// The files of the site besides the content pages, in a fixed order: the assets
    /// (fingerprinted) and the search index, the home page when the content has none,
    /// the short addresses, `errors.json`, `sitemap.xml` (only with a base URL) and
    /// `404.html`.
    func supportFiles(for pages: [Page], in layout: SiteLayout) throws(RenderError) -> [SupportFile] {
        var files = layout.assetNames.compactMap { name in
            layout.assets[name].map { SupportFile(file: $0, role: "the asset \(name)") }
        }
        do {
            if let home = try generatedHome(for: pages, in: layout) {
                files.append(SupportFile(file: home, role: "the generated home page"))
            }
            files += ShortAddressGenerator(catalog: catalog, layout: layout, baseURL: baseURL).generate().map { code, file in
                SupportFile(file: file, role: "the short address of \(code)")
            }
            files.append(SupportFile(
                file: ErrorsJSONGenerator(catalog: catalog, layout: layout, baseURL: baseURL).generate(),
                role: "the list of codes \(ErrorsJSONGenerator.fileName)"))
            if let baseURL {
                files.append(SupportFile(
                    file: SitemapXMLGenerator(routes: layout.routes, baseURL: baseURL).generate(),
                    role: "the sitemap"))
            }
            files.append(SupportFile(
                file: try NotFoundPageGenerator(templates: templates, layout: layout, baseURL: baseURL).generate(),
                role: "the page for missing addresses"))
        } catch {
            throw .template(error)
        }
        return files
    }

    // MARK: - Pages

    private func render(_ page: Page, with context: [String: Any]) throws(TemplateError) -> OutputFile {
        let name = page.frontMatter.layout ?? (page.isSectionIndex ? "list" : "page")
        guard templates.names.contains(name) else {
            throw TemplateError(
                file: page.file, line: 1, column: 1,
                message: "layout \"\(name)\" has no template; add \(name).mustache to the templates folder")
        }
        let html = try templates.render(context, with: name)
        return OutputFile(path: page.route + "index.html", text: html)
    }

    /// The site root's `index.html` when the content has no `_index.md` at its root: a
    /// page that leads to the first folder overview (`docs/errors/`), with a link and an
    /// immediate redirect. It is rendered with the `home` template when there is one
    /// (its context has `refresh`, the target's URL), else with `page`.
    private func generatedHome(for pages: [Page], in layout: SiteLayout) throws(TemplateError) -> OutputFile? {
        guard !pages.contains(where: { $0.route.isEmpty }),
              let targetRoute = layout.map.navigation.first?.route ?? pages.first?.route,
              let target = pages.first(where: { $0.route == targetRoute })
        else { return nil }
        let url = Route.relativeURL(from: "", to: target.route)
        var frontMatter = FrontMatter()
        frontMatter.title = target.title
        frontMatter.description = MetaDescription(catalog: catalog).text(of: target)
        frontMatter.layout = templates.names.contains("home") ? "home" : nil
        let home = Page(
            file: "the generated home page", contentPath: "_index.md", route: "", isSectionIndex: false,
            frontMatter: frontMatter, title: target.title, errorTypeID: nil,
            blocks: [.html("<p>The documentation starts at <a href=\"\(url.htmlEscaped)\">\(target.title.htmlEscaped)</a>.</p>\n")],
            links: [], anchors: [], rawHTML: [], disables: [])
        var context = try context(for: home, in: layout)
        context["refresh"] = url
        context["canonical"] = baseURL?.absolute(target.route)
        let file = try render(home, with: context)
        let html = String(decoding: file.bytes, as: UTF8.self)
        guard !html.contains("http-equiv=\"refresh\"") else { return file }
        return OutputFile(path: file.path, text: Self.inserting(RedirectPage.redirectHead(to: url), intoHeadOf: html))
    }

    /// `html` with `lines` added at the end of its `<head>` element; unchanged
    /// without one.
    private static func inserting(_ lines: String, intoHeadOf html: String) -> String {
        guard let close = html.range(of: "</head>", options: .caseInsensitive) else { return html }
        return String(html[..<close.lowerBound]) + lines + "\n" + String(html[close.lowerBound...])
    }

    // MARK: - Contexts

    /// Everything a page's template can use. Keys whose value would be empty
    /// (`canonical` without a base URL, an asset the templates folder lacks) are left
    /// out, so `{{#canonical}}…{{/canonical}}` shows nothing.
    private func context(for page: Page, in layout: SiteLayout) throws(TemplateError) -> [String: Any] {
        let site = layout.map
        let root = Route.relativeURL(from: page.route, to: "")
        let rootPrefix = root == "./" ? "" : root
        var assets: [String: String] = [:]
        for name in layout.assetNames {
            if let path = layout.assetPath(name) { assets[AssetFingerprint.contextKey(of: name)] = rootPrefix + path }
        }
        var context: [String: Any] = [
            "title": page.title,
            "description": MetaDescription(catalog: catalog).text(of: page),
            "root": rootPrefix,
            "nav": site.navigation.map { entry -> [String: Any] in
                [
                    "title": entry.title,
                    "url": Route.relativeURL(from: page.route, to: entry.route),
                    "current": entry.route == page.route,
                ]
            },
            "lead": page.blocks.prefix(while: \.isHTML).map { ["html": $0.html] },
            "body": try body(of: page),
            "codes": page.codeSections.map { ["code": $0.code, "anchor": $0.anchor] },
            "hasCodes": !page.codeSections.isEmpty,
            "home": site.navigation.first.map { Route.relativeURL(from: page.route, to: $0.route) } ?? root,
            "assets": assets,
        ]
        context["stylesheet"] = layout.assetPath("style.css").map { rootPrefix + $0 }
        context["script"] = layout.assetPath("site.js").map { rootPrefix + $0 }
        context["searchIndex"] = layout.assetPath(SiteLayout.searchIndexName).map { rootPrefix + $0 }
        context["canonical"] = baseURL?.absolute(page.route)
        if let typeID = page.errorTypeID, let type = catalog.type(withID: typeID) {
            context["type"] = ["id": type.id, "title": type.title, "description": type.description]
        }
        if page.isSectionIndex || page.frontMatter.layout != nil {
            context["overview"] = overview(from: page, in: site)
        }
        return context
    }

    /// The overview table: every type of the model with its codes, alphabetically.
    private func overview(from page: Page, in site: SiteMap) -> [[String: Any]] {
        catalog.types.map { type -> [String: Any] in
            let codes = catalog.codes(ofType: type.id).sorted { $0.code.alphabeticalKey < $1.code.alphabeticalKey }
            return [
                "title": type.title,
                "id": type.id,
                "description": type.description,
                "typeURL": site.typeRoutes[type.id].map { Route.relativeURL(from: page.route, to: $0) } ?? "",
                "rowspan": max(codes.count, 1),
                "codes": codes.enumerated().map { index, code -> [String: Any] in
                    [
                        "code": code.code,
                        "first": index == 0,
                        "url": site.address(of: code).map { Route.relativeURL(from: page.route, to: $0) } ?? "",
                        "httpStatus": code.httpStatus.map(String.init) ?? "",
                    ]
                },
            ]
        }
    }

    /// The page's blocks after its lead. Each code section is rendered on its own
    /// through the `code` template (so the preview can reuse it while it is
    /// unchanged) and handed to the page as `code.rendered`.
    private func body(of page: Page) throws(TemplateError) -> [[String: Any]] {
        var level = 1
        var blocks: [[String: Any]] = []
        for block in page.blocks.drop(while: \.isHTML) {
            switch block {
            case .html(let html):
                blocks.append(["html": html])
            case .heading(let heading):
                level = heading.level
                blocks.append(["heading": ["level": heading.level, "html": heading.html, "anchor": heading.anchor]])
            case .code(let section):
                // Codes are one level below the heading they follow (a `## <Type>`
                // heading on a page of several types), and at least `h2`.
                blocks.append(["code": ["rendered": try rendered(section, level: min(max(level + 1, 2), 5))]])
            }
        }
        return blocks
    }

    private func rendered(_ section: CodeSection, level: Int) throws(TemplateError) -> String {
        let key = cache.map { _ in RenderCache.key(of: section, level: level) }
        if let key, let html = cache?[key] { return html }
        let html = try templates.render(code(section, level: level), with: "code")
        if let key { cache?[key] = html }
        return html
    }

    private func code(_ section: CodeSection, level: Int) -> [String: Any] {
        var context: [String: Any] = [
            "code": section.code,
            "anchor": section.anchor,
            "level": level,
            "subLevel": min(level + 1, 6),
            "description": section.descriptionHTML,
            "subsections": section.subsections.filter { !$0.isEmpty }.map { subsection -> [String: Any] in
                [
                    "title": subsection.title,
                    "anchor": subsection.anchor,
                    "html": subsection.html,
                    "callout": subsection.kind == .userMessage || subsection.kind == .alternativeUserMessage,
                ]
            },
        ]
        if let sample = section.sample {
            let status: Int? = if case .status(let status, _) = StatusLine(sample.text.firstLine) { status } else { nil }
            let json = status != nil ? sample.text.droppingFirstLine : sample.text
            context["sample"] = [
                "hasStatus": status != nil,
                "statusLabel": status.map { [String($0), HTTPStatus.reasonPhrase($0)].compactMap { $0 }.joined(separator: " ") } ?? "",
                "html": JSONHighlighter.html(json.trimmingTrailingNewlines),
            ]
        }
        return context
    }
}

private extension PageBlock {
    var html: String {
        if case .html(let html) = self { html } else { "" }
    }

    var isHTML: Bool {
        if case .html = self { true } else { false }
    }
}

extension String {
    var firstLine: String {
        String(prefix { $0 != "\n" })
    }

    var droppingFirstLine: String {
        guard let newline = firstIndex(of: "\n") else { return "" }
        return String(self[index(after: newline)...])
    }

    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
