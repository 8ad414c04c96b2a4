import Foundation
import Testing
@testable import ErrataKit

/// The summary is found byte by byte, the HTML is scanned only up to the first
/// paragraph and its character references are read in one pass: each must say what
/// the plain readings say (a scalar at a time, the whole document, one replacement
/// after another).
@Suite struct CodeSummaryTests {
    /// On random texts of sentence marks, spaces, ASCII and non-ASCII capitals and
    /// small letters, digits of other scripts and combining marks.
    @Test func theFirstSentenceIsTheOneScalarsGive() {
        let pieces = ["a", "B", "z", "Q", ".", "!", "?", " ", " ", "1", "9", "É", "é", "Ω", "ω", "٣", "Ⅻ", "\u{301}",
                      "\n", "e.g.", "v1.2", "…", "ǅ", "ß", "\u{200B}", "😀"]
        var generator = SeededGenerator(seed: 15)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(CodeSummary.firstSentence(of: text) == Self.firstSentenceByScalars(text), "\(text.debugDescription)")
        }
    }

    /// The first paragraph of the GFM spec's rendered examples, and of each with a
    /// paragraph before and after it.
    @Test func theFirstParagraphIsTheOneTheWholeDocumentGives() throws {
        for example in try GFMConformanceTests.examples() {
            for html in [example.html, "<p>First. Second.</p>\n" + example.html, example.html + "<p>After. Again.</p>\n"] {
                #expect(MetaDescription.firstParagraph(in: html) == Self.firstParagraphOfAllTokens(html), "\(example.id)")
            }
        }
    }

    /// The ASCII bytes the scanner takes for whitespace are those Swift does.
    @Test func asciiWhitespaceIsSwiftsWhitespace() {
        for byte in UInt8(0)..<0x80 {
            #expect(Character(Unicode.Scalar(byte)).isWhitespace == (byte == 0x20 || (0x09...0x0D).contains(byte)), "\(byte)")
        }
        #expect("\r\n".allSatisfy { $0.isWhitespace })
    }

    /// Character references are read in one pass as the replacements one after the
    /// other read them, on random texts of entities, their pieces and `&`s.
    @Test func entitiesAreReadAsTheReplacementsReadThem() {
        let pieces = ["&", "amp;", "&amp;", "&lt;", "lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&nbsp", "#39;", "a", " ", "é", "<", ";"]
        var generator = SeededGenerator(seed: 39)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTMLEntities.decode(text) == Self.decodedByReplacements(text), "\(text.debugDescription)")
        }
        // A reference followed by a combining mark is still a reference.
        #expect(HTMLEntities.decode("&lt;\u{301}") == "<\u{301}")
    }

    // MARK: - The plain readings

    static func decodedByReplacements(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func firstSentenceByScalars(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 2 < scalars.count {
            if scalars[index] == "." || scalars[index] == "!" || scalars[index] == "?", scalars[index + 1] == " ",
               scalars[index + 2].properties.isUppercase || scalars[index + 2].properties.numericType != nil {
                var sentence = String.UnicodeScalarView()
                sentence.append(contentsOf: scalars[...index])
                return String(sentence)
            }
            index += 1
        }
        return text
    }

    static func firstParagraphOfAllTokens(_ html: String) -> String? {
        var pieces: [String]?
        for token in HTMLScanner.tokens(of: html) {
            switch token {
            case .startTag(name: "p", _, _):
                pieces = []
            case .endTag(name: "p", _):
                let text = MetaDescription.collapsingWhitespace((pieces ?? []).joined())
                if !text.isEmpty { return text }
                pieces = nil
            case .text(let text, _):
                pieces?.append(text)
            default:
                continue
            }
        }
        return nil
    }
}
