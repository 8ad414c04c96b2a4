/// The search index the site's script searches: one entry per documented code,
/// sorted by code,
///
///     {"code", "type", "typeTitle", "status", "message", "url"}
///
/// where `status` is the HTTP status or `null` when the model does not know it,
/// `message` the model's `error_message` (`""` when it is unknown or `null`), and `url`
/// the code's section relative to the site root (`docs/errors/item/#access_not_granted`).
///
/// It is a script that sets `window.errataSearchIndex`, not a JSON file, so a page
/// opened from `file://` can load it with a `<script>` element where `fetch` would be
/// refused.
struct SearchIndexGenerator {
    var catalog: Catalog
    var map: SiteMap

    /// The variable the script sets.
    static let variable = "window.errataSearchIndex"

    func generate() -> [UInt8] {
        let entries = map.codeAddresses.keys.sorted().compactMap { name -> PublishedJSON? in
            guard let code = catalog.code(named: name), let url = map.codeAddresses[name] else { return nil }
            let message: String = if case .text(let text) = code.errorMessage { text } else { "" }
            return .object([
                "code": .string(code.code),
                "type": .string(code.type),
                "typeTitle": .string(catalog.type(withID: code.type)?.title ?? code.type),
                "status": code.httpStatus.map { .integer($0) } ?? .null,
                "message": .string(message),
                "url": .string(url),
            ])
        }
        var buffer = TextBuffer(capacity: 256 * entries.count)
        buffer.append(Self.variable + " = [")
        for (index, entry) in entries.enumerated() {
            buffer.append(index == 0 ? "\n" : ",\n")
            entry.write(to: &buffer, indent: nil)
        }
        buffer.append(entries.isEmpty ? "];\n" : "\n];\n")
        return buffer.bytes
    }
}
