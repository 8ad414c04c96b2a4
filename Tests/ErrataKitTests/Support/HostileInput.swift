@testable import ErrataKit
import Foundation

/// A content folder in a new temporary folder, removed when the value goes away, for
/// the tests that feed Errata hostile files: huge pages, links, pipes.
final class TemporaryContent {
    /// The folder that holds the content folder (and anything "outside" it).
    let root: URL
    /// The content folder, `root/Content`.
    let content: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("errata-hostile-\(UUID().uuidString)")
        content = root.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` at `path`, relative to the content folder.
    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes `piece` again and again at `path` until the file holds at least `size`
    /// bytes, without holding the whole file in memory; returns its size.
    @discardableResult
    func write(_ path: String, repeating piece: String, toAtLeast size: Int) throws -> Int {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pieces = (size + piece.utf8.count - 1) / piece.utf8.count
        let perChunk = max(1, (1 << 20) / piece.utf8.count)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        while written < pieces {
            let count = min(perChunk, pieces - written)
            try handle.write(contentsOf: Data(String(repeating: piece, count: count).utf8))
            written += count
        }
        return pieces * piece.utf8.count
    }

    /// Writes `text` at `path`, relative to the folder that holds the content folder.
    func writeOutside(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Makes a symbolic link at `path` in the content folder that holds `destination`
    /// as written (relative to the link's folder, or absolute).
    func link(_ path: String, to destination: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// The fixture's types without codes, so no page of a test misses one.
    static let typesOnly = Catalog(types: Catalog.fixture.types, codes: [])

    /// What `errata check` finds in the content folder, with the content folder taken
    /// off every path.
    func check(against catalog: Catalog = TemporaryContent.typesOnly) throws(LoadError) -> Pipeline.Report {
        var report = try Pipeline(catalog: catalog, modelSource: Catalog.fixtureSource).check(content: content)
        report.diagnostics = report.diagnostics.map { RuleFixture.relative($0, to: content) }
        return report
    }

    /// The formatted diagnostics of ``check(against:)``.
    func diagnostics(against catalog: Catalog = TemporaryContent.typesOnly) throws(LoadError) -> [String] {
        try check(against: catalog).diagnostics.map(\.formatted)
    }
}

/// Runs `body` on a new thread with a stack of `bytes` (512 KiB, the size macOS gives
/// secondary threads and the smallest Errata may run on) and waits for it, so a test
/// fails by crashing if anything on the way recurses once per level of nesting.
func onSmallStack<Value: Sendable>(
    bytes: Int = 512 << 10, _ body: @escaping @Sendable () throws -> Value
) throws -> Value {
    let outcome = SmallStackOutcome<Value>()
    let finished = NSCondition()
    let thread = Thread {
        let result = Result { try body() }
        finished.lock()
        outcome.result = result
        finished.signal()
        finished.unlock()
    }
    thread.stackSize = bytes
    thread.start()
    finished.lock()
    while outcome.result == nil { finished.wait() }
    finished.unlock()
    return try outcome.result!.get()
}

/// What the thread of ``onSmallStack(bytes:_:)`` hands back, guarded by its condition.
private final class SmallStackOutcome<Value>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
