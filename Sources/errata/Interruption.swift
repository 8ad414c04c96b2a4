import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM during `errata build`.
///
/// Before the build writes, the process just exits: nothing has been touched. Once it
/// writes, the signal is a request the writer sees before its next file; it then
/// removes its staging folder and the command exits, so the previous output folder is
/// left exactly as it was and nothing half-built is left beside it.
final class Interruption: @unchecked Sendable {
    /// The shell's convention for a process ended by SIGINT.
    static let exitStatus: Int32 = 130

    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM; from now on they ask the build to stop.
    static func catching() -> Interruption {
        let interruption = Interruption()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { interruption.request() }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }

    /// Whether a stop was asked for; the writer calls this before each file.
    var isRequested: @Sendable () -> Bool {
        { [self] in lock.withLock { requested } }
    }

    private func request() {
        lock.withLock { requested = true }
    }
}
