/// Where things are published: each code's section and each type's page. Every
/// page's links depend on it, so a change that leaves it equal re-renders one page.
public struct SiteMap: Sendable, Equatable {
    /// The route and anchor of each documented code (`docs/errors/item/#access_not_granted`).
    var codeAddresses: [String: String] = [:]
    /// The one-line meaning of each documented code: the first sentence of its
    /// description (see ``CodeSummary``), for the overview and the search results.
    /// Only a map made `withSummaries` has them: the checks need addresses alone.
    var codeSummaries: [String: String] = [:]
    /// The route of the page that documents each type.
    var typeRoutes: [String: String] = [:]
    /// The pages the side navigation lists: folder overviews, then type pages in the
    /// model's order.
    var navigation: [NavigationEntry] = []

    struct NavigationEntry: Sendable, Equatable {
        var title: String
        var route: String
    }

    /// `summary`, when given, is used for the summaries instead of
    /// ``CodeSummary/firstSentence(ofHTML:)`` (the preview keeps them).
    public init(pages: [Page], catalog: Catalog, withSummaries: Bool = false, summary: ((String) -> String?)? = nil) {
        for page in pages {
            if let typeID = page.errorTypeID, typeRoutes[typeID] == nil { typeRoutes[typeID] = page.route }
            for section in page.codeSections where codeAddresses[section.code] == nil {
                codeAddresses[section.code] = page.route + "#" + section.anchor
                if withSummaries,
                   let summary = summary?(section.descriptionHTML) ?? CodeSummary.firstSentence(ofHTML: section.descriptionHTML) {
                    codeSummaries[section.code] = summary
                }
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
