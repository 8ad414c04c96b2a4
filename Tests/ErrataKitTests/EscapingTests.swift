import Foundation
import Testing
@testable import ErrataKit

/// Text from the content and the model that tries to break out of where it lands —
/// `"><script>alert(1)</script>` in a code's description, a model message, a type's
/// title, a page's title and description — is inert text in every file of the site:
/// HTML text and attributes, the search index script, `errors.json`, the short
/// addresses, the home page and `404.html`. Raw HTML that writers put in Markdown
/// passes through, except the tags GFM's tagfilter neutralises.
@Suite struct EscapingTests {
    static let attack = "\"><script>alert(1)</script>"
    static let quoteAttack = "'><img src=x onerror=alert(2)>"
    /// `attack` as HTML text or a quoted attribute value.
    static let escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    static let quoteEscaped = "&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"

    static let catalog = Catalog(
        types: [ErrorType(
            id: "WIDGET_ERROR", title: "Widget \(attack) errors", slug: "widget",
            description: "Widgets \(quoteAttack) fail.")],
        codes: [ErrorCode(
            code: "WIDGET_BROKEN", type: "WIDGET_ERROR", httpStatus: 500,
            errorMessage: .text("broken \(attack)"), displayMessage: .text("Broken \(quoteAttack)"))])

    static let pages = [
        "docs/errors/_index.md": """
            ---
            title: Errors \(attack)
            description: Every code \(quoteAttack)
            ---

            All codes.

            """,
        "docs/errors/widget.md": """
            ---
            title: Widget \(attack) page
            error_type: WIDGET_ERROR
            ---

            ### WIDGET_BROKEN

            The widget \(attack) broke.

            ```json
            // http code 500
            {
             "error_type": "WIDGET_ERROR",
             "error_code": "WIDGET_BROKEN",
             "error_message": "broken \\"><script>alert(1)</script>",
             "display_message": "Broken '><img src=x onerror=alert(2)>",
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```

            #### Common causes

            <script>alert(3)</script>
            <SCRIPT SRC=x></SCRIPT>
            <iframe src=x></iframe>
            <style>body { display: none }</style>
            <textarea>
            <title>
            <xmp>
            <noembed>
            <noframes>
            <plaintext>

            <div class="note">Kept <b>as written</b></div>

            """,
        "docs/errors/about.md": """
            # About \(attack)

            Text \(attack).

            ## Heading \(attack)

            """,
    ]

