import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads every Markdown page (`*.md`) under a content folder, in a stable order.
///
/// Loading is the only stage that touches the content folder; what follows works on
/// the ``SourceFile`` values it returns. It reads nothing outside the folder: a
/// symbolic link that leads out of it is refused with a ``LoadError`` naming the
/// link, before any page is read (see ``markdownPaths()``).
public struct ContentLoader: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
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
    /// the file's real size for the message that refuses it.
    public func load(_ contentPath: String) throws(LoadError) -> SourceFile {
        let url = directory.appendingPathComponent(contentPath)
        let displayPath = DisplayPath.of(url)
        try refuseOutside(url.path, named: displayPath)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw LoadError(path: displayPath, message: "cannot read the file (\(String(cString: strerror(errno)))); check its permissions")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw LoadError(path: displayPath, message: "is not a regular file; a page must be a plain .md file")
        }
        let cap = InputLimits.pageBytes + 1
        var bytes = [UInt8](repeating: 0, count: min(Int(status.st_size), cap))
        var count = 0
        while count < bytes.count {
            let result = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else {
                throw LoadError(path: displayPath, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if result == 0 { break }
            count += result
        }
        bytes.removeSubrange(count...)
        return SourceFile(
            displayPath: displayPath, contentPath: contentPath, bytes: bytes,
            byteCount: max(Int(status.st_size), count))
    }

    /// The paths of the pages under the content folder, sorted, with `/` separators.
    ///
    /// Folders are walked without recursion, hidden ones included; hidden pages
    /// (`.draft.md`) are skipped. A link to a page inside the content folder is a
    /// page; a link to a folder inside it is not walked, because every folder inside
    /// is walked at its own place already (and a link to a folder it is in would never
    /// end). Refused, as a ``LoadError``, before any page is read: a link to a page or
    /// a folder outside the content folder (its pages would be lost or let in), a page
    /// link that leads nowhere, and a `.md` name that is not a regular file (a pipe
    /// would block the build forever).
    public func markdownPaths() throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let root = Self.realPath(directory.path)
        else {
            throw LoadError(
                path: DisplayPath.of(directory),
                message: "no content folder here; pass --content DIR with the folder that holds the Markdown pages")
        }
        var folders = [""]  // paths under the content folder, "" or ending in "/"
        var paths: [String] = []
        while let folder = folders.popLast() {
            let url = directory.appendingPathComponent(folder)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            } catch {
                throw LoadError(path: DisplayPath.of(url), message: "cannot list the folder; check its permissions")
            }
            for name in names.sorted() {
                let entry = url.appendingPathComponent(name).path
                let isPage = name.hasSuffix(".md") && !name.hasPrefix(".")
                var status = stat()
                guard lstat(entry, &status) == 0 else { continue }  // gone since it was listed
                var kind = status.st_mode & S_IFMT
                if kind == S_IFDIR {
                    folders.append(folder + name + "/")
                    continue
                }
                if kind == S_IFLNK {
                    guard let target = Self.realPath(entry), stat(entry, &status) == 0 else {
                        guard isPage else { continue }
                        throw LoadError(
                            path: DisplayPath.relative(entry),
                            message: "the link leads to \(Self.linkText(entry)), which does not exist; fix the link or remove it")
                    }
                    kind = status.st_mode & S_IFMT
                    guard kind == S_IFDIR || isPage else { continue }  // not a page: never read
                    guard Self.isInside(target, root) else {
                        let what = kind == S_IFDIR ? "folder" : "page"
                        throw LoadError(
                            path: DisplayPath.relative(entry),
                            message: "the link leads to \(DisplayPath.relative(target)), outside the content folder "
                                + "\(DisplayPath.of(directory)); Errata reads no page from outside it, so move or copy "
                                + "the \(what) into the content folder, or remove the link")
                    }
                    if kind == S_IFDIR { continue }  // walked at its own place
                }
                guard isPage else { continue }
                guard kind == S_IFREG else {
                    throw LoadError(
                        path: DisplayPath.relative(entry),
                        message: "is not a regular file; a page must be a plain .md file, not a pipe, socket or device")
                }
                paths.append(folder + name)
            }
        }
        return paths.sorted()
    }

    /// Refuses a file whose real path is outside the content folder: a page swapped
    /// for a link to elsewhere after the folder was listed.
    private func refuseOutside(_ path: String, named displayPath: String) throws(LoadError) {
        guard let root = Self.realPath(directory.path), let real = Self.realPath(path) else { return }
        guard Self.isInside(real, root) else {
            throw LoadError(
                path: displayPath,
                message: "leads to \(DisplayPath.relative(real)), outside the content folder "
                    + "\(DisplayPath.of(directory)); Errata reads no page from outside it")
        }
    }

    /// The path with every link resolved, or `nil` when it leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `root` or under it; both are real paths.
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// What a link says it leads to, as written.
    private static func linkText(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "nothing"
    }
}

/// The content folder or one of its files cannot be read.
public struct LoadError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): error: \(message)" }
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
