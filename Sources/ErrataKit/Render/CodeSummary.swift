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
        // Unicode scalars, not Characters: the marks are single scalars, and breaking
        // every description into graphemes cost more than rendering it.
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
}
