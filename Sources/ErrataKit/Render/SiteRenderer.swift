import Foundation
import Mustache

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
    /// The site's name, language and links.
    public var identity: SiteIdentity

    /// Rendered code sections to reuse, for a renderer that runs again and again
    /// (the preview); `nil` renders every section afresh.
    public var cache: RenderCache?

    public init(
        catalog: Catalog, templates: TemplateSet, baseURL: BaseURL? = nil, identity: SiteIdentity = .concentrix,
        cache: RenderCache? = nil
    ) {
        self.catalog = catalog
        self.templates = templates
        self.baseURL = baseURL
        self.identity = identity
        self.cache = cache
    }

    /// The whole site: one `index.html` per page, then the ``supportFiles(for:in:)``,
    /// sorted by path. Refuses a site where two files would share an address.
    public func render(_ pages: [Page]) throws(RenderError) -> [OutputFile] {
        try render(pages, in: layout(of: pages))
    }

    /// The whole site of `pages`, whose ``layout(of:)`` is `layout`.
    func render(_ pages: [Page], in layout: SiteLayout) throws(RenderError) -> [OutputFile] {
        let files = CollectedFiles()
        do {
            try render(pages, in: layout, to: files)
        } catch let error as RenderError {
            throw error
        } catch {
            preconditionFailure("collecting files cannot fail: \(error)")
        }
        return files.sorted
    }

    /// The whole site, each file handed to `output` as it is rendered, from several
    /// threads at once; a page is written as it is rendered, a run of bytes at a time.
    /// Throws a ``RenderError``, or what `output` throws; a site where two files would
    /// share an address is refused after the fact, so a caller that writes must write
    /// somewhere it can throw away.
    /// Each page is let go once it is rendered. `whole`, when given, makes each page
    /// whole from what is given (a page kept as its facts, parsed again) just before
    /// it is rendered.
    public func render(
        _ pages: consuming [Page], to output: some SiteOutput, whole: ((Page) throws(LoadError) -> Page)? = nil
    ) throws {
        let layout = layout(of: pages)
        try render(consume pages, in: consume layout, to: output, whole: whole)
    }

    private func render(
        _ pages: consuming [Page], in fullLayout: consuming SiteLayout, to output: some SiteOutput,
        whole: ((Page) throws(LoadError) -> Page)? = nil
    ) throws {
        let home = try generatedHomeFile(for: pages, in: fullLayout, whole: whole)
        let held = HeldPages(consume pages)
        // The search index is written first and its bytes let go: the pages only name it.
        var searchIndex: String?
        if let file = fullLayout.assets[SiteLayout.searchIndexName] {
            try output.write(file)
            searchIndex = file.path
        }
        let layout = fullLayout.lettingGo(ofBytesOf: SiteLayout.searchIndexName)
        _ = consume fullLayout
        // Pages, the short addresses a run at a time, and the other files: all on
        // every core at once, their entries kept in this order for the conflict check.
        let addresses = ShortAddressGenerator(catalog: catalog, layout: layout, baseURL: baseURL)
        let jobs: [Job] = held.indices.map(Job.page) + [.leadingSupport]
            + Parallel.chunks(addresses.codes, pieces: 32).map(Job.shortAddresses) + [.trailingSupport]
        let entries = try Parallel.map(jobs) { job throws(any Error) -> [AddressConflictCheck.Entry] in
            switch job {
            case .page(let index):
                let taken = held.take(index)
                let page = try whole?(taken) ?? taken
                let path = try render(page, in: layout, to: output)
                return [.init(path: path, role: "the page \(page.file)", source: page.file)]
            case .leadingSupport:
                return try emitLeadingSupportFiles(home: home, in: layout, to: output, written: searchIndex)
            case .shortAddresses(let codes):
                return try emitShortAddresses(of: codes, with: addresses, to: output)
            case .trailingSupport:
                return try emitTrailingSupportFiles(in: layout, to: output)
            }
        }
        try AddressConflictCheck(entries: entries.flatMap { $0 }).check()
    }

    /// A piece of the site that can be made on its own.
    private enum Job {
        /// The page at this index of the ``HeldPages``.
        case page(Int)
        /// The assets and the generated home page.
        case leadingSupport
        case shortAddresses(ArraySlice<ErrorCode>)
        /// `errors.json`, the sitemap and `404.html`.
        case trailingSupport
    }

    /// Where everything is published; see ``SiteLayout``.
    public func layout(of pages: [Page]) -> SiteLayout {
        layout(of: pages, map: SiteMap(pages: pages, catalog: catalog, withSummaries: true))
    }

    /// Where everything is published, for a ``SiteMap`` made already.
    func layout(of pages: [Page], map: SiteMap) -> SiteLayout {
        var assets = templates.publishedAssets
        let searchIndex = SearchIndexGenerator(catalog: catalog, map: map, cache: cache).generate()
        assets[SiteLayout.searchIndexName] = OutputFile(
            path: AssetFingerprint.publishedPath(of: TemplateSet.assetsFolder + SiteLayout.searchIndexName, bytes: searchIndex),
            bytes: searchIndex)
        return SiteLayout(
            map: map, routes: pages.map(\.route), assets: assets,
            referenceRoute: SiteLayout.referenceRoute(of: pages, map: map))
    }

    /// One page's `index.html`. `layout` is the ``SiteLayout`` of all the pages.
    public func render(_ page: Page, in layout: SiteLayout) throws(TemplateError) -> OutputFile {
        let (context, bodyBytes) = try context(for: page, in: layout)
        // Room for the page as it was last rendered, with a little to grow.
        let capacity = max(bodyBytes + 1 << 16, cache?.outputSize(on: page.route).map { $0 + $0 >> 4 } ?? 0)
        let file = try render(page, with: context, capacity: capacity)
        cache?.noteOutputSize(file.bytes.count, on: page.route)
        return file
    }

    /// One page's `index.html`, written into `output` as it is rendered; returns its path.
    private func render(_ page: Page, in layout: SiteLayout, to output: some SiteOutput) throws -> String {
        let path = page.route + "index.html"
        let name: String, context: [String: TemplateValue]
        do throws(TemplateError) {
            name = try templateName(of: page)
            context = try self.context(for: page, in: layout).context
        } catch {
            throw RenderError.template(error)
        }
        try output.write(path) { sink throws(RenderError) in
            do throws(TemplateError) {
                try templates.render(context, with: name, into: sink)
            } catch {
                throw RenderError.template(error)
            }
        }
        return path
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
    /// With `assetsAndHomeOnly`, the assets and the home page alone: what changes, with
    /// `404.html`, when no more than the codes' summaries do (the others depend on
    /// nothing but where each code is; see ``notFoundPage(in:)``).
    func supportFiles(
        for pages: [Page], in layout: SiteLayout, assetsAndHomeOnly: Bool = false
    ) throws(RenderError) -> [SupportFile] {
        let files = CollectedFiles()
        let entries: [AddressConflictCheck.Entry]
        do {
            entries = try emitSupportFiles(for: pages, in: layout, assetsAndHomeOnly: assetsAndHomeOnly, to: files)
        } catch let error as RenderError {
            throw error
        } catch {
            preconditionFailure("collecting files cannot fail: \(error)")
        }
        let byPath = Dictionary(files.sorted.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.compactMap { entry in byPath[entry.path].map { SupportFile(file: $0, role: entry.role) } }
    }

    /// Renders the ``supportFiles(for:in:)`` into `output` and says what each is.
    private func emitSupportFiles(
        for pages: [Page], in layout: SiteLayout, assetsAndHomeOnly: Bool, to output: some SiteOutput
    ) throws -> [AddressConflictCheck.Entry] {
        let entries = try emitLeadingSupportFiles(home: try generatedHomeFile(for: pages, in: layout), in: layout, to: output)
        if assetsAndHomeOnly { return entries }
        let addresses = ShortAddressGenerator(catalog: catalog, layout: layout, baseURL: baseURL)
        return entries + (try emitShortAddresses(of: addresses.codes[...], with: addresses, to: output))
            + (try emitTrailingSupportFiles(in: layout, to: output))
    }

    /// The short-address pages of `codes` (those that have a page to lead to).
    private func emitShortAddresses(
        of codes: ArraySlice<ErrorCode>, with addresses: ShortAddressGenerator, to output: some SiteOutput
    ) throws -> [AddressConflictCheck.Entry] {
        try codes.compactMap { code in
            guard let file = addresses.page(for: code) else { return nil }
            try output.write(file)
            return .init(shortAddressAt: file.path, of: code.code)
        }
    }

    /// The assets and the generated home page, when there is one; the asset at
    /// `written`, if any, is in the output already.
    private func emitLeadingSupportFiles(
        home: OutputFile?, in layout: SiteLayout, to output: some SiteOutput, written: String? = nil
    ) throws -> [AddressConflictCheck.Entry] {
        var entries: [AddressConflictCheck.Entry] = []
        for name in layout.assetNames {
            if let asset = layout.assets[name] {
                if asset.path != written { try output.write(asset) }
                entries.append(.init(path: asset.path, role: "the asset \(name)", source: nil))
            }
        }
        if let home {
            try output.write(home)
            entries.append(.init(path: home.path, role: "the generated home page", source: nil))
        }
        return entries
    }

    /// The ``generatedHome(for:in:)``, its template errors as a ``RenderError``.
    private func generatedHomeFile(
        for pages: [Page], in layout: SiteLayout, whole: ((Page) throws(LoadError) -> Page)? = nil
    ) throws -> OutputFile? {
        guard !pages.contains(where: { $0.route.isEmpty }),
              let targetRoute = layout.map.navigation.first?.route ?? pages.first?.route,
              let target = pages.first(where: { $0.route == targetRoute })
        else { return nil }
        let wholeTarget = try whole?(target) ?? target
        do throws(TemplateError) {
            return try generatedHome(leadingTo: wholeTarget, in: layout)
        } catch {
            throw RenderError.template(error)
        }
    }

    /// `errors.json` (written as it is made), `sitemap.xml` (with a base URL) and `404.html`.
    private func emitTrailingSupportFiles(in layout: SiteLayout, to output: some SiteOutput) throws -> [AddressConflictCheck.Entry] {
        let list = ErrorsJSONGenerator(catalog: catalog, layout: layout, baseURL: baseURL)
        try output.write(list.path) { file throws(WriteFailure) in
            guard list.write(into: file) else { throw WriteFailure() }
        }
        var files: [(OutputFile, String)] = []
        if let baseURL {
            files.append((SitemapXMLGenerator(routes: layout.routes, baseURL: baseURL).generate(), "the sitemap"))
        }
        files.append((try notFoundPage(in: layout), "the page for missing addresses"))
        for (file, _) in files { try output.write(file) }
        return [.init(path: list.path, role: "the list of codes \(ErrorsJSONGenerator.fileName)", source: nil)]
            + files.map { .init(path: $0.0.path, role: $0.1, source: nil) }
    }

    /// `404.html`.
    func notFoundPage(in layout: SiteLayout) throws(RenderError) -> OutputFile {
        do throws(TemplateError) {
            return try NotFoundPageGenerator(templates: templates, layout: layout, baseURL: baseURL, identity: identity).generate()
        } catch {
            throw RenderError.template(error)
        }
    }

    // MARK: - Pages

    /// `capacity`: room for the page's body and its frame, so a large page is not
    /// copied over and over as it grows.
    private func render(
        _ page: Page, with context: [String: TemplateValue], capacity: Int = 1 << 16
    ) throws(TemplateError) -> OutputFile {
        let name = try templateName(of: page)
        return OutputFile(path: page.route + "index.html", bytes: try templates.render(context, with: name, capacity: capacity))
    }

    /// The template of `page`'s layout; refused when the templates have none.
    private func templateName(of page: Page) throws(TemplateError) -> String {
        let name = page.templateName
        guard templates.names.contains(name) else {
            throw TemplateError(
                file: page.file, line: 1, column: 1,
                message: "layout \"\(name)\" has no template; add \(name).mustache to the templates folder")
        }
        return name
    }

    /// The site root's `index.html` when the content has no `_index.md` at its root: a
    /// page that leads to the first folder overview (`docs/errors/`), with a link and an
    /// immediate redirect. It is rendered with the `home` template when there is one
    /// (its context has `refresh`, the target's URL), else with `page`.
    private func generatedHome(leadingTo target: Page, in layout: SiteLayout) throws(TemplateError) -> OutputFile {
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
        var context = try context(for: home, in: layout).context
        context["refresh"] = .string(url)
        context["canonical"] = TemplateValue(baseURL?.absolute(target.route))
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
    /// With the bytes of the page's body, its blocks' and sections' HTML.
    private func context(
        for page: Page, in layout: SiteLayout
    ) throws(TemplateError) -> (context: [String: TemplateValue], bodyBytes: Int) {
        let site = layout.map
        var bodyBytes = 0
        let sections = page.codeSections
        let root = Route.relativeURL(from: page.route, to: "")
        let rootPrefix = root == "./" ? "" : root
        var assets: [String: TemplateValue] = [:]
        for name in layout.assetNames {
            if let path = layout.assetPath(name) { assets[AssetFingerprint.contextKey(of: name)] = .string(rootPrefix + path) }
        }
        var context: [String: TemplateValue] = [
            "site": identity.templateValue,
            "title": .string(page.title),
            "description": .string(MetaDescription(catalog: catalog).text(of: page)),
            "root": .string(rootPrefix),
            "nav": .list(site.navigation.map { entry in
                [
                    "title": .string(entry.title),
                    "url": .string(Route.relativeURL(from: page.route, to: entry.route)),
                    "current": .bool(entry.route == page.route),
                ]
            }),
            "lead": .list(page.blocks.prefix(while: \.isHTML).map { ["html": .string($0.html), "heading": .none, "code": .none] }),
            "body": .list(try body(of: page, in: layout, bytes: &bodyBytes)),
            "codes": .list(sections.map { section in
                func entry() -> TemplateValue {
                    let entry: TemplateValue = [
                        "code": .string(section.code), "anchor": .string(section.anchor),
                        "breakable": .string(section.code.htmlBreakingAtUnderscores),
                    ]
                    return cache == nil ? entry : .remembered(RememberedValue(entry))
                }
                return cache?.codeEntry(of: section.code, entry) ?? entry()
            }),
            "hasCodes": .bool(!sections.isEmpty),
            "codeCount": .number(sections.count),
            "codeCountLabel": .string(sections.count == 1 ? "1 code" : "\(sections.count) codes"),
            "baseURL": TemplateValue(baseURL?.string),
            "home": .string(site.navigation.first.map { Route.relativeURL(from: page.route, to: $0.route) } ?? root),
            "assets": .object(assets),
            "stylesheet": TemplateValue(layout.assetPath("style.css").map { rootPrefix + $0 }),
            "script": TemplateValue(layout.assetPath("site.js").map { rootPrefix + $0 }),
            "favicon": TemplateValue(layout.assetPath(NotFoundPageGenerator.faviconName).map { rootPrefix + $0 }),
            "searchIndex": TemplateValue(layout.assetPath(SiteLayout.searchIndexName).map { rootPrefix + $0 }),
            "canonical": TemplateValue(baseURL?.absolute(page.route)),
            "type": .none,
            "overview": .none,
            "refresh": .none,
        ]
        if let typeID = page.errorTypeID, let type = catalog.type(withID: typeID) {
            context["type"] = ["id": .string(type.id), "title": .string(type.title), "description": .string(type.description)]
        }
        // Only a template that may look the overview up gets it: it is the costliest value.
        if page.isSectionIndex || page.frontMatter.layout != nil, templates.library.mayLookUp("overview", from: page.templateName) {
            context["overview"] = .list(overview(from: page, in: site))
        }
        return (context, bodyBytes)
    }

    /// The overview table: every type of the model with its codes, alphabetically.
    /// With a cache, the overview of each page is kept with the map it was made from;
    /// while the map's addresses stay the same, only the rows whose summary changed are
    /// made again. Each row is a ``RememberedValue``, so the template renders only
    /// those rows again, too.
    private func overview(from page: Page, in site: SiteMap) -> [TemplateValue] {
        guard let cache else { return deferredOverview(from: page, in: site) }
        let route = page.route
        let kept = cache.overview(on: route)
        let overview = self.overview(from: page, in: site, kept: kept)
        if overview !== kept { cache.keep(overview, on: route) }
        return overview.value
    }

    private func overview(from page: Page, in site: SiteMap, kept: RenderCache.Overview?) -> RenderCache.Overview {
        let summaries = site.codeSummaries
        if let kept, kept.typeRoutes == site.typeRoutes, kept.codeAddresses == site.codeAddresses {
            if kept.summariesVersion == site.summariesVersion { return kept }
            // Each row's summary as it was made, beside its code: one look-up a code,
            // and a summary kept from the last map is its text at once. Only the codes
            // the map names as changed when the rows are those of the map it was made from.
            let candidates = site.codesWithChangedSummaries(since: kept.summariesVersion).map { $0.compactMap { kept.places[$0] } }
                ?? kept.names.indices.flatMap { type in kept.names[type].indices.map { (type, $0) } }
            var rows = kept.rows, rowSummaries = kept.summaries
            for (type, row) in candidates {
                let summary = summaries[kept.names[type][row]]
                guard !ExactText.sameBytes(summary, rowSummaries[type][row]) else { continue }
                let url = rows[type][row].member("url")?.string ?? ""
                rows[type][row] = overviewRow(kept.codes[type][row], first: row == 0, url: url, summary: summary ?? "")
                rowSummaries[type][row] = summary
            }
            // Kept with the map's own dictionaries, equal to those kept: the next
            // comparison is then one of identity.
            return RenderCache.Overview(
                typeRoutes: site.typeRoutes, codeAddresses: site.codeAddresses, summaries: rowSummaries,
                summariesVersion: site.summariesVersion, headers: kept.headers, codes: kept.codes, names: kept.names,
                places: kept.places, rows: rows)
        }
        var headers: [[String: TemplateValue]] = [], codesByType: [[ErrorCode]] = [], rows: [[TemplateValue]] = []
        var rowSummaries: [[String?]] = []
        for type in catalog.types {
            let codes = alphabetical(catalog.codes(ofType: type.id))
            headers.append(overviewHeader(of: type, codes: codes.count, from: page, in: site))
            codesByType.append(codes)
            rowSummaries.append(codes.map { summaries[$0.code] })
            rows.append(codes.enumerated().map { index, code in
                let url = site.address(of: code).map { Route.relativeURL(from: page.route, to: $0) } ?? ""
                return overviewRow(code, first: index == 0, url: url, summary: summaries[code.code] ?? "")
            })
        }
        return RenderCache.Overview(
            typeRoutes: site.typeRoutes, codeAddresses: site.codeAddresses, summaries: rowSummaries,
            summariesVersion: site.summariesVersion, headers: headers, codes: codesByType, rows: rows)
    }

    /// The overview of a build, which renders it once: each row made only when the
    /// template comes to it, and let go after.
    private func deferredOverview(from page: Page, in site: SiteMap) -> [TemplateValue] {
        catalog.types.map { type in
            let codes = alphabetical(catalog.codes(ofType: type.id))
            var header = overviewHeader(of: type, codes: codes.count, from: page, in: site)
            let rows = OverviewRows(renderer: self, codes: codes, route: page.route, site: site)
            header["codes"] = .list(codes.indices.map { index in .deferred(DeferredValue { rows.row(index) }) })
            return .object(header)
        }
    }

    /// The codes of one type in the overview, for rows made when they are shown.
    private final class OverviewRows: @unchecked Sendable {
        let renderer: SiteRenderer
        let codes: [ErrorCode]
        let route: String
        let site: SiteMap

        init(renderer: SiteRenderer, codes: [ErrorCode], route: String, site: SiteMap) {
            (self.renderer, self.codes, self.route, self.site) = (renderer, codes, route, site)
        }

        func row(_ index: Int) -> TemplateValue {
            let code = codes[index]
            let url = site.address(of: code).map { Route.relativeURL(from: route, to: $0) } ?? ""
            return renderer.overviewRow(code, first: index == 0, url: url, summary: site.codeSummaries[code.code] ?? "")
        }
    }

    /// The overview's entry for a type, but its rows.
    private func overviewHeader(of type: ErrorType, codes: Int, from page: Page, in site: SiteMap) -> [String: TemplateValue] {
        [
            "title": .string(type.title),
            "id": .string(type.id),
            "description": .string(type.description),
            "typeURL": .string(site.typeRoutes[type.id].map { Route.relativeURL(from: page.route, to: $0) } ?? ""),
            "rowspan": .number(max(codes, 1)),
        ]
    }

    private func alphabetical(_ codes: [ErrorCode]) -> [ErrorCode] {
        codes.map { ($0.code.alphabeticalKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A row of the overview; with a cache, one that keeps what the template renders
    /// with it.
    private func overviewRow(_ code: ErrorCode, first: Bool, url: String, summary: String) -> TemplateValue {
        let row: TemplateValue = [
            "code": .string(code.code),
            "breakable": .string(code.code.htmlBreakingAtUnderscores),
            "first": .bool(first),
            "url": .string(url),
            "httpStatus": .string(code.httpStatus.map(String.init) ?? ""),
            "summary": .string(summary),
        ]
        return cache == nil ? row : .remembered(RememberedValue(row))
    }

    /// The page's blocks after its lead. Each code section is rendered on its own
    /// through the `code` template (so the preview can reuse it while it is
    /// unchanged) and handed to the page as `code.rendered`.
    private func body(of page: Page, in layout: SiteLayout, bytes: inout Int) throws(TemplateError) -> [TemplateValue] {
        var level = 1
        var blocks: [TemplateValue] = []
        // With a cache, each section is first compared with the one at its place when
        // the page was last rendered, and the cache asked only when they differ.
        let kept = cache?.body(on: page.route) ?? []
        var sections: [RenderCache.RenderedSection] = []
        for block in page.blocks.drop(while: \.isHTML) {
            switch block {
            case .html(let html):
                bytes += html.utf8.count
                blocks.append(["html": .string(html), "heading": .none, "code": .none])
            case .heading(let heading):
                level = heading.level
                blocks.append([
                    "html": .none, "code": .none,
                    "heading": ["level": .number(heading.level), "html": .string(heading.html), "anchor": .string(heading.anchor)],
                ])
            case .code(let section):
                // Codes are one level below the heading they follow (a `## <Type>`
                // heading on a page of several types), and at least `h2`.
                let level = min(max(level + 1, 2), 5)
                let shortRoute = catalog.code(named: section.code).flatMap(layout.shortRoute(of:))
                guard cache != nil else {
                    // Made as the page's template comes to it, and let go after.
                    blocks.append(.deferred(DeferredValue { () throws(MustacheError) in
                        Self.entry(showing: try renderedHTML(of: section, level: level, shortRoute: shortRoute))
                    }))
                    continue
                }
                let place = sections.count
                let rendered = place < kept.count && kept[place].renders(section, level: level, shortRoute: shortRoute)
                    ? kept[place].rendered : try rendered(section, level: level, shortRoute: shortRoute)
                sections.append(RenderCache.RenderedSection(section: section, level: level, shortRoute: shortRoute, rendered: rendered))
                bytes += rendered.html.utf8.count
                blocks.append(rendered.entry)
            }
        }
        cache?.keepBody(sections, on: page.route)
        return blocks
    }

    /// A code section through the `code` template, and the body entry that shows it;
    /// `shortRoute` is the code's short address relative to the site root, when it has
    /// one. With a cache, the entry is remembered (``RememberedValue``): a section of
    /// the page's template that shows it alone copies what it rendered last time.
    private func rendered(
        _ section: CodeSection, level: Int, shortRoute: String?
    ) throws(TemplateError) -> RenderCache.Section {
        let key = cache.map { _ in RenderCache.SectionKey(of: section, level: level, shortRoute: shortRoute) }
        if let key, let known = cache?[key] { return known }
        let html: String
        do throws(MustacheError) {
            html = try renderedHTML(of: section, level: level, shortRoute: shortRoute)
        } catch {
            throw TemplateError(error)
        }
        let entry = Self.entry(showing: html)
        let rendered = RenderCache.Section(html: html, entry: cache == nil ? entry : .remembered(RememberedValue(entry)))
        if let key { cache?[key] = rendered }
        return rendered
    }

    /// A code section through the `code` template.
    private func renderedHTML(of section: CodeSection, level: Int, shortRoute: String?) throws(MustacheError) -> String {
        var context = code(section, level: level)
        context["shortRoute"] = TemplateValue(shortRoute)
        return String(
            decoding: try templates.library.render("code", with: .object(context), options: TemplateSet.renderOptions),
            as: UTF8.self)
    }

    /// The body entry that shows a rendered code section.
    private static func entry(showing html: String) -> TemplateValue {
        ["html": .none, "heading": .none, "code": ["rendered": .string(html)]]
    }

    private func code(_ section: CodeSection, level: Int) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "code": .string(section.code),
            "breakable": .string(section.code.htmlBreakingAtUnderscores),
            "anchor": .string(section.anchor),
            "level": .number(level),
            "subLevel": .number(min(level + 1, 6)),
            "description": .string(section.descriptionHTML),
            "subsections": .list(section.subsections.filter { !$0.isEmpty }.map { subsection in
                [
                    "title": .string(subsection.title),
                    "anchor": .string(subsection.anchor),
                    "html": .string(subsection.html),
                    "callout": .bool(subsection.kind == .userMessage || subsection.kind == .alternativeUserMessage),
                ]
            }),
            "sample": .none,
        ]
        if let sample = section.sample {
            let status: Int? = if case .status(let status, _) = StatusLine(sample.text.firstLine) { status } else { nil }
            let json = status != nil ? sample.text.droppingFirstLine : sample.text
            context["sample"] = [
                "hasStatus": .bool(status != nil),
                "statusLabel": .string(status.map { [String($0), HTTPStatus.reasonPhrase($0)].compactMap { $0 }.joined(separator: " ") } ?? ""),
                "html": .string(Self.lines(ofSample: JSONHighlighter.html(json.trimmingTrailingNewlines))),
            ]
        }
        return context
    }
}

extension SiteRenderer {
    /// A highlighted sample with each line in a `<span class="line">` that knows its
    /// indentation (`style="--indent:2"`, in spaces), so a line that wraps in print can
    /// continue under its own start (a hanging indent) instead of at column 0. Each
    /// line keeps its newline, so the text is unchanged. The highlighter closes every
    /// element on the line it opens it (JSON strings and comments hold no newline).
    static func lines(ofSample html: String) -> String {
        // Bytes, not Characters: the sample is split and measured at ASCII bytes, and
        // grapheme breaking a whole page of samples is most of a build's time.
        var html = html
        return html.withUTF8 { bytes in
            let lineCount = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            var result = TextBuffer(capacity: bytes.count + 48 * lineCount)
            var start = 0
            while true {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var spaces = 0
                while start + spaces < end, bytes[start + spaces] == UInt8(ascii: " ") { spaces += 1 }
                result.appendASCII("<span class=\"line\" style=\"--indent:")
                result.append(spaces)
                result.appendASCII("\">")
                result.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if end < bytes.count { result.append(UInt8(ascii: "\n")) }
                result.appendASCII("</span>")
                guard end < bytes.count else { break }
                start = end + 1
            }
            return result.text
        }
    }
}

/// The pages of a site being rendered, each let go as soon as it is taken and rendered.
private final class HeldPages: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [Page?]
    let indices: Range<Int>

    init(_ pages: consuming [Page]) {
        indices = pages.indices
        self.pages = (consume pages).map(Optional.some)
    }

    /// The page at `index`, no longer held here.
    func take(_ index: Int) -> Page {
        lock.withLock {
            defer { pages[index] = nil }
            return pages[index]!
        }
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
        let utf8 = self.utf8
        return String(self[..<(utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex)])
    }

    var droppingFirstLine: String {
        guard let newline = utf8.firstIndex(of: UInt8(ascii: "\n")) else { return "" }
        return String(self[utf8.index(after: newline)...])
    }

    var trimmingTrailingNewlines: String {
        let utf8 = self.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == UInt8(ascii: "\n") || utf8[before] == UInt8(ascii: "\r") else { break }
            end = before
        }
        return String(self[..<end])
    }
}
