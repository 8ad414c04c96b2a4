import Foundation

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
    /// Whether a code has more than one section (its summary is then its first's).
    private var repeatsCodes = false
    /// The ``ExactText/fingerprint(_:)`` of what the map was made from, but the
    /// summaries, and of the summaries: so maps that differ only in a text's
    /// normalisation are not equal.
    private var textFingerprint = 0
    var summariesFingerprint = 0
    /// Names this map's summaries among all maps made in the process: what was made
    /// from them can tell whether they are the ones it was made from.
    private(set) var summariesVersion = SiteMap.newVersion()
    /// For a map made by ``replaceSummaries(from:changed:)`` from one whose
    /// summaries are `from` (a ``summariesVersion``): the codes whose summaries
    /// differ from that map's. What was made from that map need look at those alone.
    private(set) var summaryChange: (from: Int, codes: [String])?

    /// The codes whose summaries may differ from those of the map with `version`, when
    /// this map was made from it by replacing summaries; `nil` when any may.
    func codesWithChangedSummaries(since version: Int) -> [String]? {
        guard let summaryChange, summaryChange.from == version else { return nil }
        return summaryChange.codes
    }

    private static let versions = NSLock()
    nonisolated(unsafe) private static var lastVersion = 0

    private static func newVersion() -> Int {
        versions.withLock {
            lastVersion += 1
            return lastVersion
        }
    }

    /// Equal when every part is; the fingerprints are compared first, so maps that
    /// differ (most often in one summary) are told apart at once, and maps that share
    /// their dictionaries compare them by identity.
    public static func == (first: SiteMap, second: SiteMap) -> Bool {
        first.textFingerprint == second.textFingerprint && first.summariesFingerprint == second.summariesFingerprint
            && first.repeatsCodes == second.repeatsCodes && first.typeRoutes == second.typeRoutes
            && first.navigation == second.navigation && first.codeAddresses == second.codeAddresses
            && first.codeSummaries == second.codeSummaries
    }

    struct NavigationEntry: Sendable, Equatable {
        var title: String
        var route: String
    }

    public init(pages: [Page], catalog: Catalog, withSummaries: Bool = false) {
        self.init(contributions: Parallel.map(pages) { Contribution(of: $0, withSummaries: withSummaries) }, catalog: catalog)
    }

    /// What one page gives the map: the preview keeps these, and makes a page's again
    /// only when the page changed.
    struct Contribution: Sendable, Equatable {
        var route: String
        var title: String
        var isSectionIndex: Bool
        var errorTypeID: String?
        /// Each code section's code, anchor and summary, in order.
        var codes: [String]
        var anchors: [String]
        var summaries: [String?]
        /// The ``ExactText/fingerprint(_:)`` of the title, codes and anchors, and of
        /// the summaries.
        var textFingerprint: Int
        var summariesFingerprint: Int

        init(of page: Page, withSummaries: Bool) {
            let sections = page.codeSections
            self.init(of: page, sections: sections, summaries: withSummaries
                ? page.codeSummaries ?? sections.map { CodeSummary.firstSentence(ofHTML: $0.descriptionHTML) }
                : [])
        }

        /// With the summaries of `sections`, the page's code sections, worked out already.
        init(of page: Page, sections: [CodeSection], summaries: [String?]) {
            route = page.route
            title = page.title
            isSectionIndex = page.isSectionIndex
            errorTypeID = page.errorTypeID
            codes = sections.map(\.code)
            anchors = sections.map(\.anchor)
            self.summaries = summaries
            textFingerprint = ExactText.fingerprint([title], codes, anchors)
            summariesFingerprint = ExactText.fingerprint(summaries)
        }

        /// Whether the two differ in nothing but the summaries.
        func differsOnlyInSummaries(from other: Contribution) -> Bool {
            var same = self
            same.summaries = other.summaries
            same.summariesFingerprint = other.summariesFingerprint
            return same == other
        }
    }

    init(contributions: [Contribution], catalog: Catalog) {
        for page in contributions {
            if let typeID = page.errorTypeID, typeRoutes[typeID] == nil { typeRoutes[typeID] = page.route }
            for (index, code) in page.codes.enumerated() {
                guard codeAddresses[code] == nil else {
                    repeatsCodes = true
                    continue
                }
                codeAddresses[code] = page.route + "#" + page.anchors[index]
            }
        }
        codeSummaries = Self.summaries(of: contributions)
        (textFingerprint, summariesFingerprint) = Self.fingerprints(of: contributions)
        navigation = contributions.filter(\.isSectionIndex).map { NavigationEntry(title: $0.title, route: $0.route) }
        for type in catalog.types {
            guard let route = typeRoutes[type.id], let page = contributions.first(where: { $0.route == route }) else { continue }
            navigation.append(NavigationEntry(title: page.title, route: route))
        }
    }

    /// Where a code's section is: its own section, else its type's page.
    func address(of code: ErrorCode) -> String? {
        codeAddresses[code.code] ?? typeRoutes[code.type]
    }

    /// Takes the summaries of `contributions`, which must differ from those the map was
    /// made from in nothing else; `changed` are those whose summaries differ. The rest
    /// stays shared with the map this one was copied from, so that comparing the two's
    /// addresses is immediate. While every code has one section, only the changed
    /// pages' codes get their summaries again.
    mutating func replaceSummaries(from contributions: [Contribution], changed: [Contribution]) {
        let summariesVersion = self.summariesVersion
        summariesFingerprint = Self.fingerprints(of: contributions).summaries
        self.summariesVersion = Self.newVersion()
        guard !repeatsCodes else {
            codeSummaries = Self.summaries(of: contributions)
            summaryChange = nil
            return
        }
        // Only the codes whose summaries differ are written and named, so what was
        // made from this map looks at those alone (one, after an edit of one section).
        var changedCodes: [String] = []
        for page in changed {
            for (index, code) in page.codes.enumerated() {
                let summary = index < page.summaries.count ? page.summaries[index] : nil
                guard !ExactText.sameBytes(codeSummaries[code], summary) else { continue }
                codeSummaries[code] = summary
                changedCodes.append(code)
            }
        }
        summaryChange = (summariesVersion, changedCodes)
    }

    private static func fingerprints(of contributions: [Contribution]) -> (text: Int, summaries: Int) {
        var text = Hasher(), summaries = Hasher()
        for page in contributions {
            text.combine(page.textFingerprint)
            summaries.combine(page.summariesFingerprint)
        }
        return (text.finalize(), summaries.finalize())
    }

    /// Each code's summary: the one of the first section of the code, if it has one.
    private static func summaries(of contributions: [Contribution]) -> [String: String] {
        var summaries: [String: String] = [:], seen: Set<String> = []
        for page in contributions {
            for (index, code) in page.codes.enumerated() where seen.insert(code).inserted {
                if index < page.summaries.count, let summary = page.summaries[index] { summaries[code] = summary }
            }
        }
        return summaries
    }
}
