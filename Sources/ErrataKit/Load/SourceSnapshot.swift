#if canImport(Glibc)
import Glibc
#endif

/// Which version of a file was read: the file itself (device and inode) and its size
/// and times, to the nanosecond. A file saved in place (truncated, then written, as
/// many editors do) keeps its inode but not its size or modification time; one saved
/// by renaming a new file over it gets a new inode.
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Timestamp
    /// The time the file's inode last changed: its bytes, but also its mode or links.
    /// It catches a rewrite that sets the modification time back.
    public var statusChanged: Timestamp

    public struct Timestamp: Sendable, Hashable {
        public var seconds: Int
        public var nanoseconds: Int
    }

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Timestamp(seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
        statusChanged = Timestamp(seconds: Int(status.st_ctim.tv_sec), nanoseconds: Int(status.st_ctim.tv_nsec))
    }

    /// The identity of the file `path` leads to now (links followed), or `nil` when
    /// there is none.
    public static func current(at path: String) -> FileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileIdentity(status)
    }

    /// The identity of an open file.
    static func current(of descriptor: Int32) -> FileIdentity? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return FileIdentity(status)
    }
}

/// The files a build read, each with the identity it had when it was read whole, so
/// that the build publishes only what it read: just before the new site replaces the
/// old one, ``verifyUnchanged()`` makes sure that every file is still the version read.
public struct SourceSnapshot: Sendable, Hashable {
    /// One file that was read.
    public struct Source: Sendable, Hashable {
        /// The path the file was opened by (absolute, or relative to the working directory).
        public var path: String
        /// The path messages show.
        public var displayPath: String
        public var identity: FileIdentity

        public init(path: String, displayPath: String, identity: FileIdentity) {
            self.path = path
            self.displayPath = displayPath
            self.identity = identity
        }
    }

    /// In the order they were read.
    public var sources: [Source]

    public init(_ sources: [Source] = []) {
        self.sources = sources
    }

    public static func + (first: SourceSnapshot, second: SourceSnapshot) -> SourceSnapshot {
        SourceSnapshot(first.sources + second.sources)
    }

    /// The sources whose file is no longer the version read: written, truncated,
    /// replaced or removed since.
    public var changedSources: [Source] {
        sources.filter { FileIdentity.current(at: $0.path) != $0.identity }
    }

    /// Throws a ``LoadError`` naming every source that changed since it was read
    /// (`Content/item.md: error: changed during the build; run again`).
    public func verifyUnchanged() throws(LoadError) {
        let changed = changedSources.map { LoadError(path: $0.displayPath, message: Self.changedMessage) }
        if let error = LoadError(all: changed) { throw error }
    }

    static let changedMessage = "changed during the build; run again"
}
