import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Logs, as one line, a request SwiftNIO's parser could not read: a head past
/// ``HeaderLimits/decoder``, a raw NUL or space in the target, anything that is not HTTP.
///
/// Such a request never reaches the responder: Hummingbird answers it with 400 and closes
/// the connection, and would log it at debug level only. This handler sits in each
/// connection's pipeline after the parser, notes the first parse error and passes it on
/// unchanged; the bytes that follow a parse error come as other errors, not logged again.
final class UnreadableRequestLogger: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let logger: Logger
    private var hasLogged = false

    init(logger: Logger) {
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError, !hasLogged {
            hasLogged = true
            logger.notice("refused a request that could not be read: 400 Bad Request, \(Self.reason(for: error))")
        }
        context.fireErrorCaught(error)
    }
}

private extension UnreadableRequestLogger {
    static func reason(for error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow:
            let limits = HeaderLimits.decoder
            return "the URL and header fields are longer than \(limits.maxHeaderListSize / 1024) KB, "
                + "or one field longer than \(limits.maxHeaderFieldSize / 1024) KB, "
                + "or there are more than \(limits.maxHeaderFieldCount) fields"
        default:
            return "the request is not valid HTTP/1.1 (\(error))"
        }
    }
}
