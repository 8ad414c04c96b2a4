import Logging
import NIOCore
import NIOHTTP1

/// How long the preview waits for a client that is not being answered.
struct ConnectionTimeouts: Sendable {
    /// How long a request head (request line and header fields) may take, from its first
    /// byte to its blank line.
    var head: TimeAmount
    /// How long a connection may wait for its next request, from its opening or from the
    /// end of its last response.
    var idle: TimeAmount

    /// 10 s for a head, 60 s between requests: far more than a browser or a script needs,
    /// and short enough that clients sending nothing, or a byte at a time, cannot pile up.
    static let standard = ConnectionTimeouts(head: .seconds(10), idle: .seconds(60))
}

/// Decides when a connection ends, one per connection, between SwiftNIO's HTTP/1 parser and
/// Hummingbird:
///
/// - a request head still incomplete ``ConnectionTimeouts/head`` after its first byte arrived
///   gets 408 and the connection is closed (a client trickling its header fields holds no
///   connection for long);
/// - a connection with no request in progress for ``ConnectionTimeouts/idle`` is closed; a
///   response being sent, such as the live-reload event stream, is never cut;
/// - a request that does not keep the connection alive (HTTP/1.0, keep-alive or not, or
///   `Connection: close`) gets `Connection: close`, and the connection is closed once the
///   response is sent. An HTTP/1.0 request is answered in HTTP/1.0, so a response of
///   unknown length (the event stream) ends with the connection instead of being chunked,
///   which HTTP/1.0 clients cannot read.
///
/// It sits before the conversion to HTTP types, which forgets the version, and counts on
/// the parser passing on the end of every read, also of one that completes no head.
final class ConnectionLifetime: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let timeouts: ConnectionTimeouts
    private let logger: Logger
    /// The requests read and not yet answered, oldest first.
    private var unanswered = CircularBuffer<Exchange>()
    private var headTimer: Scheduled<Void>?
    private var idleTimer: Scheduled<Void>?
    private var isClosing = false

    /// What the answer to one request needs to know of it.
    private struct Exchange {
        var version: HTTPVersion
        var keepsAlive: Bool
    }

    init(timeouts: ConnectionTimeouts, logger: Logger) {
        self.timeouts = timeouts
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startIdleTimer(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    func channelActive(context: ChannelHandlerContext) {
        startIdleTimer(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosing = true
        cancelTimers()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            cancelTimers()
            // HTTP/1.0 asks for keep-alive only as an extension; it is closed all the same.
            let keepsAlive = (head.version.major, head.version.minor) >= (1, 1) && head.isKeepAlive
            unanswered.append(Exchange(version: head.version, keepsAlive: keepsAlive))
        }
        context.fireChannelRead(data)
    }

    /// Bytes came that completed no request head: the head's clock starts, and replaces
    /// the idle one.
    func channelReadComplete(context: ChannelHandlerContext) {
        if unanswered.isEmpty, headTimer == nil, !isClosing {
            idleTimer?.cancel()
            idleTimer = nil
            headTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.head) { [self] in
                headTimer = nil
                headTimedOut(context: context)
            }
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if let exchange = unanswered.first {
                if exchange.version == .http1_0 { head.version = .http1_0 }
                if !exchange.keepsAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let exchange = unanswered.popFirst()
            if let exchange, !exchange.keepsAlive {
                closeAfter(data, context: context, promise: promise)
                return
            }
            if unanswered.isEmpty { startIdleTimer(context: context) }
            context.write(data, promise: promise)
        }
    }
}

private extension ConnectionLifetime {
    func startIdleTimer(context: ChannelHandlerContext) {
        guard idleTimer == nil, !isClosing else { return }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.idle) { [self] in
            idleTimer = nil
            guard unanswered.isEmpty, !isClosing else { return }
            isClosing = true
            context.close(promise: nil)
        }
    }

    func cancelTimers() {
        headTimer?.cancel()
        headTimer = nil
        idleTimer?.cancel()
        idleTimer = nil
    }

    /// Answers 408 and closes, unless a head arrived meanwhile.
    func headTimedOut(context: ChannelHandlerContext) {
        guard unanswered.isEmpty, !isClosing else { return }
        let seconds = timeouts.head.nanoseconds / 1_000_000_000
        logger.info("closed a connection whose request head took longer than \(seconds) s: 408 Request Timeout")
        let text = context.channel.allocator.buffer(string: "408 Request Timeout: the request head took longer than \(seconds) s\n")
        let head = HTTPResponseHead(version: .http1_1, status: .requestTimeout, headers: [
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": String(text.readableBytes),
            "Connection": "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(text))), promise: nil)
        closeAfter(wrapOutboundOut(.end(nil)), context: context, promise: nil)
    }

    /// Writes `data`, flushes, and closes the connection once it is sent (or failed).
    func closeAfter(_ data: NIOAny, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        isClosing = true
        cancelTimers()
        let written = promise ?? context.eventLoop.makePromise()
        context.writeAndFlush(data, promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
