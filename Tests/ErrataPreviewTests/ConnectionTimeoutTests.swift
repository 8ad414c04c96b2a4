import Testing

@testable import ErrataPreview

/// How long connections live, over real sockets against the real server with short
/// timeouts: a slow head is cut, an idle connection closed, an HTTP/1.0 one closed after
/// its response, and the live-reload stream never cut.
@Suite("Connection timeouts")
struct ConnectionTimeoutTests {
    /// A second for a head, two between requests: short enough for tests, far enough apart
    /// to tell which one closed a connection.
    static let short = ConnectionTimeouts(head: .seconds(1), idle: .seconds(2))

    static let request = "GET /docs/errors/item/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    /// Sends `GET` and then a header field a byte every 200 ms, until the server closes
    /// the connection or `limit` bytes were sent; returns whether it closed.
    static func trickle(_ connection: RawConnection, limit: Int = 40) async throws -> Bool {
        guard connection.send("GET /docs/errors/item/ HTTP/1.1\r\nHost: 127.0.0.1\r\n") else { return true }
        for byte in String(repeating: "x", count: limit) {
            if await connection.waitForClose(within: .milliseconds(200)) { return true }
            guard connection.send(String(byte)) else { return true }
        }
        return false
    }

    @Test("a head sent a byte at a time gets 408 and the connection is closed when its time is up")
    func slowHeadIsCut() async throws {
        try await TestServer.with(timeouts: Self.short) { server in
            let connection = try RawConnection(port: server.port)
            let start = ContinuousClock.now
            #expect(try await Self.trickle(connection))
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(800) && elapsed < .milliseconds(1900), "closed after \(elapsed)")
            #expect(connection.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(connection.text)")
            #expect(try await RawHTTP.get("/docs/errors/item/", port: server.port).status == 200)
        }
    }

    @Test("many slow heads at once are all cut, and the server goes on serving meanwhile")
    func manySlowHeadsAreCut() async throws {
        try await TestServer.with(timeouts: Self.short) { server in
            let connections = try (0..<50).map { _ in try RawConnection(port: server.port) }
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for connection in connections {
                    group.addTask { try await Self.trickle(connection) }
                }
                #expect(try await RawHTTP.get("/docs/errors/item/", port: server.port).status == 200)
                var closed = 0
                for try await wasClosed in group where wasClosed { closed += 1 }
                #expect(closed == connections.count)
            }
        }
    }

    @Test("a connection that sends nothing is closed after the idle time, not the head's")
    func silentConnectionIsClosed() async throws {
        try await TestServer.with(timeouts: Self.short) { server in
            let connection = try RawConnection(port: server.port)
            #expect(!(await connection.waitForClose(within: .milliseconds(1500))))
            #expect(await connection.waitForClose(within: .seconds(2)))
            #expect(connection.text.isEmpty)
        }
    }

    @Test("a keep-alive connection serves several requests, and is closed once idle")
    func keepAliveConnectionIsClosedWhenIdle() async throws {
        try await TestServer.with(timeouts: Self.short) { server in
            let connection = try RawConnection(port: server.port)
            for round in 1...3 {
                #expect(connection.send(Self.request))
                #expect(await connection.waitFor("</html>", count: round, within: .seconds(5)), "round \(round)")
                // Waiting less than the idle time between requests keeps the connection.
                #expect(!(await connection.waitForClose(within: .seconds(1))), "round \(round)")
            }
            #expect(connection.text.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
            #expect(await connection.waitForClose(within: .seconds(3)))
        }
    }

    @Test(
        "a request that does not keep the connection alive is answered with Connection: close, and closed",
        arguments: [
            ("HTTP/1.0", [String]()),
            ("HTTP/1.0", ["Connection: keep-alive"]),
            ("HTTP/1.1", ["Connection: close"]),
            ("HTTP/1.1", ["Connection: Close"]),
        ])
    func closingRequests(version: String, fields: [String]) async throws {
        try await TestServer.with(timeouts: ConnectionTimeouts(head: .seconds(30), idle: .seconds(30))) { server in
            let connection = try RawConnection(port: server.port)
            let head = ["GET /docs/errors/item/ \(version)", "Host: 127.0.0.1"] + fields
            #expect(connection.send(head.joined(separator: "\r\n") + "\r\n\r\n"))
            #expect(await connection.waitForClose(within: .seconds(3)))
            let response = connection.text.lowercased()
            #expect(response.hasPrefix("\(version.lowercased()) 200 ok\r\n"), "\(connection.text)")
            #expect(response.contains("\r\nconnection: close\r\n"))
            #expect(response.hasSuffix("</html>\n"))
        }
    }

    @Test("an HTTP/1.0 client gets the event stream unchunked, ended by the connection")
    func eventStreamOverHTTP10() async throws {
        try await TestServer.with(timeouts: Self.short) { server in
            let connection = try RawConnection(port: server.port)
            #expect(connection.send("GET /__errata/events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"))
            #expect(await connection.waitFor("event: ok\n", within: .seconds(5)))
            #expect(connection.text.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(!connection.text.lowercased().contains("transfer-encoding"))
            #expect(connection.text.contains("\r\n\r\nretry: 1000\nevent: ok\n"))
        }
    }

    @Test("the event stream outlives both timeouts, and still delivers a rebuild")
    func eventStreamIsNeverCut() async throws {
        try await TestServer.with(keepAliveInterval: .milliseconds(300), timeouts: Self.short) { server in
            let connection = try RawConnection(port: server.port)
            #expect(connection.send("GET /__errata/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            #expect(await connection.waitFor("event: ok\n", within: .seconds(5)))
            #expect(!(await connection.waitForClose(within: .seconds(4))))
            await server.state.publish(TestSite.files)
            #expect(await connection.waitFor("event: reload\n", within: .seconds(5)))
            #expect(connection.text.contains(": keep-alive"))

            // The same through an HTTP client, which keeps its connection between requests.
            let stream = try await EventStreamClient(server: server)
            #expect(try await stream.next().name == "ok")
            try await Task.sleep(for: .seconds(3))
            await server.state.publish(TestSite.files)
            #expect(try await stream.next().name == "reload")
            await stream.disconnect()
        }
    }
}
