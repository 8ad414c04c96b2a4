import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import ErrataPreview

/// A small site with a page of each kind the server treats differently.
enum TestSite {
    static let files: [String: [UInt8]] = [
        "index.html": page("Home"),
        "docs/errors/index.html": page("Errors"),
        "docs/errors/item/index.html": page("Item errors"),
        "404.html": page("Lost"),
        "assets/style.css": Array("body { color: #123; }\n/* </body> */\n".utf8),
        "assets/app.js": Array("console.log('errata');\n".utf8),
        "assets/logo.png": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        "search.json": Array(#"{"pages":[]}"#.utf8),
    ]

    static func page(_ title: String) -> [UInt8] {
        Array("<!doctype html>\n<html><head><title>\(title)</title></head>\n<body>\n<h1>\(title)</h1>\n</body>\n</html>\n".utf8)
    }
}

/// A running preview server on an ephemeral port, with an HTTP client for it.
struct TestServer: Sendable {
    let state: PreviewState
    let port: Int
    let client: HTTPClient

    /// Runs `body` against a fresh server serving `files` (nil: nothing published yet),
    /// then shuts everything down. A server that does not start or stop within ten
    /// seconds fails the test.
    static func with(
        files: [String: [UInt8]]? = TestSite.files,
        keepAliveInterval: Duration = .seconds(15),
        timeouts: ConnectionTimeouts = .standard,
        host: String = "127.0.0.1",
        logger: Logger = quietLogger,
        _ body: (TestServer) async throws -> Void
    ) async throws {
        let state = PreviewState()
        if let files { await state.publish(files) }
        var server = PreviewServer(state: state, host: host, port: 0, logger: logger)
        server.keepAliveInterval = keepAliveInterval
        server.timeouts = timeouts
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let serverTask = Task {
            try await server.run { port in portContinuation.yield(port) }
        }
        let client = makeClient()
        var failure: (any Error)?
        do {
            let port = try await withTimeout(.seconds(10)) { await ports.first { _ in true } }
            try await body(TestServer(state: state, port: try #require(port), client: client))
        } catch {
            failure = error
        }
        try await client.shutdown()
        serverTask.cancel()
        try await withTimeout(.seconds(10)) { _ = await serverTask.result }
        if let failure { throw failure }
    }

    /// A client that shows redirects instead of following them, and gives up on a
    /// silent server.
    static func makeClient() -> HTTPClient {
        HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))
    }

    static var quietLogger: Logger {
        Logger(label: "errata.serve.test") { _ in SwiftLogNoOpLogHandler() }
    }

    func url(_ target: String) -> String { "http://127.0.0.1:\(port)\(target)" }

    /// A response with its whole body.
    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    /// Sends one request and reads the whole response, within ten seconds.
    func request(_ target: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: url(target))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: response.status, headers: response.headers, body: Array(buffer: body))
    }
}

struct TimeoutError: Error, CustomStringConvertible {
    var duration: Duration
    var description: String { "gave up after \(duration)" }
}

/// `operation`'s result, or ``TimeoutError`` when it takes longer than `duration`.
func withTimeout<T: Sendable>(
    _ duration: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw TimeoutError(duration: duration)
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw CancellationError() }
        return result
    }
}

/// Waits until `condition` holds, checking every 10 ms, for at most `duration`.
func waitUntil(within duration: Duration = .seconds(5), _ condition: @Sendable () async -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + duration
    while !(await condition()) {
        guard clock.now < deadline else { throw TimeoutError(duration: duration) }
        try await Task.sleep(for: .milliseconds(10))
    }
}
