import Foundation
import NIOCore

/// Why the preview could not listen on its address, as one line that names the address,
/// the cause and what to do: `127.0.0.1:8000: error: the port is in use by another
/// program; stop it or pass --port N (0 picks a free port)`.
public struct ListenError: Error, CustomStringConvertible, Sendable {
    public let host: String
    public let port: Int
    /// The cause and what to do.
    public let reason: String

    public var description: String {
        "\(HostCheck.bracketed(host)):\(port): error: \(reason)"
    }

    /// The error binding `host`:`port` threw, in plain words; nil when `error` is not one
    /// of binding's.
    init?(_ error: any Error, host: String, port: Int) {
        self.host = host
        self.port = port
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE:
                reason = "the port is in use by another program; stop it or pass --port N (0 picks a free port)"
            case EACCES:
                reason = "this user may not listen on the port (ports below 1024 need privileges); "
                    + "pass --port N above 1023 (0 picks a free port)"
            case EADDRNOTAVAIL:
                reason = "the address is not one of this machine's; pass --host with one of its addresses, "
                    + "or leave it out to serve this machine only (127.0.0.1)"
            default:
                reason = "cannot listen here (\(String(cString: strerror(error.errnoCode)))); "
                    + "pass another --host or --port N (0 picks a free port)"
            }
        } else if error is SocketAddressError || error is SocketAddressError.UnknownHost {
            reason = "the host name does not resolve; pass --host with an address of this machine "
                + "(127.0.0.1, ::1) or a name that resolves to one"
        } else {
            return nil
        }
    }
}
