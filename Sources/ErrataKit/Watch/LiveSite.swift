import Foundation

/// A site held in memory and rebuilt from the changes a ``FileWatcher`` reports,
/// doing no more than each change needs:
///
/// - a changed page is re-read, re-parsed and re-checked alone; the other pages keep
///   their parse and their page-level diagnostics, and keep their link diagnostics
///   unless the set of pages or anchors changed;
/// - only the changed page is re-rendered, unless the ``SiteLayout`` (titles, routes,
///   where each code lives, the assets' names) changed, when every page is; the files
///   besides the pages (search index, short addresses, `errors.json`, …) are made
///   again on every rebuild, so the site is always the one `errata build` writes;
/// - a changed template re-renders every page without re-parsing;
/// - a changed model file re-parses and re-checks everything.
///
/// `errata serve` uses it; it never writes to disk.
public final class LiveSite {
    public struct Configuration: Sendable {
        public var content: URL
        /// The templates folder, or `nil` for the built-in theme.
        public var templates: URL?
        /// The model file, or `nil` for the built-in catalog.
        public var model: URL?
        public var baseURL: String?
        /// The site's name, language and links.
        public var identity: SiteIdentity

        public init(content: URL, templates: URL?, model: URL?, baseURL: String? = nil, identity: SiteIdentity = .concentrix) {
            self.identity = identity
            self.content = content.standardizedFileURL
            self.templates = templates?.standardizedFileURL
            self.model = model?.standardizedFileURL
            self.baseURL = baseURL
        }
    }

    /// What a build gives: the whole site, or why there is none.
    public enum Outcome {
        /// The site's files, the warnings, and how many pages were parsed and rendered
        /// to get it.
        case built(files: SiteFiles, warnings: [Diagnostic], parsed: Int, rendered: Int)
        /// The errors (and warnings) that stopped the build, sorted.
        case failed([Diagnostic])
    }

    public let configuration: Configuration

    /// Where the last build spent its time, in milliseconds.
    public struct Timings: Sendable, CustomStringConvertible {
        public var parse = 0.0, check = 0.0, render = 0.0

        public var description: String {
            String(format: "parse %.1f, check %.1f, render %.1f ms", parse, check, render)
        }
    }

    public private(set) var timings = Timings()
    /// The paths of the site's files that the last build wrote or removed, or `nil`
    /// when it made the whole site again (or failed): a server can keep the rest.
    public private(set) var changedFiles: Set<String>?
    /// The files changed since the last build that succeeded (a failed one may have
    /// rendered some), or `nil` for everything.
    private var unpublished: Set<String>?
    private var catalog = Catalog.concentrix
    private var modelSource = Checker.builtInModelSource
    private var modelProblems: [Diagnostic] = []
    private var templates: TemplateSet?
    /// Code sections rendered with the current templates.
    private var renderCache = RenderCache()
    private var templateProblem: Diagnostic?
    private var sources: [String: SourceFile] = [:]
    private var parsed: [String: (page: Page?, diagnostics: [Diagnostic])] = [:]
    /// Each page's pieces as last parsed, so an edit re-parses only what it touched.
    private var pieceCaches: [String: PieceCache] = [:]
    private var pageChecks: [String: [Diagnostic]] = [:]
    /// The diagnostics of each page's code sections as they are (text, places, type
    /// in force), for the current model, in the page's order.
    private var sectionChecks: [String: [(section: CheckedSection, diagnostics: [Diagnostic])]] = [:]
    private var linkChecks: [String: [Diagnostic]] = [:]
    /// The findings of the model alone (``Checker/modelDiagnostics()``).
    private var modelChecks: [Diagnostic]?

    /// What the cross-page checks know of a page besides its links: where it is, its
    /// anchors and its codes. Its texts are compared by their bytes (``ExactText``):
    /// shapes whose texts differ only in normalisation are not equal.
    private struct PageShape: Equatable {
        static func == (first: PageShape, second: PageShape) -> Bool {
            !first.differsForLinks(from: second) && !first.differsBesidesLinks(from: second)
        }

