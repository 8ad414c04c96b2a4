import Foundation

/// Reads every Markdown page (`*.md`) under a content folder, in a stable order.
///
/// Loading is the only stage that touches the content folder; what follows works on
/// the ``SourceFile`` values it returns. The folder is read by the rules of
/// ``SourceFolder``, which the templates folder shares: nothing outside it is read — a
/// symbolic link that leads out of it is refused with a ``LoadError`` naming the link,
/// before any page is read — and every page is read whole, with the identity it had
/// (see ``SourceFile/identity``), so a build can make sure it is still that version
/// when it publishes.
public struct ContentLoader: Sendable {
    public var directory: URL
    /// Whether a page changed a moment ago is read only once it has been still long
    /// enough that any later change shows in its identity (see
    /// ``SourceFolder/settlingTime``): what a build needs to check, before it
    /// publishes, that it read every page whole. `errata new` does without, since it
    /// compares the page's bytes before it writes.
    public var waitsUntilSettled: Bool

    public init(directory: URL, waitsUntilSettled: Bool = true) {
        self.directory = directory
        self.waitsUntilSettled = waitsUntilSettled
    }

    /// The pages of the content folder, sorted by their path in it.
    public func load() throws(LoadError) -> [SourceFile] {
        var files: [SourceFile] = []
        for contentPath in try markdownPaths() {
            files.append(try load(contentPath))
        }
        return files
    }

    /// One page, by its path in the content folder (one of ``markdownPaths()``).
    ///
    /// At most ``InputLimits/pageBytes`` and one more byte are read, so a huge file
    /// costs no more memory than a page at the limit; ``SourceFile/byteCount`` keeps
    /// the file's real size for the message that refuses it. A page saved while it is
    /// read is read again.
    public func load(_ contentPath: String) throws(LoadError) -> SourceFile {
        let contents = try folder.read(contentPath, limit: InputLimits.pageBytes, kind: Self.page, settling: waitsUntilSettled)
        var file = SourceFile(
            displayPath: DisplayPath.of(directory.appendingPathComponent(contentPath)), contentPath: contentPath,
            bytes: contents.bytes, byteCount: contents.byteCount)
        file.identity = contents.identity
        return file
    }

    /// The paths of the pages under the content folder, sorted by their bytes, with
    /// `/` separators.
    ///
    /// Folders are walked without recursion, hidden ones included; hidden pages
    /// (`.draft.md`) are skipped. A link to a page inside the content folder is a
    /// page; a link to a folder inside it is not walked, because every folder inside is
    /// walked at its own place already. Refused, as one ``LoadError`` naming every
    /// problem, before any page is read: a link to a page or a folder outside the
    /// content folder (its pages would be lost or let in), a page link that leads
    /// nowhere, a `.md` name that is not a regular file (a pipe would block the build
    /// forever), a page whose path is not UTF-8, and two pages whose paths are one name
    /// once Unicode-normalised (see ``SourceFolder``).
    public func markdownPaths() throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(
                path: DisplayPath.of(directory),
                message: "no content folder here; pass --content DIR with the folder that holds the Markdown pages")
        }
        return try folder.paths()
    }

    /// The identities of `files`, as they were read from this folder.
    public func snapshot(of files: [SourceFile]) -> SourceSnapshot {
        SourceSnapshot(files.compactMap { file in
            file.identity.map { identity in
                SourceSnapshot.Source(
                    path: directory.appendingPathComponent(file.contentPath).path,
                    displayPath: file.displayPath, identity: identity)
            }
        })
    }

    private var folder: SourceFolder {
        SourceFolder(directory: directory, role: "content folder", noun: "page") { path in
            let name = path.split(separator: "/").last ?? ""
            return name.hasSuffix(".md") && !name.hasPrefix(".") ? Self.page : nil
        }
    }

    private static let page = SourceFolder.Kind(noun: "page", rule: "a page must be a plain .md file")
}

/// The content folder or one of its files cannot be read.
public struct LoadError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The other files that cannot be read, when there are several.
    public var further: [LoadError] = []

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// All of `errors` in one, sorted by path; `nil` when there are none.
    init?(all errors: [LoadError]) {
        let sorted = errors.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        guard let first = sorted.first else { return nil }
        self = first
        further = Array(sorted.dropFirst())
    }

    /// One line per file: `Content/item.md: error: …`.
    public var description: String {
        ([self] + further).map { "\($0.path): error: \($0.message)" }.joined(separator: "\n")
    }
}

/// Paths as the user would type them: relative to the working directory when possible.
public enum DisplayPath {
    public static func of(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let workingDirectory = FileManager.default.currentDirectoryPath
        let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// An absolute path as the user would type it.
    public static func relative(_ path: String) -> String {
        of(URL(fileURLWithPath: path))
    }
}
