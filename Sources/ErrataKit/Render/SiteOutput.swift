import Foundation
import Mustache

/// Where the files of a site go as they are rendered, from several threads at once:
/// a build's staging folder (``SiteWriter/Staging``), or a list kept in memory.
public protocol SiteOutput: Sendable {
    /// Takes a file made whole.
    func write(_ file: OutputFile) throws
    /// Takes the file `path`, made as `fill` hands bytes to the output it is given:
    /// for a page too large to hold whole.
    func write(_ path: String, by fill: (TemplateOutput) throws -> Void) throws
}

extension SiteWriter.Staging: SiteOutput {}

/// The files of a site, kept in memory as they are rendered.
final class CollectedFiles: SiteOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [OutputFile] = []

    /// The files so far, sorted by path.
    var sorted: [OutputFile] { lock.withLock { files.sorted { $0.path < $1.path } } }

    func write(_ file: OutputFile) {
        lock.withLock { files.append(file) }
    }

    func write(_ path: String, by fill: (TemplateOutput) throws -> Void) throws {
        let bytes = GatheredBytes()
        try fill(bytes)
        write(OutputFile(path: path, bytes: bytes.bytes))
    }
}

/// Bytes gathered in memory from a writer that hands them on a run at a time.
final class GatheredBytes: TemplateOutput {
    private(set) var bytes: [UInt8] = []

    func write(_ more: UnsafeRawBufferPointer) -> Bool {
        bytes.append(contentsOf: more)
        return true
    }
}

/// A file that could not take the bytes it was handed; the file says why.
struct WriteFailure: Error {}
