import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// Which `Host` a request may name, so that only the addresses the preview listens on reach
/// it. This stops DNS rebinding: a page on `evil.example` whose name later resolves to
/// 127.0.0.1 makes the browser send `Host: evil.example`, and would otherwise read the
/// unpublished site and its event stream.
///
/// Accepted, in any letter case, alone or with the port the connection came in on:
/// - `localhost`, `127.0.0.1` and `[::1]`;
/// - the `--host` value (an IPv6 address in brackets: `[fe80::1]`);
/// - when `--host` is a wildcard (`0.0.0.0`, `::`), which listens on every address of the
///   machine, any IP address (`192.168.1.20`, `[fd00::2]`): an address cannot be rebound.
///
/// Refused with 400: a request with no `Host`, whatever its HTTP version, or with more
/// than one (RFC 9112, section 3.2). Refused with 421: any other host, or another port.
struct HostCheck: Sendable {
    /// The accepted names, lower case, IPv6 addresses in brackets.
    let names: Set<String>
    /// Whether any IP address literal is accepted.
    let acceptsAnyAddress: Bool
    /// The hosts already refused, so that each is logged once.
    let refusedHosts = RefusedHosts()

    init(boundHost: String) {
        let bound = Self.bracketed(boundHost.lowercased())
        names = ["localhost", "127.0.0.1", "[::1]", bound]
        acceptsAnyAddress = ["0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]"].contains(bound)
    }

    /// A refused request, and whether this is the first refusal of its host.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var reason: String
        var isFirstForItsHost: Bool
    }

    /// Why the request with `authority` (its `Host`) and `fields` is refused on a
    /// connection to `port`, or nil when it is accepted.
    func refusal(authority: String?, fields: HTTPFields, port: Int?) -> Refusal? {
        guard let authority else {
            return Refusal(status: .badRequest, reason: "the request has no Host field", isFirstForItsHost: true)
        }
        // The first Host is the authority; any other is still among the fields.
        guard fields[Self.hostField] == nil else {
            return Refusal(status: .badRequest, reason: "the request has more than one Host field", isFirstForItsHost: true)
        }
        if isAccepted(authority, port: port) { return nil }
        let shown = PreviewResponder.loggable(authority)
        return Refusal(
            status: .misdirectedRequest,
            reason: "this server answers only for \(Self.describe(names, acceptsAnyAddress: acceptsAnyAddress))"
                + "\(port.map { " on port \($0)" } ?? ""), not \(shown)",
            isFirstForItsHost: refusedHosts.isFirstRefusal(of: authority))
    }
}

extension HostCheck {
    /// `Host`, spelt out: HTTP types name it only as the authority.
    static let hostField = HTTPField.Name("Host")!

    /// Whether `authority` (`host` or `host:port`) names this server.
    func isAccepted(_ authority: String, port: Int?) -> Bool {
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return false }
            portText = rest.isEmpty ? nil : rest.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority[...]
            portText = nil
        }
        if let portText {
            guard !portText.isEmpty, portText.utf8.count <= 5, portText.utf8.allSatisfy({ (48...57).contains($0) }),
                  let given = Int(portText), let port, given == port
            else { return false }
        }
        let name = host.lowercased()
        return names.contains(name) || (acceptsAnyAddress && Self.isAddress(name))
    }

    /// `host` with brackets when it is an IPv6 address, as a `Host` field writes it.
    static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// Whether `name` is an IPv4 address or a bracketed IPv6 address.
    static func isAddress(_ name: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        if name.hasPrefix("["), name.hasSuffix("]") {
            return inet_pton(AF_INET6, String(name.dropFirst().dropLast()), &buffer) == 1
        }
        return inet_pton(AF_INET, name, &buffer) == 1
    }

    static func describe(_ names: Set<String>, acceptsAnyAddress: Bool) -> String {
        names.sorted().joined(separator: ", ") + (acceptsAnyAddress ? " and IP addresses" : "")
    }
}

/// The hosts refused so far, remembered up to ``limit`` so that a flood of names cannot
/// grow it without end; past that, refusals of new hosts are not logged.
final class RefusedHosts: Sendable {
    static let limit = 100
    private let hosts = NIOLockedValueBox<Set<String>>([])

    /// True the first time `host` (in any letter case) is refused.
    func isFirstRefusal(of host: String) -> Bool {
        hosts.withLockedValue { hosts in
            guard hosts.count < Self.limit else { return false }
            return hosts.insert(host.lowercased()).inserted
        }
    }
}
