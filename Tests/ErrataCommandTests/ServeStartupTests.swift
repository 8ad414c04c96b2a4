import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `errata serve` before and as it starts: its port, its first build, the hosts it
/// answers. The real binary.
@Suite(.serialized) struct ServeStartupTests {
    func workspace(content: Bool = true) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        if content {
            try FileManager.default.copyItem(
                at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        }
        return workspace
    }

    /// A socket listening on a free port of 127.0.0.1, as another program would.
    final class Listener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 1) == 0 else { throw CancellationError() }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    @Test func aPortInUseIsOneLineNamingItAndExitsTwo() async throws {
        let listener = try Listener()
        let server = try ServerProcess(in: try workspace(), arguments: ["serve", "--port", String(listener.port)])
        defer { server.stop() }
        #expect(try await server.waitForExit(seconds: 30) == 2)
        let lines = server.output.split(separator: "\n").filter { $0.contains(": error:") }
        #expect(lines == ["127.0.0.1:\(listener.port): error: the port is in use by another program; stop it or pass --port N (0 picks a free port)"],
                "\(server.output)")
        #expect(!server.output.contains("errno"), "\(server.output)")
        #expect(!server.output.contains("serving http"))
    }

    @Test(arguments: [
        ("no-such-host.invalid", "no-such-host.invalid:0: error: the host name does not resolve; pass --host with an address of this machine (127.0.0.1, ::1) or a name that resolves to one"),
        ("192.0.2.1", "192.0.2.1:0: error: the address is not one of this machine's; pass --host with one of its addresses, or leave it out to serve this machine only (127.0.0.1)"),
    ])
    func aHostThatCannotBeServedIsOneLineAndExitsTwo(host: String, line: String) async throws {
        let server = try ServerProcess(in: try workspace(), arguments: ["serve", "--port", "0", "--host", host])
        defer { server.stop() }
        #expect(try await server.waitForExit(seconds: 30) == 2)
        #expect(server.output.split(separator: "\n").filter { $0.contains(": error:") } == [Substring(line)], "\(server.output)")
    }

    @Test(arguments: ["99999", "65536", "-1"])
    func aPortOutsideTheRangeIsAUsageError(port: String) async throws {
        let server = try ServerProcess(in: try workspace(), arguments: ["serve", "--port=\(port)"])
        defer { server.stop() }
        #expect(try await server.waitForExit(seconds: 15) == 2)
        #expect(server.output.contains("--port \(port) is not a port; pass one from 0 to 65535 (0 picks a free one)"), "\(server.output)")
        #expect(!server.output.contains("serving http"))
    }

    @Test func aFirstBuildThatFailsSaysThereIsNothingToServeYet() async throws {
        let workspace = try workspace()
        let item = workspace.path("Content/docs/errors/item.md")
        let good = try String(contentsOfFile: item, encoding: .utf8)
        try workspace.write("Content/docs/errors/item.md", good.replacingOccurrences(of: "### ACCESS_NOT_GRANTED", with: "### ACCESS_NOT_GRANTD"))
        let server = try ServerProcess(in: workspace)
        defer { server.stop() }
        let port = try await server.port()
        #expect(await server.output(contains: "; nothing to serve yet; the pages show the errors until a build succeeds"),
                "\(server.output)")
        #expect(!server.output.contains("last good site"))
        let events = try await EventStream(url: "http://127.0.0.1:\(port)/__errata/events")
        #expect(try await events.next().name == "diagnostics")

        try workspace.write("Content/docs/errors/item.md", good)
        #expect(try await events.next().name == "reload")
        try workspace.write("Content/docs/errors/item.md", good.replacingOccurrences(of: "### ACCESS_NOT_GRANTED", with: "### ACCESS_NOT_GRANTD"))
        #expect(try await events.next().name == "diagnostics")
        #expect(await server.output(contains: "still serving the last good site"), "\(server.output)")
    }

    @Test func onlyTheServersOwnHostsAreAnswered() async throws {
        let server = try ServerProcess(in: try workspace())
        defer { server.stop() }
        let port = try await server.port()
        #expect(try RawHTTP.status(port: port, target: "/docs/errors/", host: "127.0.0.1:\(port)") == 200)
        #expect(try RawHTTP.status(port: port, target: "/docs/errors/", host: "localhost:\(port)") == 200)
        for target in ["/docs/errors/", "/__errata/events"] {
            #expect(try RawHTTP.status(port: port, target: target, host: "evil.example:\(port)") == 421)
        }
        try await Task.sleep(for: .milliseconds(200))
        let refusals = server.output.split(separator: "\n").filter { $0.contains("evil.example") }
        #expect(refusals.count == 1, "\(server.output)")
    }
}
