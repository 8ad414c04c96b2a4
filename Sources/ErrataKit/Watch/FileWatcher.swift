import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reports the files that change under some folders, as sets of absolute paths.
///
/// On Linux it uses inotify on every folder of the tree (adding folders as they are
/// created), and reports a file when it has been written and closed, moved in or
/// out, or deleted — so an editor's save is one report, not one per write. A root
/// itself is reported when it is deleted, moved away, created or moved back, and its
/// tree is watched again when it returns. Changes
/// that arrive within a few milliseconds of each other are reported together.
/// Elsewhere it compares modification times every 100 ms.
public final class FileWatcher: @unchecked Sendable {
    private let roots: [URL]
    private let stopped = LockedFlag()

    /// Watches `roots`: folders (with everything under them) or single files.
    public init(roots: [URL]) {
        self.roots = roots.map(\.standardizedFileURL)
    }

    deinit { stopped.set() }

    /// Stops watching; the change stream finishes.
    public func stop() { stopped.set() }

    /// The changes, as they happen, until ``stop()``.
    public func changes() -> AsyncStream<Set<String>> {
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>.self, bufferingPolicy: .unbounded)
        let thread = Thread { [roots, stopped] in
            #if os(Linux)
            Self.watchWithInotify(roots: roots, stopped: stopped, report: { continuation.yield($0) })
            #else
            Self.watchByPolling(roots: roots, stopped: stopped, report: { continuation.yield($0) })
            #endif
            continuation.finish()
        }
        thread.name = "errata.watch"
        thread.start()
        continuation.onTermination = { [stopped] _ in stopped.set() }
        return stream
    }

    #if os(Linux)
    private static func watchWithInotify(roots: [URL], stopped: LockedFlag, report: (Set<String>) -> Void) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return watchByPolling(roots: roots, stopped: stopped, report: report) }
        defer { close(descriptor) }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_DELETE_SELF)
        let rootPaths = roots.map(\.path)
        var folders: [Int32: String] = [:]
        /// Each root is also watched through its folder, for its name only: a single file,
        /// so a save by rename is seen, and a root folder, so it is seen coming back after
        /// being deleted or moved away.
        var wantedNames: [String: Set<String>] = [:]
        func isInsideARoot(_ folder: String) -> Bool {
            rootPaths.contains { folder == $0 || folder.hasPrefix($0 + "/") }
        }
        func addWatch(folder: String) {
            let watch = inotify_add_watch(descriptor, folder, mask)
            guard watch >= 0 else { return }
            folders[watch] = folder
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + entry
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    addWatch(folder: path)
                }
            }
        }
        /// Stops watching `folder` and everything under it, once it has moved away: its
        /// watches would go on reporting it under its old path.
        func removeWatches(under folder: String) {
            for (watch, watched) in folders where watched == folder || watched.hasPrefix(folder + "/") {
                inotify_rm_watch(descriptor, watch)
                folders[watch] = nil
            }
        }
        for root in roots {
            let parent = root.deletingLastPathComponent().path
            wantedNames[parent, default: []].insert(root.lastPathComponent)
            let watch = inotify_add_watch(descriptor, parent, mask)
            if watch >= 0 { folders[watch] = parent }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue {
                addWatch(folder: root.path)
            }
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: Set<String> = []
        while !stopped.isSet {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // Wait long when idle; once something changed, only briefly for its siblings.
            let ready = poll(&poller, 1, pending.isEmpty ? 100 : 3)
            if ready <= 0 {
                if !pending.isEmpty {
                    report(pending)
                    pending.removeAll()
                }
                continue
            }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, eventMask, nameLength) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + nameLength, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + nameLength
                if eventMask & UInt32(IN_IGNORED) != 0 {
                    folders[watch] = nil  // the folder is gone, or no longer watched
                    continue
                }
                guard let folder = folders[watch], !name.isEmpty else { continue }
                let isWanted = wantedNames[folder]?.contains(name) == true
                guard isWanted || (isInsideARoot(folder) && !name.hasPrefix(".")) else { continue }
                let path = folder + "/" + name
                if eventMask & UInt32(IN_ISDIR) != 0 {
                    if eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addWatch(folder: path) }
                    if eventMask & UInt32(IN_MOVED_FROM) != 0 { removeWatches(under: path) }
                    pending.insert(path)
                } else if eventMask & UInt32(IN_CREATE) == 0 {
                    pending.insert(path)
                }
            }
        }
    }
    #endif

    private static func watchByPolling(roots: [URL], stopped: LockedFlag, report: (Set<String>) -> Void) {
        func snapshot() -> [String: Date] {
            var times: [String: Date] = [:]
            for root in roots {
                let paths = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]
                for path in paths.map({ $0.map { root.path + "/" + $0 } }) ?? [root.path] {
                    times[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                }
            }
            return times
        }
        var last = snapshot()
        while !stopped.isSet {
            Thread.sleep(forTimeInterval: 0.1)
            let now = snapshot()
            let changed = Set(now.keys.filter { now[$0] != last[$0] }).union(last.keys.filter { now[$0] == nil })
            if !changed.isEmpty { report(changed) }
            last = now
        }
    }
}

/// A flag set once, read from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
