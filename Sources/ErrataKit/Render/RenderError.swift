/// Why a site cannot be rendered.
public enum RenderError: Error, CustomStringConvertible {
    /// A template is missing, cannot be parsed, or cannot render a page.
    case template(TemplateError)
    /// Two files of the site would share an address.
    case conflict(AddressConflict)

    public var description: String {
        switch self {
        case .template(let error): error.description
        case .conflict(let conflict): conflict.description
        }
    }
}

/// Two files of the site at the same address, or one where the other needs a folder
/// (`errors.json` beside a page `errors.json/`). Addresses are compared ignoring case,
/// as macOS and Windows file systems and many hosts do, so `docs/errors/ITEM/` and
/// `docs/errors/item/` conflict.
public struct AddressConflict: Sendable, CustomStringConvertible {
    /// The file to change: the content page involved, else the output path.
    public var file: String
    public var message: String

    public var description: String { "\(file): error: \(message)" }
}

/// Finds the first ``AddressConflict`` among the files of a site.
struct AddressConflictCheck {
    /// A file of the site and what put it there.
    struct Entry {
        var path: String
        /// What the file is, for the message ("the page", "the short address of ACCESS_NOT_GRANTED").
        var role: String
        /// The content file it comes from, if any.
        var source: String?
    }

    var entries: [Entry]

    func check() throws(RenderError) {
        var files: [String: Entry] = [:]
        var folders: [String: Entry] = [:]
        for entry in entries {
            // Lowercasing keeps every `/`, so the folders of the key are the keys of the folders.
            let key = entry.path.caseInsensitiveKey
            if let other = files[key] { throw conflict(entry, other, at: entry.path) }
            if let other = folders[key] { throw conflict(entry, other, at: entry.path) }
            files[key] = entry
            var folder = Substring(key)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                let folderKey = String(folder)
                if let other = files[folderKey] {
                    let depth = folderKey.split(separator: "/").count
                    throw conflict(entry, other, at: entry.path.split(separator: "/").prefix(depth).joined(separator: "/"))
                }
                if folders[folderKey] != nil { break }  // and so are the folders around it
                folders[folderKey] = entry
            }
        }
    }

    private func conflict(_ first: Entry, _ second: Entry, at path: String) -> RenderError {
        let (blamed, other) = first.source != nil || second.source == nil ? (first, second) : (second, first)
        let (role, advice) = blamed.source != nil ? ("this page", "rename or move the page") : (blamed.role, "rename one of them")
        return .conflict(AddressConflict(
            file: blamed.source ?? blamed.path,
            message: "\(role) and \(other.role) would both be published at \(path) "
                + "(addresses are compared ignoring case, as many hosts do); \(advice)"))
    }
}

extension String {
    /// The text lowercased, quickly when it is ASCII (as addresses almost always are).
    var caseInsensitiveKey: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return lowercased() }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
