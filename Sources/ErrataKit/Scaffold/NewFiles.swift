import Foundation

/// Files a command creates for the user (a project, a copy of the theme): all of them
/// or, when any is already there, none.
enum NewFiles {
    /// Writes each file under `directory` (folders made as needed); refuses, before
    /// writing anything, when one of them exists, saying `why` it will not replace it.
    static func write(_ files: [(path: String, bytes: [UInt8])], to directory: URL, refusing why: String) throws(LoadError) {
        let manager = FileManager.default
        let existing = files.map { directory.appendingPathComponent($0.path) }.filter { manager.fileExists(atPath: $0.path) }
        if let first = existing.first {
            throw LoadError(path: DisplayPath.of(first), message: "the file is already there; \(why)")
        }
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                throw LoadError(path: DisplayPath.of(url), message: "cannot be written: \(error.localizedDescription)")
            }
        }
    }
}
