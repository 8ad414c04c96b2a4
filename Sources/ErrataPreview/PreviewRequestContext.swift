import Hummingbird

/// What the responder knows of a request besides the request itself: the port its
/// connection came in on, which a `Host` naming a port must match (see ``HostCheck``).
struct PreviewRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The local port of the request's connection.
    let localPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        localPort = source.channel.localAddress?.port
    }
}
