import Foundation

/// Writes the finished site into the output folder, all or nothing.
///
/// The files go to a staging folder beside the output; only when every file is
/// written does the staging folder replace the output, so a failed build leaves the
/// previous site exactly as it was. The writer replaces only a folder it made itself
/// (one holding its ``marker`` file), so a mistyped `--output` cannot delete anyone's work.
public struct SiteWriter: Sendable {
    public var output: URL

    /// The file that marks a folder as Errata's output.
    public static let marker = ".errata-output"

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// Replaces the output folder with `files`.
    public func write(_ files: [OutputFile]) throws(WriteError) {
        let fileManager = FileManager.default
        try refuseForeignOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).old-\(pid)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: DisplayPath.of(parent), message: "cannot create the output folder: \(error.localizedDescription)")
        }
        do {
            var folders: Set<String> = []
            for file in files + [OutputFile(path: Self.marker, text: "Written by errata build; replaced on every build.\n")] {
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try Data(file.bytes).write(to: url)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(path: DisplayPath.of(output), message: "cannot write the site: \(error.localizedDescription)")
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
            if hadOutput { try? fileManager.removeItem(at: retired) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(path: DisplayPath.of(output), message: "cannot replace the output folder: \(error.localizedDescription)")
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

    public var description: String { "\(path): error: \(message)" }
}
