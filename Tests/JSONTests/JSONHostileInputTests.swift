import Foundation
import JSON
import Testing

/// Inputs meant to crash the parser or make it slow: each must give an error at a
/// place, or a documented acceptance, in time linear in its size.
@Suite struct JSONHostileInputTests {
    static func error(_ bytes: [UInt8], maximumDepth: Int = 512) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes: bytes, maximumDepth: maximumDepth)
            return nil
        } catch {
            return error
        }
    }

    struct BytesCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let byteCases: [BytesCase] = [
        BytesCase(name: "stray continuation byte", bytes: Array(#"["a"#.utf8) + [0x80] + Array(#""]"#.utf8),
                  line: 1, column: 4, message: "invalid UTF-8 (bytes 0x80)"),
        BytesCase(name: "Latin-1 after a line break", bytes: Array("{\n\"caf".utf8) + [0xE9] + Array("\": 1}".utf8),
                  line: 2, column: 5, message: "invalid UTF-8 (bytes 0xE9)"),
        BytesCase(name: "overlong slash", bytes: Array(#"[""#.utf8) + [0xC0, 0xAF] + Array(#""]"#.utf8),
                  line: 1, column: 3, message: "invalid UTF-8 (bytes 0xC0 0xAF)"),
        BytesCase(name: "encoded surrogate", bytes: Array(#"[""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""]"#.utf8),
                  line: 1, column: 3, message: "invalid UTF-8 (bytes 0xED 0xA0 0x80)"),
        BytesCase(name: "beyond U+10FFFF", bytes: Array(#"[""#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""]"#.utf8),
                  line: 1, column: 3, message: "invalid UTF-8"),
        BytesCase(name: "truncated at the end", bytes: Array(#"[""#.utf8) + [0xE2, 0x82],
                  line: 1, column: 3, message: "invalid UTF-8 (bytes 0xE2 0x82)"),
        BytesCase(name: "UTF-16 byte order mark", bytes: [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],
                  line: 1, column: 1, message: "invalid UTF-8 (bytes 0xFF 0xFE)"),
        BytesCase(name: "UTF-8 byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8),
                  line: 1, column: 1, message: "remove the byte order mark"),
        BytesCase(name: "lone high surrogate", bytes: Array(#"["\uD800"]"#.utf8),
                  line: 1, column: 3, message: "lone surrogate"),
        BytesCase(name: "lone low surrogate in a key", bytes: Array(#"{"\uDFAA": 0}"#.utf8),
                  line: 1, column: 3, message: "lone surrogate"),
        BytesCase(name: "magnitude beyond a Double", bytes: Array("[1e400]".utf8),
                  line: 1, column: 2, message: "number 1e400 is out of range"),
        BytesCase(name: "NUL outside a value", bytes: [0x5B, 0x00, 0x5D],
                  line: 1, column: 2, message: "expected a value, found U+0000"),
    ]

    @Test(arguments: byteCases)
    func refusesAtThePlace(_ input: BytesCase) throws {
        let error = try #require(Self.error(input.bytes))
        #expect(error.position == JSONPosition(line: input.line, column: input.column), "\(error)")
        #expect(error.message.contains(input.message), "\(error)")
    }

    @Test func acceptsHugeAndTinyNumbersAsWritten() throws {
        let integer = String(repeating: "9", count: 308)
        let fraction = "0." + String(repeating: "9", count: 5_000)
        let (value, _) = try JSONParser.parse(bytes: Array("[\(integer), -\(integer), 1e-400, \(fraction)]".utf8))
        #expect(value.elements?.map(\.value.numberLexeme) == [integer, "-" + integer, "1e-400", fraction])
        // One digit more, and a Double cannot hold it.
        let error = try #require(Self.error(Array("[1\(integer)]".utf8)))
        #expect(error.description.hasPrefix("1:2: number 19999999999999999999… is out of range"))
    }

    @Test func validUTF8IsKept() throws {
        let (value, _) = try JSONParser.parse(bytes: Array(#"["é😀", "\u00e9\ud83d\ude00"]"#.utf8))
        #expect(value.elements?.map(\.value.stringValue) == ["é😀", "é😀"])
    }

    @Test func hundredThousandLevelsStopAtTheMaximumDepth() throws {
        for (open, close) in [("[", "]"), (#"{"a":"#, "}")] {
            let count = 100_000
            let text = String(repeating: open, count: count) + String(repeating: close, count: count)
            let error = try #require(Self.error(Array(text.utf8)))
            #expect(error.position == JSONPosition(line: 1, column: 512 * open.utf8.count + 1))
            #expect(error.message.hasPrefix("too deeply nested"))
        }
    }

    /// Multi-megabyte inputs of the shapes that make naive parsers quadratic; a
    /// quadratic path would take hours at this size, a linear one well under the bound.
    @Test func multiMegabyteInputsTakeLinearTime() throws {
        let size = 4 << 20
        let inputs: [(String, [UInt8], Bool)] = [
            ("array of numbers", Array(("[" + String(repeating: "1,", count: size / 2) + "1]").utf8), true),
            ("object of many keys", Array(("{" + (0..<(size / 16)).map { "\"k\($0)\":0" }.joined(separator: ",") + "}").utf8), true),
            ("string of escapes", Array(("\"" + String(repeating: #"\n"#, count: size / 2) + "\"").utf8), true),
            ("one long fraction", Array(("0." + String(repeating: "7", count: size)).utf8), true),
            ("one long integer", Array(String(repeating: "7", count: size).utf8), false),
            ("unterminated string of backslashes", Array(("\"" + String(repeating: #"\\"#, count: size / 2)).utf8), false),
            ("open brackets", Array(String(repeating: "[", count: size).utf8), false),
            ("non-ASCII outside a value", Array(String(repeating: "é", count: size / 2).utf8), false),
        ]
        for (name, bytes, accepted) in inputs {
            let start = ContinuousClock.now
            let error = Self.error(bytes)
            let elapsed = ContinuousClock.now - start
            #expect((error == nil) == accepted, "\(name): \(error?.description ?? "accepted")")
            #expect(elapsed < .seconds(30), "\(name) took \(elapsed)")
        }
    }
}
