/// Names assets by their content, so hosts can cache them forever: `assets/style.css`
/// is published as `assets/style.1f2e3d4c5b.css`, and a changed file gets a new name.
///
/// The fingerprint is the first 10 hex digits of the ``XXH64`` hash of the bytes: not
/// a cryptographic hash, only a cache key, which is all a file name needs; the search
/// index, megabytes on a large site, is named again on every rebuild of the preview.
enum AssetFingerprint {
    /// `path` with the fingerprint of `bytes` before its last extension
    /// (`assets/site.min.js` → `assets/site.min.<hash>.js`, `assets/LICENSE` → `assets/LICENSE.<hash>`).
    static func publishedPath(of path: String, bytes: [UInt8]) -> String {
        let fingerprint = String(hex(XXH64.hash(bytes)).prefix(10))
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

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
