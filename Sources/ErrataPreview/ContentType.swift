/// The `Content-Type` of a site file, from its extension.
///
/// Text formats say `charset=utf-8`, since Errata writes UTF-8; anything unknown is
/// `application/octet-stream`, so a browser never guesses.
enum ContentType {
    static func of(path: String) -> String {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        guard let dot = name.lastIndex(of: ".") else { return octetStream }
        let fileExtension = name[name.index(after: dot)...].lowercased()
        if let text = textTypes[fileExtension] {
            return "\(text); charset=utf-8"
        }
        return binaryTypes[fileExtension] ?? octetStream
    }

    /// Whether a file is an HTML page, which gets the live-reload script.
    static func isHTML(path: String) -> Bool {
        of(path: path).hasPrefix("text/html;")
    }

    static let octetStream = "application/octet-stream"
}

private extension ContentType {
    static let textTypes: [String: String] = [
        "html": "text/html",
        "htm": "text/html",
        "css": "text/css",
        "js": "text/javascript",
        "mjs": "text/javascript",
        "json": "application/json",
        "map": "application/json",
        "webmanifest": "application/manifest+json",
        "xml": "application/xml",
        "svg": "image/svg+xml",
        "txt": "text/plain",
    ]

    static let binaryTypes: [String: String] = [
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
    ]
}
