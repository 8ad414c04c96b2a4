/// Finds the files of a site that would share an address, or where one needs a
/// folder of the other's name (`errors.json` beside a page `errors.json/`). Addresses
/// are compared ignoring case, as macOS and Windows file systems and many hosts do,
/// so `docs/errors/ITEM/` and `docs/errors/item/` conflict; and, as every published
/// name, after NFC normalisation.
///
/// `errata check` reports every conflict it can foresee from the pages and the model
/// (rule `address-conflict`); `errata build` refuses a site with any, the assets and
/// the templates' output included.
struct AddressConflictCheck {
    /// A file of the site and what put it there.
    struct Entry {
        var path: String
        /// The content file it comes from, if any.
        var source: String?
        /// The model code whose short address it is, if it is one.
        var code: String?
        private var givenRole: String?

        /// What the file is, for the message ("the page", "the short address of ACCESS_NOT_GRANTED"):
        /// a short address's is made when asked, as a site has one for each code.
        var role: String { givenRole ?? code.map { "the short address of \($0)" } ?? "" }

        init(path: String, role: String, source: String?, code: String? = nil) {
            self.path = path
            self.givenRole = role
            self.source = source
            self.code = code
        }

        /// The short address of `code`, at `path`.
        init(shortAddressAt path: String, of code: String) {
            self.path = path
            self.code = code
        }
    }

    /// Two files at one address: `blamed` is the one to change (a content page
    /// when one is involved), `path` the address they share.
    struct Conflict {
        var blamed: Entry
        var other: Entry
        var path: String
    }

    var entries: [Entry]

    /// Every conflict, in the entries' order; each entry is blamed at most once,
    /// against the first entry it conflicts with.
    func conflicts() -> [Conflict] {
        var found: [Conflict] = []
        // Each address taken, by the index of the entry that took it: a site has an
        // entry and a folder for each code.
        var files: [String: Int] = [:], folders: [String: Int] = [:]
        files.reserveCapacity(entries.count)
        folders.reserveCapacity(entries.count)
        entryLoop: for (index, entry) in entries.enumerated() {
            // Lowercasing keeps every `/`, so the folders of the key are the keys of the folders.
            let key = entry.path.caseInsensitiveKey
            if let other = files[key] ?? folders[key] {
                found.append(Self.conflict(entry, entries[other], at: entry.path))
                continue
            }
            var newFolders: [String] = []
            var folder = Substring(key)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                let folderKey = String(folder)
                if let other = files[folderKey] {
                    let depth = folderKey.split(separator: "/").count
                    found.append(Self.conflict(
                        entry, entries[other], at: entry.path.split(separator: "/").prefix(depth).joined(separator: "/")))
                    continue entryLoop
                }
                if folders[folderKey] != nil { break }  // and so are the folders around it
                newFolders.append(folderKey)
            }
            files[key] = index
            for folderKey in newFolders { folders[folderKey] = index }
        }
        return found
    }

    private static func conflict(_ first: Entry, _ second: Entry, at path: String) -> Conflict {
        let (blamed, other) = first.source != nil || second.source == nil ? (first, second) : (second, first)
        return Conflict(blamed: blamed, other: other, path: path)
    }
}

extension AddressConflictCheck {
    /// The files `errata check` can foresee: each page's `index.html`, each code's short
    /// address, `errors.json`, `404.html` and, with a base URL, `sitemap.xml` (the
    /// assets depend on the templates, and are the build's to check).
    static func foreseenEntries(of pages: [Page], catalog: Catalog, hasBaseURL: Bool, map: SiteMap? = nil) -> [Entry] {
        let map = map ?? SiteMap(pages: pages, catalog: catalog)
        let referenceRoute = SiteLayout.referenceRoute(of: pages, map: map)
        var entries = pages.map { Entry(path: $0.route + "index.html", role: "the page \($0.file)", source: $0.file) }
        for code in catalog.codes.sorted(by: { $0.code < $1.code }) where map.address(of: code) != nil {
            entries.append(Entry(shortAddressAt: referenceRoute + code.code + "/index.html", of: code.code))
        }
        entries.append(Entry(path: referenceRoute + ErrorsJSONGenerator.fileName, role: "the list of codes errors.json", source: nil))
        if hasBaseURL { entries.append(Entry(path: SitemapXMLGenerator.path, role: "the sitemap", source: nil)) }
        entries.append(Entry(path: NotFoundPageGenerator.path, role: "the page for missing addresses", source: nil))
        return entries
    }

    /// The `address-conflict` diagnostics of `conflicts()`: at the page to rename, or
    /// at the model for a code's short address. Two codes that differ only in case
    /// are the model's `code-name` finding, not reported again.
    func diagnostics(modelSource: String) -> [Diagnostic] {
        conflicts().compactMap { conflict in
            let (blamed, other) = (conflict.blamed, conflict.other)
            let place = "would both be published at \(conflict.path) (addresses are compared ignoring case, as many "
                + "hosts and file systems do)"
            if let code = blamed.code ?? other.code {
                guard blamed.code == nil || other.code == nil else { return nil }
                let page = blamed.code == nil ? blamed : other
                return Diagnostic(
                    .error, .addressConflict,
                    "the short address of the model's code \(code) and \(page.role) \(place); rename the code in "
                        + "\(modelSource), or rename or move the page",
                    at: SourceLocation(file: modelSource, line: 1, column: 1))
            }
            guard let file = blamed.source else { return nil }
            return Diagnostic(
                .error, .addressConflict, "this page and \(other.role) \(place); rename or move the page",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}

extension String {
    /// The text lowercased, quickly when it is ASCII (as addresses almost always are).
    var caseInsensitiveKey: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return lowercased() }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