        var route: String
        /// ``Page/anchorOrder``: equal only when the anchors are.
        var anchors: [String]
        /// The code sections, for their codes, their places and the type in force at each.
        var sections: [CodeSection]
        /// The headings outside code sections, with their places.
        var headings: [String]
        var headingLocations: [SourceLocation]
        var headingColumns: [Int]
        var isSectionIndex: Bool
        var errorTypeID: String?

        init(_ page: Page) {
            route = page.route
            anchors = page.anchorOrder
            sections = page.codeSections
            let headings = page.blocks.compactMap { if case .heading(let heading) = $0 { heading } else { nil } }
            self.headings = headings.map(\.text)
            headingLocations = headings.map(\.location)
            headingColumns = headings.map(\.textColumn)
            isSectionIndex = page.isSectionIndex
            errorTypeID = page.errorTypeID
        }

        /// Whether the links to the page and the address conflicts can differ.
        func differsForLinks(from other: PageShape) -> Bool {
            !ExactText.sameBytes(route, other.route) || !ExactText.sameBytes(anchors, other.anchors)
                || sections.count != other.sections.count
                || zip(sections, other.sections).contains { !$0.isSame(as: $1) && !ExactText.sameBytes($0.code, $1.code) }
        }

        /// Whether anything but what ``differsForLinks(from:)`` compares differs.
        func differsBesidesLinks(from other: PageShape) -> Bool {
            sections.count != other.sections.count
                || zip(sections, other.sections).contains { section, other in
                    !section.isSame(as: other)
                        && (section.location != other.location || section.contextTypeID != other.contextTypeID
                            || section.contextTypeLocation != other.contextTypeLocation)
                }
                || !ExactText.sameBytes(headings, other.headings)
                || headingLocations != other.headingLocations || headingColumns != other.headingColumns
                || isSectionIndex != other.isSectionIndex || errorTypeID != other.errorTypeID
        }
    }

    /// The link checker and the `address-conflict` findings of the last check, and the
    /// shape of each page then: reused while no page's shape changes.
    private var shapeChecks: (links: LinkChecker, addressConflicts: [Diagnostic], shapes: [String: PageShape])?
    /// The ``Checker/CodeFindings`` of the last check, while no page's shape changes.
    private var codeFindings: Checker.CodeFindings?
    private var layout: SiteLayout?
    /// Pages that could not be read (a link out of the folder, not a regular file).
    private var loadProblems: [String: Diagnostic] = [:]
    private var rendered = SiteFiles()
    private var contentProblem: Diagnostic?

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// What the last build replaced (the page parsed before, the layout): kept until
    /// ``letGoOfReplaced()``, so that freeing them is not part of the time from a save
    /// to its reload.
    private var replaced: [Any] = []

    /// Frees what the last build replaced; a server calls it once the new site is
    /// served. The next build does it too, first.
    public func letGoOfReplaced() {
        replaced.removeAll()
    }

    /// Loads, parses, checks and renders everything.
    public func buildAll() -> Outcome {
        letGoOfReplaced()
        let parseStart = ContinuousClock.now
        loadModel()
        loadTemplates()
        rescanContent(reparse: true)
        timings = Timings(parse: Self.milliseconds(since: parseStart))
        return rebuild(changedPages: Set(parsed.keys), renderEverything: true)
    }

    /// Rebuilds after the files at `paths` (absolute) changed.
    ///
    /// A content or templates folder that was deleted and comes back (its own path is
    /// reported) is read whole again; so is a content folder that could not be listed
    /// last time, on any change, in case its return went unreported.
    public func update(_ paths: Set<String>) -> Outcome {
        letGoOfReplaced()
        let contentRoot = configuration.content.path
        let templateRoot = configuration.templates?.path
        var modelChanged = false, templatesChanged = false, rescan = false
        var contentRootChanged = contentProblem != nil
        var changedPages: Set<String> = []
        for path in paths {
            if let model = configuration.model, path == model.path {
                modelChanged = true
            } else if let templateRoot, path == templateRoot || path.hasPrefix(templateRoot + "/") {
                templatesChanged = true
            } else if path == contentRoot {
                contentRootChanged = true
            } else if path.hasPrefix(contentRoot + "/") {
                let contentPath = String(path.dropFirst(contentRoot.count + 1))
                if contentPath.hasSuffix(".md") {
                    changedPages.insert(contentPath)
                } else {
                    rescan = true  // a folder came or went
                }
            }
        }
        if modelChanged || contentRootChanged {
            if modelChanged { loadModel() }
            if templatesChanged { loadTemplates() }
            let parseStart = ContinuousClock.now
            rescanContent(reparse: true)
            timings = Timings(parse: Self.milliseconds(since: parseStart))
            return rebuild(changedPages: Set(parsed.keys), renderEverything: true)
        }
        if templatesChanged { loadTemplates() }
        if rescan {
            let before = Set(sources.keys)
            rescanContent(reparse: false)
            changedPages.formUnion(Set(sources.keys).symmetricDifference(before))
        }
        let parseStart = ContinuousClock.now
        for contentPath in changedPages { reload(contentPath) }
        timings = Timings(parse: Self.milliseconds(since: parseStart))
        return rebuild(changedPages: changedPages, renderEverything: templatesChanged)
    }

