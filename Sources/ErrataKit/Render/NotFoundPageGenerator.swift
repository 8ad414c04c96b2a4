import Foundation
import Mustache

/// `404.html` at the site root, which hosts serve for a missing address at any depth,
/// so none of its links or assets may be relative to where it is:
///
/// - with a base URL, its links and stylesheet are absolute;
/// - without one, the stylesheet's CSS is inlined and the links are root-relative (`/`).
///
/// The page carries the shape of the site (``siteJSON``), so its script can work out
/// the site's root from the page's own address at any depth under any prefix, send a
/// reader whose address names a code (in any case, or one misspelling away) straight
/// to its section, and otherwise offer the nearest codes.
///
/// It is rendered with the `404` template when the templates folder has one, with the
/// context `title`, `home` (the overview's absolute URL, else `/`), `homeRoute` (the
/// overview's route), `root` (the base URL, else `/`), `site` (``SiteIdentity``), `siteData` (``siteJSON``), `favicon`
/// (absolute, else a `data:` URL), and either `stylesheet` (absolute) or `inlineStyle`
/// (the CSS); otherwise with a built-in page.
struct NotFoundPageGenerator {
    var templates: TemplateSet
    var layout: SiteLayout
    var baseURL: BaseURL?
    var identity: SiteIdentity = .concentrix

    static let path = "404.html"
    static let templateName = "404"
    static let title = "Page not found"

    func generate() throws(TemplateError) -> OutputFile {
        let context = self.context
        guard templates.names.contains(Self.templateName) else {
            return OutputFile(path: Self.path, text: builtInPage(context))
        }
        return OutputFile(path: Self.path, bytes: try templates.render(context, with: Self.templateName))
    }

    var context: [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "title": .string(Self.title),
            "root": .string(baseURL?.string ?? "/"),
            "home": .string(overview.flatMap { baseURL?.absolute($0) } ?? baseURL?.string ?? "/"),
            "homeRoute": .string(overview ?? ""),
            "site": identity.templateValue,
            "siteData": .string(siteJSON),
            "stylesheet": .none,
            "inlineStyle": .none,
            "favicon": .none,
        ]
        if let baseURL, let favicon = layout.assetPath(Self.faviconName) {
            context["favicon"] = .string(baseURL.absolute(favicon))
        } else if let favicon = layout.assets[Self.faviconName] {
            context["favicon"] = .string("data:image/svg+xml," + (String(decoding: favicon.bytes, as: UTF8.self)
                .addingPercentEncoding(withAllowedCharacters: Self.dataURLCharacters) ?? ""))
        }
        if let baseURL, let stylesheet = layout.assetPath("style.css") {
            context["stylesheet"] = .string(baseURL.absolute(stylesheet))
        } else if let css = layout.assets["style.css"] {
            // Inside <style>, only "</style" could end the element early.
            context["inlineStyle"] = .string(String(decoding: css.bytes, as: UTF8.self)
                .replacingOccurrences(of: "</style", with: "<\\/style", options: .caseInsensitive))
        }
        return context
    }

    static let faviconName = "favicon.svg"
    /// What a `data:` URL in a double-quoted attribute keeps as it is.
    private static let dataURLCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")

    /// What the page's script needs to know of the site, as JSON safe inside
    /// `<script>`:
    ///
    ///     {"root": base URL or null, "reference": "docs/errors/", "home": "docs/errors/",
    ///      "folders": ["assets", "docs"], "probe": "assets/search-index.<hash>.js",
    ///      "codes": [["ACCESS_NOT_GRANTED", "docs/errors/item/#access_not_granted"], …]}
    ///
    /// `folders` are the first path segments of every page and asset, by which the
    /// script finds where the site starts in an address under an unknown prefix;
    /// `probe` a file every build has, which it asks the host for when they do not tell;
    /// `codes` are sorted, each with its section relative to the site root.
    var siteJSON: String {
        var json = TextBuffer(capacity: 128 * layout.map.codeAddresses.count + 256)
        json.append("{\"root\":")
        if let baseURL { json.appendJSONString(baseURL.string, escapingHTML: true) } else { json.append("null") }
        json.append(",\"reference\":")
        json.appendJSONString(layout.referenceRoute, escapingHTML: true)
        json.append(",\"home\":")
        json.appendJSONString(overview ?? "", escapingHTML: true)
        json.append(",\"folders\":[")
        let paths = layout.routes + layout.assetNames.compactMap(layout.assetPath)
        let folders = Set(paths.compactMap { path in path.split(separator: "/").count > 1 ? path.split(separator: "/").first.map(String.init) : nil })
        for (index, folder) in folders.sorted().enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.appendJSONString(folder, escapingHTML: true)
        }
        json.append("],\"probe\":")
        json.appendJSONString(layout.assetPath(SiteLayout.searchIndexName) ?? "", escapingHTML: true)
        json.append(",\"codes\":[")
        for (index, code) in layout.map.codeAddresses.keys.sorted().enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append("\n[")
            json.appendJSONString(code, escapingHTML: true)
            json.append(UInt8(ascii: ","))
            json.appendJSONString(layout.map.codeAddresses[code] ?? "", escapingHTML: true)
            json.append(UInt8(ascii: "]"))
        }
        json.append("]}")
        return json.text
    }

    /// The overview every reader is sent to: the first folder overview, else the first page.
    private var overview: String? {
        layout.map.navigation.first?.route ?? layout.routes.first
    }

    private func builtInPage(_ context: [String: TemplateValue]) -> String {
        let home = (context["home"].flatMap(\.string) ?? "/").htmlEscaped
        let style: String = if let stylesheet = context["stylesheet"].flatMap(\.string) {
            "<link rel=\"stylesheet\" href=\"\(stylesheet.htmlEscaped)\">"
        } else if let css = context["inlineStyle"].flatMap(\.string) {
            "<style>\n\(css)\n</style>"
        } else {
            ""
        }
        return """
            <!doctype html>
            <html lang="\(identity.lang.htmlEscaped)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(Self.title) · \(identity.name.htmlEscaped) docs</title>
            \(style)
            </head>
            <body>
            <main class="content">
            <h1>\(Self.title)</h1>
            <p>There is no page at this address. Every error code is listed in the <a href="\(home)">error reference</a>.</p>
            </main>
            </body>
            </html>

            """
    }
}
