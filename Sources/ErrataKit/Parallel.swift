import Dispatch
import Foundation

/// Work spread over every core, with results in the order of the input, so what a
/// build produces never depends on which thread finished first.
enum Parallel {
    /// Whether to work on one thread only: `ERRATA_THREADS=1` in the environment, for
    /// checking that the output does not depend on the parallelism.
    static let isSerial = ProcessInfo.processInfo.environment["ERRATA_THREADS"] == "1"

    /// `transform` applied to every item, on as many threads as there are cores.
    static func map<Input, Output>(_ items: [Input], _ transform: (Input) -> Output) -> [Output] {
        guard items.count > 1, !isSerial else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        nonisolated(unsafe) let items = items
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = transform(items[index])
            }
        }
        return results.map { $0! }
    }

    /// Like ``map(_:_:)``, for work that can fail: the first failure, in input order,
    /// is thrown once every item is done.
    static func map<Input, Output, Failure: Error>(
        _ items: [Input], _ transform: (Input) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let results = map(items) { item -> Result<Output, Failure> in
            do throws(Failure) { return .success(try transform(item)) } catch { return .failure(error) }
        }
        return try results.map { result throws(Failure) in try result.get() }
    }

    /// `first` and `second`, at the same time when there are cores for both.
    static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        let halves = map([0, 1]) { half -> (A?, B?) in half == 0 ? (first(), nil) : (nil, second()) }
        return (halves[0].0!, halves[1].1!)
    }

    /// `items` cut into about `pieces` runs of neighbours, for work too small to
    /// hand out one item at a time.
    static func chunks<Element>(_ items: [Element], pieces: Int) -> [ArraySlice<Element>] {
        guard !items.isEmpty else { return [] }
        let size = max(1, (items.count + pieces - 1) / pieces)
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
