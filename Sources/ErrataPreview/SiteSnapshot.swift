import ErrataKit

/// One published site, as one immutable value.
///
/// A publish replaces the whole snapshot at once, and a request reads exactly one, so
/// no response ever mixes two builds.
struct SiteSnapshot: Sendable {
    /// The generation it was published in; 0 for the empty site before the first publish.
    let generation: Int
    private let files: ServedFiles
    /// The body of every 404: the site's own `404.html`, or a plain page of ours.
    let notFoundPage: ServedFile

    /// What a decoded site path leads to.
    enum Resolution {
        case file(ServedFile)
        /// A folder asked for without its trailing slash.
        case folder
        case notFound(ServedFile)
        /// Nothing was published yet: a page saying so, which reloads with the first build.
        case unpublished(ServedFile)
    }

    /// The site of `files` (site path → bytes), with the live-reload script put into
    /// every HTML page. The files of `previous` whose bytes are unchanged are kept as
    /// they were served (their body and entity tag), so a rebuild that changes one
    /// page of thousands costs one page.
    /// With `changed`, only those paths are looked at; the rest are `previous`'s, and
    /// the table of `previous` is shared, not copied (see ``ServedFiles``).
    init(generation: Int, files: SiteFiles, previous: SiteSnapshot? = nil, changed: Set<String>? = nil) {
        self.generation = generation
        if let previous, previous.generation > 0, let changed {
            var changes: [String: ServedFile?] = [:]
            changes.reserveCapacity(changed.count)
            for path in changed {
                let key = Self.key(of: path)
                changes[key] = .some(files.file(at: path).map { ServedFile(path: key, file: $0) })
            }
            self.files = previous.files.changing(changes)
        } else {
            var served: [String: ServedFile] = [:]
            served.reserveCapacity(files.count)
            for path in files.paths {
                guard let file = files.file(at: path) else { continue }
                let key = Self.key(of: path)
                if let known = previous?.files[key], known.published == file {
                    served[key] = known
                } else {
                    served[key] = ServedFile(path: key, file: file)
                }
            }
            self.files = ServedFiles(served)
        }
        self.notFoundPage = self.files["404.html"] ?? Self.fallbackNotFoundPage
    }

    /// A site path as the snapshot keeps it: without leading slashes.
    private static func key(of path: String) -> String {
        path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
    }

    /// An exact file; a folder's `index.html` for a path that is empty or ends in `/`;
    /// ``Resolution/folder`` when only `path/index.html` exists; else not found.
    func resolve(_ path: String) -> Resolution {
        guard generation > 0 else { return .unpublished(Self.unpublishedPage) }
        if path.isEmpty || path.hasSuffix("/") {
            return files[path + "index.html"].map(Resolution.file) ?? .notFound(notFoundPage)
        }
        if let file = files[path] {
            return .file(file)
        }
        if files[path + "/index.html"] != nil {
            return .folder
        }
        return .notFound(notFoundPage)
    }
}

/// The files of a snapshot by site path: a table shared by the snapshots that follow it,
/// and the few files changed since it was made, so that publishing a rebuild of one
/// page costs that page, not a copy of a table of every file. The changes are folded
/// into a new table once they are more than an eighth of it.
struct ServedFiles: Sendable {
    private let table: [String: ServedFile]
    /// Files added, replaced or (`nil`) removed since `table`.
    private let changes: [String: ServedFile?]

    init(_ table: [String: ServedFile]) {
        (self.table, self.changes) = (table, [:])
    }

    private init(table: [String: ServedFile], changes: [String: ServedFile?]) {
        (self.table, self.changes) = (table, changes)
    }

    subscript(path: String) -> ServedFile? {
        if let changed = changes[path] { return changed }
        return table[path]
    }

    /// These files with `newer` (a `nil` file: removed) in force.
    func changing(_ newer: [String: ServedFile?]) -> ServedFiles {
        var changes = self.changes
        changes.merge(newer) { _, new in new }
        guard changes.count > max(64, table.count / 8) else { return ServedFiles(table: table, changes: changes) }
        var table = self.table
        for (path, file) in changes { table[path] = file }
        return ServedFiles(table)
    }
}

private extension SiteSnapshot {
    static let unpublishedPage = ServedFile(path: "building.html", bytes: plainPage(
        title: "Building the site…",
        message: "This page reloads when the first build is done.",
        head: "<meta name=\"errata-generation\" content=\"0\">\n"))

    static let fallbackNotFoundPage = ServedFile(path: "404.html", bytes: plainPage(
        title: "Page not found",
        message: "The site has no page at this address."))

    /// A small page of the preview's own, readable in light and dark mode.
    static func plainPage(title: String, message: String, head: String = "") -> [UInt8] {
        Array("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(head)<title>\(title)</title>
            <style>
              :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
              body { max-width: 40rem; margin: 15vh auto; padding: 0 1rem; }
            </style>
            </head>
            <body>
            <h1>\(title)</h1>
            <p>\(message)</p>
            </body>
            </html>

            """.utf8)
    }
}
