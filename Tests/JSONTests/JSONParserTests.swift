import Testing
import JSON

@Suite struct JSONParserTests {
    // MARK: Valid documents

    struct ValidCase: Sendable, CustomTestStringConvertible {
        var input: String
        var value: JSONValue
        var testDescription: String { input.debugDescription }
    }

    @Test(arguments: [
        ValidCase(input: "\"hi\"", value: .string("hi")),
        ValidCase(input: "\"\"", value: .string("")),
        ValidCase(input: "400", value: .number("400")),
        ValidCase(input: "-1.5e3", value: .number("-1.5e3")),
        ValidCase(input: "0", value: .number("0")),
        ValidCase(input: "-0", value: .number("-0")),
        ValidCase(input: "0.25", value: .number("0.25")),
        ValidCase(input: "1E+2", value: .number("1E+2")),
        ValidCase(input: "2e-7", value: .number("2e-7")),
        ValidCase(input: "1e-400", value: .number("1e-400")),
        ValidCase(input: "true", value: .bool(true)),
        ValidCase(input: "false", value: .bool(false)),
        ValidCase(input: "null", value: .null),
        ValidCase(input: "[]", value: .array([])),
        ValidCase(input: "{}", value: .object([])),
        ValidCase(input: "[ ]", value: .array([])),
        ValidCase(input: "{\n}", value: .object([])),
        ValidCase(input: #""a\"b\\c\/d\b\f\n\r\t""#, value: .string("a\"b\\c/d\u{8}\u{C}\n\r\t")),
        ValidCase(input: #""\u00e9\u00C9 \u20AC \ud83d\ude00 \u0000""#, value: .string("éÉ € 😀 \u{0}")),
        ValidCase(input: "\"ñandú 😀 \u{7F}\"", value: .string("ñandú 😀 \u{7F}")),
    ])
    func parsesValue(_ valid: ValidCase) throws {
        let parsed = try JSONParser.parse(valid.input)
        #expect(parsed.value == valid.value)
        #expect(parsed.position == JSONPosition(line: 1, column: 1))
    }

    @Test func surroundingWhitespaceIsAllowed() throws {
        let parsed = try JSONParser.parse(" \t\r\n  [true]\r\n\n ")
        #expect(parsed.value.elements?.map(\.value) == [.bool(true)])
        #expect(parsed.position == JSONPosition(line: 2, column: 3))
    }

    @Test func nestedContainersKeepSourceOrder() throws {
        let parsed = try JSONParser.parse(#"{"z": [1, {"y": [], "x": {}}, "s"], "a": null}"#)
        guard case .object(let members) = parsed.value else {
            Issue.record("expected an object, got \(parsed.value.kindName)")
            return
        }
        #expect(members.map(\.key) == ["z", "a"])
        let elements = try #require(members[0].value.elements)
        #expect(elements.map(\.value.kindName) == ["number", "object", "string"])
        #expect(elements[1].value.members?.map(\.key) == ["y", "x"])
        #expect(members[1].value.isNull)
    }

    @Test func housestyleSampleHasPositionsOfKeysAndValues() throws {
        let sample = """
        {
         "error_type": "ITEM_ERROR",
         "error_code": "ACCESS_NOT_GRANTED",
         "display_message": null,
         "status": 400,
         "causes": [
          "a",
          {"ok": false}
         ]
        }
        """
        let (value, position) = try JSONParser.parse(sample)
        #expect(position == JSONPosition(line: 1, column: 1))

        let type = try #require(value[key: "error_type"])
        #expect(type.value == .string("ITEM_ERROR"))
        #expect(type.keyPosition == JSONPosition(line: 2, column: 2))
        #expect(type.valuePosition == JSONPosition(line: 2, column: 16))

        let code = try #require(value[key: "error_code"])
        #expect(code.keyPosition == JSONPosition(line: 3, column: 2))
        #expect(code.valuePosition == JSONPosition(line: 3, column: 16))

        let display = try #require(value[key: "display_message"])
        #expect(display.value.kindName == "null")
        #expect(display.valuePosition == JSONPosition(line: 4, column: 21))

        let status = try #require(value[key: "status"])
        #expect(status.value.numberLexeme == "400")
        #expect(status.valuePosition == JSONPosition(line: 5, column: 12))

        let causes = try #require(value[key: "causes"])
        #expect(causes.valuePosition == JSONPosition(line: 6, column: 12))
        let elements = try #require(causes.value.elements)
        #expect(elements.map(\.position) == [JSONPosition(line: 7, column: 3), JSONPosition(line: 8, column: 3)])
        let ok = try #require(elements[1].value[key: "ok"])
        #expect(ok.keyPosition == JSONPosition(line: 8, column: 4))
        #expect(ok.valuePosition == JSONPosition(line: 8, column: 10))
        #expect(ok.value.boolValue == false)

        #expect(value[key: "request_id"] == nil)
        #expect(causes.value[key: "a"] == nil)
    }

    @Test func columnsCountUTF8BytesNotCharacters() throws {
        // "é" and "ñ", "ú" take two bytes each, "😀" four.
        let (value, _) = try JSONParser.parse(#"{"é": "ñandú", "k": 1, "😀": [true]}"#)
        let accent = try #require(value[key: "é"])
        #expect(accent.keyPosition == JSONPosition(line: 1, column: 2))
        #expect(accent.valuePosition == JSONPosition(line: 1, column: 8))
        #expect(accent.value.stringValue == "ñandú")
        let k = try #require(value[key: "k"])
        #expect(k.keyPosition == JSONPosition(line: 1, column: 19))
        #expect(k.valuePosition == JSONPosition(line: 1, column: 24))
        let emoji = try #require(value[key: "😀"])
        #expect(emoji.keyPosition == JSONPosition(line: 1, column: 27))
        #expect(emoji.valuePosition == JSONPosition(line: 1, column: 35))
        #expect(emoji.value.elements?.first?.position == JSONPosition(line: 1, column: 36))
    }

    @Test func crlfIsOneLineBreak() throws {
        let (value, _) = try JSONParser.parse("{\r\n \"a\": 1,\r\n\r\n\t\"b\": [\r\n  2]\r\n}")
        let a = try #require(value[key: "a"])
        #expect(a.keyPosition == JSONPosition(line: 2, column: 2))
        #expect(a.valuePosition == JSONPosition(line: 2, column: 7))
        let b = try #require(value[key: "b"])
        #expect(b.keyPosition == JSONPosition(line: 4, column: 2))
        #expect(b.value.elements?.first?.position == JSONPosition(line: 5, column: 3))
    }

    @Test func depthUpToTheMaximumIsAllowed() throws {
        let nested = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(nested)
        let objects = String(repeating: #"{"a":"#, count: 3) + "1" + String(repeating: "}", count: 3)
        _ = try JSONParser.parse(objects, maximumDepth: 3)
    }

    @Test func largeObjectsKeepEveryMember() throws {
        let keys = (0..<40).map { "key\($0)" }
        let text = "{" + keys.map { "\"\($0)\": \($0.count)" }.joined(separator: ", ") + "}"
        let (value, _) = try JSONParser.parse(text)
        #expect(value.members?.map(\.key) == keys)
    }

    @Test func kindNames() {
        #expect(JSONValue.object([]).kindName == "object")
        #expect(JSONValue.array([]).kindName == "array")
        #expect(JSONValue.string("").kindName == "string")
        #expect(JSONValue.number("1").kindName == "number")
        #expect(JSONValue.bool(true).kindName == "boolean")
        #expect(JSONValue.null.kindName == "null")
    }

    @Test func errorDescriptionReadsLikeACompiler() {
        do {
            _ = try JSONParser.parse("{\n \"a\" 1\n}")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.description == "2:6: expected ':' after object key, found '1'")
        }
    }

    // MARK: Invalid documents

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var line: Int
        var column: Int
        var message: String
        var maximumDepth = 512
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        // Truncated input.
        InvalidCase(name: "empty", input: "", line: 1, column: 1, message: "unexpected end of input: expected a value"),
        InvalidCase(name: "only whitespace", input: "  \n ", line: 2, column: 2, message: "unexpected end of input: expected a value"),
        InvalidCase(name: "after '{'", input: "{", line: 1, column: 2,
                    message: "unexpected end of input: expected a string key or '}' after '{'"),
        InvalidCase(name: "after key", input: #"{"a""#, line: 1, column: 5,
                    message: "unexpected end of input: expected ':' after object key"),
        InvalidCase(name: "after colon", input: "{\"a\":", line: 1, column: 6, message: "unexpected end of input: expected a value"),
        InvalidCase(name: "after member", input: "{\"a\":1\n", line: 2, column: 1,
                    message: "unexpected end of input: expected ',' or '}' after object member"),
        InvalidCase(name: "after member comma", input: "{\"a\":1,", line: 1, column: 8,
                    message: "unexpected end of input: expected a string key after ','"),
        InvalidCase(name: "inside string", input: "{\"a\":\"xy", line: 1, column: 6, message: "unterminated string"),
        InvalidCase(name: "after backslash", input: #""abc\"#, line: 1, column: 1, message: "unterminated string"),
        InvalidCase(name: "after '['", input: "[", line: 1, column: 2, message: "unexpected end of input: expected a value"),
        InvalidCase(name: "after array comma", input: "[1,", line: 1, column: 4, message: "unexpected end of input: expected a value"),
        InvalidCase(name: "after element", input: "[1", line: 1, column: 3,
                    message: "unexpected end of input: expected ',' or ']' after array element"),
        InvalidCase(name: "inside literal", input: "[tru", line: 1, column: 2, message: "expected a value, found 'tru'"),
        InvalidCase(name: "after minus", input: "-", line: 1, column: 2,
                    message: "unexpected end of input: expected a digit after '-' in number"),
        // Missing and extra punctuation.
        // A missing comma is reported where it belongs: just past the value before it.
        InvalidCase(name: "missing comma in object", input: "{\"a\": 1\n \"b\": 2}", line: 1, column: 8,
                    message: "missing `,` after the value on line 1"),
        InvalidCase(name: "missing comma after a string", input: "{\n \"a\": \"x\"\n \"b\": 2}", line: 2, column: 10,
                    message: "missing `,` after the value on line 2"),
        InvalidCase(name: "missing comma after an object", input: "{\"a\": {}\n\n \"b\": 2}", line: 1, column: 9,
                    message: "missing `,` after the value on line 1"),
        InvalidCase(name: "missing comma in array", input: "[1 2]", line: 1, column: 3,
                    message: "missing `,` after the value on line 1"),
        InvalidCase(name: "missing comma between arrays", input: "[[1]\n[2]]", line: 1, column: 5,
                    message: "missing `,` after the value on line 1"),
        InvalidCase(name: "object member followed by a number", input: "{\"a\": 1 2}", line: 1, column: 9,
                    message: "expected ',' or '}' after object member, found '2'"),
        InvalidCase(name: "missing colon", input: #"{"a" 1}"#, line: 1, column: 6, message: "expected ':' after object key, found '1'"),
        InvalidCase(name: "trailing comma in object", input: "{\n \"a\": 1,\n}", line: 2, column: 8, message: "trailing comma before '}'"),
        InvalidCase(name: "trailing comma in array", input: "[1, 2 ,]", line: 1, column: 7, message: "trailing comma before ']'"),
        InvalidCase(name: "double comma", input: "[1,\r\n 2,,]", line: 2, column: 4, message: "expected a value, found ','"),
        InvalidCase(name: "leading comma", input: "{,}", line: 1, column: 2,
                    message: "expected a string key or '}' after '{', found ','"),
        InvalidCase(name: "mismatched bracket", input: "[1}", line: 1, column: 3,
                    message: "expected ',' or ']' after array element, found '}'"),
        InvalidCase(name: "unquoted key", input: "{error: 1}", line: 1, column: 2,
                    message: "expected a string key or '}' after '{', found 'error'"),
        InvalidCase(name: "number key", input: #"{"a": 1, 2: 3}"#, line: 1, column: 10,
                    message: "expected a string key after ',', found '2'"),
        // Duplicate keys.
        InvalidCase(name: "duplicate key", input: "{\n \"error_code\": 1,\n \"x\": 2,\n \"error_code\": 3\n}", line: 4, column: 2,
                    message: #"duplicate key "error_code" (first at line 2, column 2)"#),
        InvalidCase(name: "duplicate key in large object",
                    input: "{" + (0..<30).map { "\"k\($0)\": \($0), " }.joined() + "\"k17\": 0}", line: 1, column: 312,
                    message: #"duplicate key "k17" (first at line 1, column 169)"#),
        InvalidCase(name: "duplicate key spelled with an escape", input: #"{"a": 1, "\u0061": 2}"#, line: 1, column: 10,
                    message: #"duplicate key "a" (first at line 1, column 2)"#),
        // Numbers.
        InvalidCase(name: "huge exponent", input: "[1e400]", line: 1, column: 2, message: "number 1e400 is out of range"),
        InvalidCase(name: "huge negative", input: "-1.5E+999", line: 1, column: 1, message: "number -1.5E+999 is out of range"),
        InvalidCase(name: "400 digits", input: String(repeating: "9", count: 400), line: 1, column: 1,
                    message: "number 99999999999999999999… is out of range"),
        InvalidCase(name: "leading zero", input: "[01]", line: 1, column: 2, message: "leading zero in number '01'"),
        InvalidCase(name: "negative leading zero", input: "-007", line: 1, column: 2, message: "leading zero in number '-007'"),
        InvalidCase(name: "plus sign", input: "+1", line: 1, column: 1, message: "expected a value, found '+'"),
        InvalidCase(name: "bare fraction", input: ".5", line: 1, column: 1, message: "expected a value, found '.'"),
        InvalidCase(name: "no fraction digits", input: "[1.]", line: 1, column: 4, message: "expected a digit after '.' in number, found ']'"),
        InvalidCase(name: "no exponent digits", input: "1e+", line: 1, column: 4,
                    message: "unexpected end of input: expected a digit in the exponent of number"),
        InvalidCase(name: "two points", input: "1.2.3", line: 1, column: 4, message: "expected the end of number '1.2', found '.'"),
        InvalidCase(name: "double minus", input: "--1", line: 1, column: 2, message: "expected a digit after '-' in number, found '-'"),
        InvalidCase(name: "infinity", input: "-Infinity", line: 1, column: 2, message: "expected a digit after '-' in number, found 'I'"),
        InvalidCase(name: "hex", input: "0x1F", line: 1, column: 2, message: "unexpected text after the JSON value: found 'x1F'"),
        // Nesting.
        InvalidCase(name: "100,000 '['", input: String(repeating: "[", count: 100_000), line: 1, column: 513,
                    message: "too deeply nested: expected at most 512 levels of arrays and objects"),
        InvalidCase(name: "100,000 '{\"a\":'", input: String(repeating: "{\"a\":", count: 100_000), line: 1, column: 2561,
                    message: "too deeply nested"),
        InvalidCase(name: "custom depth", input: "[[[1]]]", line: 1, column: 3,
                    message: "too deeply nested: expected at most 2 levels", maximumDepth: 2),
        // Strings.
        InvalidCase(name: "bad escape", input: #"{"a": "C:\x"}"#, line: 1, column: 10,
                    message: #"invalid escape '\x' in string"#),
        InvalidCase(name: "bad escape of a non-ASCII character", input: #""\é""#, line: 1, column: 2,
                    message: #"invalid escape '\é' in string"#),
        InvalidCase(name: "short unicode escape", input: #""\u12g4""#, line: 1, column: 6,
                    message: "invalid escape '\\u' in string: expected 4 hex digits, found 'g'"),
        InvalidCase(name: "unicode escape cut by the quote", input: #""\u12""#, line: 1, column: 6,
                    message: "expected 4 hex digits, found '\"'"),
        InvalidCase(name: "lone high surrogate", input: #"["\ud83d"]"#, line: 1, column: 3,
                    message: #"lone surrogate '\ud83d' in string: expected a low surrogate"#),
        InvalidCase(name: "high surrogate then text", input: #""ok \uD83Dabc""#, line: 1, column: 5, message: "lone surrogate '\\uD83D'"),
        InvalidCase(name: "high surrogate then other escape", input: #""\ud83d\u0041""#, line: 1, column: 2, message: "lone surrogate"),
        InvalidCase(name: "lone low surrogate", input: #""\uDE00""#, line: 1, column: 2,
                    message: #"lone surrogate '\uDE00' in string: expected a high surrogate"#),
        InvalidCase(name: "raw line break", input: "{\"a\": \"b\n\"}", line: 1, column: 9,
                    message: #"control character U+000A in string: escape it as \n"#),
        InvalidCase(name: "raw tab", input: "\"a\tb\"", line: 1, column: 3, message: #"control character U+0009 in string: escape it as \t"#),
        InvalidCase(name: "raw tab after an escape", input: "\"\\n\u{1}\"", line: 1, column: 4,
                    message: #"control character U+0001 in string: escape it as \u0001"#),
        InvalidCase(name: "escaped raw tab", input: "\"\\\t\"", line: 1, column: 3, message: "control character U+0009"),
        InvalidCase(name: "bad escape before a line break", input: "\"\\q\n\"", line: 1, column: 2, message: "invalid escape '\\q'"),
        InvalidCase(name: "single-quoted key", input: "{'a': 1}", line: 1, column: 2,
                    message: #"expected a string key or '}' after '{', found "'": JSON strings use double quotes"#),
        InvalidCase(name: "single-quoted value", input: "['a']", line: 1, column: 2,
                    message: #"expected a value, found "'": JSON strings use double quotes"#),
        // Comments, words and trailing text.
        InvalidCase(name: "house-style comment", input: "// http code 400\n{}", line: 1, column: 1,
                    message: "expected a value, found '//': JSON has no comments"),
        InvalidCase(name: "comment inside", input: "{\n \"a\": 1 // why\n}", line: 2, column: 9,
                    message: "expected ',' or '}' after object member, found '//': JSON has no comments"),
        InvalidCase(name: "block comment", input: "[/* x */ 1]", line: 1, column: 2, message: "expected a value, found '/': JSON has no comments"),
        InvalidCase(name: "capitalised literal", input: "[True]", line: 1, column: 2,
                    message: "expected a value, found 'True': write 'true' in lower case"),
        InvalidCase(name: "NaN", input: "NaN", line: 1, column: 1, message: "expected a value, found 'NaN'"),
        InvalidCase(name: "byte order mark", input: "\u{FEFF}{}", line: 1, column: 1,
                    message: "expected a value, found U+FEFF: remove the byte order mark"),
        InvalidCase(name: "escaped space", input: #""a\ b""#, line: 1, column: 3,
                    message: #"invalid escape '\' followed by U+0020 in string"#),
        InvalidCase(name: "unicode escape cut by the end of input", input: #""\u12"#, line: 1, column: 6,
                    message: "expected 4 hex digits, found end of input"),
        InvalidCase(name: "non-breaking space", input: "\u{A0}1", line: 1, column: 1, message: "expected a value, found U+00A0"),
        InvalidCase(name: "non-ASCII before the fault", input: #"{"é": x}"#, line: 1, column: 8, message: "expected a value, found 'x'"),
        InvalidCase(name: "trailing garbage", input: "{}\n x", line: 2, column: 2, message: "unexpected text after the JSON value: found 'x'"),
        InvalidCase(name: "second value", input: "[1] [2]", line: 1, column: 5, message: "unexpected text after the JSON value: found '['"),
        InvalidCase(name: "extra brace", input: "{}}", line: 1, column: 3, message: "unexpected text after the JSON value: found '}'"),
        InvalidCase(name: "trailing comment", input: "{}\n// done", line: 2, column: 1,
                    message: "unexpected text after the JSON value: found '//': JSON has no comments"),
    ]

    @Test(arguments: invalidCases)
    func reportsFaultWithPosition(_ invalid: InvalidCase) {
        do {
            let parsed = try JSONParser.parse(invalid.input, maximumDepth: invalid.maximumDepth)
            Issue.record("expected a syntax error, parsed \(parsed.value.kindName)")
        } catch {
            #expect(error.position == JSONPosition(line: invalid.line, column: invalid.column), "\(error.message)")
            #expect(error.description.contains(invalid.message), "\(error.description)")
            #expect(error.message == error.message.lowercasedFirst, "messages start in lower case")
        }
    }

    @Test func missingCommaNamesTheLineAsTheCallerNumbersIt() {
        do {
            _ = try JSONParser.parse("{\"a\": 1\n\"b\": 2}")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message(numberingLines: { $0.line + 141 }) == "missing `,` after the value on line 142")
        }
        do {
            _ = try JSONParser.parse("{\"a\" 1}")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message(numberingLines: { $0.line + 141 }) == error.message, "other messages name no line")
        }
    }
}

private extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}

/// A parsed tree holds no more than its values: a big model file is read in memory
/// proportional to it.
@Suite struct JSONTreeSizeTests {
    @Test func objectsAndArraysKeepOnlyTheirOwnElements() throws {
        let text = "{\"codes\": [" + (0..<200).map { "{\"code\": \"C\($0)\", \"status\": 400}" }.joined(separator: ", ") + "], \"x\": [[1], [2, 3]]}"
        let (root, _) = try JSONParser.parse(text)
        var pending: [JSONValue] = [root]
        var containers = 0
        while let value = pending.popLast() {
            if let members = value.members {
                #expect(members.capacity <= members.count + 2, "an object of \(members.count) members holds room for \(members.capacity)")
                pending += members.map(\.value)
                containers += 1
            } else if let elements = value.elements {
                #expect(elements.capacity <= elements.count + 2, "an array of \(elements.count) elements holds room for \(elements.capacity)")
                pending += elements.map(\.value)
                containers += 1
            }
        }
        #expect(containers == 205)
    }
}
