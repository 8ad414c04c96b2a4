import Foundation

/// The address a site is served from (`--base-url https://concentrix.com/`), always
/// ending in `/`.
///
/// Without one every link Errata writes is relative, so the site works under any path
/// of any host. With one, pages get a canonical link and the site a `sitemap.xml`, both
/// of which must be absolute.
public struct BaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The address, ending in `/` (`https://concentrix.com/`).
    public let string: String

    /// Reads an absolute `http` or `https` address without query or fragment; adds the
    /// trailing `/` when it is missing.
    public init(_ text: String) throws(BaseURLError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else {
            throw BaseURLError(text: text, problem: "it is not an absolute http or https address")
        }
        guard components.query == nil, components.fragment == nil else {
            throw BaseURLError(text: text, problem: "it has a query or a fragment")
        }
        string = trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    public var description: String { string }

    /// The absolute URL of `address`, a route with an optional fragment
    /// (`docs/errors/item/#access_not_granted`), its path percent-encoded.
    public func absolute(_ address: String) -> String {
        let hash = address.firstIndex(of: "#")
        let route = hash.map { String(address[..<$0]) } ?? address
        let fragment = hash.map { String(address[$0...]) } ?? ""
        let path = route.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? route
        return string + path + fragment
    }

    /// The characters a path keeps as they are: RFC 3986's unreserved and sub-delims,
    /// `:`, `@` and `/`.
    private static let pathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
}

/// A `--base-url` that cannot be used.
public struct BaseURLError: Error, CustomStringConvertible {
    public var text: String
    public var problem: String

    public var description: String {
        "--base-url \(text): \(problem); give the address the site is served from, such as https://example.com/docs/"
    }
}