    // MARK: - Stages

    private func loadModel() {
        modelProblems = []
        renderCache = RenderCache()  // what it keeps was made with the model's facts
        for path in pieceCaches.keys { pieceCaches[path]?.forgetOutcomes() }  // and what the pages' pieces gave
        sectionChecks.removeAll()
        shapeChecks = nil  // they depend on the model's codes
        modelChecks = nil
        codeFindings = nil
        guard let model = configuration.model else {
            (catalog, modelSource) = (.concentrix, Checker.builtInModelSource)
            return
        }
        do {
            catalog = try Catalog.load(from: model)
            modelSource = DisplayPath.of(model)
        } catch {
            modelProblems = error.diagnostics
        }
    }

    private func loadTemplates() {
        templateProblem = nil
        renderCache = RenderCache()
        pageChecks.removeAll()  // they check each page's layout against the templates
        do {
            templates = try TemplateSet.load(fromFolderOrBuiltIn: configuration.templates)
        } catch {
            templateProblem = Diagnostic(error)
        }
    }

    /// Lists the content folder again; with `reparse`, parses every page.
    private func rescanContent(reparse: Bool) {
        contentProblem = nil
        let loader = ContentLoader(directory: configuration.content)
        do {
            let paths = try loader.markdownPaths()
            let listed = Set(paths)
            for removed in Set(sources.keys).subtracting(listed) { forget(removed) }
            for path in paths where reparse || sources[path] == nil { reload(path) }
        } catch {
            contentProblem = Diagnostic(.error, .ioError, error.message, at: SourceLocation(file: error.path, line: 1, column: 1))
        }
    }

    /// Reads and parses one page again, or forgets it if it is gone.
    private func reload(_ contentPath: String) {
        let url = configuration.content.appendingPathComponent(contentPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            forget(contentPath)
            return
        }
        // Read as `errata build` reads: links out of the folder, pipes and pages over
        // the size limit are refused, not followed or read whole.
        // Not waiting for the file to settle: a change after it is read is reported
        // by the watcher and read then.
        let file: SourceFile
        do {
            file = try ContentLoader(directory: configuration.content, waitsUntilSettled: false).load(contentPath)
        } catch {
            forget(contentPath)
            loadProblems[contentPath] = Diagnostic(.error, .ioError, error.message, at: SourceLocation(file: error.path, line: 1, column: 1))
            return
        }
        loadProblems[contentPath] = nil
        sources[contentPath] = file
        var cache: PieceCache? = pieceCaches[contentPath] ?? PieceCache()
        pieceCaches[contentPath] = nil  // so the cache is changed in place
        if let old = parsed.removeValue(forKey: contentPath) { replaced.append(old) }
        parsed[contentPath] = PageParser(catalog: catalog).parse(file, cache: &cache)
        cache?.keepOnlyUsed()
        pieceCaches[contentPath] = cache
        pageChecks[contentPath] = nil
        linkChecks[contentPath] = nil
    }

    private func forget(_ contentPath: String) {
        loadProblems[contentPath] = nil
        sources[contentPath] = nil
        parsed[contentPath] = nil
        pieceCaches[contentPath] = nil
        sectionChecks[contentPath] = nil
        pageChecks[contentPath] = nil
        linkChecks[contentPath] = nil
    }

