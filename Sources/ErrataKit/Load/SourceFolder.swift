import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder Errata reads its sources from — the content folder or the templates
/// folder — and the rules both are read by. Nothing outside the folder is read.
///
/// - **Listing.** Folders are walked without recursion, by the bytes of their names,
///   hidden ones included. Which files are read is the caller's choice (``kind``); no
///   other file is opened, whatever it is.
/// - **Links.** A link to a file inside the folder is read at the link's place; a link
///   to a folder inside is not walked, because every folder inside is walked at its own
///   place already (and a link to a folder it is in would never end).
/// - **Refused**, each with its path, all of them found before any file is read: a
///   link to a file or folder outside the folder; a link to be read that leads nowhere;
///   a file to be read that is not a regular file (a pipe would block the build
///   forever, a device would never end); a file to be read whose path is not valid
///   UTF-8 (shown with `\xNN` escapes), which no address or template name could spell;
///   and two files whose paths are equal once Unicode-normalised (NFC), since names are
///   compared as bytes after NFC and a site cannot hold both.
/// - **Reading.** A file is read up to a limit and one more byte, so a huge one costs
///   no more memory than one at the limit. Its identity is taken before and after the
///   read; a file that changed meanwhile (saved while it was read), or that changed so
///   recently that a further change could leave its identity as it is (see
///   ``settlingTime``), is read again, a few times, and refused if it never holds
///   still.
struct SourceFolder: Sendable {
    var directory: URL
    /// `content folder`, `templates folder`.
    var role: String
    /// What the folder holds, for "reads no page from outside it".
    var noun: String
    /// What a file is, by its path in the folder, or `nil` for a file that is never read.
    var kind: @Sendable (String) -> Kind?

    /// What a file to be read is called, and what it must be.
    struct Kind: Sendable {
        /// `page`, `template`, `asset`.
        var noun: String
        /// `a page must be a plain .md file`.
        var rule: String
    }

    /// A file read whole.
    struct Contents: Sendable {
        /// All of the file, or its first `limit + 1` bytes.
        var bytes: [UInt8]
        /// The size of the file: `bytes.count`, unless only its start was read.
        var byteCount: Int
        var identity: FileIdentity
    }

    /// How many times a file that changes while it is read is read.
    static let readAttempts = 5

    /// The paths of the files to be read, with `/` separators, sorted by their bytes.
    /// The folder must exist.
    func paths() throws(LoadError) -> [String] {
        guard let root = Self.realPath(directory.path) else {
            throw LoadError(path: DisplayPath.of(directory), message: "cannot find the \(role)")
        }
        var folders: [[UInt8]] = [[]]  // paths under the folder, empty or ending in "/"
        var paths: [String] = []
        var problems: [LoadError] = []
        while let folder = folders.popLast() {
            let folderPath = Array(directory.path.utf8) + [UInt8(ascii: "/")] + folder
            guard let names = Self.names(in: folderPath) else {
                throw LoadError(path: displayPath(folder), message: "cannot list the folder; check its permissions")
            }
            for name in names {
                let relative = folder + name
                let entry = folderPath + name
                // Classified by a readable spelling; a name that is not UTF-8 is refused below.
                let path = String(decoding: relative, as: UTF8.self)
                let kind = kind(path)
                var status = stat()
                guard Self.withPath(entry, { lstat($0, &status) }) == 0 else { continue }  // gone since it was listed
                var type = status.st_mode & S_IFMT
                if type == S_IFDIR {
                    folders.append(relative + [UInt8(ascii: "/")])
                    continue
                }
                if type == S_IFLNK {
                    guard let target = Self.realPath(entry), Self.withPath(entry, { stat($0, &status) }) == 0 else {
                        guard kind != nil else { continue }
                        problems.append(LoadError(
                            path: displayPath(relative),
                            message: "the link leads to \(Self.linkText(entry)), which does not exist; fix the link or remove it"))
                        continue
                    }
                    type = status.st_mode & S_IFMT
                    guard type == S_IFDIR || kind != nil else { continue }  // not to be read: never opened
                    guard Self.isInside(target, root) else {
                        let what = type == S_IFDIR ? "folder" : kind?.noun ?? "file"
                        problems.append(LoadError(
                            path: displayPath(relative),
                            message: "the link leads to \(DisplayPath.relative(String(decoding: target, as: UTF8.self))), "
                                + "outside the \(role) \(DisplayPath.of(directory)); Errata reads no \(noun) from outside it, "
                                + "so move or copy the \(what) into the \(role), or remove the link"))
                        continue
                    }
                    if type == S_IFDIR { continue }  // walked at its own place
                }
                guard let kind else { continue }
                guard type == S_IFREG else {
                    problems.append(LoadError(
                        path: displayPath(relative),
                        message: "is not a regular file; \(kind.rule), not a pipe, socket or device"))
                    continue
                }
                guard String(validating: relative, as: UTF8.self) != nil else {
                    problems.append(LoadError(
                        path: displayPath(relative),
                        message: "the path is not valid UTF-8 (the bytes shown as \\xNN), so Errata cannot name the "
                            + "\(kind.noun); rename it in UTF-8"))
                    continue
                }
                paths.append(path)
            }
        }
        problems += Self.collisions(among: paths).map { first, second in
            LoadError(
                path: displayPath(Array(first.utf8)),
                message: "has the same name as \(displayPath(Array(second.utf8))) once Unicode-normalised (NFC): "
                    + "\(Self.escaped(first)) and \(Self.escaped(second)) spell one name two ways, and a site cannot hold "
                    + "both; rename or remove one")
        }
        if let error = LoadError(all: problems) { throw error }
        return paths.sorted(by: Self.byBytes)
    }

