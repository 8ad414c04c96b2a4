import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a finished folder in the place of another in one step, so that whoever reads
/// the place (a web server, a sync job) finds the whole old folder or the whole new
/// one, and never nothing.
///
/// On Linux the two folders are exchanged with `renameat2(RENAME_EXCHANGE)`, on macOS
/// with `renamex_np(RENAME_SWAP)`. Where the file system cannot exchange (it answers
/// `EINVAL` or `ENOSYS`), the old folder is first renamed to a retired name and the new
/// one then renamed into place: the place is empty for a moment, and a process killed
/// in that moment leaves the old folder under its retired name, which the next build
/// restores (see ``SiteWriter``).
enum FolderSwap {
    /// Where the folder that was in the place went.
    enum Outcome: Equatable {
        /// There was nothing in the place.
        case nothingReplaced
        /// The old folder now has the path the new one had.
        case exchanged
        /// The old folder was renamed to the retired path (no exchange on this file system).
        case retired
    }

    /// A rename that failed: the system call's `errno`.
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    /// Moves the folder `new` to `place`, exchanging it with what is there. `retired`
    /// is the name the old folder gets when the file system cannot exchange.
    static func install(_ new: String, at place: String, retired: String) throws(Failure) -> Outcome {
        // A concurrent build may create or swap the place between the two looks; each
        // attempt is one atomic call, so a few attempts settle it.
        var lastError: Int32 = 0
        for _ in 0..<8 {
            if exists(place) {
                switch exchange(new, place) {
                case 0: return .exchanged
                case EINVAL, ENOSYS, ENOTSUP: return try replaceInTwoSteps(new, at: place, retired: retired)
                case ENOENT where exists(new): lastError = ENOENT; continue  // the place went away meanwhile
                case let code: throw Failure(code: code)
                }
            } else {
                switch renameWithoutReplacing(new, place) {
                case 0: return .nothingReplaced
                case EEXIST, ENOTEMPTY: lastError = EEXIST; continue  // another build got there first
                case let code: throw Failure(code: code)
                }
            }
        }
        throw Failure(code: lastError)
    }

    private static func replaceInTwoSteps(_ new: String, at place: String, retired: String) throws(Failure) -> Outcome {
        guard rename(place, retired) == 0 else { throw Failure(code: errno) }
        guard rename(new, place) == 0 else {
            let code = errno
            _ = rename(retired, place)
            throw Failure(code: code)
        }
        return .retired
    }

    /// Whether anything (a folder, a file, a link) has this path.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc has `renameat2` since 2.28, but Swift's Glibc module does not declare it.
    private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private static let renameNoReplace: UInt32 = 1 << 0
    private static let renameExchange: UInt32 = 1 << 1
    #endif

    /// Exchanges two paths atomically; 0 or the `errno`.
    private static func exchange(_ first: String, _ second: String) -> Int32 {
        #if os(Linux)
        guard let renameat2 else { return ENOSYS }
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 ? 0 : errno
        #elseif canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #else
        return ENOSYS
        #endif
    }

    /// Renames `source` to `destination` unless something has that name; 0 or the `errno`.
    private static func renameWithoutReplacing(_ source: String, _ destination: String) -> Int32 {
        #if os(Linux)
        if let renameat2 {
            let result = renameat2(AT_FDCWD, source, AT_FDCWD, destination, renameNoReplace) == 0 ? 0 : errno
            if result != EINVAL, result != ENOSYS { return result }
        }
        #elseif canImport(Darwin)
        let result = renamex_np(source, destination, UInt32(RENAME_EXCL)) == 0 ? 0 : errno
        if result != EINVAL, result != ENOTSUP { return result }
        #endif
        // No atomic test: a folder's rename still refuses to replace a folder that is not empty.
        if exists(destination) { return EEXIST }
        return rename(source, destination) == 0 ? 0 : errno
    }
}
