/// Cross-checks parsed pages against the error model, in both directions, and
/// returns every disagreement; it never stops at the first.
///
/// Rules (see ``RuleID``):
/// - `unknown-code`: a `### CODE` section names a code the model lacks (error).
/// - `wrong-type`: a code sits under another type than the model gives it (error).
/// - `duplicate-code`: a code has more than one section (error), reported at each
///   section but the one to keep: the first on its own type's page, else the first.
/// - `undocumented-code`: a model code has no section (warning); when a heading looks
///   like the code but for an invisible or look-alike character, the warning is there.
/// - `page-address`: a page's path or a model code cannot be a web address (``AddressRules``).
/// - `code-name`: a model code no heading can name (``ModelRules``).
/// - `lookalike-heading`: a heading that is a code but for a character (``LookalikeHeadings``).
/// - `address-conflict`: two files of the site at one address (``AddressConflictCheck``).
/// - `layout`: a page's layout has no template or drops its code sections (``LayoutRules``),
///   when the templates are known.
/// - `second-title`: a `#` heading in a page's body beside its title (``TitleRules``).
/// - the sample rules of ``SampleChecker``, the writing rules of ``PageRules``, the
///   link rules of ``LinkChecker`` and the table rules of ``OverviewTableChecker``;
///   then ``Suppressions`` applies the writers' `errata-disable` comments.
public struct Checker: Sendable {
    public var catalog: Catalog
    /// Where the model is written, for messages that say "add it to the model in …".
    public var modelSource: String
    /// The address the site is served from (`https://concentrix.com/`): absolute links
    /// under it are checked as links inside the site.
    public var baseURL: String?
    /// The templates' layouts, when the templates folder is known: each page's layout
    /// is then checked against them.
    public var layouts: PageLayouts?

    public init(
        catalog: Catalog, modelSource: String = Checker.builtInModelSource, baseURL: String? = nil,
        layouts: PageLayouts? = nil
    ) {
        self.catalog = catalog
        self.modelSource = modelSource
        self.baseURL = baseURL
        self.layouts = layouts
    }

    /// The file that declares the built-in catalog.
    public static let builtInModelSource = "Sources/ErrataKit/Model/Catalog+Concentrix.swift"

    /// Every diagnostic for `pages`, unsorted. `pageDiagnostics`, when the caller has
    /// the ``pageDiagnostics(_:sectionDiagnostics:)`` of every page already (made while
    /// each page was whole), saves working them out; `pages` need then be no more than
    /// their ``Page/crossPageFacts``.
    public func check(_ pages: [Page], pageDiagnostics: [Diagnostic]? = nil) -> [Diagnostic] {
        let alone = pageDiagnostics ?? Parallel.map(pages) { self.pageDiagnostics($0) }.flatMap { $0 }
        return finish(alone + siteDiagnostics(pages, linkDiagnostics: nil), for: pages)
    }

    /// What can be said of one page alone: its codes against the model, its samples
    /// and how it is written. The preview keeps these per page and recomputes them
    /// only for a page that changed.
    /// `sectionDiagnostics`, when the caller keeps them for some sections already,
    /// returns ``sectionDiagnostics(_:)`` of each section.
    public func pageDiagnostics(_ page: Page, sectionDiagnostics: ((CodeSection) -> [Diagnostic])? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for section in page.codeSections {
            diagnostics += sectionDiagnostics?(section) ?? self.sectionDiagnostics(section)
        }
        diagnostics += AddressRules(modelSource: modelSource).check(page).map { [$0] } ?? []
        diagnostics += LookalikeHeadings(catalog: catalog).check(page)
        if let layouts, let problem = LayoutRules(layouts: layouts).check(page) { diagnostics.append(problem) }
        return diagnostics + PageRules().check(page) + TitleRules().check(page)
    }

    /// What can be said of one code section alone: its code against the model and
    /// its sample. It depends on nothing but the section (its text and places) and
    /// the model.
    public func sectionDiagnostics(_ section: CodeSection) -> [Diagnostic] {
        checkCode(of: section) + SampleChecker(catalog: catalog).check(section)
    }

