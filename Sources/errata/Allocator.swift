#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator treats the large, short-lived buffers of a batch command.
enum Allocator {
    /// Gives every block of 1 MiB or more its own mapping, returned to the system as
    /// soon as it is freed. glibc starts so too, but raises that threshold each time
    /// such a block is freed, up to 32 MiB: after the first page file, a build's
    /// page-sized buffers (its text, its HTML) would come from the heap and, freed,
    /// stay there, held in place by the small values kept beside them.
    ///
    /// `mallopt` is looked up at run time, as Swift's Glibc module does not bring in
    /// `<malloc.h>`; where there is none, nothing changes.
    static func mapLargeBlocksSeparately() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 1 << 20)
        #endif
    }
}
