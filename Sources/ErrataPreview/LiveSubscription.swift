/// One page's stream of ``LiveEvent``s, from ``PreviewState/subscribe(lastEventID:)``.
struct LiveSubscription: Sendable {
    let events: AsyncStream<LiveEvent>
    let continuation: AsyncStream<LiveEvent>.Continuation

    /// Puts a keep-alive comment into the stream, between the state's events.
    func sendKeepAlive() {
        continuation.yield(.keepAlive)
    }

    /// Ends the stream, which unsubscribes it.
    func end() {
        continuation.finish()
    }
}
