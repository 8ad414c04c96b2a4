import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTTP over a plain TCP socket, for requests an HTTP client would normalise first
/// (`/../etc/passwd`) or refuse to send (`/a\b`).
enum RawHTTP {
    struct Reply {
        var status: Int
        var head: String
    }

    struct SocketError: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Sends `GET <target>`, with `fields` (`Name: value`) after `Host` and `Connection`, to
    /// 127.0.0.1:`port` and reads the response head. The blocking socket calls run on a
    /// thread of their own, never on the threads that run tasks (Dispatch's global queues
    /// on Linux), and time out after five seconds.
    static func get(_ target: String, port: Int, fields: [String] = []) async throws -> Reply {
        try await request(["GET \(target) HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + fields, port: port)
    }

    /// Sends a request head of exactly `lines` (request line and fields, no line ends) and
    /// reads the response head, as ``get(_:port:fields:)`` does.
    static func request(_ lines: [String], port: Int) async throws -> Reply {
        let request = lines.joined(separator: "\r\n") + "\r\n\r\n"
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try exchange(Array(request.utf8), port: port) })
            }.start()
        }
    }
}

private extension RawHTTP {
    static func exchange(_ request: [UInt8], port: Int) throws -> Reply {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        defer { close(descriptor) }

        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw SocketError(call: "connect", code: errno) }

        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw SocketError(call: "send", code: errno) }
            sent += count
        }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let headEnd = Array("\r\n\r\n".utf8)
        while !contains(received, headEnd) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                if count == 0 { break }
                throw SocketError(call: "recv", code: errno)
            }
            received += buffer[..<count]
        }
        let head = String(decoding: received, as: UTF8.self)
        let statusLine = head.prefix { $0 != "\r" }
        let fields = statusLine.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/"), let status = Int(fields[1]) else {
            throw SocketError(call: "reading the status line \(String(reflecting: String(statusLine)))", code: 0)
        }
        return Reply(status: status, head: head)
    }

    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        bytes.count >= pattern.count && (0...bytes.count - pattern.count).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
