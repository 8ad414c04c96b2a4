/// `sitemap.xml` at the site root: the absolute URL of every page, sorted, for search
/// engines. Short addresses, the generated home page and `404.html` are not pages of
/// their own and are left out.
///
/// A sitemap must list absolute URLs, so there is one only when the base URL is known;
/// without it the build writes none rather than one crawlers would reject.
struct SitemapXMLGenerator {
    var routes: [String]
    var baseURL: BaseURL

    static let path = "sitemap.xml"

    func generate() -> OutputFile {
        let urls = Set(routes.map { baseURL.absolute($0) }).sorted()
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for url in urls { xml += "  <url><loc>\(url.htmlEscaped)</loc></url>\n" }
        xml += "</urlset>\n"
        return OutputFile(path: Self.path, text: xml)
    }
}
