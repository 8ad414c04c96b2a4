/// How `{{name}}` escapes a value: `&`, `<`, `>`, `"` and `'` as character
/// references, which makes text safe in HTML text and quoted attribute values. Public
/// so that a host writing HTML beside its templates escapes exactly as they do.
public enum HTMLEscaping {
    /// Appends `utf8` to `bytes`, escaped. Runs that need no escaping are copied at once.
    public static func append(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var start = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            // Only these five bytes need a reference; every other byte is copied with
            // its run, so the common case is one comparison a byte.
            guard byte <= UInt8(ascii: ">"), needsEscape & (1 << UInt64(byte)) != 0 else {
                index += 1
                continue
            }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            default: replacement = "&#39;"
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += 1
            start = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// The bytes below 64 that need escaping, as bits: `"`, `&`, `'`, `<`, `>`.
    private static var needsEscape: UInt64 { 1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62 }
}
