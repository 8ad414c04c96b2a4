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
        ("/%c0%ae%c0%ae/etc/passwd", 400),
        ("/" + String(repeating: "a", count: 2999), 414),
        // Encoded slashes, double encoding, and paths a join could read as absolute.
        ("/docs%2Ferrors%2Fitem%2F", 403),
        ("/%2F%2Fetc/passwd", 403),
        ("/%252e%252e/%252e%252e/etc/passwd", 403),
        ("/docs/%252Fetc%252Fpasswd", 403),
        ("//etc/passwd", 403),
        ("//127.0.0.1/docs/errors/", 403),
        // Absolute-form targets: Hummingbird keeps only the path, which is then checked.
        ("http://127.0.0.1/../etc/passwd", 403),
        ("http://127.0.0.1/%2e%2e/%2e%2e/etc/passwd", 403),
        ("http://127.0.0.1//etc/passwd", 403),
        // A raw NUL, which SwiftNIO's parser cannot read: Hummingbird answers 400 and closes.
        ("/a\u{0}b", 400),
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
            _ = try await RawHTTP.get("http://127.0.0.1/%2e%2e/etc/passwd", port: server.port)
            _ = try await RawHTTP.get("/%252e%252e/etc/passwd", port: server.port)
            _ = try await RawHTTP.get("//etc/passwd", port: server.port)
            _ = try await RawHTTP.get("/docs/errors/", port: server.port)
        }
        let refusals = lines.all.filter { $0.contains("refused") }
        try #require(refusals.count == 6, "\(lines.all)")
        #expect(refusals[0].contains("GET /%2e%2e/etc/passwd: 403"))
        #expect(refusals[0].contains("'..' segment"))
        #expect(refusals[1].contains(#"GET /a\b: 403"#))
        #expect(refusals[1].contains("backslash"))
        #expect(refusals[2].contains("414"))
        #expect(refusals[3].contains("GET /%2e%2e/etc/passwd: 403"), "an absolute-form target is logged by its path")
        #expect(refusals[4].contains("GET /%252e%252e/etc/passwd: 403"))
        #expect(refusals[4].contains("encoded twice"))
        #expect(refusals[5].contains("GET //etc/passwd: 403"))
        #expect(refusals.allSatisfy { !$0.contains("\n") && $0.count < 400 })
    }
}