    /// What needs every page: duplicates, undocumented codes, overview tables, and
    /// links (`linkDiagnostics`, when the caller has them for some pages already,
    /// returns them; `nil` means check every page's links). `links`, a link checker of
    /// these pages made before, and `addressConflicts`, their ``addressConflicts(of:)``,
    /// and `modelDiagnostics`, the ``modelDiagnostics()``, save working them out again.
    /// `codeFindings`, the pages' ``codeFindings(of:)``, likewise.
    public func siteDiagnostics(
        _ pages: [Page], links: LinkChecker? = nil, addressConflicts: [Diagnostic]? = nil, modelDiagnostics: [Diagnostic]? = nil,
        codeFindings: CodeFindings? = nil, linkDiagnostics: ((Page, LinkChecker) -> [Diagnostic])?
    ) -> [Diagnostic] {
        // What is not given is worked out on both cores: each half needs every page.
        let ((codes, model), (conflicts, links)) = Parallel.both {
            (codeFindings ?? self.codeFindings(of: pages), modelDiagnostics ?? self.modelDiagnostics())
        } _: {
            // Both find the codes' short addresses in one site map.
            let map = addressConflicts == nil || links == nil ? SiteMap(pages: pages, catalog: catalog) : nil
            return (
                addressConflicts ?? self.addressConflicts(of: pages, map: map),
                links ?? LinkChecker(pages: pages, baseURL: baseURL, catalog: catalog, map: map))
        }
        let firstSection = codes.documented
        var diagnostics = codes.diagnostics + model + conflicts
        let tables = OverviewTableChecker(catalog: catalog, documented: firstSection)
        if let linkDiagnostics {
            for page in pages { diagnostics += linkDiagnostics(page, links) + tables.check(page) }
        } else {
            diagnostics += Parallel.map(pages) { links.check($0) + tables.check($0) }.flatMap { $0 }
        }
        return diagnostics
    }

    /// Where each code is documented (the section kept), and `duplicate-code` and
    /// `undocumented-code`. They depend only on each page's code sections (codes,
    /// places, types in force), headings and type, and the model.
    public struct CodeFindings: Sendable {
        public var documented: [String: SourceLocation]
        public var diagnostics: [Diagnostic]
    }

    public func codeFindings(of pages: [Page]) -> CodeFindings {
        let (kept, duplicates) = keptSections(of: pages)
        return CodeFindings(documented: kept, diagnostics: duplicates + undocumentedCodes(in: pages, documented: Set(kept.keys)))
    }

    /// What can be said of the model alone: codes no heading can name, or that cannot
    /// be a web address (`code-name`, `page-address`).
    public func modelDiagnostics() -> [Diagnostic] {
        AddressRules(modelSource: modelSource).check(catalog) + ModelRules(modelSource: modelSource).check(catalog)
    }

    /// `address-conflict`: files of the site that would share an address. It depends
    /// only on the pages' paths and routes, the codes they document, and the model.
    /// `map`, the pages' ``SiteMap`` (without summaries), saves making it.
    public func addressConflicts(of pages: [Page], map: SiteMap? = nil) -> [Diagnostic] {
        AddressConflictCheck(
            entries: AddressConflictCheck.foreseenEntries(of: pages, catalog: catalog, hasBaseURL: baseURL != nil, map: map)
        ).diagnostics(modelSource: modelSource)
    }

    /// Applies the pages' `errata-disable` comments to everything found.
    public func finish(_ diagnostics: [Diagnostic], for pages: [Page]) -> [Diagnostic] {
        Suppressions().apply(to: diagnostics, pages: pages)
    }

    /// The section kept for each code, and `duplicate-code` for the others. The one
    /// kept is the first on a page of the code's own type (so a section under another
    /// type, which `wrong-type` also reports, is the one to remove), else the first.
    private func keptSections(of pages: [Page]) -> (kept: [String: SourceLocation], duplicates: [Diagnostic]) {
        // Only what the choice needs, not copies of whole sections; an array of
        // places only for the codes documented more than once.
        typealias Place = (code: String, location: SourceLocation, contextTypeID: String?)
        var firsts: [Place] = []
        var firstIndex: [String: Int] = [:]
        var repeats: [String: [Place]] = [:]
        for page in pages {
            for case .code(let section) in page.blocks {
                let place = (section.code, section.location, section.contextTypeID)
                if let index = firstIndex[section.code] {
                    repeats[section.code, default: [firsts[index]]].append(place)
                } else {
                    firstIndex[section.code] = firsts.count
                    firsts.append(place)
                }
            }
        }
        var kept: [String: SourceLocation] = [:]
        kept.reserveCapacity(firsts.count)
        var duplicates: [Diagnostic] = []
        for first in firsts {
            let code = first.code
            guard let all = repeats[code] else {
                kept[code] = first.location
                continue
            }
            let modelType = catalog.code(named: code)?.type
            let keeper = all.first { modelType != nil && ($0.contextTypeID == nil || $0.contextTypeID == modelType) } ?? first
            kept[code] = keeper.location
            for section in all where section.location != keeper.location {
                let misplaced = section.contextTypeID != nil && modelType != nil && section.contextTypeID != modelType
                duplicates.append(Diagnostic(
                    .error, .duplicateCode,
                    "\(section.code) is already documented at \(keeper.location)"
                        + (misplaced ? ", on the page of its type \(modelType ?? "")" : "")
                        + "; keep one section and remove \(misplaced ? "this one" : "the other")",
                    at: section.location))
            }
        }
        return (kept, duplicates)
    }

