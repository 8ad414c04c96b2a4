import Testing
@testable import ErrataKit

@Suite struct JSONHighlighterTests {
    @Test func highlightsHouseStyleSample() {
        let sample = """
        // http code 400
        {
         "error_code": "ITEM_LOGIN_REQUIRED",
         "status": [400, -1.5e3],
         "ok": true, "none": null
        }
        """
        let expected = """
        <span class="j-comment">// http code 400</span>
        <span class="j-punct">{</span>
         <span class="j-key">&quot;error_code&quot;</span><span class="j-punct">:</span> \
        <span class="j-str">&quot;ITEM_LOGIN_REQUIRED&quot;</span><span class="j-punct">,</span>
         <span class="j-key">&quot;status&quot;</span><span class="j-punct">:</span> \
        <span class="j-punct">[</span><span class="j-num">400</span><span class="j-punct">,</span> \
        <span class="j-num">-1.5e3</span><span class="j-punct">]</span><span class="j-punct">,</span>
         <span class="j-key">&quot;ok&quot;</span><span class="j-punct">:</span> \
        <span class="j-lit">true</span><span class="j-punct">,</span> \
        <span class="j-key">&quot;none&quot;</span><span class="j-punct">:</span> <span class="j-lit">null</span>
        <span class="j-punct">}</span>
        """
        #expect(JSONHighlighter.html(sample) == expected)
    }

    @Test func keyIsAStringBeforeAColonAcrossWhitespace() {
        #expect(JSONHighlighter.html("\"a\" \n\t: \"b\"") == """
        <span class="j-key">&quot;a&quot;</span> \n\t<span class="j-punct">:</span> <span class="j-str">&quot;b&quot;</span>
        """)
        #expect(JSONHighlighter.html("[\"a\", \"b\"]").components(separatedBy: "j-key").count == 1)
    }

    @Test func escapesMarkupInsideStrings() {
        let html = JSONHighlighter.html(#"{"x": "</span><script>alert('&')</script>"}"#)
        #expect(!html.contains("<script"))
        #expect(!html.contains("</span><script"))
        #expect(html.contains(
            "<span class=\"j-str\">&quot;&lt;/span&gt;&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;&quot;</span>"
        ))
    }

    @Test func unrecognisedTextHasNoSpan() {
        #expect(JSONHighlighter.html("[True, 'a']") == """
        <span class="j-punct">[</span>True<span class="j-punct">,</span> &#39;a&#39;<span class="j-punct">]</span>
        """)
        #expect(JSONHighlighter.html("") == "")
        #expect(JSONHighlighter.html("  \n") == "  \n")
    }

    @Test func unterminatedStringStopsAtTheLineBreak() {
        #expect(JSONHighlighter.html("\"abc\n1") == """
        <span class="j-str">&quot;abc</span>
        <span class="j-num">1</span>
        """)
    }

    @Test(arguments: [
        "// http code 400\n{\n \"error_type\": \"ITEM_ERROR\",\n \"request_id\": \"HNTDNrA8F1shFEW\"\n}",
        "{'a': ü, /* c */ \"x",
        "\"ñandú 😀\": [1e400, 01, -, .5, tru, NaN] <b>&amp;</b>",
        "\r\n{\"a\\\"b\": \"c\\u00e9\\\\\"}\r\n// end",
        "\u{0}\u{1}\t\"\u{7}\" \u{A0}\u{200B}é́ 👩‍👩‍👧 /",
        "}}]],,::\"\"\"",
        "\"trailing backslash \\",
        "[\u{302}1,\u{301}\"a\"\u{301}:\u{20DD}]",
        "",
    ])
    func strippingTagsAndUnescapingGivesBackTheInput(_ input: String) {
        #expect(Self.plainText(of: JSONHighlighter.html(input)) == input)
    }

    /// The text of `html` with tags removed and the highlighter's entities decoded,
    /// in one pass so that an escaped entity is never decoded twice. It reads Unicode
    /// scalars, as HTML does: a combining mark right after a tag's `>` must not hide it.
    private static func plainText(of html: String) -> String {
        let entities = ["&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&amp;": "&"]
        var text = String.UnicodeScalarView()
        var rest = Substring(html).unicodeScalars
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">") {
                rest = rest[rest.index(after: close)...]
            } else if first == "&", let semicolon = rest.firstIndex(of: ";"),
                      let decoded = entities[String(String.UnicodeScalarView(rest[...semicolon]))] {
                text.append(contentsOf: decoded.unicodeScalars)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                #expect(!"<>\"'&".unicodeScalars.contains(first), "unescaped \(first) in \(html)")
                text.append(first)
                rest = rest.dropFirst()
            }
        }
        return String(text)
    }
}