    /// The pages re-parsed since the last build that succeeded, and whether that build
    /// was to render everything: a build that fails publishes nothing, so the next one
    /// must do what it would have done too.
    private var pendingPages: Set<String> = []
    private var pendingEverything = false

    /// Checks and renders after `changedPages` were re-parsed, with what the builds
    /// that failed since the last good one left to do.
    private func rebuild(changedPages: Set<String>, renderEverything: Bool) -> Outcome {
        let (changedPages, renderEverything) = (changedPages.union(pendingPages), renderEverything || pendingEverything)
        let outcome = build(changedPages: changedPages, renderEverything: renderEverything)
        if case .built = outcome {
            (pendingPages, pendingEverything) = ([], false)
        } else {
            (pendingPages, pendingEverything) = (changedPages, renderEverything)
        }
        return outcome
    }

    private func build(changedPages: Set<String>, renderEverything: Bool) -> Outcome {
        let problems = modelProblems + [templateProblem, contentProblem].compactMap { $0 }
            + loadProblems.keys.sorted().compactMap { loadProblems[$0] }
        if !problems.isEmpty { return .failed(problems) }
        let order = parsed.keys.sorted()
        let pages = order.compactMap { parsed[$0]?.page }
        let checker = Checker(
            catalog: catalog, modelSource: modelSource, baseURL: configuration.baseURL, layouts: templates?.layouts)
        let checkStart = ContinuousClock.now
        defer { timings.render = Self.milliseconds(since: checkStart) - timings.check }

        var diagnostics = order.flatMap { parsed[$0]?.diagnostics ?? [] }
        for page in pages {
            if pageChecks[page.contentPath] == nil {
                // Each section is compared with the one at its place last time, and
                // looked up among all of them only once several differ.
                let known = sectionChecks[page.contentPath] ?? []
                var byKey: [CheckedSection: [Diagnostic]]?, misses = 0
                var checked: [(section: CheckedSection, diagnostics: [Diagnostic])] = []
                checked.reserveCapacity(known.count)
                pageChecks[page.contentPath] = checker.pageDiagnostics(page) { section in
                    let key = CheckedSection(section: section), place = checked.count
                    let found: [Diagnostic]
                    if place < known.count, known[place].section == key {
                        found = known[place].diagnostics
                    } else if misses < 8 {
                        // An edited section: checked again, as quick as a look-up.
                        misses += 1
                        found = checker.sectionDiagnostics(section)
                    } else {
                        // Sections moved (one added or removed before them): looked up.
                        if byKey == nil {
                            byKey = Dictionary(known.map { ($0.section, $0.diagnostics) }, uniquingKeysWith: { first, _ in first })
                        }
                        found = byKey?[key] ?? checker.sectionDiagnostics(section)
                    }
                    checked.append((key, found))
                    return found
                }
                sectionChecks[page.contentPath] = checked
            }
            diagnostics += pageChecks[page.contentPath] ?? []
        }
        let (links, addressConflicts) = shapeChecks(of: pages, changedPages: changedPages, checker: checker)
        if modelChecks == nil { modelChecks = checker.modelDiagnostics() }
        if codeFindings == nil { codeFindings = checker.codeFindings(of: pages) }
        diagnostics += checker.siteDiagnostics(
            pages, links: links, addressConflicts: addressConflicts, modelDiagnostics: modelChecks, codeFindings: codeFindings
        ) { page, links in
            if let cached = self.linkChecks[page.contentPath] { return cached }
            let found = links.check(page)
            self.linkChecks[page.contentPath] = found
            return found
        }
        diagnostics = checker.finish(diagnostics, for: pages).sorted()
        timings.check = Self.milliseconds(since: checkStart)
        if diagnostics.hasErrors { return .failed(diagnostics) }

        guard let templates else { return .failed(problems) }
        let baseURL: BaseURL?
        do {
            baseURL = try configuration.baseURL.map { text throws(BaseURLError) in try BaseURL(text) }
        } catch {
            return .failed([Diagnostic(.error, .ioError, error.description, at: SourceLocation(file: "--base-url", line: 1, column: 1))])
        }
        let renderer = SiteRenderer(
            catalog: catalog, templates: templates, baseURL: baseURL, identity: configuration.identity, cache: renderCache)
        // The model and the templates are as they were unless everything is rendered.
        var previous = renderEverything ? nil : self.layout
        let change = mapChange(of: pages, changedPages: changedPages)
        let layout: SiteLayout
        if case .summaries(let changed) = change, previous != nil {
            // The summaries are handed over to the new map, which changes a few of them
            // in place: the kept layout lets go of them first (it is replaced below, or
            // forgotten if rendering fails), and nothing else may hold a copy of the
            // layout meanwhile (not even a tuple to switch on).
            self.layout = nil
            var map = previous!.takingMap()
            map.replaceSummaries(from: contributions(of: pages), changed: changed)
            layout = renderer.layout(of: pages, map: map)
        } else if change == .none, let previous {
            layout = previous
        } else {
            layout = renderer.layout(of: pages, map: siteMap(of: pages))
        }
        let scope: RenderScope
        if let previous, change == .none || layout == previous {
            scope = .pages(changedPages)
        } else if let previous, layout.differsOnlyInSummaries(from: previous) {
            scope = .summaries(changedPages, previous: previous)
        } else {
            scope = .everything
        }
        let count: Int
        do {
            count = try render(pages, scope, with: renderer, in: layout)
        } catch {
            // What was published and the map kept may no longer agree: the next
            // rebuild renders everything.
            self.layout = nil
            return .failed([Diagnostic(error)])
        }
        if let old = self.layout ?? previous { replaced.append(old) }
        self.layout = layout
        changedFiles = unpublished
        unpublished = []
        return .built(files: rendered, warnings: diagnostics, parsed: changedPages.count, rendered: count)
    }

