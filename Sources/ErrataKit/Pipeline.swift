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
        public var pages: [Page]
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]
    }

    /// Load, parse and check. `baseURL` is where the site is served, if known: links
    /// under it are checked as the site's own. `layouts`, the templates' when they are
    /// known, checks each page's layout.
    public func check(content: URL, baseURL: String? = nil, layouts: PageLayouts? = nil) throws(LoadError) -> Report {
        let loader = ContentLoader(directory: content)
        let parser = PageParser(catalog: catalog)
        // Each page is read and parsed on its own, on every core; its text is let go
        // as soon as its page is built.
        let parsed = try Parallel.map(try loader.markdownPaths()) { path throws(LoadError) in
            parser.parse(try loader.load(path))                                  // load, parse
        }
        let pages = parsed.compactMap(\.page)
        var diagnostics = parsed.flatMap(\.diagnostics)
        diagnostics += Checker(catalog: catalog, modelSource: modelSource, baseURL: baseURL, layouts: layouts).check(pages)  // check
        return Report(pages: pages, diagnostics: diagnostics.sorted())
    }

    /// Render and write the pages of a report that has no errors. `baseURL` is where
    /// the site is served, if known: it gives the pages canonical links and the site a
    /// sitemap. Each file is written as soon as it is rendered, into a staging folder
    /// that replaces `output` only when the whole site is there.
    /// `guard` names what the output folder may not be; `isCancelled` stops the
    /// build between two files (see ``SiteWriter``). Returns the writer's warnings.
    @discardableResult
    public func publish(
        _ report: Report, templates: TemplateSet, baseURL: BaseURL? = nil, to output: URL,
        guard outputGuard: OutputGuard = OutputGuard(), isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> [WriteWarning] {
        let renderer = SiteRenderer(catalog: catalog, templates: templates, baseURL: baseURL)
        return try SiteWriter(output: output, guard: outputGuard, isCancelled: isCancelled).write { staging in
            try renderer.render(report.pages) { file throws(WriteError) in try staging.write(file) }  // render, write
        }
    }
}
