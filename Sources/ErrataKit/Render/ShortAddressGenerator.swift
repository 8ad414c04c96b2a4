/// A short address for every model code that has a page: `docs/errors/ACCESS_NOT_GRANTED/`,
/// in the overview's folder, is a tiny page that sends the reader on to the code's
/// section (`docs/errors/item/#access_not_granted`), so support desks and error
/// messages can link to a code without knowing its type.
///
/// The page redirects three ways: a script (first, because it also finds the page's
/// `index.html` when the site is opened from `file://`), a `<meta http-equiv="refresh">`,
/// and a visible link. It is `noindex` with a canonical link to the target, so search
/// engines list the section, not the redirect.
struct ShortAddressGenerator {
    var catalog: Catalog
    var layout: SiteLayout
    var baseURL: BaseURL?
    /// Each type's title and the sentence that names it, made once for all its codes.
    private let typeWords: [String: (title: String, explanation: String)]

    init(catalog: Catalog, layout: SiteLayout, baseURL: BaseURL?) {
        self.catalog = catalog
        self.layout = layout
        self.baseURL = baseURL
        var typeWords: [String: (title: String, explanation: String)] = [:]
        for type in catalog.types where typeWords[type.id] == nil { typeWords[type.id] = Self.words(forTypeTitled: type.title) }
        self.typeWords = typeWords
    }

    private static func words(forTypeTitled title: String) -> (title: String, explanation: String) {
        (title, "is documented with the \(title.lowercasedFirstWord).")
    }

    /// The model's codes, sorted.
    var codes: [ErrorCode] {
        catalog.codes.sorted { $0.code < $1.code }
    }

    /// The short address page of `code`; `nil` when the code has no page to lead to.
    func page(for code: ErrorCode) -> OutputFile? {
        guard let route = layout.shortRoute(of: code), let target = layout.map.address(of: code) else { return nil }
        let words = typeWords[code.type] ?? Self.words(forTypeTitled: code.type)
        let html = RedirectPage(
            title: code.code + " · " + words.title,
            target: Route.relativeURL(from: route, to: target),
            canonical: baseURL.map { $0.absolute(target) },
            linkText: code.code,
            explanation: words.explanation).html
        return OutputFile(path: route + "index.html", bytes: html)
    }
}

/// A minimal page that sends the reader to another page of the site.
struct RedirectPage {
    var title: String
    /// The target, relative to the redirect page.
    var target: String
    /// The target's absolute URL, when the base URL is known.
    var canonical: String?
    var linkText: String
    /// What follows the link in the page's sentence.
    var explanation: String

    var html: [UInt8] {
        var page = TextBuffer(capacity: 1024)
        page.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        page.appendEscapingHTML(title)
        page.append("</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"")
        page.appendEscapingHTML(canonical ?? target)
        page.append("\">\n")
        Self.appendRedirectHead(to: target, to: &page)
        page.append("\n</head>\n<body>\n<p><a href=\"")
        page.appendEscapingHTML(target)
        page.append("\">")
        page.appendEscapingHTML(linkText)
        page.append("</a> ")
        page.appendEscapingHTML(explanation)
        page.append("</p>\n</body>\n</html>\n")
        return page.bytes
    }

    /// The `<head>` lines that send the browser to `target` (relative to the page):
    /// a script that points `file://` readers at the folder's `index.html`, then a
    /// meta refresh for browsers without scripts.
    static func redirectHead(to target: String) -> String {
        var head = TextBuffer()
        appendRedirectHead(to: target, to: &head)
        return head.text
    }

    private static func appendRedirectHead(to target: String, to head: inout TextBuffer) {
        head.append("<script>location.replace(location.protocol === \"file:\" ? ")
        head.appendJSONString(fileForm(of: target), escapingHTML: true)
        head.append(" : ")
        head.appendJSONString(target, escapingHTML: true)
        head.append(");</script>\n<meta http-equiv=\"refresh\" content=\"0; url=")
        head.appendEscapingHTML(target)
        head.append("\">")
    }

    /// A relative URL as a `file://` browser needs it: a folder's `index.html` named.
    static func fileForm(of url: String) -> String {
        let hash = url.utf8.firstIndex(of: UInt8(ascii: "#"))
        let path = hash.map { String(url[..<$0]) } ?? url
        let fragment = hash.map { String(url[$0...]) } ?? ""
        guard path.isEmpty || path.hasSuffix("/") else { return url }
        return path + "index.html" + fragment
    }
}

private extension String {
    /// "Item errors" → "item errors", keeping acronyms ("API errors") as they are.
    var lowercasedFirstWord: String {
        guard let first, first.isUppercase, dropFirst().first?.isLowercase == true else { return self }
        return first.lowercased() + dropFirst()
    }
}
