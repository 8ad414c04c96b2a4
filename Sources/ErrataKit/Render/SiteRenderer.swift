import Foundation

/// Renders parsed pages through the templates into the files of the site.
///
/// Every link the renderer writes is relative, so the site works under any path of
/// any static host. The overview table is generated from the model, never from a
/// page, so it cannot go stale.
public struct SiteRenderer: Sendable {
    public var catalog: Catalog
    public var templates: TemplateSet

    public init(catalog: Catalog, templates: TemplateSet) {
        self.catalog = catalog
        self.templates = templates
    }

    /// The site: one `index.html` per page, then the assets.
    public func render(_ pages: [Page]) throws(TemplateError) -> [OutputFile] {
        let site = SiteMap(pages: pages, catalog: catalog)
        var files: [OutputFile] = []
        for page in pages {
            files.append(try render(page, in: site))
        }
        return files + templates.assets
    }

    /// One page's `index.html`. `site` is the ``SiteMap`` of all the pages.
    public func render(_ page: Page, in site: SiteMap) throws(TemplateError) -> OutputFile {
        let name = page.frontMatter.layout ?? (page.isSectionIndex ? "list" : "page")
        guard templates.names.contains(name) else {
            throw TemplateError(
                file: page.file, line: 1, column: 1,
                message: "layout \"\(name)\" has no template; add \(name).mustache to the templates folder")
        }
        let html = try templates.render(context(for: page, in: site), with: name)
        return OutputFile(path: page.route + "index.html", text: html)
    }

    // MARK: - Contexts

    private func context(for page: Page, in site: SiteMap) -> [String: Any] {
        let root = Route.relativeURL(from: page.route, to: "")
        var context: [String: Any] = [
            "title": page.title,
            "description": page.frontMatter.description ?? "",
            "root": root == "./" ? "" : root,
            "nav": site.navigation.map { entry -> [String: Any] in
                [
                    "title": entry.title,
                    "url": Route.relativeURL(from: page.route, to: entry.route),
                    "current": entry.route == page.route,
                ]
            },
            "lead": page.blocks.prefix(while: \.isHTML).map { body($0, of: page) },
            "body": page.blocks.drop(while: \.isHTML).map { body($0, of: page) },
            "codes": page.codeSections.map { ["code": $0.code, "anchor": $0.anchor] },
            "hasCodes": !page.codeSections.isEmpty,
            "home": site.navigation.first.map { Route.relativeURL(from: page.route, to: $0.route) } ?? root,
        ]
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

    private func body(_ block: PageBlock, of page: Page) -> [String: Any] {
        switch block {
        case .html(let html):
            return ["html": html]
        case .heading(let heading):
            return ["heading": ["level": heading.level, "html": heading.html, "anchor": heading.anchor]]
        case .code(let section):
            return ["code": code(section, in: page)]
        }
    }

    private func code(_ section: CodeSection, in page: Page) -> [String: Any] {
        let level = headingLevel(of: section, in: page)
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

    /// Codes are headings one level below the heading they follow (a `## <Type>`
    /// heading on a page that documents several types), and at least `h2`.
    private func headingLevel(of section: CodeSection, in page: Page) -> Int {
        var level = 1
        for block in page.blocks {
            switch block {
            case .heading(let heading): level = heading.level
            case .code(let other) where other.location == section.location: return min(max(level + 1, 2), 5)
            default: continue
            }
        }
        return 2
    }
}

private extension PageBlock {
    var isHTML: Bool {
        if case .html = self { true } else { false }
    }
}

/// Where things are published: each code's section and each type's page. Every
/// page's links depend on it, so a change that leaves it equal re-renders one page.
public struct SiteMap: Sendable, Equatable {
    /// The route and anchor of each documented code (`docs/errors/item/#access_not_granted`).
    var codeAddresses: [String: String] = [:]
    /// The route of the page that documents each type.
    var typeRoutes: [String: String] = [:]
    /// The pages the side navigation lists: folder overviews, then type pages in the
    /// model's order.
    var navigation: [NavigationEntry] = []

    struct NavigationEntry: Sendable, Equatable {
        var title: String
        var route: String
    }

    public init(pages: [Page], catalog: Catalog) {
        for page in pages {
            if let typeID = page.errorTypeID, typeRoutes[typeID] == nil { typeRoutes[typeID] = page.route }
            for section in page.codeSections where codeAddresses[section.code] == nil {
                codeAddresses[section.code] = page.route + "#" + section.anchor
            }
        }
        navigation = pages.filter(\.isSectionIndex).map { NavigationEntry(title: $0.title, route: $0.route) }
        for type in catalog.types {
            guard let route = typeRoutes[type.id], let page = pages.first(where: { $0.route == route }) else { continue }
            navigation.append(NavigationEntry(title: page.title, route: route))
        }
    }

    /// Where a code's section is: its own section, else its type's page.
    func address(of code: ErrorCode) -> String? {
        codeAddresses[code.code] ?? typeRoutes[code.type]
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
