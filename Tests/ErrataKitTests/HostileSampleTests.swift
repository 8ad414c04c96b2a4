import Foundation
import Testing
@testable import ErrataKit

/// Invalid JSON samples of the kinds the fixtures under `Fixtures/rules/invalid-json-*`
/// do not cover (truncated, missing comma and duplicate key are there), checked as
/// `errata check` checks a page: each gives one `invalid-json` error at the fault's
/// place in the file, and nothing crashes. The parser's own cases are in
/// `JSONParserTests`.
@Suite struct HostileSampleTests {
    /// A page whose sample's text starts on line 12.
    static func page(sample: String) -> String {
        """
        ---
        title: Item errors
        error_type: ITEM_ERROR
        ---

        ### ACCESS_NOT_GRANTED

        The user did not grant access.

        ```json
        // http code 400
        \(sample)
        ```

        """
    }

    static let prefix = "item.md:"
    static let invalid = ": error: the sample of ACCESS_NOT_GRANTED is not valid JSON: "

    @Test(arguments: [
        ("huge exponent", #"{"error_code": 1e400}"#, "12:16", "number 1e400 is out of range"),
        ("huge negative", "{\"error_code\":\n  -1.5E+999}", "13:3", "number -1.5E+999 is out of range"),
        ("400 digits", "[" + String(repeating: "9", count: 400) + "]", "12:2", "number 99999999999999999999… is out of range"),
        ("1,000 levels", String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000), "12:513",
         "too deeply nested: expected at most 512 levels of arrays and objects, found more"),
        ("1,000 levels of objects", String(repeating: "{\"a\":", count: 1_000) + "1" + String(repeating: "}", count: 1_000),
         "12:2561", "too deeply nested: expected at most 512 levels of arrays and objects, found more"),
        ("100,000 levels", String(repeating: "[", count: 100_000), "12:513",
         "too deeply nested: expected at most 512 levels of arrays and objects, found more"),
        ("100,000 levels over 100,000 lines", String(repeating: "[\n", count: 100_000), "524:1",
         "too deeply nested: expected at most 512 levels of arrays and objects, found more"),
        // The sample's text ends with the line break before the closing fence.
        ("unterminated string", "{\"error_code\": \"ACCESS_NOT_GRANTED", "12:35",
         "control character U+000A in string: escape it as \\n"),
        ("truncated in a number", "{\"error_code\": 12", "13:1", "unexpected end of input: expected ',' or '}' after object member"),
    ])
    func anInvalidSampleIsOneErrorAtItsFault(_ name: String, _ sample: String, _ position: String, _ message: String) throws {
        let found = try onSmallStack { Self.invalidJSON(in: Self.page(sample: sample)) }
        #expect(found.count == 1, "\(name)")
        #expect(found.first?.hasPrefix(Self.prefix + position + Self.invalid + message) == true, "\(name): \(found)")
        #expect(found.first?.hasSuffix("[invalid-json]") == true)
    }

    /// `{"a":` 100,000 times is a 500 KB line: refused by the line limit before the
    /// JSON parser or cmark-gfm sees it.
    @Test func aHalfMegabyteSampleLineIsRefusedByTheLineLimit() throws {
        let sample = String(repeating: "{\"a\":", count: 100_000)
        let (_, found) = PageParser(catalog: .fixture).parse(Self.page(sample: sample), file: "item.md", contentPath: "item.md")
        #expect(found.map(\.formatted) == [
            "item.md:12:102401: error: the line is 500,000 bytes long, more than the limit of 100 KiB (102,400 bytes), "
                + "which it passes here; break it into shorter lines, or move the data out of the page [input-limit]",
        ])
    }

    /// The `invalid-json` findings of `text` as `item.md`, checked against the fixture model.
    static func invalidJSON(in text: String) -> [String] {
        let (page, found) = PageParser(catalog: .fixture).parse(text, file: "item.md", contentPath: "item.md")
        return (found + Checker(catalog: .fixture).check([page])).sorted()
            .filter { $0.rule == .invalidJSON }.map(\.formatted)
    }
}
