import ErrataKit
import Foundation
import Hummingbird

/// A response body ready to send: its bytes, with the live-reload script in when it
/// is HTML, its `Content-Type`, and its ETag computed on those very bytes.
///
/// Publishing a file costs nothing but keeping its bytes: the script goes in and the
/// ETag is computed when the file is first asked for, once, so a rebuild that changes
/// many large pages sends its `reload` without working on pages no one opens.
struct ServedFile: Sendable {
    let contentType: String
    /// The file as published, before the live-reload script went in: a publish whose
    /// file has the same bytes (most often the very same array) reuses this one.
    let published: SiteFile
    private let prepared: Prepared

    /// The file at site path `path` holding `bytes`.
    init(path: String, bytes: [UInt8]) {
        self.init(path: path, file: SiteFile(bytes))
    }

    /// The file at site path `path` holding `file`'s bytes, made when first asked for.
    init(path: String, file: SiteFile) {
        self.published = file
        self.contentType = ContentType.of(path: path)
        self.prepared = Prepared(injectingScript: ContentType.isHTML(path: path))
    }

    /// The bytes served.
    var body: ByteBuffer { prepared.value(of: published).body }
    var entityTag: EntityTag { prepared.value(of: published).entityTag }

    /// The served bytes and their tag, made from the published bytes the first time
    /// any request asks.
    private final class Prepared: @unchecked Sendable {
        private let lock = NSLock()
        private let injectingScript: Bool
        private var made: (body: ByteBuffer, entityTag: EntityTag)?

        init(injectingScript: Bool) {
            self.injectingScript = injectingScript
        }

        func value(of published: SiteFile) -> (body: ByteBuffer, entityTag: EntityTag) {
            lock.withLock {
                if let made { return made }
                let bytes = published.bytes
                let served = injectingScript ? LiveReload.inject(into: bytes) : bytes
                let value = (ByteBuffer(bytes: served), EntityTag(of: served))
                made = value
                return value
            }
        }
    }
}
