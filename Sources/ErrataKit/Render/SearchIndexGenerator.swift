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
        if let kept = cache?.searchEntries, kept.codeAddresses == map.codeAddresses {
            update(kept)
            return kept.file
        }
        let made = entries()
        cache?.searchEntries = made
        return made.file
    }

    /// Every entry, sorted by code, and the file of them, written straight into it.
    private func entries() -> RenderCache.SearchEntries {
        let summaries = map.codeSummaries
        var names: [String] = [], entrySummaries: [String?] = []
        var listed: [(code: ErrorCode, url: String)] = []
        for name in map.codeAddresses.keys.sorted() {
            guard let code = catalog.code(named: name), let url = map.codeAddresses[name] else { continue }
            names.append(name)
            entrySummaries.append(summaries[name])
            listed.append((code, url))
        }
        // Room for every entry as it will be unless its text needs escapes.
        let room = zip(listed, entrySummaries).reduce(32) { room, next in
            let ((code, url), summary) = next
            let message = if case .text(let text) = code.errorMessage { text.utf8.count } else { 0 }
            let statusText = code.httpStatus.flatMap(HTTPStatus.reasonPhrase)?.utf8.count ?? 0
            let typeTitle = catalog.type(withID: code.type)?.title.utf8.count ?? code.type.utf8.count
            return room + 2 + Self.entryFrame + code.code.utf8.count + message + statusText + (summary?.utf8.count ?? 0)
                + code.type.utf8.count + typeTitle + url.utf8.count
        }
        var buffer = TextBuffer(capacity: room)
        var offsets: [Int] = []
        offsets.reserveCapacity(listed.count)
        buffer.append(Self.variable + " = [")
        for (index, (code, url)) in listed.enumerated() {
            buffer.append(index == 0 ? "\n" : ",\n")
            offsets.append(buffer.bytes.count)
            write(code, url: url, summary: entrySummaries[index] ?? "", to: &buffer)
        }
        buffer.append(listed.isEmpty ? "];\n" : "\n];\n")
        return RenderCache.SearchEntries(
            codeAddresses: map.codeAddresses, names: names, summaries: entrySummaries,
            summariesVersion: map.summariesVersion, file: buffer.bytes, offsets: offsets)
    }

    /// Brings `kept`, made while every code was where it is, up to the map's
    /// summaries: the entries whose summary changed are made again, and the file again
    /// around them. Only the codes the map names as changed are looked at when `kept`
    /// has the summaries of the map this one was made from.
    private func update(_ kept: RenderCache.SearchEntries) {
        guard kept.summariesVersion != map.summariesVersion else { return }
        let candidates = map.codesWithChangedSummaries(since: kept.summariesVersion)
            .map { Set($0.compactMap(kept.index(of:))).sorted() } ?? Array(kept.names.indices)
        kept.summariesVersion = map.summariesVersion
        let summaries = map.codeSummaries
        // Each changed entry, with where it stands in the old file.
        var changed: [(index: Int, range: Range<Int>, entry: [UInt8])] = []
        for index in candidates {
            let name = kept.names[index], summary = summaries[name]
            guard !ExactText.sameBytes(summary, kept.summaries[index]),
                  let code = catalog.code(named: name), let url = map.codeAddresses[name] else { continue }
            changed.append((index, kept.offsets[index]..<kept.end(of: index), entry(of: code, url: url, summary: summary ?? "")))
            kept.summaries[index] = summary
        }
        guard !changed.isEmpty else { return }
        let old = kept.file
        var file: [UInt8] = []
        file.reserveCapacity(old.count + changed.reduce(0) { $0 + $1.entry.count - $1.range.count })
        var from = 0, shift = 0, previous = -1
        for (index, range, entry) in changed {
            file.append(contentsOf: old[from..<range.lowerBound])
            file.append(contentsOf: entry)
            from = range.upperBound
            // The entries after the last changed one, up to this one, move by what the
            // changes before them added.
            if shift != 0 { for moved in (previous + 1)...index { kept.offsets[moved] += shift } }
            shift += entry.count - range.count
            previous = index
        }
        file.append(contentsOf: old[from...])
        if shift != 0 { for moved in (previous + 1)..<kept.offsets.count { kept.offsets[moved] += shift } }
        kept.file = file
    }

    /// One code's entry: its model facts and where it is, keys in sorted order, as
    /// PublishedJSON writes objects.
    private func entry(of code: ErrorCode, url: String, summary: String) -> [UInt8] {
        var buffer = TextBuffer(capacity: 256)
        write(code, url: url, summary: summary, to: &buffer)
        return buffer.bytes
    }

    /// The bytes of an entry besides its texts': the keys, the quotes and the status.
    private static let entryFrame = 101

    private func write(_ code: ErrorCode, url: String, summary: String, to buffer: inout TextBuffer) {
        let message: String = if case .text(let text) = code.errorMessage { text } else { "" }
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
    }
}
