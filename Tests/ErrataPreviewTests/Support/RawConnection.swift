import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One TCP connection to 127.0.0.1 kept open across calls, to send a request a piece at
/// a time and see when the server closes it. Every blocking call runs on a thread of its
/// own, never on the threads that run tasks.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []

    init(port: Int) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawHTTP.SocketError(call: "socket", code: errno) }
        #if canImport(Darwin)
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw RawHTTP.SocketError(call: "connect", code: code)
        }
    }

    deinit { close(descriptor) }

    /// Sends `text`; false once the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let count = bytes[sent...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, flags) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads until the server closes the connection, at most `duration`; true if it did.
    func waitForClose(within duration: Duration) async -> Bool {
        await onThread { self.readUntil(deadline: ContinuousClock.now + duration) { _ in false } }
    }

    /// Reads until the bytes received hold `pattern` `count` times or the connection
    /// closes, at most `duration`; true if they hold it that often.
    func waitFor(_ pattern: String, count: Int = 1, within duration: Duration) async -> Bool {
        let pattern = Array(pattern.utf8)
        _ = await onThread {
            self.readUntil(deadline: ContinuousClock.now + duration) { RawConnection.occurrences(of: pattern, in: $0) >= count }
        }
        return Self.occurrences(of: pattern, in: receivedBytes) >= count
    }

    /// Everything the server sent so far.
    var text: String { String(decoding: receivedBytes, as: UTF8.self) }

    private var receivedBytes: [UInt8] { lock.withLock { received } }
}

private extension RawConnection {
    func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    /// Reads until `isDone` holds for the bytes received, the peer closes (true) or the
    /// deadline passes (false).
    func readUntil(deadline: ContinuousClock.Instant, isDone: ([UInt8]) -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            if isDone(receivedBytes) { return false }
            let left = deadline - ContinuousClock.now
            let milliseconds = max(1, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, milliseconds) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }  // closed, or reset
            lock.withLock { received += buffer[..<count] }
        }
        return false
    }

    static func occurrences(of pattern: [UInt8], in bytes: [UInt8]) -> Int {
        guard bytes.count >= pattern.count else { return 0 }
        return (0...bytes.count - pattern.count).count { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
