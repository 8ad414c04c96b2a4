import ErrataKit
import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import ErrataPreview

/// The event stream and the script over real HTTP: what a page hears, and when.
@Suite("Live reload")
struct LiveReloadTests {
    static let diagnostics = [
        Diagnostic(
            .error, .unknownCode, "unknown error code ACCESS_NOT_GRANTD; did you mean ACCESS_NOT_GRANTED?",
            at: SourceLocation(file: "Content/docs/errors/item.md", line: 12, column: 1)),
        Diagnostic(
            .warning, .missingSample, #"no sample for <img src=x onerror="alert(1)">"#,
            at: SourceLocation(file: "Content/docs/errors/item.md", line: 3, column: 5)),
    ]

    @Test("the stream starts with ok, as server-sent events that are not cached")
    func streamStartsWithOK() async throws {
        try await TestServer.with { server in
            let stream = try await EventStreamClient(server: server)
            #expect(stream.status == .ok)
            #expect(stream.headers.first(name: "Content-Type") == "text/event-stream")
            #expect(stream.headers.first(name: "Cache-Control") == "no-cache")
            let first = try await stream.next()
            #expect(first.name == "ok")
            #expect(first.id == "1")
            await stream.disconnect()
        }
    }

    @Test("a publish sends reload, and the next GET has the new content")
    func publishSendsReload() async throws {
        try await TestServer.with { server in
            let stream = try await EventStreamClient(server: server)
            #expect(try await stream.next().name == "ok")
            await server.state.publish(["docs/errors/index.html": TestSite.page("Second build")])
            let event = try await stream.next()
            #expect(event.name == "reload")
            #expect(event.id == "2")
            let page = try await server.request("/docs/errors/")
            #expect(page.text.contains("<h1>Second build</h1>"))
            await stream.disconnect()
        }
    }