    /// The link checker and `address-conflict` findings of the last check while every
    /// page has the shape it had (only the `changedPages` can differ), else new ones,
    /// and the link diagnostics kept are forgotten.
    private func shapeChecks(
        of pages: [Page], changedPages: Set<String>, checker: Checker
    ) -> (links: LinkChecker, addressConflicts: [Diagnostic]) {
        var shapes = shapeChecks?.shapes ?? [:]
        var sameShapes = shapes.count == pages.count, sameLinks = sameShapes
        for page in pages {
            guard let old = shapes[page.contentPath], old.route == page.route else {
                sameShapes = false
                sameLinks = false
                shapes[page.contentPath] = PageShape(page)
                continue
            }
            guard changedPages.contains(page.contentPath) else { continue }
            let new = PageShape(page)
            if new.differsForLinks(from: old) {
                (sameShapes, sameLinks) = (false, false)
            } else if new.differsBesidesLinks(from: old) {
                sameShapes = false
            }
            shapes[page.contentPath] = new
        }
        if !sameShapes {
            codeFindings = nil
            let listed = Set(pages.map(\.contentPath))
            shapes = shapes.filter { listed.contains($0.key) }
        }
        if let known = shapeChecks, sameLinks {
            shapeChecks = (known.links, known.addressConflicts, shapes)
            return (known.links, known.addressConflicts)
        }
        let map = SiteMap(pages: pages, catalog: catalog)
        let links = LinkChecker(
            pages: pages, baseURL: configuration.baseURL, catalog: catalog, map: map, remembersFineLinks: true)
        let conflicts = checker.addressConflicts(of: pages, map: map)
        linkChecks.removeAll()
        shapeChecks = (links, conflicts, shapes)
        return (links, conflicts)
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Puts a file into the site (or, with `nil`, takes it out), noting it as changed.
    private func publish(_ path: String, _ bytes: [UInt8]?) {
        rendered[path] = bytes
        unpublished?.insert(path)
    }

    /// What each page gives the ``SiteMap``, as of the last build, and the descriptions
    /// of its code sections that the contribution's summaries are of.
    private var mapContributions: [String: SiteMap.Contribution] = [:]
    private var summarisedDescriptions: [String: [String]] = [:]

    /// How the site map changed since the last build: not at all, only in the
    /// summaries of these pages' codes, or more.
    private enum MapChange: Equatable { case none, summaries([SiteMap.Contribution]), more }

    /// How the site map of `pages` changed, its contributions made again only for the
    /// `changedPages`; then ``siteMap(of:)`` makes it.
    private func mapChange(of pages: [Page], changedPages: Set<String>) -> MapChange {
        var more = pages.count != mapContributions.count
        var summariesChanged: [SiteMap.Contribution] = []
        for page in pages {
            let old = mapContributions[page.contentPath]
            guard old == nil || changedPages.contains(page.contentPath) else { continue }
            // A section's summary is the one at its place last time while its description
            // is the same text (kept from the last parse, it is not even read); else the
            // cache's.
            let sections = page.codeSections, descriptions = sections.map(\.descriptionHTML)
            let known = summarisedDescriptions[page.contentPath] ?? [], knownSummaries = old?.summaries ?? []
            let summaries = descriptions.indices.map { place in
                place < known.count && place < knownSummaries.count && ExactText.sameBytes(known[place], descriptions[place])
                    ? knownSummaries[place] : renderCache.summary(ofDescription: descriptions[place])
            }
            let new = SiteMap.Contribution(of: page, sections: sections, summaries: summaries)
            summarisedDescriptions[page.contentPath] = descriptions
            if let old {
                if old != new {
                    if new.differsOnlyInSummaries(from: old) { summariesChanged.append(new) } else { more = true }
                }
            } else {
                more = true
            }
            mapContributions[page.contentPath] = new
        }
        let change: MapChange = more ? .more : summariesChanged.isEmpty ? .none : .summaries(summariesChanged)
        if mapContributions.count != pages.count {
            let listed = Set(pages.map(\.contentPath))
            mapContributions = mapContributions.filter { listed.contains($0.key) }
            summarisedDescriptions = summarisedDescriptions.filter { listed.contains($0.key) }
        }
        return change
    }

    private func siteMap(of pages: [Page]) -> SiteMap {
        SiteMap(contributions: contributions(of: pages), catalog: catalog)
    }

    private func contributions(of pages: [Page]) -> [SiteMap.Contribution] {
        pages.compactMap { mapContributions[$0.contentPath] }
    }

    /// How much of the site a rebuild renders again.
    private enum RenderScope {
        /// Everything, as `errata build` does.
        case everything
        /// The pages that changed: where everything is published is as it was.
        case pages(Set<String>)
        /// The pages that changed and those that show the codes' summaries (the
        /// overview); the others only get the new search index's name.
        case summaries(Set<String>, previous: SiteLayout)
    }

    /// Renders what `scope` says. Returns how many pages were rendered.
    private func render(
        _ pages: [Page], _ scope: RenderScope, with renderer: SiteRenderer, in layout: SiteLayout
    ) throws(RenderError) -> Int {
        switch scope {
        case .everything:
            rendered = SiteFiles(Dictionary(
                try renderer.render(pages, in: layout).map { ($0.path, $0.bytes) }, uniquingKeysWith: { $1 }))
            unpublished = nil
            searchIndexPlaces = [:]
            for page in pages { noteSearchIndexPlaces(of: page, in: layout) }
            noteSearchIndexPlacesOfNotFoundPage(in: layout)
            return pages.count
        case .pages(let changedPages):
            let count = try render(pages.filter { changedPages.contains($0.contentPath) }, with: renderer, in: layout)
            // The support files (short addresses, errors.json, search index, sitemap, 404)
            // depend on the model and the layout, both unchanged here; only the generated
            // home page quotes a page, a folder's overview.
            if pages.contains(where: { changedPages.contains($0.contentPath) && $0.isSectionIndex }) {
                for support in try renderer.supportFiles(for: pages, in: layout) {
                    publish(support.file.path, support.file.bytes)
                }
                noteSearchIndexPlacesOfNotFoundPage(in: layout)
            }
            return count
        case .summaries(let changedPages, let previous):
            var again: [Page] = []
            for page in pages {
                if changedPages.contains(page.contentPath) || page.showsSummaries
                    || !renameSearchIndex(at: page.route + "index.html", route: page.route, from: previous, to: layout) {
                    again.append(page)
                }
            }
            let count = try render(again, with: renderer, in: layout)
            if let old = previous.assetPath(SiteLayout.searchIndexName) { publish(old, nil) }
            for support in try renderer.supportFiles(for: pages, in: layout, assetsAndHomeOnly: true) {
                publish(support.file.path, support.file.bytes)
            }
            // 404.html shows where each code is, not its summary: it only names the index.
            if !renameSearchIndex(at: NotFoundPageGenerator.path, route: "", from: previous, to: layout) {
                publish(NotFoundPageGenerator.path, try renderer.notFoundPage(in: layout).bytes)
                noteSearchIndexPlacesOfNotFoundPage(in: layout)
            }
            return count
        }
    }

    /// Renders `pages` alone, on every core, and notes where each names the search index.
    private func render(_ pages: [Page], with renderer: SiteRenderer, in layout: SiteLayout) throws(RenderError) -> Int {
        let files: [OutputFile]
        do throws(TemplateError) {
            files = try Parallel.map(pages) { page throws(TemplateError) -> OutputFile in try renderer.render(page, in: layout) }
        } catch {
            throw .template(error)
        }
        for (page, file) in zip(pages, files) {
            publish(file.path, file.bytes)
            noteSearchIndexPlaces(of: page, in: layout)
        }
        return files.count
    }

    /// The byte offsets where each rendered file names the search index (a page's
    /// `<script src>`, 404.html's probe), by the file's path: for files where every
    /// mention of the index's file name is such a name, and for pages whose own text
    /// cannot name it. Renaming at those offsets is then what rendering again does.
    private var searchIndexPlaces: [String: [Int]] = [:]

    private func noteSearchIndexPlaces(of page: Page, in layout: SiteLayout) {
        let textNamesIndex = sources[page.contentPath]?.bytes.contains(Self.searchIndexStem) ?? true
        noteSearchIndexPlaces(at: page.route + "index.html", route: page.route, in: layout, renamable: !textNamesIndex)
    }

    /// 404.html is at the site's root and its text is the template's alone.
    private func noteSearchIndexPlacesOfNotFoundPage(in layout: SiteLayout) {
        noteSearchIndexPlaces(at: NotFoundPageGenerator.path, route: "", in: layout)
    }

    private func noteSearchIndexPlaces(at path: String, route: String, in layout: SiteLayout, renamable: Bool = true) {
        searchIndexPlaces[path] = nil
        guard renamable, let bytes = rendered.file(at: path)?.bytes, let name = Self.searchIndexName(from: route, in: layout)
        else { return }
        let slash = name.lastIndex(of: UInt8(ascii: "/")) ?? -1
        let prefix = name[..<(slash + 1)], fileName = Array(name[(slash + 1)...])
        var places: [Int] = []
        for hit in bytes.offsets(of: fileName) {
            let start = hit - prefix.count
            guard start >= 0, bytes[start..<hit].elementsEqual(prefix) else { return }
            places.append(start)
        }
        searchIndexPlaces[path] = places
    }

    /// Gives the rendered file at `path`, of the page at `route`, the search index's new
    /// name in place, as rendering it again would. False when that cannot be done (the
    /// file names the index otherwise, or the names differ in length): the file must be
    /// rendered again. The file is not copied: it is the old one with the name replaced
    /// where it stands (see ``SiteFile``), made into bytes when it is read.
    private func renameSearchIndex(at path: String, route: String, from previous: SiteLayout, to layout: SiteLayout) -> Bool {
        guard let places = searchIndexPlaces[path], let file = rendered.file(at: path),
              let old = Self.searchIndexName(from: route, in: previous), let new = Self.searchIndexName(from: route, in: layout),
              old.count == new.count
        else { return false }
        rendered.set(file.replacing(at: places, with: new), at: path)
        unpublished?.insert(path)
        return true
    }

    /// How the page at `route` names the search index: its path from the page.
    private static func searchIndexName(from route: String, in layout: SiteLayout) -> [UInt8]? {
        guard let path = layout.assetPath(SiteLayout.searchIndexName) else { return nil }
        let root = Route.relativeURL(from: route, to: "")
        return Array(((root == "./" ? "" : root) + path).utf8)
    }

    /// What every name of the search index has, so a page whose text has it may name it.
    private static let searchIndexStem = Array("search-index".utf8)
}

/// A code section as a key of the section checks: hashed by its code, place and sizes
/// alone, and equal to another only when every field is, its writers' texts by their
/// bytes (see ``ExactText``). `LiveSiteTests.sectionFieldsAreThoseTheSectionChecksCompare`
/// fails when a section gains a field this does not compare.
private struct CheckedSection: Hashable {
    let section: CodeSection

