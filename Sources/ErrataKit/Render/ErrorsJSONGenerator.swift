import Mustache

/// `errors.json`, in the overview's folder: the model as the site publishes it, for
/// tools, support desks and other sites that link to a code's documentation.
///
///     {"schema_version": 1, "generated_by": "errata", "base_url": "https://…/" or null,
///      "types": [{"id", "title", "slug", "description", "url"}],
///      "codes": [{"code", "type", "http_status", "error_message", "display_message",
///                 "url", "short_url"}]}
///
/// Facts follow the model's file form: a fact the model does not know is left out of
/// its object, while a message the API returns as `null` is `null`. Every model type
/// is listed in the model's order, every model code by code. `url` is the type's page
/// or the code's section, `short_url` the code's short address, both relative to the
/// site root (not to the file) and left out when the site has no page for them; with
/// a base URL each also has its `absolute_url` / `absolute_short_url`. Keys are sorted
/// and the text pretty-printed, so the bytes are stable and diffs stay small.
struct ErrorsJSONGenerator {
    var catalog: Catalog
    var layout: SiteLayout
    var baseURL: BaseURL?

    /// Raised whenever a key changes meaning or goes away; new keys do not raise it.
    static let schemaVersion = 1
    static let fileName = "errors.json"

    /// Where the file is published.
    var path: String { layout.referenceRoute + Self.fileName }

    func generate() -> OutputFile {
        let bytes = GatheredBytes()
        _ = write(into: bytes)
        return OutputFile(path: path, bytes: bytes.bytes)
    }

    /// Writes the file into `output` a run of bytes at a time; false when `output`
    /// could not take them.
    func write(into output: TemplateOutput) -> Bool {
        let types = catalog.types.map { type -> PublishedJSON in
            var entry: [String: PublishedJSON] = [
                "id": .string(type.id),
                "title": .string(type.title),
                "slug": .string(type.slug),
                "description": .string(type.description),
            ]
            addURL(layout.map.typeRoutes[type.id], as: "url", to: &entry)
            return .object(entry)
        }
        // Each code's entry is made as it is written: a model's codes are never all
        // held as JSON values at once, nor the file's bytes.
        let codes = catalog.codes.sorted { $0.code < $1.code }
        return PublishedJSON.writeDocument([
            "schema_version": .value(.integer(Self.schemaVersion)),
            "generated_by": .value(.string("errata")),
            "base_url": .value(baseURL.map { .string($0.string) } ?? .null),
            "types": .value(.array(types)),
            "codes": .elements(count: codes.count) { entry(for: codes[$0]) },
        ], into: output)
    }

    private func entry(for code: ErrorCode) -> PublishedJSON {
        var entry: [String: PublishedJSON] = ["code": .string(code.code), "type": .string(code.type)]
        if let status = code.httpStatus { entry["http_status"] = .integer(status) }
        if let message = code.errorMessage { entry["error_message"] = .message(message) }
        if let message = code.displayMessage { entry["display_message"] = .message(message) }
        addURL(layout.map.address(of: code), as: "url", to: &entry)
        addURL(layout.shortRoute(of: code), as: "short_url", to: &entry)
        return .object(entry)
    }

    /// Adds `address` as `key`, and its absolute form as `absolute_<key>` when the base URL is known.
    private func addURL(_ address: String?, as key: String, to entry: inout [String: PublishedJSON]) {
        guard let address else { return }
        entry[key] = .string(address)
        if let baseURL { entry["absolute_" + key] = .string(baseURL.absolute(address)) }
    }
}
