import Hummingbird

/// A request's target, checked and decoded before anything is looked up.
///
/// Refused with 414: a target longer than ``maximumLength`` bytes. Refused with 403,
/// as attempts to reach outside the site:
/// - a NUL byte or a backslash;
/// - a `.` or `..` segment, also when percent-encoded (`%2e%2e`, `%2E.`, `..%2f`);
/// - an encoded slash (`%2F`), which would hide a segment boundary from a later decoder;
/// - a path starting with `//` (`//etc/passwd`), which some joins and redirects read as
///   another host or the file system's root;
/// - a path encoded twice (`%252e%252e`): what is left after decoding still decodes.
/// Refused with 400, as malformed:
/// - a target that is not an absolute path (`*`, `example.com:80`, `docs/`);
/// - malformed percent-encoding (`%`, `%2`, `%zz`);
/// - a path that is not UTF-8 once decoded.
///
/// Every check runs on the decoded bytes, so an encoded form cannot slip past one. The
/// site lives in memory and is looked up by key, so even an accepted path can never
/// reach anything outside it; the checks keep such requests from ever looking normal.
struct RequestTarget: Sendable, Equatable {
    /// The path as the client sent it, still percent-encoded: `/docs/errors/item`.
    var rawPath: String
    /// What follows the `?`, if there is one.
    var query: String?
    /// The decoded path without its leading slash: the key of a file in the site.
    var path: String

    /// The longest target served, in bytes.
    static let maximumLength = 2048

    /// Why a target was refused, and with which status.
    struct Refusal: Error, Equatable {
        var status: HTTPResponse.Status
        var reason: String
    }

    init(parsing target: String) throws(Refusal) {
        guard target.utf8.count <= Self.maximumLength else {
            throw Refusal(status: .uriTooLong, reason: "the URL is longer than \(Self.maximumLength) bytes")
        }
        if let questionMark = target.firstIndex(of: "?") {
            rawPath = String(target[..<questionMark])
            query = String(target[target.index(after: questionMark)...])
        } else {
            rawPath = target
            query = nil
        }
        guard rawPath.hasPrefix("/") else {
            throw Refusal(status: .badRequest, reason: "the target is not an absolute path")
        }
        let decoded = try Self.percentDecoded(rawPath)
        if decoded.contains(0) {
            throw Refusal(status: .forbidden, reason: "the path contains a NUL byte")
        }
        if decoded.contains(UInt8(ascii: "\\")) {
            throw Refusal(status: .forbidden, reason: "the path contains a backslash")
        }
        for segment in decoded.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.elementsEqual(".".utf8) {
                throw Refusal(status: .forbidden, reason: "the path has a '.' segment")
            }
            if segment.elementsEqual("..".utf8) {
                throw Refusal(status: .forbidden, reason: "the path has a '..' segment")
            }
        }
        if Self.escapes(in: Array(rawPath.utf8)).contains(UInt8(ascii: "/")) {
            throw Refusal(status: .forbidden, reason: "the path has an encoded '/'")
        }
        if decoded.starts(with: "//".utf8) {
            throw Refusal(status: .forbidden, reason: "the path starts with '//'")
        }
        if !Self.escapes(in: decoded).isEmpty {
            throw Refusal(status: .forbidden, reason: "the path is percent-encoded twice")
        }
        let text = String(decoding: decoded, as: UTF8.self)
        guard text.utf8.elementsEqual(decoded) else {
            throw Refusal(status: .badRequest, reason: "the path is not UTF-8")
        }
        path = String(text.dropFirst())
    }
}

private extension RequestTarget {
    /// `path` with every `%XX` replaced by its byte.
    static func percentDecoded(_ path: String) throws(Refusal) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        var iterator = path.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw Refusal(status: .badRequest, reason: "the path has a '%' not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// The bytes that the `%XX` escapes in `bytes` stand for.
    static func escapes(in bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 3 else { return [] }
        return (0..<bytes.count - 2).compactMap { index in
            guard bytes[index] == UInt8(ascii: "%"),
                  let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            else { return nil }
            return high << 4 | low
        }
    }

    static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