    static func == (first: CheckedSection, second: CheckedSection) -> Bool {
        let (a, b) = (first.section, second.section)
        if a.isSame(as: b) { return true }
        // Field by field (the anchor is made from the code), without copying the
        // sub-sections: this runs for every section of an edited page.
        guard a.location == b.location, a.contextTypeID == b.contextTypeID, a.contextTypeLocation == b.contextTypeLocation,
              a.hasDescription == b.hasDescription, a.subsections.count == b.subsections.count,
              ExactText.sameBytes(a.code, b.code), ExactText.sameBytes(a.descriptionHTML, b.descriptionHTML),
              a.sample?.location == b.sample?.location, a.sample?.firstLine == b.sample?.firstLine,
              a.sample?.indents == b.sample?.indents, ExactText.sameBytes(a.sample?.text, b.sample?.text)
        else { return false }
        return a.subsections.indices.allSatisfy { index in
            a.subsections[index].kind == b.subsections[index].kind
                && a.subsections[index].location == b.subsections[index].location
                && a.subsections[index].hasContent == b.subsections[index].hasContent
                && ExactText.sameBytes(a.subsections[index].title, b.subsections[index].title)
                && ExactText.sameBytes(a.subsections[index].anchor, b.subsections[index].anchor)
                && ExactText.sameBytes(a.subsections[index].html, b.subsections[index].html)
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(section.code)
        hasher.combine(section.location.line)
        hasher.combine(section.location.column)
        hasher.combine(section.descriptionHTML.utf8.count)
        hasher.combine(section.sample?.text.utf8.count)
        hasher.combine(section.subsections.count)
    }
}

private extension Page {
    /// Whether the page's template is given the overview, which shows each code's summary.
    var showsSummaries: Bool { isSectionIndex || frontMatter.layout != nil }
}

private extension Array where Element == UInt8 {
    /// Whether `needle` is somewhere in the bytes.
    func contains(_ needle: [UInt8]) -> Bool { !offsets(of: needle, first: true).isEmpty }

