/// The 64-bit xxHash (XXH64) of bytes: not a cryptographic hash, a fast one. It reads
/// the bytes eight at a time in four independent lanes, so megabytes cost a
/// millisecond or so, not the tens a byte-at-a-time hash would. It names the assets
/// by their content (``AssetFingerprint``) and tags the preview's responses.
public enum XXH64 {
    /// XXH64 of `bytes` with seed 0.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F, p3: UInt64 = 0x1656_67B1_9E37_79F9
        let p4: UInt64 = 0x85EB_CA77_C2B2_AE63, p5: UInt64 = 0x27D4_EB2F_1656_67C5
        func rotated(_ value: UInt64, _ bits: UInt64) -> UInt64 { (value << bits) | (value >> (64 - bits)) }
        func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 { rotated(accumulator &+ input &* p2, 31) &* p1 }
        func merge(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 { (accumulator ^ round(0, lane)) &* p1 &+ p4 }
        func word(at offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        let count = bytes.count
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var lanes = (p1 &+ p2, p2, UInt64(0), 0 &- p1)
            while offset + 32 <= count {
                lanes.0 = round(lanes.0, word(at: offset))
                lanes.1 = round(lanes.1, word(at: offset + 8))
                lanes.2 = round(lanes.2, word(at: offset + 16))
                lanes.3 = round(lanes.3, word(at: offset + 24))
                offset += 32
            }
            hash = rotated(lanes.0, 1) &+ rotated(lanes.1, 7) &+ rotated(lanes.2, 12) &+ rotated(lanes.3, 18)
            hash = merge(merge(merge(merge(hash, lanes.0), lanes.1), lanes.2), lanes.3)
        } else {
            hash = p5
        }
        hash &+= UInt64(count)
        while offset + 8 <= count {
            hash = rotated(hash ^ round(0, word(at: offset)), 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            let half = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            hash = rotated(hash ^ (half &* p1), 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            hash = rotated(hash ^ (UInt64(bytes[offset]) &* p5), 11) &* p1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= p2
        hash ^= hash >> 29
        hash &*= p3
        return hash ^ (hash >> 32)
    }

}
