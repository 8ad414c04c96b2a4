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
    /// under it are checked as the site's own.
    public func check(content: URL, baseURL: String? = nil) throws(LoadError) -> Report {
        let files = try ContentLoader(directory: content).load()                 // load
        let parser = PageParser(catalog: catalog)
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for file in files {                                                      // parse
            let (page, found) = parser.parse(file)
            diagnostics += found
            if let page { pages.append(page) }
        }
        diagnostics += Checker(catalog: catalog, modelSource: modelSource, baseURL: baseURL).check(pages)  // check
        return Report(pages: pages, diagnostics: diagnostics.sorted())
    }

    /// Render and write the pages of a report that has no errors. `baseURL` is where
    /// the site is served, if known: it gives the pages canonical links and the site a
    /// sitemap.
    public func publish(_ report: Report, templates: TemplateSet, baseURL: BaseURL? = nil, to output: URL) throws -> [OutputFile] {
        let files = try SiteRenderer(catalog: catalog, templates: templates, baseURL: baseURL).render(report.pages)  // render
        try SiteWriter(output: output).write(files)                                               // write
        return files
    }
}
