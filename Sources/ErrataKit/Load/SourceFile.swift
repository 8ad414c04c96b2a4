/// One Markdown file of the content folder, read but not yet decoded.
public struct SourceFile: Sendable, Hashable {
    /// The path diagnostics show: relative to the working directory when the file is
    /// under it, e.g. `Content/docs/errors/item.md`.
    public var displayPath: String
    /// The path under the content folder, with `/` separators: `docs/errors/item.md`.
    /// It decides the page's address.
    public var contentPath: String
    /// The file's bytes, exactly as read.
    public var bytes: [UInt8]

    public init(displayPath: String, contentPath: String, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.contentPath = contentPath
        self.bytes = bytes
    }
}
