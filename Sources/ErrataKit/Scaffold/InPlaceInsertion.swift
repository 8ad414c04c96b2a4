import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Inserts bytes into a page in place, so the page stays the same file: its mode,
/// owner, hard links and extended attributes are kept, and a symbolic link is
/// followed, not replaced.
///
/// The rules, in order:
/// - A page without write permission for its owner (read-only, even for root), or
///   that cannot be opened for writing, is refused: a read-only page is never replaced.
/// - The page is locked (`flock`) while it is written; another `errata new` waits.
/// - The room for the new bytes is taken first, by appending as many line breaks at
///   the page's end (`O_APPEND`, which the system orders with other appends). Then the
///   page is read again: it must still begin with exactly the bytes the section was
///   placed in, or nothing is inserted (the line breaks are taken back) and
///   ``Outcome/changed`` is returned, for the caller to read the page again. Text
///   another program appended after those bytes meanwhile is kept, after the section.
/// - The bytes from the insertion point to the end of the room are written in one
///   write: nothing past the room is touched, so text appended since stays where it is.
///
/// An interruption between the two writes leaves the page with blank lines at its end.
enum InPlaceInsertion {
    enum Outcome: Equatable {
        case inserted
        /// The page is no longer the text the section was placed in.
        case changed
    }

    /// How long to wait for another program's lock on the page.
    static let lockWait: Duration = .seconds(5)

    /// Inserts `inserted` at `offset` into the file at `path`, whose bytes must still
    /// begin with `old`.
    static func insert(
        _ inserted: [UInt8], at offset: Int, into path: String, expecting old: [UInt8], displayPath: String
    ) throws(WriteError) -> Outcome {
        func failure(_ what: String) -> WriteError {
            WriteError(path: displayPath, message: "cannot write the page (\(what)): \(String(cString: strerror(errno)))")
        }
        var before = stat()
        if stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG, before.st_mode & S_IWUSR == 0 {
            throw readOnly(displayPath)
        }
        let descriptor = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == EROFS { throw WriteError(path: displayPath, message: "the page is on a read-only file system") }
            if errno == EACCES || errno == EPERM {
                throw WriteError(path: displayPath, message: "you may not write the page (\(String(cString: strerror(errno)))); "
                    + "check its owner and permissions, then run errata new again")
            }
            throw failure("open")
        }
        defer { close(descriptor) }  // also lets go of the lock
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("stat") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw WriteError(path: displayPath, message: "is not a regular file; a page must be a plain .md file")
        }
        guard status.st_mode & S_IWUSR != 0 else { throw readOnly(displayPath) }
        try lock(descriptor, displayPath: displayPath)

        // Take the room at the end.
        let room = [UInt8](repeating: UInt8(ascii: "\n"), count: inserted.count)
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_APPEND) == 0 else { throw failure("append") }
        let appended = room.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress!, $0.count) }
        let end = lseek(descriptor, 0, SEEK_CUR)
        guard fcntl(descriptor, F_SETFL, flags) == 0 else { throw failure("append") }
        guard appended == room.count, end >= room.count else { throw failure("append") }
        let roomStart = Int(end) - room.count

        // The page up to the room must be the one read, plus what was appended since.
        guard let current = read(descriptor, count: roomStart), current.count == roomStart, current.starts(with: old) else {
            takeBack(room, at: roomStart, from: descriptor)
            return .changed
        }
        let tail = inserted + old[offset...] + current[old.count...]
        var written = 0
        while written < tail.count {
            let result = tail.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + written, $0.count - written, off_t(offset + written)) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw failure("write") }
            written += result
        }
        return .inserted
    }

    private static func readOnly(_ displayPath: String) -> WriteError {
        WriteError(
            path: displayPath,
            message: "the page is read-only; make it writable (chmod u+w \(displayPath)) and run errata new again")
    }

    /// Waits for an exclusive lock on the file, up to ``lockWait``.
    private static func lock(_ descriptor: Int32, displayPath: String) throws(WriteError) {
        let deadline = ContinuousClock.now + lockWait
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                throw WriteError(
                    path: displayPath,
                    message: "another program holds a lock on the page; run errata new again when it is done")
            }
            usleep(10_000)
        }
    }

    /// The first `count` bytes of the file, or `nil` when it cannot be read.
    private static func read(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { return nil }
            if result == 0 { break }
            done += result
        }
        return Array(bytes[..<done])
    }

    /// Removes the room taken at `start` if it is still the file's end, untouched.
    private static func takeBack(_ room: [UInt8], at start: Int, from descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) == start + room.count else { return }
        var bytes = [UInt8](repeating: 0, count: room.count)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(start)) }
        if count == room.count, bytes == room { _ = ftruncate(descriptor, off_t(start)) }
    }
}
