/// Checks every link that stays inside the site.
///
/// - `broken-link`: a link to a page the site does not have.
/// - `broken-anchor`: a link to a page that exists, with an anchor it does not have.
///
/// A link is inside the site when it is relative (`../item/#access_not_granted`),
/// root-relative (`/docs/errors/item/`), only an anchor (`#access_not_granted`), or an
/// absolute URL under the base URL the site is served from (`--base-url`). Pages are
/// the content's and the codes' short addresses (`docs/errors/ACCESS_NOT_GRANTED/`); a
/// link to a `.html` file must name one the site publishes (a page's `index.html`, or
/// `404.html`). Links to other files (images, assets, `errors.json`) are not checked.
///
/// A path is percent-decoded segment by segment, as a host does (`insti%74ution` is
/// `institution`; `%2F` stays part of its segment), and a fragment as a browser does.
/// Then, as everything Errata publishes, they match by their bytes: a link that
/// matches a page or anchor only after Unicode normalisation (an NFD `é` against the
/// NFC one the site publishes) is broken in a browser, and is reported with a hint.
///
/// Each finding suggests the nearest page or anchor when one is close. The search
/// compares the link with every candidate, so a page's suggestions share a budget
/// (``suggestionBudget``): a page of thousands of headings and broken links is still
/// checked in a moment, and its last broken links go without a suggestion.
public struct LinkChecker: Sendable {
    /// Each page's anchors, by route; a short address has none.
    public let anchorsByRoute: [String: Set<String>]
    /// The same, by the bytes of their routes, which is how browsers and hosts compare
    /// them (see ``hasAnchor(_:in:)``). The sets are the pages' own, not copies.
    private let anchorsByRouteBytes: [ExactText: Set<String>]
    /// The `.html` files the site publishes besides each page's `index.html`.
    static let publishedHTMLFiles: Set<[UInt8]> = [Array(NotFoundPageGenerator.path.utf8)]
    /// The base URL without its trailing slash, if given.
    let baseURL: String?
    /// What a suggestion may be: the routes, and each page's anchors, sorted so
    /// that the same site always gets the same suggestions; sorted the first time a
    /// broken link asks, since most checks find none.
    private let candidates: SuggestionCandidates

    /// The most one page's suggestions may cost, in cells of the edit-distance
    /// tables, each word and candidate counted ``comparisonOverhead`` longer than it
    /// is for the work a comparison costs besides its table: tens of thousands of
    /// comparisons of short anchors, a few dozen of long ones; a few hundredths of a
    /// second.
    static let suggestionBudget = 20_000_000
    static let comparisonOverhead = 16

    /// The links found to lead somewhere, for a checker that checks pages again and
    /// again (the preview): each is then worked out once. `nil` checks every link.
    private let fineLinks: FineLinks?

    /// `catalog`, when given, adds the short address of each code that has a page;
    /// `map`, the pages' ``SiteMap`` (without summaries), saves making it. With
    /// `remembersFineLinks`, a link found to lead somewhere is not worked out again
    /// on its page.
    init(pages: [Page], baseURL: String?, catalog: Catalog? = nil, map: SiteMap? = nil, remembersFineLinks: Bool = false) {
        fineLinks = remembersFineLinks ? FineLinks() : nil
        var anchors: [String: Set<String>] = [:]
        var anchorsByBytes: [ExactText: Set<String>] = [:]
        func add(_ pageAnchors: Set<String>, at route: String) {
            // A route's first page shares its set; another page at that route (refused
            // elsewhere) adds to it.
            if anchors[route] == nil { anchors[route] = pageAnchors } else { anchors[route]!.formUnion(pageAnchors) }
            let exact = ExactText(route)
            if anchorsByBytes[exact] == nil { anchorsByBytes[exact] = pageAnchors } else { anchorsByBytes[exact]!.formUnion(pageAnchors) }
        }
        for page in pages { add(page.anchors, at: page.route) }
        if let catalog {
            let map = map ?? SiteMap(pages: pages, catalog: catalog)
            let referenceRoute = SiteLayout.referenceRoute(of: pages, map: map)
            for code in catalog.codes where map.address(of: code) != nil {
                add([], at: referenceRoute + code.code + "/")
            }
        }
        anchorsByRoute = anchors
        anchorsByRouteBytes = anchorsByBytes
        candidates = SuggestionCandidates(anchors)
        var base = baseURL
        while base?.hasSuffix("/") == true { base?.removeLast() }
        self.baseURL = base
    }

