/// Checks every link that stays inside the site.
///
/// - `broken-link`: a link to a page the site does not have.
/// - `broken-anchor`: a link to a page that exists, with an anchor it does not have.
///
/// A link is inside the site when it is relative (`../item/#access_not_granted`),
/// root-relative (`/docs/errors/item/`), only an anchor (`#access_not_granted`), or an
/// absolute URL under the base URL the site is served from (`--base-url`). Links to
/// files other than pages (images, assets) are not checked.
public struct LinkChecker: Sendable {
    /// Each page's anchors, by route.
    public let anchorsByRoute: [String: Set<String>]
    /// The base URL without its trailing slash, if given.
    let baseURL: String?

    init(pages: [Page], baseURL: String?) {
        var anchors: [String: Set<String>] = [:]
        for page in pages { anchors[page.route, default: []].formUnion(page.anchors) }
        anchorsByRoute = anchors
        var base = baseURL
        while base?.hasSuffix("/") == true { base?.removeLast() }
        self.baseURL = base
    }

    public func check(_ page: Page) -> [Diagnostic] {
        page.links.compactMap { check($0, on: page) }
    }

    private func check(_ link: PageLink, on page: Page) -> Diagnostic? {
        guard let (route, anchor) = target(of: link.destination, from: page.route) else { return nil }
        guard let anchors = anchorsByRoute[route] else {
            let nearest = Catalog.closest(to: route, among: Array(anchorsByRoute.keys))
            return Diagnostic(
                .error, .brokenLink,
                "\(link.destination) leads to \(route.isEmpty ? "the site root" : "/" + route), which is not a page of the site; "
                    + (nearest.map { "did you mean /\($0)?" } ?? "fix the link or add the page"),
                at: link.location)
        }
        guard let anchor, !anchor.isEmpty, !anchors.contains(anchor) else { return nil }
        let nearest = Catalog.closest(to: anchor, among: Array(anchors))
        return Diagnostic(
            .error, .brokenAnchor,
            "\(link.destination) points to #\(anchor), which /\(route) does not have; "
                + (nearest.map { "did you mean #\($0)?" } ?? "link to a code (its name in lower case) or a heading of that page"),
            at: link.location)
    }

    /// The route and anchor a destination leads to, or `nil` when it leaves the site
    /// or names a file that is not a page.
    func target(of destination: String, from route: String) -> (route: String, anchor: String?)? {
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
        if url.isEmpty { return (route, anchor) }

        var components: [Substring] = url.hasPrefix("/") ? [] : route.split(separator: "/")
        for component in url.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        if let last = components.last {
            if last == "index.html" {
                components.removeLast()
            } else if last.utf8.contains(UInt8(ascii: ".")) {
                return nil
            }
        }
        return (components.map { $0 + "/" }.joined(), anchor)
    }
}

import Foundation
