import Foundation
import JSON
import Testing

/// Nicolas Seriot's JSONTestSuite (`test_parsing/`): `y_` files must be accepted, `n_`
/// files refused at a place inside the input, and each `i_` file, where RFC 8259 leaves
/// the outcome to the parser, has the outcome decided below.
@Suite struct JSONTestSuiteTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/json-test-suite/test_parsing").standardizedFileURL

    /// `y_` files the parser refuses on purpose: it refuses a key repeated in one object.
    static let refusedValidFiles: Set<String> = [
        "y_object_duplicated_key.json",
        "y_object_duplicated_key_and_value.json",
    ]

    /// Every `i_` file and whether the parser accepts it.
    static let implementationDefined: [String: Bool] = [
        // Numbers are kept as written: beyond 64 bits or a Double's precision is fine,
        // a magnitude a Double cannot hold is not, one that rounds to zero is.
        "i_number_double_huge_neg_exp.json": true,
        "i_number_huge_exp.json": false,
        "i_number_neg_int_huge_exp.json": false,
        "i_number_pos_double_huge_exp.json": false,
        "i_number_real_neg_overflow.json": false,
        "i_number_real_pos_overflow.json": false,
        "i_number_real_underflow.json": true,
        "i_number_too_big_neg_int.json": true,
        "i_number_too_big_pos_int.json": true,
        "i_number_very_big_negative_int.json": true,
        // A lone surrogate escape could not be a String.
        "i_object_key_lone_2nd_surrogate.json": false,
        "i_string_1st_surrogate_but_2nd_missing.json": false,
        "i_string_1st_valid_surrogate_2nd_invalid.json": false,
        "i_string_incomplete_surrogate_and_escape_valid.json": false,
        "i_string_incomplete_surrogate_pair.json": false,
        "i_string_incomplete_surrogates_escape_valid.json": false,
        "i_string_invalid_lonely_surrogate.json": false,
        "i_string_invalid_surrogate.json": false,
        "i_string_inverted_surrogates_U+1D11E.json": false,
        "i_string_lone_second_surrogate.json": false,
        // Only UTF-8 is read, and only well-formed UTF-8.
        "i_string_UTF-16LE_with_BOM.json": false,
        "i_string_UTF-8_invalid_sequence.json": false,
        "i_string_UTF8_surrogate_U+D800.json": false,
        "i_string_invalid_utf-8.json": false,
        "i_string_iso_latin_1.json": false,
        "i_string_lone_utf8_continuation_byte.json": false,
        "i_string_not_in_unicode_range.json": false,
        "i_string_overlong_sequence_2_bytes.json": false,
        "i_string_overlong_sequence_6_bytes.json": false,
        "i_string_overlong_sequence_6_bytes_null.json": false,
        "i_string_truncated-utf-8.json": false,
        "i_string_utf16BE_no_BOM.json": false,
        "i_string_utf16LE_no_BOM.json": false,
        // 500 levels are within the default maximum depth of 512.
        "i_structure_500_nested_arrays.json": true,
        // A byte order mark is refused like any character outside a value.
        "i_structure_UTF-8_BOM_empty_object.json": false,
    ]

    /// The outcome of one file: accepted, or the error.
    static func parse(_ bytes: Data) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Whether `position` lies inside `bytes`: on one of its lines, at one of its bytes
    /// or just past the last byte of its line.
    static func isInside(_ position: JSONPosition, _ bytes: Data) -> Bool {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= lines.count else { return false }
        return position.column >= 1 && position.column <= lines[position.line - 1].count + 1
    }

    @Test func everyFileHasTheDecidedOutcome() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 318)
        var counts: [Character: (total: Int, accepted: Int)] = [:]
        for name in names {
            let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            let error = Self.parse(bytes)
            let prefix = name.first ?? "?"
            counts[prefix, default: (0, 0)].total += 1
            if error == nil { counts[prefix, default: (0, 0)].accepted += 1 }
            switch prefix {
            case "y":
                let expected = !Self.refusedValidFiles.contains(name)
                #expect((error == nil) == expected, "\(name): \(error?.description ?? "accepted")")
            case "n":
                #expect(error != nil, "\(name) was accepted")
            case "i":
                let expected = try #require(Self.implementationDefined[name] as Bool?, "\(name) has no decided outcome")
                #expect((error == nil) == expected, "\(name): \(error?.description ?? "accepted")")
            default:
                Issue.record("\(name) has no y_, n_ or i_ prefix")
            }
            if let error {
                #expect(Self.isInside(error.position, bytes), "\(name): \(error.description) lies outside the input")
                if let related = error.relatedPosition {
                    #expect(Self.isInside(related, bytes), "\(name): \(related) lies outside the input")
                }
            }
        }
        #expect(Set(names.filter { $0.hasPrefix("i_") }) == Set(Self.implementationDefined.keys))
        for prefix: Character in ["y", "n", "i"] {
            let (total, accepted) = counts[prefix] ?? (0, 0)
            print("JSONTestSuite \(prefix)_: \(total) files, \(accepted) accepted, \(total - accepted) rejected")
        }
    }

    @Test func duplicateKeysNameBothPlaces() throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("y_object_duplicated_key.json"))
        let error = try #require(Self.parse(bytes))
        #expect(error.description == #"1:10: duplicate key "a" (first at line 1, column 2)"#)
    }
}
