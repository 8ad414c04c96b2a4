/// The files of a site held in memory, by path under its root, as ``LiveSite`` gives
/// them.
///
/// A file may be held as the bytes of an earlier version with a few runs replaced by
/// runs of the same length (``SiteFile/replacing(at:with:)``): the preview gives every
/// page the search index's new name that way, without copying pages that no one may
/// open. Their bytes are made when they are read.
public struct SiteFiles: Sendable, Equatable {
    private var files: [String: SiteFile] = [:]

    public init() {}

    public init(_ files: [String: [UInt8]]) {
        self.files = files.mapValues(SiteFile.init)
    }

    /// The bytes of the file at `path`; setting `nil` takes the file out.
    public subscript(path: String) -> [UInt8]? {
        get { files[path]?.bytes }
        set { files[path] = newValue.map(SiteFile.init) }
    }

    /// The file at `path` as it is held.
    public func file(at path: String) -> SiteFile? { files[path] }

    mutating func set(_ file: SiteFile?, at path: String) { files[path] = file }

    public var paths: Dictionary<String, SiteFile>.Keys { files.keys }
    public var count: Int { files.count }

    /// Every file's bytes, by path.
    public var all: [String: [UInt8]] { files.mapValues(\.bytes) }
}

/// One file of ``SiteFiles``: bytes, or bytes with one run put in at some places.
public struct SiteFile: Sendable, Equatable {
    private let base: [UInt8]
    /// Where `run` stands in place of as many bytes of `base`: sorted, apart.
    private let offsets: [Int]
    private let run: [UInt8]

    public init(_ bytes: [UInt8]) {
        (base, offsets, run) = (bytes, [], [])
    }

    private init(base: [UInt8], offsets: [Int], run: [UInt8]) {
        (self.base, self.offsets, self.run) = (base, offsets, run)
    }

    /// The file's bytes.
    public var bytes: [UInt8] {
        guard !offsets.isEmpty else { return base }
        var bytes = base
        for offset in offsets { bytes.replaceSubrange(offset..<(offset + run.count), with: run) }
        return bytes
    }

    /// The file with `run` in place of the bytes at each of `offsets`, which must be
    /// sorted, apart by at least `run.count` and within the file. The run it held
    /// before at the same offsets, and as long, is forgotten; if it held another, its
    /// bytes are made first.
    public func replacing(at offsets: [Int], with run: [UInt8]) -> SiteFile {
        precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 + run.count <= $1 }
            && (offsets.last.map { $0 + run.count <= base.count } ?? true), "replaced runs overlap or end past the file")
        let sameRuns = self.offsets.isEmpty || (self.offsets == offsets && self.run.count == run.count)
        return SiteFile(base: sameRuns ? base : bytes, offsets: offsets, run: run)
    }

    /// Equal when the bytes are: at once when they are the same bytes with the same
    /// run at the same places.
    public static func == (first: SiteFile, second: SiteFile) -> Bool {
        guard first.base.count == second.base.count else { return false }
        if first.offsets == second.offsets, first.run == second.run, first.base == second.base { return true }
        return first.bytes == second.bytes
    }
}
