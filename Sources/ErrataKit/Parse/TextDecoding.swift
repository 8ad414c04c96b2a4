import Foundation

/// Decodes a page's bytes as UTF-8, pointing at the first byte that is not.
///
/// A byte-order mark and NUL bytes are reported (`invalid-text`) but do not stop the
/// page from being read: the mark is dropped, and cmark-gfm reads a NUL as U+FFFD.
enum TextDecoding {
    enum Outcome {
        case text(String, [Diagnostic])
        case failure(Diagnostic)
    }

    static func decode(_ bytes: [UInt8], file: String) -> Outcome {
        if var text = String(validating: bytes, as: UTF8.self) {
            var diagnostics: [Diagnostic] = []
            if text.unicodeScalars.first == "\u{FEFF}" {
                text.unicodeScalars.removeFirst()
                diagnostics.append(Diagnostic(
                    .error, .invalidText,
                    "the file starts with a byte-order mark (bytes EF BB BF); save it as UTF-8 without a BOM",
                    at: SourceLocation(file: file, line: 1, column: 1)))
            }
            if let offset = firstNUL(in: bytes) {
                let (line, column) = position(of: offset, in: bytes)
                diagnostics.append(Diagnostic(
                    .error, .invalidText,
                    "the file contains a NUL byte at offset \(offset); remove it (it is not text)",
                    at: SourceLocation(file: file, line: line, column: column)))
            }
            return .text(text, diagnostics)
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            offset += scalar.count
        }
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        let (line, column) = position(of: offset, in: bytes)
        return .failure(Diagnostic(
            .error, .invalidUTF8,
            "the file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) "
                + "cannot be decoded; save the file as UTF-8",
            at: SourceLocation(file: file, line: line, column: column)))
    }

    /// Where the first NUL byte is, found with `memchr`: a page is read whole on each
    /// save, and a byte-by-byte search of a large one is a visible part of that.
    private static func firstNUL(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// The 1-based line and byte column of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