    public func check(_ page: Page) -> [Diagnostic] {
        var budget = Self.suggestionBudget
        guard let fineLinks else { return page.links.compactMap { check($0, on: page, budget: &budget) } }
        // What a link leads to depends on its bytes and its page's route alone.
        let known = fineLinks.links
        let route = ExactText(page.route)
        var found: [FineLink] = []
        let diagnostics = page.links.compactMap { link -> Diagnostic? in
            let key = FineLink(destination: ExactText(link.destination), route: route)
            if known.contains(key) { return nil }
            let diagnostic = check(link, on: page, budget: &budget)
            if diagnostic == nil { found.append(key) }
            return diagnostic
        }
        if !found.isEmpty { fineLinks.add(found) }
        return diagnostics
    }

    private struct FineLink: Hashable, Sendable {
        let destination: ExactText
        let route: ExactText
    }

    private final class FineLinks: @unchecked Sendable {
        private let lock = NSLock()
        private var known: Set<FineLink> = []

        var links: Set<FineLink> { lock.withLock { known } }

        func add(_ links: [FineLink]) {
            lock.withLock { known.formUnion(links) }
        }
    }

    private func check(_ link: PageLink, on page: Page, budget: inout Int) -> Diagnostic? {
        guard let (route, anchor, htmlFile) = target(of: link.destination, from: page.route) else { return nil }
        if let htmlFile {
            guard !Self.publishedHTMLFiles.contains(Array(htmlFile.utf8)) else { return nil }
            let folder = String(htmlFile.dropLast(".html".count)) + "/"
            return Diagnostic(
                .error, .brokenLink,
                "\(link.destination) leads to /\(htmlFile), which is not a file of the site; "
                    + (anchorsByRouteBytes[ExactText(folder)] != nil
                        ? "did you mean /\(folder)?" : "link to a page's folder (…/item/) or its index.html"),
                at: link.location)
        }
        guard let routeAnchors = anchorsByRouteBytes[ExactText(route)] else {
            if let index = anchorsByRoute.index(forKey: route) {
                return Diagnostic(
                    .error, .brokenLink,
                    "\(link.destination) leads to /\(route), but the page is published as /\(anchorsByRoute[index].key): "
                        + "the two are equal only after Unicode normalisation, and browsers and hosts compare bytes; "
                        + "write the link in NFC, as Errata publishes names",
                    at: link.location)
            }
            let nearest = candidates.routes().nearest(to: route, budget: &budget)
            return Diagnostic(
                .error, .brokenLink,
                "\(link.destination) leads to \(route.isEmpty ? "the site root" : "/" + route), which is not a page of the site; "
                    + (nearest.map { "did you mean /\($0)?" } ?? "fix the link or add the page"),
                at: link.location)
        }
        guard let anchor, !anchor.isEmpty, !Self.hasAnchor(anchor, in: routeAnchors) else { return nil }
        if let anchors = anchorsByRoute[route], let index = anchors.firstIndex(of: anchor) {
            return Diagnostic(
                .error, .brokenAnchor,
                "\(link.destination) points to #\(anchor), but /\(route) has it as #\(anchors[index]): the two are equal "
                    + "only after Unicode normalisation, and browsers compare fragments byte for byte; write the "
                    + "fragment in NFC, as Errata publishes anchors",
                at: link.location)
        }
        let nearest = candidates.anchors(of: route)?.nearest(to: anchor, budget: &budget)
        return Diagnostic(
            .error, .brokenAnchor,
            "\(link.destination) points to #\(anchor), which /\(route) does not have; "
                + (nearest.map { "did you mean #\($0)?" } ?? "link to a code (its name in lower case) or a heading of that page"),
            at: link.location)
    }

    /// Whether `anchors` has `anchor` byte for byte. A set of strings holds one of
    /// the texts that are equal after Unicode normalisation, so the one it finds
    /// equal is the only one that can have the same bytes.
    static func hasAnchor(_ anchor: String, in anchors: Set<String>) -> Bool {
        guard let index = anchors.firstIndex(of: anchor) else { return false }
        return ExactText.sameBytes(anchors[index], anchor)
    }

