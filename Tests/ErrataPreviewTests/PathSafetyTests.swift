import Foundation
import Logging
import Testing

@testable import ErrataPreview

/// Requests an HTTP client would clean up first, sent as raw bytes over TCP.
@Suite("Path safety")
struct PathSafetyTests {
    static let refusedRequests: [(target: String, status: Int)] = [
        ("/../etc/passwd", 403),
        ("/%2e%2e/%2e%2e/etc/passwd", 403),
        ("/%2E./etc/passwd", 403),
        ("/docs/..%2f..%2fetc/passwd", 403),
        ("/docs/./errors/", 403),
        ("/docs/errors/..", 403),
        ("/a%00b", 403),
        (#"/a\b"#, 403),
        ("/a%5cb", 403),
        ("/a%zz", 400),
        ("/" + String(repeating: "a", count: 2999), 414),
    ]

    @Test("a traversal, a NUL, a backslash or an over-long URL is refused, and the server goes on serving",
          arguments: refusedRequests)
    func refused(target: String, status: Int) async throws {
        try await TestServer.with { server in
            let reply = try await RawHTTP.get(target, port: server.port)
            #expect(reply.status == status)
            #expect(!reply.head.contains("root:"))
            let page = try await RawHTTP.get("/docs/errors/", port: server.port)
            #expect(page.status == 200)
        }
    }

    @Test("each refused request is logged once, with its method, path and reason")
    func refusalsAreLogged() async throws {
        let lines = LogLines()
        let logger = Logger(label: "errata.serve.test") { label in
            var handler = CapturingLogHandler(lines: lines)
            handler.logLevel = .info
            return handler
        }
        try await TestServer.with(logger: logger) { server in
            _ = try await RawHTTP.get("/%2e%2e/etc/passwd", port: server.port)
            _ = try await RawHTTP.get("/docs/errors/", port: server.port)
            _ = try await RawHTTP.get(#"/a\b"#, port: server.port)
            _ = try await RawHTTP.get("/" + String(repeating: "b", count: 3000), port: server.port)
        }
        let refusals = lines.all.filter { $0.contains("refused") }
        try #require(refusals.count == 3, "\(lines.all)")
        #expect(refusals[0].contains("GET /%2e%2e/etc/passwd: 403"))
        #expect(refusals[0].contains("'..' segment"))
        #expect(refusals[1].contains(#"GET /a\b: 403"#))
        #expect(refusals[1].contains("backslash"))
        #expect(refusals[2].contains("414"))
        #expect(refusals.allSatisfy { !$0.contains("\n") && $0.count < 400 })
    }
}

/// Log messages, kept for a test to read.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        lines.append("\(level) \(message)")
    }
}
