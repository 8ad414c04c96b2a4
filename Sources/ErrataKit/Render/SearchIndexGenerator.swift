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
        let entries = self.entries()
        var buffer = TextBuffer(capacity: entries.entries.reduce(32) { $0 + $1.count + 2 })
        buffer.append(Self.variable + " = [")
        for (index, entry) in entries.entries.enumerated() {
            buffer.append(index == 0 ? "\n" : ",\n")
            buffer.append(entry)
        }
        buffer.append(entries.entries.isEmpty ? "];\n" : "\n];\n")
        return buffer.bytes
    }

    /// The entries, sorted by code: with a cache, those kept from the last time, while
    /// every code is where it was, with only the entries whose summary changed made
    /// again.
    private func entries() -> RenderCache.SearchEntries {
        let summaries = map.codeSummaries
        if let kept = cache?.searchEntries, kept.codeAddresses == map.codeAddresses {
            var entries = kept.entries, entrySummaries = kept.summaries, changed = false
            for (index, name) in kept.names.enumerated() {
                let summary = summaries[name]
                guard !ExactText.sameBytes(summary, kept.summaries[index]),
                      let code = catalog.code(named: name), let url = map.codeAddresses[name] else { continue }
                entries[index] = entry(of: code, url: url, summary: summary ?? "")
                entrySummaries[index] = summary
                changed = true
            }
            if !changed { return kept }
            let made = RenderCache.SearchEntries(codeAddresses: kept.codeAddresses, names: kept.names, summaries: entrySummaries, entries: entries)
            cache?.searchEntries = made
            return made
        }
        var names: [String] = [], entrySummaries: [String?] = [], entries: [[UInt8]] = []
        for name in map.codeAddresses.keys.sorted() {
            guard let code = catalog.code(named: name), let url = map.codeAddresses[name] else { continue }
            names.append(name)
            entrySummaries.append(summaries[name])
            entries.append(entry(of: code, url: url, summary: summaries[name] ?? ""))
        }
        let made = RenderCache.SearchEntries(codeAddresses: map.codeAddresses, names: names, summaries: entrySummaries, entries: entries)
        cache?.searchEntries = made
        return made
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
