import Foundation

/// The folders an output folder must never be, nor hold, and the inputs it must not touch: the build replaces the whole
/// output folder, so an `--output` pointed at the wrong place would delete it.
///
/// Refused: `/`, the home folder, the folder Errata runs in, a repository root (a
/// folder holding `.git`), and each protected input (the content and templates
/// folders, the model file), whether the output is that input, holds it, or lies inside it. Paths are
/// compared after resolving symbolic links, so a link cannot get around the rules.
public struct OutputGuard: Sendable {
    /// A folder or file the build reads, and what it is ("the content folder", "the model file").
    public struct Protected: Sendable {
        public var url: URL
        public var role: String

        public init(_ url: URL, role: String) {
            self.url = url
            self.role = role
        }
    }

    public var protected: [Protected]

    public init(protecting protected: [Protected] = []) {
        self.protected = protected
    }

    /// Throws when `output` may not be replaced.
    public func check(_ output: URL) throws(WriteError) {
        let target = Self.resolved(output)
        let shown = DisplayPath.of(output)
        func refuse(_ reason: String) -> WriteError {
            WriteError(path: shown, message: "refusing to use this as the output folder: \(reason); "
                + "choose a folder of its own for --output (the default is public)")
        }
        if target == "/" { throw refuse("it is the root of the file system") }
        let home = Self.resolved(URL(fileURLWithPath: NSHomeDirectory()))
        if Self.contains(target, home) { throw refuse(target == home ? "it is the home folder" : "it holds the home folder") }
        let workingDirectory = Self.resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if Self.contains(target, workingDirectory) {
            throw refuse(target == workingDirectory ? "it is the folder errata runs in" : "it holds the folder errata runs in")
        }
        if FileManager.default.fileExists(atPath: target + "/.git") { throw refuse("it is the root of a repository (it holds .git)") }
        for folder in protected {
            let path = Self.resolved(folder.url)
            if Self.contains(target, path) {
                throw refuse(target == path ? "it is \(folder.role)" : "it holds \(folder.role), \(DisplayPath.of(folder.url))")
            }
            if Self.contains(path, target) { throw refuse("it is inside \(folder.role), \(DisplayPath.of(folder.url))") }
        }
    }

    /// Whether `folder` is `path` or one of its ancestors.
    static func contains(_ folder: String, _ path: String) -> Bool {
        folder == path || folder == "/" || path.hasPrefix(folder + "/")
    }

    /// The absolute path with symbolic links resolved, for as much of it as exists.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/", realpath(existing, nil) == nil {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var base = existing
        if let real = realpath(existing, nil) {
            base = String(cString: real)
            free(real)
        }
        let joined = ([base == "/" ? "" : base] + rest).joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }
}
