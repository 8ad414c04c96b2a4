import Foundation

/// Errata's stages, in order: load → parse → check → render → write.
///
/// `errata check` runs the first three; `errata build` runs all five and writes only
/// when the check found no error. Each stage is a small value with one verb, and
/// hands plain `Sendable` values to the next.
public struct Pipeline: Sendable {
    public var catalog: Catalog
    /// Where the catalog is declared, for messages.
    public var modelSource: String

    public init(catalog: Catalog, modelSource: String = Checker.builtInModelSource) {
        self.catalog = catalog
        self.modelSource = modelSource
    }

    /// The pages of a content folder and everything the checker has to say about them.
    ///
    /// Of each page the report keeps only its ``Page/crossPageFacts``, so that the
    /// pages of a large site are not all held whole at once; ``wholePage(at:)`` parses
    /// one again, from the version of its file that was checked.
    public struct Report: Sendable {
        /// Each page's ``Page/crossPageFacts``.
        public var pages: [Page]
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]
        /// The pages' files, with the version of each that was read.
        public var sources = SourceSnapshot()
        /// Whether the report was made for publishing: with each page's entry in the
        /// site map, its summaries taken from its HTML while it was whole.
        public var isPublishable = true
        /// Each page's entry in the site map (with its codes' summaries when publishable).
        var mapEntries: [SiteMap.Contribution] = []
        /// Each page's file as it was read, to parse it again.
        var pageSources: [SourceSnapshot.Source?] = []
        var loader: ContentLoader?
        var parser: PageParser?

        /// Throws a ``LoadError`` naming every page saved, replaced or removed since
        /// it was read (`…: error: changed during the build; run again`).
        public func verifySourcesUnchanged() throws(LoadError) {
            try sources.verifyUnchanged()
        }

        /// The page `index` of ``pages`` whole, with its HTML: its file parsed again.
        /// Throws a ``LoadError`` saying the page changed during the build when its file
        /// is no longer the version checked.
        public func wholePage(at index: Int) throws(LoadError) -> Page {
            guard let loader, var parser else { preconditionFailure("a report made by Pipeline.check") }
            parser.rendersHTML = true
            let changed = LoadError(path: pageSources[index]?.displayPath ?? pages[index].file, message: SourceSnapshot.changedMessage)
            guard let file = try? loader.load(pages[index].contentPath), file.identity == pageSources[index]?.identity,
                  let page = parser.parse(file).page
            else { throw changed }
            return page
        }

        /// Every page whole (see ``wholePage(at:)``).
        public func wholePages() throws(LoadError) -> [Page] {
            try pages.indices.map { index throws(LoadError) in try wholePage(at: index) }
        }
    }

    /// Load, parse and check. `baseURL` is where the site is served, if known: links
    /// under it are checked as the site's own. `layouts`, the templates' when they are
    /// known, checks each page's layout. When the check finds errors and a page
    /// changed since it was read (saved meanwhile), a ``LoadError`` saying so is thrown
    /// instead, since the errors may be those of a page read half-written.
    /// `forPublishing: false` (`errata check`) renders no Markdown to HTML: the
    /// findings are the same, and the report cannot be published.
    public func check(
        content: URL, baseURL: String? = nil, layouts: PageLayouts? = nil, forPublishing: Bool = true
    ) throws(LoadError) -> Report {
        let loader = ContentLoader(directory: content)
        var parser = PageParser(catalog: catalog)
        parser.rendersHTML = forPublishing
        let checker = Checker(catalog: catalog, modelSource: modelSource, baseURL: baseURL, layouts: layouts)
        // Each page is read, parsed and checked alone on every core, and what the
        // others' checks and the site map need is kept of it: its text and tree are let
        // go as soon as its page is built, and the whole page once it is checked.
        let parsed = try Parallel.map(try loader.markdownPaths()) { path throws(LoadError) in
            let file = try loader.load(path)                                     // load
            let (page, diagnostics) = parser.parse(file)                         // parse
            return ParsedPage(
                facts: page?.crossPageFacts,
                diagnostics: diagnostics + (page.map { checker.pageDiagnostics($0) } ?? []),  // check, page alone
                mapEntry: page.map { SiteMap.Contribution(of: $0, withSummaries: forPublishing) },
                source: loader.snapshot(of: [file]).sources.first)
        }
        let kept = parsed.filter { $0.facts != nil }
        let pages = kept.compactMap(\.facts)
        let diagnostics = checker.check(pages, pageDiagnostics: parsed.flatMap(\.diagnostics))  // check, every page
        let report = Report(
            pages: pages, diagnostics: diagnostics.sorted(), sources: SourceSnapshot(parsed.compactMap(\.source)),
            isPublishable: forPublishing, mapEntries: kept.compactMap(\.mapEntry), pageSources: kept.map(\.source),
            loader: loader, parser: parser)
        // Errors in a page saved while it was read are not the page's: say so instead.
        if report.diagnostics.hasErrors { try report.verifySourcesUnchanged() }
        return report
    }

    /// What ``check(content:baseURL:layouts:forPublishing:)`` keeps of one file.
    private struct ParsedPage: Sendable {
        var facts: Page?
        var diagnostics: [Diagnostic]
        var mapEntry: SiteMap.Contribution?
        var source: SourceSnapshot.Source?
    }

    /// Render and write the pages of a report that has no errors. `baseURL` is where
    /// the site is served, if known: it gives the pages canonical links and the site a
    /// sitemap. Each file is written as soon as it is rendered, into a staging folder
    /// that replaces `output` only when the whole site is there.
    /// `guard` names what the output folder may not be; `isCancelled` stops the
    /// build between two files (see ``SiteWriter``). When a page or template read for
    /// the site has changed since (saved during the build), the output is left as it
    /// was and a ``LoadError`` naming it is thrown. Returns the writer's warnings.
    @discardableResult
    public func publish(
        _ report: Report, templates: TemplateSet, baseURL: BaseURL? = nil, identity: SiteIdentity = .concentrix, to output: URL,
        guard outputGuard: OutputGuard = OutputGuard(), isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> [WriteWarning] {
        precondition(report.isPublishable, "a report checked with forPublishing: false cannot be published")
        let renderer = SiteRenderer(catalog: catalog, templates: templates, baseURL: baseURL, identity: identity)
        let map = SiteMap(contributions: report.mapEntries, catalog: catalog)
        return try SiteWriter(output: output, guard: outputGuard, isCancelled: isCancelled).write { staging in
            // Each page is parsed again, whole, as it is rendered: a few at a time.
            try renderer.render(report.pages, map: map, whole: report.wholePage(at:)) { file throws(WriteError) in  // render, write
                try staging.write(file)
            }
            // Publish only what was read whole: a page or template saved since it was
            // read stops the build here, before the new site replaces the old one.
            try report.verifySourcesUnchanged()
            try templates.verifySourcesUnchanged()
        }
    }
}
