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

    @Test func theFirstParagraphHasItsWordsOnce() {
        #expect(MetaDescription.firstParagraph(in: "<p>\n</p><p>  The  <em>item</em>\n\tis\r\nlocked. </p>") == "The item is locked.")
    }
}
