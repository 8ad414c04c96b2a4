import Testing
@testable import ErrataKit

/// A description's words, their whitespace collapsed: byte by byte for ASCII text, as
/// Swift's characters would, and by characters for the rest.
struct MetaDescriptionTests {
    static func byCharacters(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func asciiTextCollapsesAsCharactersDo() {
        let pieces = ["a", "Bc", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{7F}", ".", "\u{0}"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(MetaDescription.collapsingWhitespace(text) == Self.byCharacters(text), "\(Array(text.utf8))")
        }
    }

    @Test(arguments: ["  Ünïcode\u{00A0}text\u{2003}with\u{3000}spaces ", "e\u{301} \u{301}x", "\u{85}a\u{2028}b\u{202F}"])
    func otherTextCollapsesByCharacters(text: String) {
        #expect(MetaDescription.collapsingWhitespace(text) == Self.byCharacters(text))
    }

    /// The quick look at a description that opens with a paragraph of plain text finds
    /// what scanning finds: on every description of the real content rendered by
    /// cmark-gfm, and on random HTML made of the pieces that could tell them apart.
    @Test func anOpeningPlainParagraphIsWhatScanningFinds() throws {
        let report = try Pipeline(catalog: .concentrix).check(content: RealContentTests.repository.appendingPathComponent("Content"))
        let descriptions = report.pages.flatMap(\.codeSections).map(\.descriptionHTML)
        #expect(descriptions.filter { MetaDescription.openingPlainParagraph(of: $0) != nil }.count > descriptions.count / 2)
        let pieces = ["<p>", "</p>", "<em>", "</em>", "a", "Item ", " ", "\n", "\u{A0}", "é", "&amp;", "&", "<", "<br />", "<p", "</P>", "x<", "\u{3000}"]
        var generator = SeededGenerator(seed: 11)
        let random = (0..<3_000).map { _ in
            (0..<Int(generator.next() % 10)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        for html in descriptions + random.map { "<p>" + $0 } + random {
            #expect(MetaDescription.firstParagraph(in: html) == MetaDescription.scannedFirstParagraph(in: html), "\(html.debugDescription)")
        }
    }

    @Test func theFirstParagraphHasItsWordsOnce() {
        #expect(MetaDescription.firstParagraph(in: "<p>\n</p><p>  The  <em>item</em>\n\tis\r\nlocked. </p>") == "The item is locked.")
    }
}
