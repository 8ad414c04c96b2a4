import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the finished site into the output folder, all or nothing.
///
/// The files go to a staging folder beside the output; only when every file is
/// written does the staging folder replace the output, so a failed build leaves the
/// previous site exactly as it was. The writer replaces only a folder it made itself
/// (one holding its ``marker`` file), so a mistyped `--output` cannot delete anyone's work.
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

    /// Replaces the output folder with `files`.
    public func write(_ files: [OutputFile]) throws(WriteError) {
        do {
            try write { staging in
                for file in files { try staging.write(file) }
            }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: DisplayPath.of(output), message: "cannot write the site: \(error)")
        }
    }

    /// Replaces the output folder with what `build` writes into the staging folder it
    /// is given. When `build` throws, the staging folder is removed, the output is
    /// left as it was, and the error is thrown on.
    public func write(_ build: (Staging) throws -> Void) throws {
        let fileManager = FileManager.default
        try outputGuard.check(output)
        try refuseForeignOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).old-\(pid)")
        removeLeftovers(in: parent, of: name)
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: DisplayPath.of(parent), message: "cannot create the output folder: \(error.localizedDescription)")
        }
        do {
            let folder = Staging(root: staging.path, output: DisplayPath.of(output), isCancelled: isCancelled)
            try build(folder)
            try folder.write(OutputFile(path: Self.marker, text: "Written by errata build; replaced on every build.\n"))
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        do {
            let hadOutput = fileManager.fileExists(atPath: output.path)
            if hadOutput { try fileManager.moveItem(at: output, to: retired) }
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                if hadOutput { try? fileManager.moveItem(at: retired, to: output) }
                throw error
            }
            if hadOutput { Self.removeTree(retired.path) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(path: DisplayPath.of(output), message: "cannot replace the output folder: \(error.localizedDescription)")
        }
    }

    /// The folder a build writes into before it replaces the output. Files can be
    /// written from several threads at once.
    public final class Staging: @unchecked Sendable {
        private let root: String
        private let output: String
        private let isCancelled: @Sendable () -> Bool
        private let lock = NSLock()
        private var folders: Set<String> = []

        init(root: String, output: String, isCancelled: @escaping @Sendable () -> Bool) {
            self.root = root
            self.output = output
            self.isCancelled = isCancelled
        }

        /// Writes `file` under the staging folder, making its folders as needed. A path
        /// that would leave the folder (absolute, or with `..`) is refused.
        public func write(_ file: OutputFile) throws(WriteError) {
            if isCancelled() { throw WriteError.interrupted(output) }
            let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.isEmpty, !file.path.utf8.contains(0),
                  !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw WriteError(path: output, message: "refusing to write \"\(file.path)\": the path would leave the output folder")
            }
            let path = root + "/" + file.path
            do {
                if let slash = path.lastIndex(of: "/") { try makeFolder(String(path[..<slash])) }
                try SiteWriter.writeFile(file.bytes, to: path)
            } catch {
                throw WriteError(path: output, message: "cannot write the site: \(error.localizedDescription)")
            }
        }

        private func makeFolder(_ folder: String) throws {
            guard lock.withLock({ !folders.contains(folder) }) else { return }
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
            _ = lock.withLock { folders.insert(folder) }
        }
    }

    /// Removes a folder Errata wrote and everything in it, the biggest folders (the
    /// thousands of short addresses) on every core.
    static func removeTree(_ path: String) {
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
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every
    /// file to disk, which for a site of thousands of small files costs seconds of
    /// waiting; the staging folder makes the build all-or-nothing without it.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "create", path: path, code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw POSIXFailure(operation: "write", path: path, code: errno)
            }
            written += result
        }
    }

    /// A system call that failed, with the path and the system's reason (e.g. "No space left on device").
    struct POSIXFailure: Error, LocalizedError {
        var operation: String
        var path: String
        var code: Int32

        var errorDescription: String? { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Removes the staging and retired folders that builds of this output left behind
    /// when they were killed: only Errata's own names, and only for a process that is gone.
    private func removeLeftovers(in parent: URL, of name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries {
            for prefix in [".\(name).staging-", ".\(name).old-"] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier,
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                let path = parent.appendingPathComponent(entry).path
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    Self.removeTree(path)
                }
            }
        }
    }

    /// Refuses an output folder that exists, is not empty, and was not written by Errata.
    private func refuseForeignOutput() throws(WriteError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw WriteError(path: DisplayPath.of(output), message: "the output path is a file, not a folder; choose another --output")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty, !contents.contains(Self.marker) {
            throw WriteError(
                path: DisplayPath.of(output),
                message: "the output folder holds files errata did not write; empty it, or choose another --output")
        }
    }
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