    /// The route and anchor a destination leads to, with the path of the `.html` file
    /// it names when that is not a page's `index.html`; `nil` when it leaves the site
    /// or names another file.
    func target(of destination: String, from route: String) -> (route: String, anchor: String?, htmlFile: String?)? {
        var url = Substring(destination.trimmed)
        if let base = baseURL, url.hasPrefix(base + "/") || url == base {
            url = url.dropFirst(base.count)
            if url.isEmpty { url = "/" }
        } else if url.utf8.contains(UInt8(ascii: ":")) {
            // A scheme (https:, mailto:) before any slash: a link out of the site.
            let beforeSlash = url.prefix { $0 != "/" && $0 != "#" && $0 != "?" }
            if beforeSlash.utf8.contains(UInt8(ascii: ":")) { return nil }
        }
        if url.hasPrefix("//") { return nil }
        var anchor: String?
        if let hash = url.firstIndex(of: "#") {
            let fragment = String(url[url.index(after: hash)...])
            anchor = fragment.utf8.contains(UInt8(ascii: "%")) ? fragment.removingPercentEncoding ?? fragment : fragment
            url = url[..<hash]
        }
        if let query = url.firstIndex(of: "?") { url = url[..<query] }
        if url.isEmpty { return (route, anchor, nil) }

        var components: [Substring] = url.hasPrefix("/") ? [] : route.split(separator: "/")
        for component in url.split(separator: "/", omittingEmptySubsequences: true).map(Self.percentDecoded) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        if let last = components.last {
            if last == "index.html" {
                components.removeLast()
            } else if last.hasSuffix(".html") {
                return ("", nil, components.joined(separator: "/"))
            } else if last.utf8.contains(UInt8(ascii: ".")) {
                return nil
            }
        }
        return (components.map { $0 + "/" }.joined(), anchor, nil)
    }

    /// A path segment as a host reads it: percent-decoded, unless that would make a
    /// `/` or is not UTF-8, when it stays as it is (and matches no page).
    static func percentDecoded(_ segment: Substring) -> Substring {
        guard segment.utf8.contains(UInt8(ascii: "%")), let decoded = segment.removingPercentEncoding,
              !decoded.utf8.contains(UInt8(ascii: "/"))
        else { return segment }
        return Substring(decoded)
    }
}

private extension LinkChecker {
    /// Words a suggestion may be, in a fixed order, with what comparing one more
    /// character of a word against all of them costs.
    struct Candidates: Sendable {
        let words: [String]
        let costPerScalar: Int

        init(_ words: some Sequence<String>) {
            self.words = words.sorted()
            costPerScalar = self.words.reduce(0) { $0 + $1.unicodeScalars.count + LinkChecker.comparisonOverhead }
        }

        /// ``Catalog/closest(to:among:)`` of the words, when its cost fits in
        /// `budget`, which is then reduced by it; `nil` when it does not fit.
        func nearest(to word: String, budget: inout Int) -> String? {
            let cost = (word.unicodeScalars.count + LinkChecker.comparisonOverhead) * costPerScalar
            guard cost <= budget else { return nil }
            budget -= cost
            return Catalog.closest(to: word, among: words)
        }
    }

    /// The ``Candidates`` of the routes and of each route's anchors, each sorted when
    /// first asked for (by any thread: the answer is the same).
    final class SuggestionCandidates: @unchecked Sendable {
        private let lock = NSLock()
        private let anchorsByRoute: [String: Set<String>]
        private var routeCandidates: Candidates?
        private var anchorCandidates: [String: Candidates] = [:]

        init(_ anchorsByRoute: [String: Set<String>]) {
            self.anchorsByRoute = anchorsByRoute
        }

        func routes() -> Candidates {
            lock.withLock {
                if let routeCandidates { return routeCandidates }
                let made = Candidates(anchorsByRoute.keys)
                routeCandidates = made
                return made
            }
        }

        func anchors(of route: String) -> Candidates? {
            lock.withLock {
                if let known = anchorCandidates[route] { return known }
                guard let anchors = anchorsByRoute[route] else { return nil }
                let made = Candidates(anchors)
                anchorCandidates[route] = made
                return made
            }
        }
    }
}

import Foundation
