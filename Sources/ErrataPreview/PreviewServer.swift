import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The HTTP server of `errata serve`: serves what a ``PreviewState`` holds, injects the
/// live-reload script into every page, and streams rebuilds to the open pages.
///
/// Built on Hummingbird, which gives an async HTTP/1.1 server on SwiftNIO with graceful
/// shutdown on SIGINT and SIGTERM through swift-service-lifecycle.
public struct PreviewServer: Sendable {
    let state: PreviewState
    let host: String
    /// 0 binds an ephemeral port, reported to `onStart`.
    let port: Int
    /// Where refused requests go, one line each, along with Hummingbird's own messages.
    let logger: Logger
    /// How often an idle event stream gets a keep-alive comment.
    var keepAliveInterval: Duration = .seconds(15)
    /// How long a connection may take to send a request head, and wait between requests.
    var timeouts = ConnectionTimeouts.standard

    /// `logger` defaults to notices and worse on stderr.
    public init(state: PreviewState, host: String = "127.0.0.1", port: Int = 8000, logger: Logger? = nil) {
        self.state = state
        self.host = host
        self.port = port
        self.logger = logger ?? Self.defaultLogger
    }

    /// Serves until the task is cancelled or the process gets SIGINT or SIGTERM (which
    /// lets open requests finish and ends the event streams), calling `onStart` with the
    /// bound port once listening. Throws ``ListenError`` when it cannot listen.
    public func run(onStart: @escaping @Sendable (Int) async -> Void) async throws {
        let started = NIOLockedValueBox(false)
        do {
            try await application { port in
                started.withLockedValue { $0 = true }
                await onStart(port)
            }.runService()
        } catch where !started.withLockedValue({ $0 }) {
            throw ListenError(error, host: host, port: port) ?? error
        }
    }
}

extension PreviewServer {
    static var defaultLogger: Logger {
        var logger = Logger(label: "errata.serve")
        logger.logLevel = .notice
        return logger
    }

    /// The Hummingbird application, to run as a service.
    func application(onStart: @escaping @Sendable (Int) async -> Void) -> Application<PreviewResponder> {
        let port = self.port
        let logger = self.logger
        let timeouts = self.timeouts
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [UnreadableRequestLogger(logger: logger)],
            httpDecoderConfiguration: HeaderLimits.decoder)
        let server = HTTPServerBuilder { responder in
            PreviewChannel(http1: HTTP1Channel(responder: responder, configuration: http1), timeouts: timeouts, logger: logger)
        }
        return Application(
            responder: PreviewResponder(
                state: state, hostCheck: HostCheck(boundHost: host), logger: logger, keepAliveInterval: keepAliveInterval),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onStart(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
