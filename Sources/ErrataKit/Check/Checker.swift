/// Cross-checks parsed pages against the error model, in both directions, and
/// returns every disagreement; it never stops at the first.
///
/// Rules (see ``RuleID``):
/// - `unknown-code`: a `### CODE` section names a code the model lacks (error).
/// - `wrong-type`: a code sits under another type than the model gives it (error).
/// - `duplicate-code`: a code has more than one section (error).
/// - `undocumented-code`: a model code has no section (warning).
/// - `page-address`: a page's path or a model code cannot be a web address (``AddressRules``).
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

    public init(catalog: Catalog, modelSource: String = Checker.builtInModelSource, baseURL: String? = nil) {
        self.catalog = catalog
        self.modelSource = modelSource
        self.baseURL = baseURL
    }

    /// The file that declares the built-in catalog.
    public static let builtInModelSource = "Sources/ErrataKit/Model/Catalog+Concentrix.swift"

    /// Every diagnostic for `pages`, unsorted.
    public func check(_ pages: [Page]) -> [Diagnostic] {
        finish(Parallel.map(pages, pageDiagnostics).flatMap { $0 } + siteDiagnostics(pages, linkDiagnostics: nil), for: pages)
    }

    /// What can be said of one page alone: its codes against the model, its samples
    /// and how it is written. The preview keeps these per page and recomputes them
    /// only for a page that changed.
    public func pageDiagnostics(_ page: Page) -> [Diagnostic] {
        let samples = SampleChecker(catalog: catalog)
        var diagnostics: [Diagnostic] = []
        for section in page.codeSections {
            diagnostics += checkCode(of: section)
            diagnostics += samples.check(section)
        }
        diagnostics += AddressRules(modelSource: modelSource).check(page).map { [$0] } ?? []
        return diagnostics + PageRules().check(page)
    }

    /// What needs every page: duplicates, undocumented codes, overview tables, and
    /// links (`linkDiagnostics`, when the caller has them for some pages already,
    /// returns them; `nil` means check every page's links).
    public func siteDiagnostics(_ pages: [Page], linkDiagnostics: ((Page, LinkChecker) -> [Diagnostic])?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstSection: [String: SourceLocation] = [:]
        for page in pages {
            for section in page.codeSections {
                if let first = firstSection[section.code] {
                    diagnostics.append(Diagnostic(
                        .error, .duplicateCode,
                        "\(section.code) is already documented at \(first); keep one section and remove the other",
                        at: section.location))
                } else {
                    firstSection[section.code] = section.location
                }
            }
        }
        diagnostics += undocumentedCodes(in: pages, documented: Set(firstSection.keys))
        diagnostics += AddressRules(modelSource: modelSource).check(catalog)
        let links = LinkChecker(pages: pages, baseURL: baseURL)
        let tables = OverviewTableChecker(catalog: catalog, documented: firstSection)
        if let linkDiagnostics {
            for page in pages { diagnostics += linkDiagnostics(page, links) + tables.check(page) }
        } else {
            diagnostics += Parallel.map(pages) { links.check($0) + tables.check($0) }.flatMap { $0 }
        }
        return diagnostics
    }

    /// Applies the pages' `errata-disable` comments to everything found.
    public func finish(_ diagnostics: [Diagnostic], for pages: [Page]) -> [Diagnostic] {
        Suppressions().apply(to: diagnostics, pages: pages)
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
        let missing = catalog.codes.filter { !documented.contains($0.code) }
        guard !missing.isEmpty, let fallbackPage = pages.first(where: \.isSectionIndex) ?? pages.first else { return [] }
        // The sections of each type in document order, with their sort keys, built once.
        var sectionsByType: [String: [(key: String, section: CodeSection)]] = [:]
        for page in pages {
            for section in page.codeSections {
                guard let type = section.contextTypeID ?? catalog.code(named: section.code)?.type else { continue }
                sectionsByType[type, default: []].append((section.code.alphabeticalKey, section))
            }
        }
        return missing.map { code in
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
}
