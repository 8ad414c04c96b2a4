import Foundation

/// A text as a key of the preview's caches, by its bytes: two texts are one key only
/// when their UTF-8 is the same. Swift's `String ==` takes canonically equivalent texts
/// (é as one scalar, or as e and a combining accent) for equal, but cmark-gfm and the
/// templates keep the bytes they are given, so a cache keyed by `String` would hand one
/// the other's result.
///
/// It is hashed by its length and its first and last bytes: the caches' keys are large
/// texts, most of them the same from one rebuild to the next, and keys that share
/// those are told apart by comparing them whole.
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (first: ExactText, second: ExactText) -> Bool {
        sameBytes(first.text, second.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.prefix(Self.sampledBytes)))
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.suffix(Self.sampledBytes)))
        }
    }

    /// How many bytes of each end are hashed.
    static let sampledBytes = 64

    /// Whether the two texts have the same UTF-8.
    static func sameBytes(_ first: String, _ second: String) -> Bool {
        guard first.utf8.count == second.utf8.count else { return false }
        var (first, second) = (first, second)
        // Texts that share their storage (a section kept from the last parse) are the
        // same without reading them.
        return first.withUTF8 { a in
            second.withUTF8 { b in a.count == 0 || a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    /// Whether the two lists have the same texts, in order, each with the same UTF-8.
    /// Texts that share their storage are not read, so comparing lists kept from one
    /// parse to the next costs a look at each text's address.
    static func sameBytes(_ first: [String], _ second: [String]) -> Bool {
        first.count == second.count && zip(first, second).allSatisfy { sameBytes($0, $1) }
    }

    /// Whether the two are both missing or both texts with the same UTF-8.
    static func sameBytes(_ first: String?, _ second: String?) -> Bool {
        guard let first, let second else { return first == nil && second == nil }
        return sameBytes(first, second)
    }

    /// A hash of the bytes of `texts`, in order (`nil` counts as a text of its own), for
    /// values compared to see what changed: with it among their fields, two values
    /// whose texts differ only in normalisation are not equal.
    static func fingerprint(_ texts: some Sequence<String?>) -> Int {
        var hasher = Hasher()
        for text in texts { add(text, to: &hasher) }
        return hasher.finalize()
    }

    /// The ``fingerprint(_:)`` of the texts of `groups`, one after the other, as if
    /// they were one list: without making that list, or a list of optionals.
    static func fingerprint(_ groups: [String]...) -> Int {
        var hasher = Hasher()
        for group in groups {
            for text in group { add(text, to: &hasher) }
        }
        return hasher.finalize()
    }

    private static func add(_ text: String?, to hasher: inout Hasher) {
        guard var text else {
            hasher.combine(-1)
            return
        }
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
