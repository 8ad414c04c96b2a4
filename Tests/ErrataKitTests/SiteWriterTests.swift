import Foundation
import Testing
@testable import ErrataKit

/// The writer alone: all or nothing, and nothing outside the output folder.
struct SiteWriterTests {
    private static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-writer-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private struct Failure: Error {}

    @Test func aBuildThatFailsMidwayLeavesThePreviousOutputAndNoStagingFolder() throws {
        let parent = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        try SiteWriter(output: output).write([OutputFile(path: "index.html", text: "first")])
        var written = 0
        #expect(throws: Failure.self) {
            try SiteWriter(output: output).write { staging in
                for index in 0..<50 {
                    try staging.write(OutputFile(path: "docs/\(index)/index.html", text: "second"))
                    written += 1
                    if index == 20 { throw Failure() }
                }
            }
        }
        #expect(written == 21)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
    }

    @Test(arguments: [
        "../escape.html", "/etc/passwd", "docs/../../escape.html", "docs/./x.html", "docs//x.html", "", "a\u{0}b",
        "..", ".", "docs/..", "docs/", "docs/.", "/",
    ])
    func refusesAPathThatWouldLeaveTheOutputFolder(path: String) throws {
        let parent = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        do {
            try SiteWriter(output: output).write([OutputFile(path: path, text: "x")])
            Issue.record("\(path) must be refused")
        } catch {
            #expect("\(error)".contains("the path would leave the output folder"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    @Test func namesThatOnlyLookLikeStepsOutAreWritten() throws {
        let names = [".hidden/x.html", "..a/b.html", "a/..b/c.html", "a/b../c.html", "é/../x.html".replacingOccurrences(of: "/../", with: "/.…/"), "x"]
        for name in names { #expect(SiteWriter.Staging.staysInside(name), "\(name)") }
        let parent = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        try SiteWriter(output: output).write(names.map { OutputFile(path: $0, text: $0) })
        for name in names {
            #expect(try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8) == name)
        }
    }

    @Test func aCancelledBuildStopsBeforeTheNextFile() throws {
        let parent = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        let cancelled = LockedFlag()
        do {
            try SiteWriter(output: output, isCancelled: { cancelled.value }).write { staging in
                try staging.write(OutputFile(path: "a.html", text: "a"))
                cancelled.set()
                try staging.write(OutputFile(path: "b.html", text: "b"))
                Issue.record("the second file must not be written")
            }
        } catch let error as WriteError {
            #expect(error.isInterruption)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }
}

private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
