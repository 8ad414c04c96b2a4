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
    public struct Report: Sendable {
        /// Each page whole, or, when the report is not for publishing, its
        /// ``Page/crossPageFacts``; for a build past its budget of whole pages, its facts
        /// and code summaries (see ``wholePages``).
        public var pages: [Page]
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]
        /// The pages' files, with the version of each that was read.
        public var sources = SourceSnapshot()
        /// Whether the pages carry their HTML, so that they can be published.
        public var pagesHaveHTML = true
        /// For a build of content larger than its budget of whole pages (see
        /// ``Pipeline/wholePagesBudget``): how each page, kept as its facts, is parsed
        /// again when it is rendered.
        var wholePages: WholePages?

        /// Throws a ``LoadError`` naming every page saved, replaced or removed since
        /// it was read (`…: error: changed during the build; run again`).
        public func verifySourcesUnchanged() throws(LoadError) {
            try sources.verifyUnchanged()
        }
    }

    /// Load, parse and check. `baseURL` is where the site is served, if known: links
    /// under it are checked as the site's own. `layouts`, the templates' when they are
    /// known, checks each page's layout. When the check finds errors and a page
    /// changed since it was read (saved meanwhile), a ``LoadError`` saying so is thrown
    /// instead, since the errors may be those of a page read half-written.
    /// `forPublishing: false` (`errata check`) renders no Markdown to HTML: the
    /// findings are the same, and the report's pages cannot be published.
    ///
    /// For publishing, pages are kept whole while the content's Markdown is no more
    /// than `wholePagesBudget` bytes (`errata build` gives ``wholePagesBudget``). Past
    /// it, each page is kept as its facts for the checks across pages and its code
    /// sections' summaries, and parsed again when it is rendered: a little more time
    /// for memory that no longer grows with the content. Such a report's pages are
    /// published only by ``publish(_:templates:baseURL:identity:to:guard:isCancelled:)``.
    public func check(
        content: URL, baseURL: String? = nil, layouts: PageLayouts? = nil, forPublishing: Bool = true,
        wholePagesBudget: Int = .max
    ) throws(LoadError) -> Report {
        let loader = ContentLoader(directory: content)
        let checker = Checker(catalog: catalog, modelSource: modelSource, baseURL: baseURL, layouts: layouts)
        let paths = try loader.markdownPaths()
        let keepsWholePages = forPublishing && Self.markdownBytes(of: paths, in: content) <= wholePagesBudget
        // A page kept as its facts and summaries needs only its descriptions' HTML now.
        var parser = PageParser(catalog: catalog)
        parser.rendering = keepsWholePages ? .all : forPublishing ? .descriptions : .none
        // Each page is read, parsed and checked alone, on every core; its text is let go
        // as soon as its page is built. A page that is not to be published, or not
        // before it is parsed again, is then kept only for the checks that need every page.
        let parsed = try Parallel.map(paths) { path throws(LoadError) in
            let file = try loader.load(path)                                                  // load
            let source = loader.snapshot(of: [file])
            let (page, diagnostics) = parser.parse(consume file)                              // parse
            return (
                page: keepsWholePages ? page : forPublishing ? page?.factsWithSummaries : page?.crossPageFacts,
                diagnostics: diagnostics + (page.map { checker.pageDiagnostics($0) } ?? []),  // check, the page alone
                source: source)
        }
        let pages = parsed.compactMap(\.page)
        let diagnostics = checker.check(pages, pageDiagnostics: parsed.flatMap(\.diagnostics))  // check, every page
        var report = Report(
            pages: pages, diagnostics: diagnostics.sorted(),
            sources: SourceSnapshot(parsed.flatMap(\.source.sources)), pagesHaveHTML: forPublishing)
        if forPublishing, !keepsWholePages {
            parser.rendering = .all
            report.wholePages = WholePages(loader: loader, parser: parser, checked: Set(report.sources.sources))
        }
        // Errors in a page saved while it was read are not the page's: say so instead.
        if report.diagnostics.hasErrors { try report.verifySourcesUnchanged() }
        return report
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
        _ report: consuming Report, templates: TemplateSet, baseURL: BaseURL? = nil, identity: SiteIdentity = .concentrix, to output: URL,
        guard outputGuard: OutputGuard = OutputGuard(), isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> [WriteWarning] {
        precondition(report.pagesHaveHTML, "a report checked with forPublishing: false cannot be published")
        let renderer = SiteRenderer(catalog: catalog, templates: templates, baseURL: baseURL, identity: identity)
        // The renderer lets each page go once it is written: the report keeps none.
        var pages: [Page]? = report.pages
        report.pages = []
        let sources = report.sources
        let wholePages = report.wholePages
        return try SiteWriter(output: output, guard: outputGuard, isCancelled: isCancelled).write { staging in
            let taken = pages ?? []
            pages = nil
            try renderer.render(consume taken, to: staging, whole: wholePages?.whole)  // (parse again,) render, write
            // Publish only what was read whole: a page or template saved since it was
            // read stops the build here, before the new site replaces the old one.
            try sources.verifyUnchanged()
            try templates.verifySourcesUnchanged()
        }
    }
}

extension Pipeline {
    /// How much Markdown `errata build` keeps parsed whole until it renders: 24 MB,
    /// about 20,000 codes in the house style.
    public static let wholePagesBudget = 24 << 20

    /// The bytes of the pages at `paths`, as the file system gives their sizes.
    static func markdownBytes(of paths: [String], in content: URL) -> Int {
        paths.reduce(0) { total, path in
            total + Int(FileIdentity.current(at: content.appendingPathComponent(path).path)?.size ?? 0)
        }
    }

    /// Parses again, to render it, a page that a build kept as its facts: the same
    /// version of its file, or a ``LoadError`` saying it changed during the build.
    struct WholePages: Sendable {
        var loader: ContentLoader
        var parser: PageParser
        /// The files as the check read them (the report's ``Report/sources``).
        var checked: Set<SourceSnapshot.Source>

        func whole(_ facts: Page) throws(LoadError) -> Page {
            guard facts.codeSummaries != nil else { return facts }
            // Gone, unreadable or another version since it was checked: it changed
            // during the build.
            guard let file = try? loader.load(facts.contentPath),
                  let source = loader.snapshot(of: [file]).sources.first, checked.contains(source),
                  let page = parser.parse(consume file).page
            else {
                throw LoadError(path: facts.file, message: SourceSnapshot.changedMessage)
            }
            return page
        }
    }
}