    /// `unknown-code` and `wrong-type` for one section.
    private func checkCode(of section: CodeSection) -> [Diagnostic] {
        guard let code = catalog.code(named: section.code) else {
            let suggestion = catalog.suggestion(for: section.code).map { " — did you mean \($0)?" } ?? ""
            return [Diagnostic(
                .error, .unknownCode,
                "unknown error code \(section.code); add it to the model in \(modelSource), "
                    + "or fix the heading\(suggestion)",
                at: section.location)]
        }
        guard let contextID = section.contextTypeID, contextID != code.type else { return [] }
        let modelType = catalog.type(withID: code.type)
        let setAt = section.contextTypeLocation.map { " (set at line \($0.line))" } ?? ""
        return [Diagnostic(
            .error, .wrongType,
            "\(code.code) has type \(code.type) in the model but is documented under \(contextID)\(setAt); "
                + "move the section to the \(modelType?.title ?? code.type) page, or change its type in \(modelSource)",
            at: section.location)]
    }

    /// `undocumented-code`: each model code without a section, reported where its
    /// section belongs — on the page of its type, before the code that follows it
    /// alphabetically.
    private func undocumentedCodes(in pages: [Page], documented: Set<String>) -> [Diagnostic] {
        // A code no heading can name is the model's `code-name` or `page-address` error.
        let missing = catalog.codes.filter { !documented.contains($0.code) && $0.code.isErrorCode }
        guard !missing.isEmpty, let fallbackPage = pages.first(where: \.isSectionIndex) ?? pages.first else { return [] }
        // Headings that are a missing code but for an invisible or look-alike character.
        var lookalikes: [String: LookalikeHeadings.Finding] = [:]
        let headings = LookalikeHeadings(catalog: catalog)
        for page in pages {
            for finding in headings.findings(in: page) where lookalikes[finding.code] == nil {
                lookalikes[finding.code] = finding
            }
        }
        // The sections of each type in document order, with their sort keys, built once.
        var sectionsByType: [String: [(key: String, section: CodeSection)]] = [:]
        for page in pages {
            for section in page.codeSections {
                guard let type = section.contextTypeID ?? catalog.code(named: section.code)?.type else { continue }
                sectionsByType[type, default: []].append((section.code.alphabeticalKey, section))
            }
        }
        return missing.map { code in
            if let near = lookalikes[code.code] {
                return Diagnostic(
                    .warning, .undocumentedCode,
                    "\(code.code) is in the model but has no section: the heading that looks like it has "
                        + "\(near.characterDescription); fix the heading",
                    at: near.location)
            }
            let sections = sectionsByType[code.type] ?? []
            let key = code.code.alphabeticalKey
            let following = sections.first { $0.key > key }?.section
            let location = following?.location
                ?? sections.last?.section.location
                ?? pages.first { $0.errorTypeID == code.type }.map { SourceLocation(file: $0.file, line: 1, column: 1) }
                ?? SourceLocation(file: fallbackPage.file, line: 1, column: 1)
            let place = following.map { "before \($0.code)" } ?? "with the other \(code.type) codes"
            return Diagnostic(
                .warning, .undocumentedCode,
                "\(code.code) is in the model but has no section; add `### \(code.code)` to \(location.file) \(place)",
                at: location)
        }
    }
}

extension String {
    /// The key the docs sort codes by: underscores count as spaces, so
    /// INSTITUTION_NO_LONGER_SUPPORTED comes before INSTITUTION_NOT_AVAILABLE.
    var alphabeticalKey: String {
        return String(decoding: utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// Whether the text's ``alphabeticalKey`` sorts before `other`'s, without making
    /// either key when both are ASCII (as codes are), where the keys' order is their
    /// bytes'.
    func sortsAlphabetically(before other: String) -> Bool {
        var (first, second) = (self, other)
        let result: Bool? = first.withUTF8 { a in
            second.withUTF8 { b in
                // Anything else is compared as Swift compares texts, after normalising: a
                // combining mark can change the letter before it.
                guard a.allSatisfy({ $0 < 0x80 }), b.allSatisfy({ $0 < 0x80 }) else { return nil }
                func key(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "_") ? UInt8(ascii: " ") : byte }
                for index in 0..<Swift.min(a.count, b.count) where key(a[index]) != key(b[index]) {
                    return key(a[index]) < key(b[index])
                }
                return a.count < b.count
            }
        }
        return result ?? (alphabeticalKey < other.alphabeticalKey)
    }
}
