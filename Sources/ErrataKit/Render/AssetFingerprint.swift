/// Names assets by their content, so hosts can cache them forever: `assets/style.css`
/// is published as `assets/style.1f2e3d4c5b.css`, and a changed file gets a new name.
///
/// The fingerprint is the first 10 hex digits of the 64-bit FNV-1a hash of the bytes:
/// not a cryptographic hash, only a cache key, which is all a file name needs.
enum AssetFingerprint {
    /// `path` with the fingerprint of `bytes` before its last extension
    /// (`assets/site.min.js` → `assets/site.min.<hash>.js`, `assets/LICENSE` → `assets/LICENSE.<hash>`).
    static func publishedPath(of path: String, bytes: [UInt8]) -> String {
        let fingerprint = String(hex(fnv1a64(bytes)).prefix(10))
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "." + fingerprint }
        return path[..<dot] + "." + fingerprint + path[dot...]
    }

    /// The key of an asset in a page's `assets` context: its path under `assets/` with
    /// `.` and `/` made `_` (`style.css` → `style_css`, `fonts/inter.woff2` →
    /// `fonts_inter_woff2`), since Mustache reads a `.` as a step into a value.
    static func contextKey(of name: String) -> String {
        String(name.map { $0 == "." || $0 == "/" ? "_" : $0 })
    }

    /// The 64-bit FNV-1a hash.
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
