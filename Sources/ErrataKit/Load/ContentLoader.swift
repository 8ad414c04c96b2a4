import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads every Markdown page (`*.md`) under a content folder, in a stable order.
///
/// Loading is the only stage that touches the content folder; what follows works on
/// the ``SourceFile`` values it returns.
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

    /// Paths under the content folder of its `.md` files, sorted, with `/` separators.
    /// The paths of the pages under the content folder, sorted.
    public func markdownPaths() throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(
                path: DisplayPath.of(directory),
                message: "no content folder here; pass --content DIR with the folder that holds the Markdown pages")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else {
            throw LoadError(path: DisplayPath.of(directory), message: "cannot list the content folder")
        }
        var paths: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".md") {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            paths.append(path)
        }
        return paths.sorted()
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