    /// One file, by its path in the folder (one of ``paths()``), as a page is read:
    /// at most `limit` and one more bytes.
    ///
    /// With `settling`, a file changed less than ``settlingTime`` ago is read only once
    /// it is that old, so that any later change shows in its ``Contents/identity``.
    func read(_ path: String, limit: Int, kind: Kind, settling: Bool = true) throws(LoadError) -> Contents {
        let url = directory.appendingPathComponent(path)
        let displayPath = DisplayPath.of(url)
        try refuseOutside(url.path, named: displayPath)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw LoadError(path: displayPath, message: "cannot read the file (\(String(cString: strerror(errno)))); check its permissions")
        }
        defer { close(descriptor) }
        for attempt in 1...Self.readAttempts {
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                throw LoadError(path: displayPath, message: "is not a regular file; \(kind.rule)")
            }
            let before = FileIdentity(status)
            let expected = min(Int(status.st_size), limit + 1)
            var bytes = [UInt8](repeating: 0, count: expected)
            var count = 0
            while count < bytes.count {
                let result = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + count, $0.count - count, off_t(count)) }
                if result < 0, errno == EINTR { continue }
                guard result >= 0 else {
                    throw LoadError(path: displayPath, message: "cannot read the file: \(String(cString: strerror(errno)))")
                }
                if result == 0 { break }
                count += result
            }
            // Read whole only if nothing wrote to the file meanwhile, and only once the
            // file's last change is old enough that any later one changes its times.
            if count == expected, FileIdentity.current(of: descriptor) == before {
                let wait = settling ? Self.settlingTime(of: before) : .zero
                if wait == .zero {
                    return Contents(bytes: bytes, byteCount: max(Int(status.st_size), count), identity: before)
                }
                usleep(useconds_t(wait.components.attoseconds / 1_000_000_000_000 + wait.components.seconds * 1_000_000))
            } else {
                usleep(useconds_t(1000 * attempt))
            }
        }
        throw LoadError(
            path: displayPath,
            message: "kept changing while it was read (\(Self.readAttempts) tries); run again once it is saved")
    }

    /// How long a file must stay unchanged before it is read, so that any later change
    /// shows in its identity. A file's times come from a clock that ticks every few
    /// milliseconds, so two writes within one tick leave the same times: a file
    /// changed less than ``settlingTime`` ago could change again, unseen, after it is
    /// read (as Git's "racily clean" files). On a file system that keeps whole seconds
    /// (no nanoseconds), it must be a second older.
    static let settlingTime: Duration = .milliseconds(20)

    /// How much longer to wait before the file can be read, or zero.
    static func settlingTime(of identity: FileIdentity) -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let changed = identity.statusChanged
        let age = Duration.seconds(now.tv_sec - changed.seconds) + .nanoseconds(now.tv_nsec - changed.nanoseconds)
        let needed = changed.nanoseconds == 0 ? Duration.seconds(1) + settlingTime : settlingTime
        let earliest = Duration.zero - needed
        guard age < needed, age > earliest else { return .zero }  // a time far ahead: any change moves it back
        return age < .zero ? needed : needed - age
    }

    /// Refuses a file whose real path is outside the folder: a file swapped for a link
    /// to elsewhere after the folder was listed.
    private func refuseOutside(_ path: String, named displayPath: String) throws(LoadError) {
        guard let root = Self.realPath(directory.path), let real = Self.realPath(Array(path.utf8)) else { return }
        guard Self.isInside(real, root) else {
            throw LoadError(
                path: displayPath,
                message: "leads to \(DisplayPath.relative(String(decoding: real, as: UTF8.self))), outside the \(role) "
                    + "\(DisplayPath.of(directory)); Errata reads no \(noun) from outside it")
        }
    }

    /// The path messages show for a path under the folder: invalid UTF-8 as `\xNN`.
    private func displayPath(_ relative: [UInt8]) -> String {
        DisplayPath.of(directory) + "/" + Self.escapingInvalidUTF8(relative)
    }
}