    @Test("a failure sends the diagnostics as JSON while the last good page is still served")
    func failSendsDiagnostics() async throws {
        try await TestServer.with { server in
            let stream = try await EventStreamClient(server: server)
            #expect(try await stream.next().name == "ok")
            await server.state.fail(Self.diagnostics)
            let event = try await stream.next()
            #expect(event.name == "diagnostics")
            #expect(event.id == "2")

            struct Document: Decodable {
                struct Entry: Decodable, Equatable {
                    var file: String
                    var line: Int
                    var column: Int
                    var severity: String
                    var rule: String
                    var message: String
                }
                var diagnostics: [Entry]
            }
            let document = try JSONDecoder().decode(Document.self, from: Data(try #require(event.data).utf8))
            #expect(document.diagnostics == [
                .init(
                    file: "Content/docs/errors/item.md", line: 3, column: 5, severity: "warning", rule: "missing-sample",
                    message: #"no sample for <img src=x onerror="alert(1)">"#),
                .init(
                    file: "Content/docs/errors/item.md", line: 12, column: 1, severity: "error", rule: "unknown-code",
                    message: "unknown error code ACCESS_NOT_GRANTD; did you mean ACCESS_NOT_GRANTED?"),
            ])

            let page = try await server.request("/docs/errors/item/")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Item errors</h1>"))
            await stream.disconnect()
        }
    }

    @Test("a page opened while the build is broken starts with the diagnostics, and with ok after a publish")
    func newStreamWhileFailed() async throws {
        try await TestServer.with { server in
            await server.state.fail(Self.diagnostics)
            let failed = try await EventStreamClient(server: server)
            let first = try await failed.next()
            #expect(first.name == "diagnostics")
            #expect(first.data?.contains("ACCESS_NOT_GRANTD") == true)
            await failed.disconnect()

            await server.state.publish(TestSite.files)
            let fixed = try await EventStreamClient(server: server)
            #expect(try await fixed.next().name == "ok")
            await fixed.disconnect()
        }
    }

    @Test("a page reconnecting from an older generation is told to reload")
    func reconnectFromOlderGeneration() async throws {
        try await TestServer.with { server in
            await server.state.publish(TestSite.files)
            let stale = try await EventStreamClient(server: server, lastEventID: "1")
            #expect(try await stale.next().name == "reload")
            await stale.disconnect()
            let current = try await EventStreamClient(server: server, lastEventID: "2")
            #expect(try await current.next().name == "ok")
            await current.disconnect()
        }
    }

    @Test("every open page hears every event")
    func everyPageHears() async throws {
        try await TestServer.with { server in
            let pages = [try await EventStreamClient(server: server), try await EventStreamClient(server: server)]
            for page in pages { #expect(try await page.next().name == "ok") }
            await server.state.fail(Self.diagnostics)
            await server.state.publish(TestSite.files)
            for page in pages {
                #expect(try await page.next().name == "diagnostics")
                #expect(try await page.next().name == "reload")
                await page.disconnect()
            }
        }
    }

    @Test("a disconnected page is unsubscribed")
    func disconnectUnsubscribes() async throws {
        try await TestServer.with { server in
            let streams = [try await EventStreamClient(server: server), try await EventStreamClient(server: server)]
            for stream in streams { _ = try await stream.next() }
            #expect(await server.state.subscriberCount == 2)
            await streams[0].disconnect()
            try await waitUntil { await server.state.subscriberCount == 1 }
            await streams[1].disconnect()
            try await waitUntil { await server.state.subscriberCount == 0 }
            await server.state.publish(TestSite.files)
            #expect(await server.state.subscriberCount == 0)
        }
    }

    @Test("an idle stream gets keep-alive comments")
    func keepAlive() async throws {
        try await TestServer.with(keepAliveInterval: .milliseconds(100)) { server in
            let stream = try await EventStreamClient(server: server)
            #expect(try await stream.next().name == "ok")
            let comment = try await stream.next(within: .seconds(2), includingComments: true)
            #expect(comment.comment == "keep-alive")
            #expect(comment.name == nil && comment.data == nil)
            await stream.disconnect()
        }
    }

    @Test("a graceful shutdown ends open streams instead of waiting for them")
    func gracefulShutdownEndsStreams() async throws {
        let state = PreviewState()
        await state.publish(TestSite.files)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = PreviewServer(state: state, port: 0, logger: TestServer.quietLogger)
            .application { port in portContinuation.yield(port) }
        let group = ServiceGroup(services: [application], logger: TestServer.quietLogger)
        let running = Task { try await group.run() }
        let client = TestServer.makeClient()
        var failure: (any Error)?
        do {
            let port = try #require(try await withTimeout(.seconds(10)) { await ports.first { _ in true } })
            let stream = try await EventStreamClient(server: TestServer(state: state, port: port, client: client))
            #expect(try await stream.next().name == "ok")

            await group.triggerGracefulShutdown()
            try await stream.waitForEnd()
            try await withTimeout(.seconds(10)) { try await running.value }
            #expect(await state.subscriberCount == 0)
        } catch {
            failure = error
            running.cancel()
        }
        try await client.shutdown()
        if let failure { throw failure }
    }

    @Test("the script is served, listens to the stream and never writes markup")
    func script() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/__errata/live.js")
            #expect(reply.status == .ok)
            #expect(reply.header("ETag") != nil)
            for part in [#"new EventSource("/__errata/events")"#, #""reload""#, #""diagnostics""#, #""ok""#, "textContent"] {
                #expect(reply.text.contains(part), "\(part)")
            }
            #expect(!reply.text.contains("innerHTML"))
            #expect(!reply.text.contains("insertAdjacentHTML"))
            #expect(!reply.text.contains("http"), "loads nothing from elsewhere")
        }
    }

    @Test("HEAD of the stream sends its headers and ends")
    func headOfStream() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/__errata/events", method: .HEAD)
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "text/event-stream")
            #expect(reply.body.isEmpty)
            #expect(await server.state.subscriberCount == 0)
        }
    }
}
