import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `errata serve` as a writer uses it: the real binary, a real HTTP client, real
/// files edited on disk.
@Suite(.serialized) struct ServeCommandTests {
    /// A workspace with the real content and templates, and `errata serve` in it.
    static func serveRealContent(environment: [String: String] = [:]) async throws -> (Workspace, ServerProcess, base: String) {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let server = try ServerProcess(in: workspace, environment: environment)
        do {
            return (workspace, server, "http://127.0.0.1:\(try await server.port())")
        } catch {
            server.stop()
            throw error
        }
    }

    /// The edit both tests make: a word of ACCESS_NOT_GRANTED's description.
    static func editDescription(in workspace: Workspace) throws {
        try workspace.write("Content/docs/errors/item.md", try String(
            contentsOfFile: workspace.path("Content/docs/errors/item.md"), encoding: .utf8)
            .replacingOccurrences(of: "The user did not grant necessary permissions", with: "The user withheld permissions"))
    }

    @Test func editsReloadOpenPagesAndBrokenEditsShowTheirDiagnostics() async throws {
        let (workspace, server, base) = try await Self.serveRealContent()
        defer { server.stop() }

        let page = try await get(base + "/docs/errors/item/")
        #expect(page.status == 200)
        #expect(page.body.contains("id=\"access_not_granted\""))
        #expect(page.body.contains("/__errata/live.js"))

        let events = try await EventStream(url: base + "/__errata/events")
        #expect(try await events.next().name == "ok")

        // A good edit: the open page is told to reload, and the new text is served.
        try Self.editDescription(in: workspace)
        #expect(try await events.next().name == "reload")
        #expect(try await get(base + "/docs/errors/item/").body.contains("The user withheld permissions"))

        // A broken edit: the diagnostics go to the page; the last good site is still served.
        let good = try String(contentsOfFile: workspace.path("Content/docs/errors/item.md"), encoding: .utf8)
        try workspace.write("Content/docs/errors/item.md", good.replacingOccurrences(of: "### ACCESS_NOT_GRANTED", with: "### ACCESS_NOT_GRANTD"))
        let broken = try await events.next()
        #expect(broken.name == "diagnostics")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(broken.data.utf8)) as? [String: Any])
        let diagnostics = try #require(payload["diagnostics"] as? [[String: Any]])
        let unknown = try #require(diagnostics.first { $0["rule"] as? String == "unknown-code" })
        #expect((unknown["file"] as? String)?.hasSuffix("Content/docs/errors/item.md") == true)
        #expect(unknown["line"] as? Int == 9)
        #expect(unknown["column"] as? Int == 1)
        let stillServed = try await get(base + "/docs/errors/item/")
        #expect(stillServed.status == 200)
        #expect(stillServed.body.contains("id=\"access_not_granted\""))
        #expect(server.output.contains("unknown error code ACCESS_NOT_GRANTD"))

        // Fixing the file reloads the page, which clears the overlay.
        try workspace.write("Content/docs/errors/item.md", good)
        #expect(try await events.next().name == "reload")
    }

    @Test func withTimingsEachRebuildSaysWhereItsTimeWent() async throws {
        let (workspace, server, base) = try await Self.serveRealContent(environment: ["ERRATA_TIMINGS": "1"])
        defer { server.stop() }
        let events = try await EventStream(url: base + "/__errata/events")
        #expect(try await events.next().name == "ok")
        try Self.editDescription(in: workspace)
        #expect(try await events.next().name == "reload")
        #expect(await server.output(contains: "errata: parse "))
        let timing = try #require(server.output.split(separator: "\n").first { $0.hasPrefix("errata: parse ") }, "\(server.output)")
        let figures = timing.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        #expect(figures.count == 3 && figures.allSatisfy { $0 >= 0 }, "\(timing)")
        #expect(timing.hasSuffix(" ms") && timing.contains(", check ") && timing.contains(", render "))
    }

    @Test func refusesRequestsOutsideTheSiteAndStopsOnInterrupt() async throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        try workspace.write("secret.txt", "not for the web")
        let server = try ServerProcess(in: workspace)
        defer { server.stop() }
        let port = try await server.port()
        for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/docs/..%2f..%2fsecret.txt", "/docs/%2E%2E/%2E%2E/secret.txt"] {
            let status = try RawHTTP.status(port: port, target: target)
            #expect([403, 404].contains(status), "\(target) got \(status)")
        }
        #expect(try await get("http://127.0.0.1:\(port)/docs/errors/").status == 200)
        #expect(try await get("http://127.0.0.1:\(port)/no/such/page/").status == 404)

        kill(server.process.processIdentifier, SIGINT)
        let stopped = try await server.waitForExit(seconds: 10)
        #expect(stopped == 0)
    }

    // MARK: - Helpers

    struct Response {
        var status: Int
        var body: String
    }

    func get(_ url: String) async throws -> Response {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return Response(status: Int(response.status.code), body: String(buffer: body))
    }
}

/// `errata serve --port 0` running in a workspace, its stderr collected.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = ""

    init(in workspace: Workspace, arguments: [String] = ["serve", "--port", "0"], environment: [String: String] = [:]) throws {
        process.executableURL = Workspace.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = workspace.root
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var output: String { lock.withLock { collected } }

    /// Whether stderr comes to hold `text` within `seconds`: a line the server prints
    /// as it sends an event may reach the pipe after the event reaches the client.
    func output(contains text: String, within seconds: Int = 5) async -> Bool {
        for _ in 0..<(seconds * 20) {
            if output.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return output.contains(text)
    }

    /// The port from the "serving http://127.0.0.1:PORT/" line.
    func port() async throws -> Int {
        for _ in 0..<600 {
            if let range = output.range(of: "serving http://127.0.0.1:"),
               let port = Int(output[range.upperBound...].prefix { $0.isNumber }) {
                return port
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerError.didNotStart(output)
    }

    func waitForExit(seconds: Int) async throws -> Int32 {
        for _ in 0..<(seconds * 20) where process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { throw ServerError.didNotStop }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    enum ServerError: Error {
        case didNotStart(String)
        case didNotStop
    }
}

/// A server-sent event stream read with AsyncHTTPClient.
final class EventStream: @unchecked Sendable {
    struct Event {
        var name: String
        var data: String
    }

    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var buffer = ""

    init(url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        iterator = response.body.makeAsyncIterator()
    }

    /// The next event, within 10 seconds.
    func next() async throws -> Event {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let end = buffer.range(of: "\n\n") {
                let block = buffer[..<end.lowerBound]
                buffer = String(buffer[end.upperBound...])
                var event = Event(name: "message", data: "")
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event:") { event.name = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
                    if line.hasPrefix("data:") { event.data += line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
                }
                if block.hasPrefix(":") { continue }
                return event
            }
            guard let chunk = try await iterator.next() else { throw CancellationError() }
            buffer += String(buffer: chunk).replacingOccurrences(of: "\r\n", with: "\n")
        }
        throw CancellationError()
    }

}

/// Requests sent as raw bytes, so no client normalises the path first.
enum RawHTTP {
    static func status(port: Int, target: String, host: String = "127.0.0.1") throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return -1 }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 12 else { return -1 }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self)) ?? -1
    }
}
