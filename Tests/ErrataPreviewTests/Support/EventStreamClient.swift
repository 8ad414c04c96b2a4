import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// An open connection to `/__errata/events`, collecting what the server sends.
final class EventStreamClient: Sendable {
    /// One event as received, or a comment (`: keep-alive`).
    struct Event: Sendable, Equatable {
        var name: String?
        var id: String?
        var data: String?
        var comment: String?
    }

    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    private let inbox = Inbox()
    private let reader: Task<Void, Never>

    /// Connects, and waits for the response head at most five seconds.
    init(server: TestServer, lastEventID: String? = nil) async throws {
        var request = HTTPClientRequest(url: server.url("/__errata/events"))
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
        let response = try await server.client.execute(request, timeout: .seconds(5))
        status = response.status
        headers = response.headers
        reader = Task { [inbox] in
            var parser = Parser()
            do {
                for try await chunk in response.body {
                    for event in parser.events(in: Array(buffer: chunk)) { await inbox.append(event) }
                }
            } catch {}
            await inbox.close()
        }
    }

    /// The next event (comments skipped unless asked for), within `duration`.
    func next(within duration: Duration = .seconds(5), includingComments: Bool = false) async throws -> Event {
        try await withTimeout(duration) { [inbox] in
            while true {
                let event = try await inbox.next()
                if includingComments || event.comment == nil { return event }
            }
        }
    }

    /// Whether the server ended the stream, waiting at most `duration`.
    func waitForEnd(within duration: Duration = .seconds(5)) async throws {
        try await waitUntil(within: duration) { [inbox] in await inbox.isClosed }
    }

    /// Drops the connection, as a closed tab does.
    func disconnect() async {
        reader.cancel()
        await reader.value
    }
}

private extension EventStreamClient {
    struct EndOfStream: Error {}

    actor Inbox {
        private var events: [Event] = []
        private var read = 0
        private(set) var isClosed = false

        func append(_ event: Event) { events.append(event) }
        func close() { isClosed = true }

        /// The next unread event, polling until one arrives or the stream ends.
        func next() async throws -> Event {
            while read == events.count {
                if isClosed { throw EndOfStream() }
                try await Task.sleep(for: .milliseconds(10))
            }
            read += 1
            return events[read - 1]
        }
    }

    /// The `text/event-stream` format, line by line: fields until a blank line.
    struct Parser {
        private var pending: [UInt8] = []
        private var event = Event()

        /// The events completed by `bytes`; a line split across chunks waits for its end.
        mutating func events(in bytes: [UInt8]) -> [Event] {
            pending += bytes
            var found: [Event] = []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Substring(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
                if line.isEmpty {
                    if event != Event() { found.append(event) }
                    event = Event()
                    continue
                }
                let field = line.prefix { $0 != ":" }
                var value = line.dropFirst(field.count).dropFirst()
                if value.first == " " { value = value.dropFirst() }
                switch field {
                case "": event.comment = String(value)
                case "event": event.name = String(value)
                case "id": event.id = String(value)
                case "data": event.data = event.data.map { $0 + "\n" + value } ?? String(value)
                default: break
                }
            }
            return found
        }
    }
}