    /// Where `needle` starts in the bytes, each time, not overlapping.
    func offsets(of needle: [UInt8], first: Bool = false) -> [Int] {
        guard !needle.isEmpty, needle.count <= count else { return [] }
        var found: [Int] = []
        withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                // Look for the needle's byte that is rarest at the start of the bytes (the
                // `x` of `search-index` in a page), not its first: fewer false starts.
                var counts = [Int](repeating: 0, count: 256)
                for byte in haystack.prefix(4096) { counts[Int(byte)] += 1 }
                let anchor = pattern.indices.min { counts[Int(pattern[$0])] < counts[Int(pattern[$1])] }!
                let base = haystack.baseAddress!, byte = Int32(pattern[anchor])
                var start = 0
                while start + pattern.count <= haystack.count,
                      let hit = memchr(base + start + anchor, byte, haystack.count - pattern.count + 1 - start) {
                    let offset = base.distance(to: UnsafeRawPointer(hit)) - anchor
                    if memcmp(base + offset, pattern.baseAddress!, pattern.count) == 0 {
                        found.append(offset)
                        if first { return }
                        start = offset + pattern.count
                    } else {
                        start = offset + 1
                    }
                }
            }
        }
        return found
    }
}

extension Diagnostic {
    /// A template problem, shown where the writer would look for it.
    init(_ error: TemplateError) {
        self.init(.error, .templateError, error.message,
                  at: SourceLocation(file: error.file, line: max(error.line, 1), column: max(error.column, 1)))
    }

    /// A problem rendering the site. Two files at one address are reported as a broken
    /// link: one of the two addresses would not lead where the site says it does.
    init(_ error: RenderError) {
        switch error {
        case .template(let error):
            self.init(error)
        case .conflict(let conflict):
            self.init(.error, .brokenLink, conflict.message, at: SourceLocation(file: conflict.file, line: 1, column: 1))
        }
    }
}
