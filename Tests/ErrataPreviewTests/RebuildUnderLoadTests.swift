import AsyncHTTPClient
import ErrataKit
import Foundation
import NIOCore
import Testing

@testable import ErrataPreview

/// The real site rebuilt by ``LiveSite`` while many requests are in flight, as `errata
/// serve` does it: no response is ever part of one build and part of another, or cut short.
@Suite("Rebuilds under load")
struct RebuildUnderLoadTests {
    /// The pages read over and over: a type page, which every edit changes, and pages
    /// and files an edit of it leaves alone or changes in part.
    static let targets: [(target: String, path: String)] = [
        ("/docs/errors/item/", "docs/errors/item/index.html"),
        ("/docs/errors/item/", "docs/errors/item/index.html"),
        ("/docs/errors/", "docs/errors/index.html"),
        ("/docs/errors/institution/", "docs/errors/institution/index.html"),
        ("/", "index.html"),
        ("/docs/errors/errors.json", "docs/errors/errors.json"),
        ("/docs/errors/ACCESS_NOT_GRANTED/", "docs/errors/ACCESS_NOT_GRANTED/index.html"),
    ]
    static let readers = 24
    static let rounds = 8
    static let pageEdited = "Content/docs/errors/item.md"
    static let sentence = "The user did not grant necessary permissions for their account."

    @Test("while edits alternately break and fix the build, every 200 is one whole published page, and a failed build keeps the last good one")
    func readsDuringRebuilds() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let original = try sandbox.read(Self.pageEdited)
        try #require(original.contains(Self.sentence) && original.contains("### ACCESS_NOT_GRANTED"))
        let site = LiveSite(configuration: .init(content: sandbox.content, templates: sandbox.templates, model: nil))
        let first = try Self.files(of: site.buildAll())
        let published = Published()
        for path in Set(Self.targets.map(\.path)) { try #require(first[path] != nil, "\(path)") }
        published.record(first)

        try await TestServer.with(files: first) { server in
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    redirectConfiguration: .disallow,
                    timeout: .init(connect: .seconds(5), read: .seconds(10)),
                    connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: Self.readers)))
            var failure: (any Error)?
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for reader in 0..<Self.readers {
                        group.addTask {
                            var index = reader
                            while !published.isStopped {
                                let (target, path) = Self.targets[index % Self.targets.count]
                                index += 1
                                try await Self.read(target, path: path, from: server, with: client, against: published)
                            }
                        }
                    }
                    do {
                        try await Self.edit(site, in: sandbox, original: original, serving: server, recording: published)
                        try await Task.sleep(for: .milliseconds(60))
                    } catch {
                        published.stop()
                        throw error
                    }
                    published.stop()
                    try await group.waitForAll()
                }
            } catch {
                failure = error
            }
            try await client.shutdown()
            if let failure { throw failure }
        }
        #expect(published.generations(of: "docs/errors/item/index.html") == Self.rounds + 1)
        let seen = published.seen
        #expect(seen.responses > 200, "\(seen.responses) responses")
        #expect(seen.itemGenerations > Self.rounds / 2, "the readers saw \(seen.itemGenerations) generations of the type page")
        #expect(seen.duringFailures > 0, "no read fell entirely within a failed build")
    }
}

private extension RebuildUnderLoadTests {
    /// GETs `target` and checks the response is whole: a 200 whose body and ETag are
    /// those of one published generation of `path`, and the last good one if the whole
    /// exchange fell within a failed build.
    static func read(
        _ target: String, path: String, from server: TestServer, with client: HTTPClient, against published: Published
    ) async throws {
        let before = published.phase
        let response = try await client.execute(HTTPClientRequest(url: server.url(target)), timeout: .seconds(10))
        let body = Array(buffer: try await response.body.collect(upTo: 1 << 22))
        let after = published.phase
        #expect(response.status == .ok, "\(target)")
        #expect(response.headers.first(name: "Content-Length") == String(body.count), "\(target)")
        #expect(response.headers.first(name: "ETag") == EntityTag(of: body).description, "\(target): the ETag of another body")
        let whole = published.isPublished(body, at: path)
        #expect(whole, "\(target): \(body.count) bytes that are no published generation")
        var duringFailure = false
        if before == after, let lastGood = before.lastGoodDuringFailure?[path] {
            duringFailure = true
            let isLastGood = body == lastGood
            #expect(isLastGood, "\(target): not the last good page during a failed build")
        }
        published.count(path: path, body: body, duringFailure: duringFailure)
    }

