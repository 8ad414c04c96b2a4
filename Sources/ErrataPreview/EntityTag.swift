import ErrataKit

/// A strong validator of a response body: `"<length>-<XXH64>"`, both in hex.
///
/// Computed once per file when a site is published, never per request. XXH64 reads
/// the bytes eight at a time in four independent lanes, so a page of megabytes costs
/// a millisecond or so, not the tens a byte-at-a-time hash would.
struct EntityTag: Sendable, Hashable, CustomStringConvertible {
    /// The tag without its quotes.
    let opaque: String

    init(of bytes: [UInt8]) {
        let hash = XXH64.hash(bytes)
        let digits = String(hash, radix: 16)
        opaque = String(bytes.count, radix: 16) + "-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The header value, quoted.
    var description: String { "\"\(opaque)\"" }

    /// Whether an `If-None-Match` value (`*`, or a list of tags, weak or strong) names this tag.
    ///
    /// `If-None-Match` compares weakly (RFC 9110, 13.1.2), so `W/"x"` matches `"x"`.
    /// An unreadable element is skipped, never taken as a match.
    func isMatched(byIfNoneMatch header: String) -> Bool {
        let bytes = Array(header.utf8)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "*"):
                return true
            default:
                if bytes[index...].starts(with: "W/".utf8) { index += 2 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    index = bytes[index...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                    continue
                }
                let start = index + 1
                guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return false }
                if bytes[start..<end].elementsEqual(opaque.utf8) { return true }
                index = end + 1
            }
        }
        return false
    }
}
