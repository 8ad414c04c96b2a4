import Logging
import Testing

@testable import ErrataPreview

/// Only a `Host` naming the server is answered, so a page on another name that resolves
/// to 127.0.0.1 (DNS rebinding) cannot read the preview. Sent as raw bytes over TCP, since
/// HTTP clients choose the Host themselves.
@Suite("Host check")
struct HostCheckTests {
    /// The paths the server answers differently: a page, the script, the event stream,
    /// a missing page.
    static let paths = ["/docs/errors/item/", "/__errata/live.js", "/__errata/events", "/no/such/page/"]

    static func head(_ target: String, host: String?, version: String = "1.1") -> [String] {
        ["GET \(target) HTTP/\(version)"] + (host.map { ["Host: \($0)"] } ?? []) + ["Connection: close"]
    }

    @Test("another host gets 421 on every path, the event stream too", arguments: paths)
    func anotherHostIsMisdirected(path: String) async throws {
        try await TestServer.with { server in
            for host in ["evil.example", "evil.example:\(server.port)", "localhost.evil.example", "127.0.0.1.nip.io:\(server.port)"] {
                let reply = try await RawHTTP.request(Self.head(path, host: host), port: server.port)
                #expect(reply.status == 421, "Host: \(host) got \(reply.status)")
                #expect(!reply.head.lowercased().contains("text/event-stream"))
            }
        }
    }

    @Test("the server's own names are answered, with or without the port, in any letter case")
    func ownNamesAreAnswered() async throws {
        try await TestServer.with { server in
            let port = server.port
            for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost", "LocalHost:\(port)", "[::1]", "[::1]:\(port)"] {
                let page = try await RawHTTP.request(Self.head("/docs/errors/item/", host: host), port: port)
                #expect(page.status == 200, "Host: \(host) got \(page.status)")
            }
            let events = try await RawHTTP.request(Self.head("/__errata/events", host: "localhost:\(port)"), port: port)
            #expect(events.status == 200)
            #expect(events.head.lowercased().contains("text/event-stream"))
        }
    }

    @Test("a Host with another port, or a malformed one, gets 421")
    func anotherPortIsMisdirected() async throws {
        try await TestServer.with { server in
            let otherPort = server.port == 8000 ? 8001 : 8000
            for host in ["127.0.0.1:\(otherPort)", "localhost:", "localhost:+\(server.port)", "::1", "[::1", "[::1]x", "127.0.0.1:\(server.port):1"] {
                let reply = try await RawHTTP.request(Self.head("/docs/errors/item/", host: host), port: server.port)
                #expect(reply.status == 421, "Host: \(host) got \(reply.status)")
            }
        }
    }

    @Test("no Host, whatever the HTTP version, or two of them, get 400")
    func missingOrRepeatedHostIsBad() async throws {
        try await TestServer.with { server in
            for version in ["1.1", "1.0"] {
                let reply = try await RawHTTP.request(Self.head("/docs/errors/item/", host: nil, version: version), port: server.port)
                #expect(reply.status == 400, "HTTP/\(version) without Host got \(reply.status)")
            }
            let events = try await RawHTTP.request(Self.head("/__errata/events", host: nil), port: server.port)
            #expect(events.status == 400)
            let twice = try await RawHTTP.request(
                ["GET /docs/errors/item/ HTTP/1.1", "Host: 127.0.0.1", "Host: evil.example", "Connection: close"], port: server.port)
            #expect(twice.status == 400)
        }
    }

    @Test("each refused host is logged once, as one line")
    func refusalsAreLoggedOncePerHost() async throws {
        let lines = LogLines()
        let logger = Logger(label: "errata.serve.test") { _ in CapturingLogHandler(lines: lines) }
        try await TestServer.with(logger: logger) { server in
            for host in ["evil.example", "EVIL.example", "evil.example", "other.example"] {
                _ = try await RawHTTP.request(Self.head("/__errata/events", host: host), port: server.port)
            }
            _ = try await RawHTTP.request(Self.head("/docs/errors/", host: "evil.example"), port: server.port)
            #expect(try await RawHTTP.get("/docs/errors/", port: server.port).status == 200)
        }
        let refusals = lines.all.filter { $0.contains("refused") }
        try #require(refusals.count == 2, "\(lines.all)")
        #expect(refusals[0].contains("GET /__errata/events: 421 Misdirected Request"))
        #expect(refusals[0].contains("not evil.example"))
        #expect(refusals[1].contains("not other.example"))
    }

    @Test("bound to every address, the server also answers IP addresses, never names")
    func wildcardAcceptsAddresses() {
        let wildcard = HostCheck(boundHost: "0.0.0.0")
        for host in ["192.168.1.20", "192.168.1.20:8000", "[fd00::2]:8000", "localhost:8000", "0.0.0.0:8000"] {
            #expect(wildcard.isAccepted(host, port: 8000), "\(host)")
        }
        for host in ["evil.example", "evil.example:8000", "192.168.1.20:8001", "192.168.1", "[evil.example]"] {
            #expect(!wildcard.isAccepted(host, port: 8000), "\(host)")
        }
        let named = HostCheck(boundHost: "docs.internal")
        #expect(named.isAccepted("DOCS.internal:8000", port: 8000))
        #expect(!named.isAccepted("192.168.1.20:8000", port: 8000))
        let ipv6 = HostCheck(boundHost: "fe80::1")
        #expect(ipv6.isAccepted("[fe80::1]:8000", port: 8000))
        #expect(HostCheck(boundHost: "::").isAccepted("[fe80::2]", port: 8000))
    }
}
