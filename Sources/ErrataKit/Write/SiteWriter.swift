import Foundation
import Mustache
#if canImport(Glibc)
import Glibc
#endif

/// Writes the finished site into the output folder, all or nothing.
///
/// The files go to a staging folder beside the output; only when every file is
/// written does the staging folder take the output's place, in one step, so a failed
/// build leaves the previous site exactly as it was and a reader of the output never
/// finds it missing. The writer replaces only a folder it made itself (one holding its
/// ``marker`` file), so a mistyped `--output` cannot delete anyone's work. An output that
/// is a symbolic link stays one: the folder it leads to is replaced.
public struct SiteWriter: Sendable {
    public var output: URL
    /// What the output folder may not be or hold; see ``OutputGuard``.
    public var outputGuard: OutputGuard
    /// Asked before each file is written; when it says yes, the build stops, the
    /// staging folder is removed and ``WriteError/interrupted`` is thrown.
    public var isCancelled: @Sendable () -> Bool

    /// The file that marks a folder as Errata's output.
    public static let marker = ".errata-output"

    public init(output: URL, guard outputGuard: OutputGuard = OutputGuard(), isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.output = output.standardizedFileURL
        self.outputGuard = outputGuard
        self.isCancelled = isCancelled
    }

    /// Replaces the output folder with `files`. Returns what the build has to say that
    /// did not stop it (a previous site it could not remove, one it restored).
    @discardableResult
    public func write(_ files: [OutputFile]) throws(WriteError) -> [WriteWarning] {
        do {
            return try write { staging in
                for file in files { try staging.write(file) }
            }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: DisplayPath.of(output), message: "cannot write the site: \(error)")
        }
    }

    /// Checks, before any work, everything that would stop the site from replacing the
    /// output: the guard, a symbolic link that leads nowhere, a file or someone else's
    /// folder in the way, a mount point. When the output is missing because a build was
    /// killed while it replaced it, puts the previous site back first, so that it is
    /// there even if this build fails. Returns what it did.
    @discardableResult
    public func prepare() throws(WriteError) -> [WriteWarning] {
        restorePreviousSite(of: try destination())
    }

    /// Replaces the output folder with what `build` writes into the staging folder it
    /// is given. When `build` throws, the staging folder is removed, the output is
    /// left as it was, and the error is thrown on.
    ///
    /// When the output is a symbolic link, the link stays and the folder it leads to is
    /// replaced, staged beside that folder. The new site takes the old one's place in
    /// one step (see ``FolderSwap``); the old one is then removed, or, when it cannot
    /// be, left under a retired name with a warning saying so.
    @discardableResult
    public func write(_ build: (Staging) throws -> Void) throws -> [WriteWarning] {
        let fileManager = FileManager.default
        var warnings = try prepare()
        let destination = try destination()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = destination.sibling(".\(destination.name).staging-\(pid)")
        let retired = destination.sibling(".\(destination.name).old-\(pid)")
        warnings += removeLeftovers(of: destination)
        do {
            try fileManager.createDirectory(atPath: destination.parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(atPath: staging)
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw WriteError(
                path: destination.shown,
                message: "cannot create the staging folder \(DisplayPath.relative(staging)): \(Self.reason(of: error)); "
                    + "the build writes the new site beside the output before it replaces it, so it needs to write in "
                    + "\(DisplayPath.relative(destination.parent))")
        }
        do {
            let folder = Staging(root: staging, output: destination.shown, isCancelled: isCancelled)
            try build(folder)
            try folder.write(OutputFile(path: Self.marker, text: "Written by errata build; replaced on every build.\n"))
            if isCancelled() { throw WriteError.interrupted(destination.shown) }
        } catch {
            Self.removeTree(staging)
            throw error
        }
        let outcome: FolderSwap.Outcome
        do {
            outcome = try FolderSwap.install(staging, at: destination.path, retired: retired)
        } catch {
            Self.removeTree(staging)
            throw WriteError(path: destination.shown, message: "cannot replace the output folder: \(Self.explain(error))")
        }
        switch outcome {
        case .nothingReplaced:
            break
        case .exchanged:
            // The staging path now holds the previous site: give it the retired name, then remove it.
            let old = rename(staging, retired) == 0 ? retired : staging
            warnings += Self.remove(previousSite: old, of: destination)
        case .retired:
            warnings += Self.remove(previousSite: retired, of: destination)
        }
        return warnings
    }

    /// The folder a build replaces: the output, or the folder it links to.
    struct Destination {
        /// The real path of the folder, symbolic links resolved.
        var path: String
        /// How the output is shown in messages: as the user named it.
        var shown: String

        var parent: String { (path as NSString).deletingLastPathComponent }
        var name: String { (path as NSString).lastPathComponent }
        func sibling(_ name: String) -> String { (parent as NSString).appendingPathComponent(name) }
    }

    /// Resolves the output and checks that the build may replace it.
    func destination() throws(WriteError) -> Destination {
        let shown = DisplayPath.of(output)
        var status = stat()
        if lstat(output.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, Self.realPath(output.path) == nil {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? "?"
            throw WriteError(
                path: shown,
                message: "the output is a symbolic link to \(target), which does not exist; "
                    + "create that folder, or remove the link and build again")
        }
        try outputGuard.check(output)
        let destination = Destination(path: OutputGuard.resolved(output), shown: shown)
        guard stat(destination.path, &status) == 0 else { return destination }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw WriteError(path: shown, message: "the output path is a file, not a folder; choose another --output")
        }
        var parentStatus = stat()
        if stat(destination.parent, &parentStatus) == 0, parentStatus.st_dev != status.st_dev {
            throw WriteError(
                path: shown,
                message: "the output folder is a mount point, so a build cannot replace it in one step; "
                    + "pass a folder inside it as --output (\(shown)/site) and serve that, or unmount it")
        }
        try refuseForeignOutput(destination)
        return destination
    }

    /// The folder a build writes into before it replaces the output. Files can be
    /// written from several threads at once.
    public final class Staging: @unchecked Sendable {
        private let root: String
        private let output: String
        private let isCancelled: @Sendable () -> Bool
        private let lock = NSLock()
        /// Folders made so far, by their bytes: `Set<String>` would take two spellings of
        /// one name (NFC and NFD) for the same folder.
        private var folders: Set<[UInt8]> = []

        init(root: String, output: String, isCancelled: @escaping @Sendable () -> Bool) {
            self.root = root
            self.output = output
            self.isCancelled = isCancelled
        }

        /// Writes `file` under the staging folder, making its folders as needed. A path
        /// that would leave the folder (absolute, or with `..`) is refused.
        public func write(_ file: OutputFile) throws(WriteError) {
            let path = try place(file.path)
            do {
                try SiteWriter.writeFile(file.bytes, to: path)
            } catch {
                throw WriteError(path: output, message: "cannot write the site: \(error.localizedDescription)")
            }
        }

        /// Writes the file `relativePath` with the bytes `fill` hands its output, as it
        /// hands them, so that a large file is never held whole. Throws what `fill`
        /// throws, or, when the file could not take the bytes, a ``WriteError`` saying why.
        public func write(_ relativePath: String, by fill: (TemplateOutput) throws -> Void) throws {
            let path = try place(relativePath)
            let file: FileOutput
            do {
                file = try FileOutput(creating: path)
            } catch {
                throw WriteError(path: output, message: "cannot write the site: \(error.localizedDescription)")
            }
            defer { file.close() }
            do {
                try fill(file)
            } catch {
                if file.failure == nil { throw error }
            }
            if let failure = file.failure {
                throw WriteError(path: output, message: "cannot write the site: \(failure.localizedDescription)")
            }
        }

        /// The path in the staging folder of the file `relativePath`, its folders made.
        private func place(_ relativePath: String) throws(WriteError) -> String {
            if isCancelled() { throw WriteError.interrupted(output) }
            guard Self.staysInside(relativePath) else {
                throw WriteError(path: output, message: "refusing to write \"\(relativePath)\": the path would leave the output folder")
            }
            let path = root + "/" + relativePath
            do {
                if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeFolder(String(path[..<slash])) }
            } catch {
                throw WriteError(path: output, message: "cannot write the site: \(error.localizedDescription)")
            }
            return path
        }

        /// Whether `relativePath` names a file inside the folder: not empty, no NUL, and
        /// no part of it empty (so not absolute), `.` or `..`. Byte by byte: the names of
        /// thousands of files are checked.
        static func staysInside(_ relativePath: String) -> Bool {
            var path = relativePath
            return path.withUTF8 { bytes in
                guard !bytes.isEmpty else { return false }
                var start = 0
                for index in 0...bytes.count {
                    let end = index == bytes.count
                    if !end, bytes[index] == 0 { return false }
                    guard end || bytes[index] == UInt8(ascii: "/") else { continue }
                    let length = index - start
                    if length == 0 { return false }
                    if bytes[start] == UInt8(ascii: "."), length == 1 || (length == 2 && bytes[start + 1] == UInt8(ascii: ".")) {
                        return false
                    }
                    start = index + 1
                }
                return true
            }
        }

        private func makeFolder(_ folder: String) throws {
            let key = Array(folder.utf8)
            guard lock.withLock({ !folders.contains(key) }) else { return }
            if mkdir(folder, 0o755) != 0 {
                switch errno {
                case EEXIST: break
                case ENOENT:
                    if let slash = folder.lastIndex(of: "/") { try makeFolder(String(folder[..<slash])) }
                    if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                        throw POSIXFailure(operation: "create the folder", path: folder, code: errno)
                    }
                default:
                    throw POSIXFailure(operation: "create the folder", path: folder, code: errno)
                }
            }
            _ = lock.withLock { folders.insert(key) }
        }
    }

    /// Removes a folder Errata wrote and everything in it, the biggest folders (the
    /// thousands of short addresses) on every core. Returns the first entry that could
    /// not be removed and why, or nil when the folder is gone.
    @discardableResult
    static func removeTree(_ path: String) -> POSIXFailure? {
        func entries(of folder: String) -> [(path: String, isFolder: Bool)] {
            guard let directory = opendir(folder) else { return [] }
            defer { closedir(directory) }
            var found: [(String, Bool)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                found.append((folder + "/" + name, entry.pointee.d_type == UInt8(DT_DIR)))
            }
            return found
        }
        func remove(_ folder: String) {
            for entry in entries(of: folder) {
                if entry.isFolder { remove(entry.path) } else { unlink(entry.path) }
            }
            rmdir(folder)
        }
        // Spread the folders two levels down (docs/errors/*) over the cores.
        var work: [String] = []
        for entry in entries(of: path) {
            guard entry.isFolder else {
                unlink(entry.path)
                continue
            }
            for inner in entries(of: entry.path) {
                if inner.isFolder { work += entries(of: inner.path).filter(\.isFolder).map(\.path) }
            }
        }
        _ = Parallel.map(Parallel.chunks(work, pieces: 64)) { run in run.forEach(remove) }
        remove(path)
        guard FolderSwap.exists(path) else { return nil }
        return firstUndeletable(in: path)
    }

    /// The first entry under `folder` that cannot be removed, found by trying again one
    /// entry at a time, depth first.
    private static func firstUndeletable(in folder: String) -> POSIXFailure? {
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for name in contents.sorted() {
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                if status.st_mode & S_IFMT == S_IFDIR {
                    if let failure = firstUndeletable(in: path) { return failure }
                } else if unlink(path) != 0 {
                    return POSIXFailure(operation: "delete", path: path, code: errno)
                }
            }
        }
        return rmdir(folder) == 0 ? nil : POSIXFailure(operation: "delete", path: folder, code: errno)
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every
    /// file to disk, which for a site of thousands of small files costs seconds of
    /// waiting; the staging folder makes the build all-or-nothing without it.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let file = try FileOutput(creating: path)
        defer { file.close() }
        try bytes.withUnsafeBytes { raw in try file.writeAll(raw) }
    }

    /// A new file, written with plain POSIX calls, that a template can render into.
    final class FileOutput: TemplateOutput {
        private let descriptor: Int32
        private let path: String
        /// Why the file could not take bytes it was handed, once it could not.
        private(set) var failure: POSIXFailure?

        init(creating path: String) throws(POSIXFailure) {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXFailure(operation: "create", path: path, code: errno) }
            self.path = path
        }

        func writeAll(_ bytes: UnsafeRawBufferPointer) throws(POSIXFailure) {
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(operation: "write", path: path, code: errno)
                }
                written += result
            }
        }

        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard failure == nil else { return false }
            do {
                try writeAll(bytes)
                return true
            } catch {
                failure = error
                return false
            }
        }

        func close() { Glibc.close(descriptor) }
    }

    /// A system call that failed, with the path and the system's reason (e.g. "No space left on device").
    struct POSIXFailure: Error, LocalizedError {
        var operation: String
        var path: String
        var code: Int32

        var errorDescription: String? { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Removes a previous site after the new one took its place; a warning when it
    /// cannot be removed.
    private static func remove(previousSite path: String, of destination: Destination) -> [WriteWarning] {
        guard let failure = removeTree(path) else { return [] }
        return [Self.undeletable(path, failure, of: destination)]
    }

    private static func undeletable(_ path: String, _ failure: POSIXFailure, of destination: Destination) -> WriteWarning {
        let shown = DisplayPath.relative(path)
        return WriteWarning(
            path: destination.shown,
            message: "the previous site is left in \(shown): \(failure.errorDescription ?? "cannot delete it"); "
                + "make it writable and remove it (chmod -R u+w '\(shown)' && rm -rf '\(shown)')")
    }

    /// The folders that builds of this output which were killed left beside it: staging
    /// folders, and previous sites under a retired name. Only Errata's own names, and
    /// only for a process that is gone.
    private func leftovers(of destination: Destination) -> [(path: String, isPreviousSite: Bool)] {
        var found: [(String, Bool)] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination.parent)) ?? []
        for entry in entries.sorted() {
            for (prefix, isPreviousSite) in [(".\(destination.name).staging-", false), (".\(destination.name).old-", true)]
            where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier,
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                let path = destination.sibling(entry)
                var status = stat()
                if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { found.append((path, isPreviousSite)) }
            }
        }
        return found
    }

    /// Puts back the newest previous site a killed build left under a retired name, when
    /// the output is missing: a build killed between the two renames of a file system
    /// that cannot exchange folders.
    private func restorePreviousSite(of destination: Destination) -> [WriteWarning] {
        guard !FolderSwap.exists(destination.path) else { return [] }
        let restorable = leftovers(of: destination).filter { $0.isPreviousSite && FolderSwap.exists($0.path + "/" + Self.marker) }
        guard let newest = restorable.max(by: { Self.markerTime($0.path) < Self.markerTime($1.path) }),
              rename(newest.path, destination.path) == 0 else { return [] }
        return [WriteWarning(
            path: destination.shown,
            message: "restored the previous site from \(DisplayPath.relative(newest.path)), "
                + "left by a build that was stopped while it replaced the output")]
    }

    /// Removes what killed builds left; a warning for each folder that cannot be removed.
    private func removeLeftovers(of destination: Destination) -> [WriteWarning] {
        leftovers(of: destination).compactMap { leftover in
            Self.removeTree(leftover.path).map { Self.undeletable(leftover.path, $0, of: destination) }
        }
    }

    private static func markerTime(_ folder: String) -> Int {
        var status = stat()
        guard stat(folder + "/" + marker, &status) == 0 else { return 0 }
        return Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
    }

    /// Refuses an output folder that exists, is not empty, and was not written by Errata.
    private func refuseForeignOutput(_ destination: Destination) throws(WriteError) {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        if !contents.isEmpty, !contents.contains(Self.marker) {
            throw WriteError(
                path: destination.shown,
                message: "the output folder holds files errata did not write; empty it, or choose another --output")
        }
    }

    /// The real path, or nil when it leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// A failed swap in plain words.
    private static func explain(_ failure: FolderSwap.Failure) -> String {
        switch failure.code {
        case EEXIST, ENOTEMPTY:
            return "another build replaced it at the same moment, again and again; run one build at a time, or run again"
        case EBUSY:
            return "it is in use as a mount point; pass a folder inside it as --output"
        case EXDEV:
            return "it is on another file system than the folder that holds it; pass a folder inside it as --output"
        case EACCES, EPERM, EROFS:
            return "\(failure.reason); the build needs to rename folders in the folder that holds the output"
        default:
            return failure.reason
        }
    }

    /// A Foundation or system error in plain words: the system's reason, not a domain and code.
    static func reason(of error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }
}

/// Something the writer did or could not do that did not stop the build.
public struct WriteWarning: Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public var description: String { "\(path): warning: \(message)" }
}

/// The site could not be written.
public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Whether the build was stopped (Ctrl-C) rather than failing.
    public var isInterruption = false

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The build was stopped before the new site was complete.
    static func interrupted(_ output: String) -> WriteError {
        var error = WriteError(path: output, message: "interrupted; the output folder is left as it was")
        error.isInterruption = true
        return error
    }

    public var description: String { "\(path): error: \(message)" }
}
