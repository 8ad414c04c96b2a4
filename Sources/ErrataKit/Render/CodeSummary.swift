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
        let characters = Array(text)
        var index = 0
        while index + 2 < characters.count {
            if ".!?".contains(characters[index]), characters[index + 1] == " ",
               characters[index + 2].isUppercase || characters[index + 2].isNumber {
                return String(characters[...index])
            }
            index += 1
        }
        return text
    }
}