extension SourceFolder {
    /// The names in a folder, without `.` and `..`, or `nil` when it cannot be listed.
    static func names(in folder: [UInt8]) -> [[UInt8]]? {
        guard let stream = withPath(folder, { opendir($0) }) else { return nil }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return names
    }

    /// Calls `body` with the path as a C string.
    static func withPath<Result>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// The path with every link resolved, or `nil` when it leads nowhere.
    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        guard let resolved = withPath(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    static func realPath(_ path: String) -> [UInt8]? {
        realPath(Array(path.utf8))
    }

    /// Whether `path` is `root` or under it; both are real paths.
    static func isInside(_ path: [UInt8], _ root: [UInt8]) -> Bool {
        let prefix = root.last == UInt8(ascii: "/") ? root : root + [UInt8(ascii: "/")]
        return path == root || path.starts(with: prefix)
    }

    /// What a link says it leads to, as written.
    private static func linkText(_ path: [UInt8]) -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = withPath(path) { link in
            buffer.withUnsafeMutableBufferPointer { readlink(link, UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), $0.count - 1) }
        }
        return count < 0 ? "nothing" : escapingInvalidUTF8(Array(buffer[..<count]))
    }

    /// Bytes as text, each byte that is not part of valid UTF-8 written `\xNN`.
    static func escapingInvalidUTF8(_ bytes: [UInt8]) -> String {
        var text = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            // The longest prefix that decodes, then one byte that does not.
            var valid = rest.endIndex
            while valid > rest.startIndex, String(validating: rest[..<valid], as: UTF8.self) == nil {
                valid = rest.index(before: valid)
            }
            text += String(decoding: rest[..<valid], as: UTF8.self)
            rest = rest[valid...]
            if let byte = rest.first {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                rest = rest.dropFirst()
            }
        }
        return text
    }

    /// A name with every character outside ASCII written `\u{E9}`, so that two
    /// spellings of one name can be told apart.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16, uppercase: true))}" }.joined()
    }

    /// The pairs of paths that are one name once Unicode-normalised (NFC): each later
    /// path (by bytes) with the first of its spellings.
    static func collisions(among paths: [String]) -> [(String, String)] {
        var spellings: [[UInt8]: [String]] = [:]
        for path in paths { spellings[Array(path.precomposedStringWithCanonicalMapping.utf8), default: []].append(path) }
        return spellings.values.flatMap { group -> [(String, String)] in
            let sorted = group.sorted(by: byBytes)
            return sorted.dropFirst().map { (sorted[0], $0) }
        }
    }

    /// Paths in the order of their UTF-8 bytes. `String`'s own order treats two
    /// spellings of one name (NFC and NFD) as equal, so it could not tell them apart.
    static func byBytes(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
