/// Where everything of a site is published: the pages, each code's section, the
/// fingerprinted assets and the search index, and the folder of the overview. Every
/// page's links depend on it, so a rebuild that leaves it equal re-renders only the
/// pages that changed.
public struct SiteLayout: Sendable, Equatable {
    /// Where each code's section and each type's page is.
    public private(set) var map: SiteMap
    /// The route of every page, in the pages' order.
    let routes: [String]
    /// The published assets by their name under `assets/` (`style.css`), with their
    /// fingerprinted path (`assets/style.1f2e3d4c5b.css`); the search index is
    /// `search-index.js`.
    let assets: [String: OutputFile]
    /// The folder of the overview page that lists every code (`docs/errors/`): the
    /// codes' short addresses and `errors.json` are published in it.
    let referenceRoute: String

    /// The name of the search index among the ``assets``.
    static let searchIndexName = "search-index.js"

    init(map: SiteMap, routes: [String], assets: [String: OutputFile], referenceRoute: String) {
        self.map = map
        self.routes = routes
        self.assets = assets
        self.referenceRoute = referenceRoute
    }

    /// The layout with the bytes of the asset `name` let go, its path kept: for a
    /// build that has written the asset already.
    func lettingGo(ofBytesOf name: String) -> SiteLayout {
        var assets = self.assets
        assets[name]?.bytes = []
        return SiteLayout(map: map, routes: routes, assets: assets, referenceRoute: referenceRoute)
    }

    /// The layout's map, its summaries moved out of the layout, which is left without
    /// them: a map made from it that changes a few summaries then changes them in place,
    /// not in a copy of them all (while no other copy of the layout holds them).
    mutating func takingMap() -> SiteMap {
        let map = self.map
        self.map.codeSummaries = [:]
        return map
    }

    /// Whether the layout is `other`'s but for the codes' summaries, and so for the
    /// search index that holds them: then only the pages that show summaries (the
    /// overview) change, and the others only in the search index's name.
    func differsOnlyInSummaries(from other: SiteLayout) -> Bool {
        var map = self.map
        map.codeSummaries = other.map.codeSummaries
        map.summariesFingerprint = other.map.summariesFingerprint
        var assets = self.assets, otherAssets = other.assets
        assets[Self.searchIndexName] = nil
        otherAssets[Self.searchIndexName] = nil
        return map == other.map && routes == other.routes && referenceRoute == other.referenceRoute && assets == otherAssets
    }

    /// The asset names, sorted.
    var assetNames: [String] { assets.keys.sorted() }

    /// The published path of the asset `name` (`style.css`), relative to the site root.
    func assetPath(_ name: String) -> String? {
        assets[name]?.path
    }

    /// The short address of a code (`docs/errors/ACCESS_NOT_GRANTED/`): a folder of the
    /// overview's, named by the code, that leads to the code's section. `nil` when the
    /// site has no page for the code.
    func shortRoute(of code: ErrorCode) -> String? {
        map.address(of: code) == nil ? nil : referenceRoute + code.code + "/"
    }

    /// The folder for the short addresses and `errors.json`: the deepest folder
    /// overview (`_index.md`) that holds every type page; without one, the folder the
    /// type pages share; without type pages, the site root.
    static func referenceRoute(of pages: [Page], map: SiteMap) -> String {
        let typeRoutes = Set(map.typeRoutes.values)
        let overviews = pages.filter(\.isSectionIndex).map(\.route)
        if let deepest = overviews.filter({ index in typeRoutes.allSatisfy { $0.hasPrefix(index) } })
            .max(by: { $0.count < $1.count }) {
            return deepest
        }
        guard let first = typeRoutes.min() else { return "" }
        var shared = first.split(separator: "/").dropLast()
        for route in typeRoutes {
            let components = route.split(separator: "/").dropLast()
            while !components.starts(with: shared) { shared = shared.dropLast() }
        }
        return shared.map { $0 + "/" }.joined()
    }
}
