import Foundation
import Mustache

/// `404.html` at the site root, which hosts serve for a missing address at any depth,
/// so none of its links or assets may be relative to where it is:
///
/// - with a base URL, its links and stylesheet are absolute;
/// - without one, the stylesheet's CSS is inlined and the links are root-relative (`/`).
///
/// It is rendered with the `404` template when the templates folder has one, with the
/// context `title`, `home` (the overview's absolute URL, else `/`), `root` (the base URL,
/// else `/`), and either `stylesheet` (absolute) or `inlineStyle` (the CSS); otherwise
/// with a built-in page.
struct NotFoundPageGenerator {
    var templates: TemplateSet
    var layout: SiteLayout
    var baseURL: BaseURL?

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
            "stylesheet": .none,
            "inlineStyle": .none,
        ]
        if let baseURL, let stylesheet = layout.assetPath("style.css") {
            context["stylesheet"] = .string(baseURL.absolute(stylesheet))
        } else if let css = layout.assets["style.css"] {
            // Inside <style>, only "</style" could end the element early.
            context["inlineStyle"] = .string(String(decoding: css.bytes, as: UTF8.self)
                .replacingOccurrences(of: "</style", with: "<\\/style", options: .caseInsensitive))
        }
        return context
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
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(Self.title)</title>
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
