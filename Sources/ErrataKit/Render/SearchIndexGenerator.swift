/// The search index the site's script searches: one entry per documented code,
/// sorted by code,
///
///     {"code", "message", "status", "statusText", "summary", "type", "typeTitle", "url"}
///
/// where `status` is the HTTP status or `null` when the model does not know it,
/// `statusText` its reason phrase (`"Bad Request"`, `""` when unknown), `summary` the
/// first sentence of the code's description (``CodeSummary``, `""` without one),
/// `message` the model's `error_message` (`""` when it is unknown or `null`), and `url`
/// the code's section relative to the site root (`docs/errors/item/#access_not_granted`).
///
/// It is a script that sets `window.errataSearchIndex`, not a JSON file, so a page
/// opened from `file://` can load it with a `<script>` element where `fetch` would be
/// refused.
struct SearchIndexGenerator {
    var catalog: Catalog
    var map: SiteMap
    /// Entries made before, for a generator that runs again and again (the preview);
    /// the model must be the one they were made with.
    var cache: RenderCache?

    /// The variable the script sets.
    static let variable = "window.errataSearchIndex"

    func generate() -> [UInt8] {
        let names = map.codeAddresses.keys.sorted()
        var buffer = TextBuffer(capacity: 256 * names.count)
        buffer.append(Self.variable + " = [")
        var first = true
        for name in names {
            guard let code = catalog.code(named: name), let url = map.codeAddresses[name] else { continue }
            let summary = map.codeSummaries[name] ?? ""
            buffer.append(first ? "\n" : ",\n")
            first = false
            if let cache {
                buffer.append(cache.searchEntry(of: name, url: url, summary: summary) { entry(of: code, url: url, summary: summary) })
            } else {
                buffer.append(entry(of: code, url: url, summary: summary))
            }
        }
        buffer.append(first ? "];\n" : "\n];\n")
        return buffer.bytes
    }

    /// One code's entry: its model facts and where it is, keys in sorted order, as
    /// PublishedJSON writes objects.
    private func entry(of code: ErrorCode, url: String, summary: String) -> [UInt8] {
        let message: String = if case .text(let text) = code.errorMessage { text } else { "" }
        var buffer = TextBuffer(capacity: 256)
        buffer.append("{\"code\":")
        buffer.appendJSONString(code.code, escapingHTML: true)
        buffer.append(",\"message\":")
        buffer.appendJSONString(message, escapingHTML: true)
        buffer.append(",\"status\":")
        if let status = code.httpStatus { buffer.append(status) } else { buffer.append("null") }
        buffer.append(",\"statusText\":")
        buffer.appendJSONString(code.httpStatus.flatMap(HTTPStatus.reasonPhrase) ?? "", escapingHTML: true)
        buffer.append(",\"summary\":")
        buffer.appendJSONString(summary, escapingHTML: true)
        buffer.append(",\"type\":")
        buffer.appendJSONString(code.type, escapingHTML: true)
        buffer.append(",\"typeTitle\":")
        buffer.appendJSONString(catalog.type(withID: code.type)?.title ?? code.type, escapingHTML: true)
        buffer.append(",\"url\":")
        buffer.appendJSONString(url, escapingHTML: true)
        buffer.append(UInt8(ascii: "}"))
        return buffer.bytes
    }
}
