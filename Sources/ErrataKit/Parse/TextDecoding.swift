/// Decodes a page's bytes as UTF-8, pointing at the first byte that is not.
enum TextDecoding {
    enum Outcome {
        case text(String)
        case failure(Diagnostic)
    }

    static func decode(_ bytes: [UInt8], file: String) -> Outcome {
        if let text = String(validating: bytes, as: UTF8.self) {
            return .text(text)
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            if scalar.count == 1, scalar.first == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            offset += scalar.count
        }
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        return .failure(Diagnostic(
            .error, .invalidUTF8,
            "the file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) "
                + "cannot be decoded; save the file as UTF-8",
            at: SourceLocation(file: file, line: line, column: offset - lineStart + 1)))
    }
}
