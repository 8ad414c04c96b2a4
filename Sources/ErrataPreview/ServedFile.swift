import Hummingbird

/// A response body ready to send: its bytes, with the live-reload script already in
/// when it is HTML, its `Content-Type`, and its ETag computed on those very bytes.
///
/// Built once when a site is published, so serving a request only looks it up.
struct ServedFile: Sendable {
    let body: ByteBuffer
    let contentType: String
    let entityTag: EntityTag
    /// The bytes as published, before the live-reload script went in: a publish whose
    /// file has the same bytes (most often the very same array) reuses this one.
    let published: [UInt8]

    /// The file at site path `path` holding `bytes`.
    init(path: String, bytes: [UInt8]) {
        self.published = bytes
        let contentType = ContentType.of(path: path)
        let served = ContentType.isHTML(path: path) ? LiveReload.inject(into: bytes) : bytes
        self.body = ByteBuffer(bytes: served)
        self.contentType = contentType
        self.entityTag = EntityTag(of: served)
    }
}
