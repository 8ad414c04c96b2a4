import Foundation
import Testing
@testable import ErrataKit

/// What the build gives the reader-facing scripts: each code's one-line meaning, the
/// status text in the search index, the site's shape in `404.html`, the short address
/// beside each self-link, and samples split into lines. The scripts' behaviour is
/// checked in a browser by `Scripts/check_site/reader_check.py`.
@Suite struct ReaderSiteTests {
    @Test(arguments: [
        ("The user did not grant permissions. Ask them again.", "The user did not grant permissions."),
        ("Use e.g. a key from v1.2 of the API. Then retry.", "Use e.g. a key from v1.2 of the API."),
        ("No full stop at the end", "No full stop at the end"),
        ("Is it 2 tokens? 3 maybe.", "Is it 2 tokens?"),
    ])
    func theSummaryIsTheFirstSentence(text: String, summary: String) {
        #expect(CodeSummary.firstSentence(of: text) == summary)
    }

    @Test func theSummaryComesFromTheFirstParagraph() {
        #expect(CodeSummary.firstSentence(ofHTML: "<p>The <code>key</code> is wrong. Fix it.</p>\n<p>More.</p>") == "The key is wrong.")
        #expect(CodeSummary.firstSentence(ofHTML: "<ul><li>No paragraph</li></ul>") == nil)
    }

    @Test func theSearchIndexHasTheStatusTextAndTheSummary() throws {
        try SiteOutputTests.withSite { site in
            let entries = try SiteOutputTests.searchIndex(of: site)
            let entry = try #require(entries.first { $0["code"] as? String == "ACCESS_NOT_GRANTED" })
            #expect(entry["statusText"] as? String == "Bad Request")
            #expect(entry["summary"] as? String == "The user did not grant necessary permissions for their account.")
        }
    }

    @Test(arguments: [nil, SiteOutputTests.baseURL] as [String?])
    func theNotFoundPageKnowsTheShapeOfTheSite(baseURL: String?) throws {
        try SiteOutputTests.withSite(baseURL: baseURL) { site in
            let html = try site.html("404.html")
            let start = try #require(html.range(of: "<script type=\"application/json\" id=\"errata-site\">"))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
            #expect(json["reference"] as? String == "docs/errors/")
            #expect(json["home"] as? String == "docs/errors/")
            #expect(json["folders"] as? [String] == ["assets", "docs"])
            let probe = try #require(json["probe"] as? String)
            #expect(site.files.contains { $0.path == probe })
            let codes = try #require(json["codes"] as? [[String]])
            #expect(codes.map { $0[0] } == codes.map { $0[0] }.sorted())
            #expect(codes.contains(["INVALID_API_KEYS", "docs/errors/invalid-input/#invalid_api_keys"]))
            if let baseURL {
                #expect(json["root"] as? String == baseURL + "/")
            } else {
                #expect(json["root"] is NSNull)
                #expect(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"))
            }
        }
    }

    @Test func everySelfLinkNamesItsShortAddressAndCodesBreakAtUnderscores() throws {
        try SiteOutputTests.withSite { site in
            let html = try site.html("docs/errors/invalid-input/index.html")
            #expect(html.contains("<a class=\"self-link\" href=\"#invalid_api_keys\" aria-label=\"Link to INVALID_API_KEYS\" data-short-route=\"docs/errors/INVALID_API_KEYS/\">#</a>"))
            #expect(html.contains("<code>INVALID_<wbr>WEBHOOK_<wbr>VERIFICATION_<wbr>KEY_<wbr>ID</code>"))
            #expect(html.contains("<link rel=\"icon\" href=\"../../../assets/favicon."))
        }
    }

    @Test func printedPagesNameTheirAddress() throws {
        try SiteOutputTests.withSite(baseURL: SiteOutputTests.baseURL) { site in
            let html = try site.html("docs/errors/item/index.html")
            #expect(html.contains("<span class=\"print-address\">https://concentrix.com/reference/docs/errors/item/</span>"))
        }
        // Without a base URL the script writes the page's own address there.
        try SiteOutputTests.withSite { site in
            let html = try site.html("docs/errors/item/index.html")
            #expect(html.contains("<span class=\"print-address\"></span>"))
        }
    }

    @Test func aSampleIsSplitIntoLinesThatKnowTheirIndent() {
        let html = SiteRenderer.lines(ofSample: "{\n  \"a\": 1\n}")
        #expect(html == "<span class=\"line\" style=\"--indent:0\">{\n</span><span class=\"line\" style=\"--indent:2\">  \"a\": 1\n</span><span class=\"line\" style=\"--indent:0\">}</span>")
    }

    /// The lines as splitting the text at its line feeds and counting each line's
    /// leading spaces give them, on random samples: empty ones, blank and indented
    /// lines, tabs, CR, non-ASCII text and a last line feed.
    @Test func aSampleHasALineForEachLineFeedAndTheLastLine() {
        func expected(_ text: String) -> String {
            // At the line feed bytes: "\r\n" is one Character, but two bytes.
            let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            return lines.enumerated().map { index, line in
                let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
                let end = index < lines.count - 1 ? "\n" : ""
                return "<span class=\"line\" style=\"--indent:\(indent)\">\(String(decoding: line, as: UTF8.self))\(end)</span>"
            }.joined()
        }
        let pieces = ["\n", " ", "  ", "\t", "\r", "x", "<span class=\"key\">", "&quot;", "é", "日本", "\u{301}", String(repeating: " ", count: 12)]
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 14)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(SiteRenderer.lines(ofSample: text) == expected(text), "\(text.debugDescription)")
        }
    }

    @Test func numbersAreWrittenInDecimal() {
        for number in [0, 7, 9, 10, 42, 99, 100, 429, 1_000, 65_535, 1_234_567_890, Int.max, -1, -429, Int.min] {
            var buffer = TextBuffer()
            buffer.append(number)
            #expect(buffer.text == String(number))
        }
    }
}
