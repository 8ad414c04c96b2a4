import HTTPTypes
import Hummingbird
import ServiceLifecycle

extension PreviewResponder {
    /// `/__errata/events`: the page's stream of ``LiveEvent``s, as server-sent events.
    ///
    /// It starts with the current state and then sends every change, with a keep-alive
    /// comment whenever it has been quiet for ``keepAliveInterval``. It ends, and
    /// unsubscribes, when the client disconnects or the server shuts down gracefully,
    /// so an open tab never holds up a Ctrl-C.
    func eventStream(for request: Request) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        guard request.method == .get else {
            return Response(status: .ok, headers: headers)
        }
        let lastEventID = request.headers[Self.lastEventID].flatMap { Int($0) }
        let state = self.state
        let keepAliveInterval = self.keepAliveInterval
        let body = ResponseBody { writer in
            let subscription = await state.subscribe(lastEventID: lastEventID)
            defer { subscription.end() }
            try await withGracefulShutdownHandler {
                try await request.body.consumeWithInboundCloseHandler { _ in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            while true {
                                try await Task.sleep(for: keepAliveInterval)
                                subscription.sendKeepAlive()
                            }
                        }
                        defer { group.cancelAll() }
                        // The first message also asks the browser to reconnect after one
                        // second, not its default three, when the server restarts.
                        var retry = "retry: 1000\n"
                        for await event in subscription.events {
                            try await writer.write(ByteBuffer(string: retry + event.serverSentEvent))
                            retry = ""
                        }
                    }
                } onInboundClosed: {
                    subscription.end()
                }
            } onGracefulShutdown: {
                subscription.end()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

private extension PreviewResponder {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
