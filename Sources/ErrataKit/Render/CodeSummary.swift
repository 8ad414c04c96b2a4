/// A code's one-line meaning, as the overview and the search results show it: the
/// first sentence of the first paragraph of its description.
///
/// A sentence ends at `.`, `!` or `?` followed by a space and a capital letter or a
/// digit (so `e.g. a` and `v1.2` do not end one); a paragraph without such an end is
/// one sentence. Long sentences are cut at a word, as ``MetaDescription`` cuts.
enum CodeSummary {
    static func firstSentence(ofHTML html: String) -> String? {
        guard let paragraph = MetaDescription.firstParagraph(in: html) else { return nil }
        return MetaDescription.shortened(firstSentence(of: paragraph))
    }

    static func firstSentence(of text: String) -> String {
        // UTF-8 bytes, not Characters: the marks and the space are ASCII, and breaking
        // every description into graphemes cost more than rendering it. The scalar
        // after the space is decoded only when it is not ASCII, where the uppercase
        // letters and the digits are `A`–`Z` and `0`–`9`.
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let mark = index
            index = utf8.index(after: index)
            guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"),
                  index != utf8.endIndex, utf8[index] == UInt8(ascii: " ") else { continue }
            let next = utf8.index(after: index)
            guard next != utf8.endIndex else { break }
            let first = utf8[next]
            let startsSentence = first < 0x80
                ? (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
                : text.unicodeScalars[next].properties.isUppercase || text.unicodeScalars[next].properties.numericType != nil
            if startsSentence { return String(text.unicodeScalars[...mark]) }
        }
        return text
    }
}