    /// Edits the type page `rounds` times, each time breaking the build and then
    /// fixing it with new text, and serves what each build gives as `errata serve` does.
    static func edit(
        _ site: LiveSite, in sandbox: Sandbox, original: String, serving server: TestServer, recording published: Published
    ) async throws {
        var text = original
        for round in 1...rounds {
            try await Task.sleep(for: .milliseconds(60))
            // A broken edit: the page names a code the catalog does not have.
            let broken = try sandbox.write(pageEdited, text.replacingOccurrences(of: "### ACCESS_NOT_GRANTED", with: "### ACCESS_NOT_GRANTD"))
            guard case .failed(let diagnostics) = site.update([broken]) else {
                Issue.record("round \(round): the broken edit built")
                return
            }
            await server.state.fail(diagnostics)
            published.failed()
            for (target, path) in targets.prefix(3) {
                let reply = try await server.request(target)
                let isLastGood = reply.body == published.latest(path)
                #expect(reply.status == .ok)
                #expect(isLastGood, "round \(round): \(target) during a failed build is not the last good page")
            }
            try await Task.sleep(for: .milliseconds(60))

            // A good edit, different every round.
            text = original.replacingOccurrences(of: sentence, with: sentence + " Revision \(round).")
            let fixed = try sandbox.write(pageEdited, text)
            let files = try Self.files(of: site.update([fixed]))
            #expect(String(decoding: files["docs/errors/item/index.html"] ?? [], as: UTF8.self).contains("Revision \(round)."))
            // Recorded before it is served, so no reader can see a page not yet recorded.
            published.record(files)
            await server.state.publish(files)
        }
    }

    static func files(of outcome: LiveSite.Outcome) throws -> [String: [UInt8]] {
        guard case .built(let files, _, _, _) = outcome else {
            Issue.record("expected a built site, got \(outcome)")
            throw CancellationError()
        }
        return files.all
    }

    /// Every generation of each file as served (live-reload script and all), and what the
    /// readers saw.
    final class Published: @unchecked Sendable {
        /// Where the editor is: a number that changes on every publish and failure, and the
        /// last good files while a failed build is shown.
        struct Phase: Equatable {
            var number = 0
            var lastGoodDuringFailure: [String: [UInt8]]?
        }

        private let lock = NSLock()
        private var bodies: [String: Set<[UInt8]>] = [:]
        private var latestBodies: [String: [UInt8]] = [:]
        private var current = Phase()
        private var responses = 0
        private var duringFailures = 0
        private var itemBodies: Set<[UInt8]> = []
        private var stopped = false

        func record(_ files: [String: [UInt8]]) {
            lock.withLock {
                for (path, bytes) in files where RebuildUnderLoadTests.targets.contains(where: { $0.path == path }) {
                    let served = Array(buffer: ServedFile(path: path, bytes: bytes).body)
                    bodies[path, default: []].insert(served)
                    latestBodies[path] = served
                }
                current = Phase(number: current.number + 1)
            }
        }

        func failed() {
            lock.withLock { current = Phase(number: current.number + 1, lastGoodDuringFailure: latestBodies) }
        }

        /// Tells the readers to finish the request they are on and stop.
        func stop() { lock.withLock { stopped = true } }
        var isStopped: Bool { lock.withLock { stopped } }

        var phase: Phase { lock.withLock { current } }
        func latest(_ path: String) -> [UInt8]? { lock.withLock { latestBodies[path] } }
        func isPublished(_ body: [UInt8], at path: String) -> Bool { lock.withLock { bodies[path]?.contains(body) == true } }
        func generations(of path: String) -> Int { lock.withLock { bodies[path]?.count ?? 0 } }

        func count(path: String, body: [UInt8], duringFailure: Bool) {
            lock.withLock {
                responses += 1
                if duringFailure { duringFailures += 1 }
                if path == "docs/errors/item/index.html" { itemBodies.insert(body) }
            }
        }

        var seen: (responses: Int, duringFailures: Int, itemGenerations: Int) {
            lock.withLock { (responses, duringFailures, itemBodies.count) }
        }
    }

    /// A copy of the repository's Content/ and Templates/ in a temporary folder.
    struct Sandbox {
        static let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var templates: URL { root.appendingPathComponent("Templates") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("errata-load-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["Content", "Templates"] {
                try FileManager.default.copyItem(
                    at: Self.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
            }
        }

        func read(_ relative: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        }

        /// Writes `text` to `relative` and returns its absolute path, as the watcher reports it.
        func write(_ relative: String, _ text: String) throws -> String {
            let url = root.appendingPathComponent(relative)
            try Data(text.utf8).write(to: url)
            return url.standardizedFileURL.path
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }
}