    /// The site built from ``pages`` against ``catalog``, by path.
    static func site(baseURL: String?) throws -> [String: String] {
        let content = try TemporaryContent()
        for (path, text) in pages { try content.write(path, text) }
        let report = try content.check(against: catalog)
        #expect(report.diagnostics.map(\.formatted) == [])
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        let files = try SiteRenderer(catalog: catalog, templates: templates, baseURL: baseURL.map { try BaseURL($0) })
            .render(report.pages)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    @Test(arguments: [nil, "https://concentrix.com/reference/"] as [String?])
    func noFileRunsOrInjectsWhatTheTextSays(baseURL: String?) throws {
        let site = try Self.site(baseURL: baseURL)
        #expect(site.keys.contains("404.html") && site.keys.contains("index.html"))
        #expect(site.keys.contains("docs/errors/WIDGET_BROKEN/index.html"))
        for (path, text) in site {
            for injected in ["<script>alert", "<SCRIPT SRC", "\"><script", "<img src=x", "<iframe", "<style>body",
                             "<textarea", "<title>\n", "<xmp", "<noembed", "<noframes", "<plaintext"] {
                #expect(!text.contains(injected), "\(path) contains \(injected)")
            }
        }
    }

    @Test func pageTitlesAndDescriptionsAreEscapedInTextAndAttributes() throws {
        let site = try Self.site(baseURL: nil)
        let overview = try #require(site["docs/errors/index.html"])
        #expect(overview.contains("<title>Errors \(Self.escaped) · Concentrix docs</title>"))
        #expect(overview.contains("<meta name=\"description\" content=\"Every code \(Self.quoteEscaped)\">"))
        #expect(overview.contains("<h1>Errors \(Self.escaped)</h1>"))

        let widget = try #require(site["docs/errors/widget/index.html"])
        #expect(widget.contains("<title>Widget \(Self.escaped) page · Concentrix docs</title>"))
        // The page has no description of its own: its type's stands in.
        #expect(widget.contains("<meta name=\"description\" content=\"Widgets \(Self.quoteEscaped) fail.\">"))
        #expect(widget.contains("aria-current=\"page\">Widget \(Self.escaped) page</a>"))
        #expect(widget.contains("<html lang=\"en\" data-root=\"../../../\">"))

        // No description at all: the first paragraph stands in, decoded and escaped again.
        let about = try #require(site["docs/errors/about/index.html"])
        #expect(about.contains("<title>About \(Self.escaped) · Concentrix docs</title>"))
        #expect(about.contains("<meta name=\"description\" content=\"Text \(Self.escaped).\">"))
        #expect(about.contains("<h2 id=\"heading-scriptalert1script\">Heading &quot;&gt;&lt;script>alert(1)&lt;/script> "))

        let home = try #require(site["index.html"])
        #expect(home.contains("<title>Errors \(Self.escaped) · Concentrix docs</title>"))
        #expect(home.contains(">Errors \(Self.escaped)</a>"))
    }

    @Test func markdownTextIsEscapedAndRawHTMLIsFiltered() throws {
        let widget = try #require(try Self.site(baseURL: nil)["docs/errors/widget/index.html"])
        // cmark-gfm escapes the text and the tagfilter the tags.
        #expect(widget.contains("<p>The widget &quot;&gt;&lt;script>alert(1)&lt;/script> broke.</p>"))
        for filtered in ["&lt;script>alert(3)&lt;/script>", "&lt;SCRIPT SRC=x>&lt;/SCRIPT>", "&lt;iframe src=x>&lt;/iframe>",
                         "&lt;style>body { display: none }&lt;/style>", "&lt;textarea>", "&lt;title>", "&lt;xmp>",
                         "&lt;noembed>", "&lt;noframes>", "&lt;plaintext>"] {
            #expect(widget.contains(filtered), "\(filtered)")
        }
        #expect(widget.contains("<div class=\"note\">Kept <b>as written</b></div>"))
        // The sample is highlighted from its text.
        #expect(widget.contains("&quot;broken \\&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"))
    }

    @Test func theModelsTextIsEscapedOnTheOverviewAndTheShortAddress() throws {
        let site = try Self.site(baseURL: "https://concentrix.com/reference/")
        let overview = try #require(site["docs/errors/index.html"])
        #expect(overview.contains(">Widget \(Self.escaped) errors</a><span class=\"type-description\">Widgets "
            + "\(Self.quoteEscaped) fail.</span></th>"))
        let redirect = try #require(site["docs/errors/WIDGET_BROKEN/index.html"])
        #expect(redirect.contains("<title>WIDGET_BROKEN · Widget \(Self.escaped) errors</title>"))
        #expect(redirect.contains("</a> is documented with the widget \(Self.escaped) errors.</p>"))
        #expect(redirect.components(separatedBy: "<script").count == 2, "one script")
    }

    @Test func scriptsAndJSONHoldTheTextAsDataOnly() throws {
        let site = try Self.site(baseURL: "https://concentrix.com/reference/")
        let index = try #require(site.first { $0.key.hasPrefix("assets/search-index.") }?.value)
        let errors = try #require(site["docs/errors/errors.json"])
        for json in [index, errors] {
            #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
            #expect(!json.contains("\u{2028}") && !json.contains("\u{2029}"))
        }
        #expect(index.contains(#""message":"broken \"\u003e\u003cscript\u003ealert(1)\u003c/script\u003e""#))
        #expect(index.contains(#""typeTitle":"Widget \"\u003e\u003cscript\u003ealert(1)\u003c/script\u003e errors""#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(errors.utf8)) as? [String: Any])
        let type = try #require((object["types"] as? [[String: Any]])?.first)
        #expect(type["title"] as? String == "Widget \(Self.attack) errors")
        #expect(type["description"] as? String == "Widgets \(Self.quoteAttack) fail.")
        let code = try #require((object["codes"] as? [[String: Any]])?.first)
        #expect(code["display_message"] as? String == "Broken \(Self.quoteAttack)")

        let notFound = try #require(site["404.html"])
        #expect(notFound.contains("<a href=\"https://concentrix.com/reference/docs/errors/\" data-home>overview of all error codes</a>"))
        // The site's shape is data inside <script>: no markup can come out of it.
        #expect(!notFound.contains("<script>alert"))
    }

    /// Line and paragraph separators end a JavaScript string in older engines: the
    /// search index writes them as escapes.
    @Test func lineSeparatorsInTheModelAreEscapedInScripts() throws {
        let catalog = Catalog(
            types: Self.catalog.types,
            codes: [ErrorCode(code: "WIDGET_BROKEN", type: "WIDGET_ERROR", httpStatus: 500,
                              errorMessage: .text("a\u{2028}b\u{2029}c</script>"), displayMessage: nil)])
        let content = try TemporaryContent()
        try content.write("widget.md", "---\ntitle: Widgets\nerror_type: WIDGET_ERROR\n---\n\n### WIDGET_BROKEN\n\nBroken.\n")
        let report = try content.check(against: catalog)
        let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
        let files = try SiteRenderer(catalog: catalog, templates: templates).render(report.pages)
        let index = try #require(files.first { $0.path.hasPrefix("assets/search-index.") })
        let text = String(decoding: index.bytes, as: UTF8.self)
        #expect(text.contains(#""message":"a\u2028b\u2029c\u003c/script\u003e""#))
    }
}
