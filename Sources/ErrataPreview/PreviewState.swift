import ErrataKit

/// What the preview serves: the last good site, and the diagnostics of the last build
/// when it failed.
///
/// The rebuild loop calls ``publish(_:)`` or ``fail(_:)`` after each build; the server
/// reads one snapshot per request and streams every change to the open pages.
public actor PreviewState {
    /// The site being served.
    private(set) var snapshot = SiteSnapshot(generation: 0, files: SiteFiles())
    /// The `diagnostics` event of the last build, when it failed.
    private var failure: LiveEvent?
    /// Counts publishes and failures; each event carries it as its id.
    private var generation = 0
    /// The open pages' event streams.
    private var subscribers: [Int: AsyncStream<LiveEvent>.Continuation] = [:]
    private var nextSubscriberID = 0

    public init() {}
}

public extension PreviewState {
    /// A build succeeded: from now on serve `files` (path under the site root, such as
    /// `docs/errors/item/index.html` or `assets/style.css`, to bytes), clear any failure,
    /// and tell every open page to reload.
    ///
    /// `changed`, when known, names the only files that differ from the last publish
    /// (written or removed); the others are served as they were.
    func publish(_ files: [String: [UInt8]], changed: Set<String>? = nil) {
        publish(SiteFiles(files), changed: changed)
    }

    func publish(_ files: SiteFiles, changed: Set<String>? = nil) {
        generation += 1
        snapshot = SiteSnapshot(generation: generation, files: files, previous: snapshot, changed: changed)
        failure = nil
        broadcast(.reload(generation: generation))
    }

    /// A build failed: keep serving the last good files, and show `diagnostics` in every
    /// open page, and in pages opened later, until the next ``publish(_:)``.
    /// `sourceLines` holds the text of the line each diagnostic points at, which the
    /// overlay quotes under its message with a caret at the column.
    func fail(_ diagnostics: [Diagnostic], sourceLines: [SourceLocation: String] = [:]) {
        generation += 1
        let event = LiveEvent.diagnostics(diagnostics, generation: generation, sourceLines: sourceLines)
        failure = event
        broadcast(event)
    }
}

extension PreviewState {
    /// A new page's event stream. It starts with the current state: `diagnostics` when the
    /// last build failed; else `reload` when a reconnecting page says (`Last-Event-ID`) it
    /// last heard another generation, as after a rebuild it missed or a server restart;
    /// else `ok`.
    func subscribe(lastEventID: Int?) -> LiveSubscription {
        let (events, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextSubscriberID
        nextSubscriberID += 1
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        if let failure {
            continuation.yield(failure)
        } else if let lastEventID, lastEventID != generation {
            continuation.yield(.reload(generation: generation))
        } else {
            continuation.yield(.ok(generation: generation))
        }
        subscribers[id] = continuation
        return LiveSubscription(events: events, continuation: continuation)
    }

    /// How many pages are listening.
    var subscriberCount: Int { subscribers.count }
}

private extension PreviewState {
    func broadcast(_ event: LiveEvent) {
        for continuation in subscribers.values {
            continuation.yield(event)
        }
    }

    func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }
}
