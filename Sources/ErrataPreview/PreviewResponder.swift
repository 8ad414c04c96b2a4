import Hummingbird
import Logging

/// Answers every request of the preview: the site's files from the current snapshot,
/// the live-reload script and its event stream — each only for a `Host` that names this
/// server (``HostCheck``), checked first.
///
/// A responder of its own rather than a `Router`: the target has to be checked as sent,
/// before anything decodes or normalises it, and every path is then a lookup in one
/// dictionary, which a router would only add steps to.
struct PreviewResponder: HTTPResponder {
    typealias Context = PreviewRequestContext

    let state: PreviewState
    let hostCheck: HostCheck
    let logger: Logger
    /// How often an idle event stream gets a keep-alive comment.
    let keepAliveInterval: Duration

    func respond(to request: Request, context: Context) async throws -> Response {
        if let refusal = hostCheck.refusal(authority: request.head.authority, fields: request.headers, port: context.localPort) {
            return refuse(request, status: refusal.status, reason: refusal.reason, logging: refusal.isFirstForItsHost)
        }
        if let refusal = HeaderLimits.refusal(of: request.headers) {
            return refuse(request, status: refusal.status, reason: refusal.reason)
        }
        guard request.method == .get || request.method == .head else {
            var response = refuse(request, status: .methodNotAllowed, reason: "only GET and HEAD are served")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let target: RequestTarget
        do {
            target = try RequestTarget(parsing: request.head.path ?? "")
        } catch {
            return refuse(request, status: error.status, reason: error.reason)
        }
        switch target.path {
        case LiveReload.scriptPath:
            return serve(LiveReload.scriptFile, for: request)
        case LiveReload.eventsPath:
            return eventStream(for: request)
        default:
            break
        }
        let snapshot = await state.snapshot
        switch snapshot.resolve(target.path) {
        case .file(let file):
            return serve(file, for: request)
        case .folder:
            let location = target.rawPath + "/" + (target.query.map { "?" + $0 } ?? "")
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-cache"])
        case .notFound(let page):
            return serve(page, status: .notFound, for: request)
        case .unpublished(let page):
            var response = serve(page, status: .serviceUnavailable, for: request)
            response.headers[.retryAfter] = "1"
            return response
        }
    }
}

private extension PreviewResponder {
    /// `file` with its headers; `304` when `If-None-Match` names its ETag; no body for HEAD.
    func serve(_ file: ServedFile, status: HTTPResponse.Status = .ok, for request: Request) -> Response {
        var headers: HTTPFields = [
            .contentType: file.contentType,
            .contentLength: String(file.body.readableBytes),
            .cacheControl: "no-cache",
        ]
        guard status == .ok else {
            return Response(status: status, headers: headers, body: body(file.body, for: request))
        }
        headers[.eTag] = file.entityTag.description
        let ifNoneMatch = request.headers[values: .ifNoneMatch].joined(separator: ",")
        if !ifNoneMatch.isEmpty, file.entityTag.isMatched(byIfNoneMatch: ifNoneMatch) {
            return Response(status: .notModified, headers: [.eTag: file.entityTag.description, .cacheControl: "no-cache"])
        }
        return Response(status: .ok, headers: headers, body: body(file.body, for: request))
    }

    /// A short plain-text error, logged as one line (method, target and reason) unless
    /// `logging` is false.
    func refuse(_ request: Request, status: HTTPResponse.Status, reason: String, logging: Bool = true) -> Response {
        if logging {
            logger.notice("refused \(request.method) \(Self.loggable(request.head.path ?? "")): \(status.code) \(status.reasonPhrase), \(reason)")
        }
        let text = ByteBuffer(string: "\(status.code) \(status.reasonPhrase): \(reason)\n")
        return Response(
            status: status,
            headers: [
                .contentType: "text/plain; charset=utf-8",
                .contentLength: String(text.readableBytes),
                .cacheControl: "no-cache",
            ],
            body: body(text, for: request))
    }

    func body(_ buffer: ByteBuffer, for request: Request) -> ResponseBody {
        request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: buffer)
    }
}

extension PreviewResponder {
    /// `target` fit for one log line: control characters escaped, and cut short.
    static func loggable(_ target: String) -> String {
        let limit = 200
        var text = ""
        for scalar in target.unicodeScalars.prefix(limit) {
            text += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }
        let length = target.unicodeScalars.count
        return length > limit ? text + "… (\(length) characters)" : text
    }
}
