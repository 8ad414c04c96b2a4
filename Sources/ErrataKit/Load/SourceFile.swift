/// One Markdown file of the content folder, read but not yet decoded.
public struct SourceFile: Sendable, Hashable {
    /// The path diagnostics show: relative to the working directory when the file is
    /// under it, e.g. `Content/docs/errors/item.md`.
    public var displayPath: String
    /// The path under the content folder, with `/` separators: `docs/errors/item.md`.
    /// It decides the page's address.
    public var contentPath: String
    /// The file's bytes, exactly as read: all of them, or the first
    /// ``InputLimits/pageBytes`` and one more when the file is larger than a page may be.
    public var bytes: [UInt8]
    /// The size of the file: `bytes.count`, unless only its start was read.
    public var byteCount: Int
    /// Which version of the file was read, when it was read from disk: a build checks
    /// before it publishes that the file is still that version (see ``SourceSnapshot``).
    public var identity: FileIdentity?

    public init(displayPath: String, contentPath: String, bytes: [UInt8], byteCount: Int? = nil) {
        self.displayPath = displayPath
        self.contentPath = contentPath
        self.bytes = bytes
        self.byteCount = max(byteCount ?? bytes.count, bytes.count)
    }
}
