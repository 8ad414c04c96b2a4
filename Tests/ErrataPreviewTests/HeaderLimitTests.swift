import Logging
import Testing

@testable import ErrataPreview

/// Requests with too much header, sent as raw bytes over TCP: refused with a status, never
/// a dropped connection, and the server goes on serving.
@Suite("Header limits")
struct HeaderLimitTests {
    /// A request head of `count` extra fields of `bytes` bytes each, named in test output
    /// by `name` rather than by its bytes.
    struct Head: Sendable, CustomTestStringConvertible {
        var name: String
        var count: Int
        var bytes: Int
        var fieldName = "X-Field"

        var fields: [String] {
            (0..<count).map { "\(count == 1 ? fieldName : "\(fieldName)-\($0)"): " + String(repeating: "a", count: bytes) }
        }
        var testDescription: String { name }
    }

    /// What the responder refuses with 431, keeping the connection.
    static let tooLargeHeads = [
        Head(name: "one field of 64 KB", count: 1, bytes: 64 * 1024),
        Head(name: "one cookie of 40 KB", count: 1, bytes: 40 * 1024, fieldName: "Cookie"),
        Head(name: "200 small fields", count: 200, bytes: 1),
        Head(name: "40 fields of 1 KB", count: 40, bytes: 1024),
    ]

    /// What SwiftNIO's parser stops reading: Hummingbird answers 400 and closes.
    static let unreadableHeads = [
        Head(name: "one field of 100 KB", count: 1, bytes: 100 * 1024),
        Head(name: "2,000 small fields", count: 2000, bytes: 1),
        Head(name: "90 fields of 1 KB", count: 90, bytes: 1024),
    ]

    @Test("too much header gets 431, and the server goes on serving", arguments: tooLargeHeads)
    func tooLarge(head: Head) async throws {
        try await TestServer.with { server in
            let reply = try await RawHTTP.get("/docs/errors/item/", port: server.port, fields: head.fields)
            #expect(reply.status == 431)
            #expect(try await RawHTTP.get("/docs/errors/item/", port: server.port).status == 200)
        }
    }

    @Test("a head too big to parse gets 400 and the connection is closed; the server goes on serving",
          arguments: unreadableHeads)
    func unreadable(head: Head) async throws {
        try await TestServer.with { server in
            let reply = try await RawHTTP.get("/docs/errors/item/", port: server.port, fields: head.fields)
            #expect(reply.status == 400)
            #expect(reply.head.lowercased().contains("connection: close"))
            #expect(try await RawHTTP.get("/docs/errors/item/", port: server.port).status == 200)
        }
    }

    @Test("just within the limits, a request is served")
    func withinLimits() async throws {
        try await TestServer.with { server in
            // With the Connection field RawHTTP sends, 99 fields make 100.
            let many = try await RawHTTP.get("/docs/errors/item/", port: server.port, fields: Head(name: "99 fields", count: 99, bytes: 1).fields)
            #expect(many.status == 200)
            let large = try await RawHTTP.get(
                "/docs/errors/item/", port: server.port, fields: Head(name: "30 fields of 1000 bytes", count: 30, bytes: 1000).fields)
            #expect(large.status == 200)
        }
    }

    @Test("a URL past the parser's limit gets 400 and the connection is closed; the server goes on serving")
    func urlPastTheParser() async throws {
        try await TestServer.with { server in
            let reply = try await RawHTTP.get("/" + String(repeating: "a", count: 100 * 1024), port: server.port)
            #expect(reply.status == 400)
            #expect(reply.head.lowercased().contains("connection: close"))
            #expect(try await RawHTTP.get("/docs/errors/item/", port: server.port).status == 200)
        }
    }

    @Test("each refused head is logged as one line, however large it was")
    func refusalsAreLogged() async throws {
        let lines = LogLines()
        let logger = Logger(label: "errata.serve.test") { _ in CapturingLogHandler(lines: lines) }
        try await TestServer.with(logger: logger) { server in
            for head in Self.tooLargeHeads.prefix(1) + Self.tooLargeHeads.suffix(2) + Self.unreadableHeads.prefix(2) {
                _ = try await RawHTTP.get("/docs/errors/", port: server.port, fields: head.fields)
            }
            _ = try await RawHTTP.get("/a\u{0}b", port: server.port)
            _ = try await RawHTTP.get("/docs/errors/", port: server.port)
        }
        let refusals = lines.all.filter { $0.contains("refused") }
        try #require(refusals.count == 6, "\(lines.all)")
        #expect(refusals[0].contains("GET /docs/errors/: 431"))
        #expect(refusals[0].contains("more than 32768"))
        #expect(refusals[1].contains("201 header fields, more than 100"))
        #expect(refusals[2].contains("more than 32768"))
        for refusal in refusals[3...4] {
            #expect(refusal.contains("could not be read: 400"))
            #expect(refusal.contains("longer than 80 KB"))
        }
        #expect(refusals[5].contains("not valid HTTP"))
        #expect(lines.all.allSatisfy { !$0.contains("\n") && $0.count < 400 }, "\(lines.all)")
    }
}
