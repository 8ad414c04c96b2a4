import Hummingbird
import HummingbirdCore

/// How much header a request may send, checked in two layers:
///
/// - the responder refuses more than ``maximumCount`` fields, or more than ``maximumSize``
///   bytes of them, with 431 and a line in the log, and the connection stays open;
/// - SwiftNIO's parser stops reading a head past ``decoder`` (which counts the URL too):
///   Hummingbird then answers 400 and closes the connection, and ``UnreadableRequestLogger``
///   logs the line.
///
/// The first layer sits well below the second, so what a browser or a script may send by
/// mistake gets the precise status, and only a head too big to hold is cut off.
enum HeaderLimits {
    /// The most header fields a request may have, as Apache allows by default.
    static let maximumCount = 100
    /// The most bytes of header fields (names, values, `: ` and line ends) a request may have.
    static let maximumSize = 32 * 1024

    /// The parser's own limits: Hummingbird's defaults, stated so they cannot sink below
    /// the responder's without anyone noticing.
    static let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: 80 * 1024,
        maxHeaderListSize: 80 * 1024,
        maxHeaderFieldCount: 1000)

    /// Why `fields` are refused, or nil when they are within the limits.
    static func refusal(of fields: HTTPFields) -> RequestTarget.Refusal? {
        if fields.count > maximumCount {
            return RequestTarget.Refusal(
                status: .requestHeaderFieldsTooLarge,
                reason: "the request has \(fields.count) header fields, more than \(maximumCount)")
        }
        let size = fields.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if size > maximumSize {
            return RequestTarget.Refusal(
                status: .requestHeaderFieldsTooLarge,
                reason: "the request's header fields take \(size) bytes, more than \(maximumSize)")
        }
        return nil
    }
}
