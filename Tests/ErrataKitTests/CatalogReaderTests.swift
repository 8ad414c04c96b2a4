import Foundation
import Testing
@testable import ErrataKit

/// The model file's reader: each rule of ``CatalogReader`` on a small file, with the
/// exact place and message.
@Suite struct CatalogReaderTests {
    static func problems(_ json: String) -> [String] {
        do {
            _ = try CatalogReader(file: "m.json").read(Data(json.utf8))
            return []
        } catch {
            return error.diagnostics.map(\.formatted)
        }
    }

    static let type = #"{"id": "T", "title": "T errors", "slug": "t", "description": "d"}"#

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not JSON", json: "{\"types\": [}", expected: [
            "m.json:1:12: error: the model file is not valid JSON: expected a value, found '}' [model-file]"]),
        Case(name: "a control character", json: "{\"types\": [], \"codes\": [], \"x\u{0}\": 1}", expected: [
            #"m.json:1:30: error: the model file is not valid JSON: control character U+0000 in string: escape it as \u0000 [model-file]"#]),
        Case(name: "an array", json: "[]", expected: [
            "m.json:1:1: error: the model file must be an object, not an array [model-file]"]),
        Case(name: "no codes", json: #"{"types": []}"#, expected: [
            #"m.json:1:1: error: the model file has no "codes"; add it [model-file]"#]),
        Case(name: "codes not an array", json: #"{"types": [], "codes": {}}"#, expected: [
            #"m.json:1:24: error: "codes" of the model file must be an array, not an object [model-file]"#]),
        Case(name: "unknown top-level key", json: #"{"types": [], "codes": [], "kodes": []}"#, expected: [
            #"m.json:1:28: error: unknown key "kodes" in the model file; did you mean "codes"? [model-file]"#]),
        Case(name: "unknown key far from any", json: #"{"types": [], "codes": [], "version": 2}"#, expected: [
            #"m.json:1:28: error: unknown key "version" in the model file; the keys are "types", "codes" [model-file]"#]),
        Case(name: "type without slug", json: #"{"types": [{"id": "T", "title": "t", "description": "d"}], "codes": []}"#, expected: [
            #"m.json:1:12: error: type T has no "slug"; add it [model-file]"#]),
        Case(name: "type id a number", json: #"{"types": [{"id": 1, "title": "t", "slug": "t", "description": "d"}], "codes": []}"#, expected: [
            #"m.json:1:19: error: "id" of type 1 of "types" must be a string, not a number [model-file]"#]),
        Case(name: "code not an object", json: #"{"types": [], "codes": ["A"]}"#, expected: [
            #"m.json:1:25: error: code 1 of "codes" must be an object, not a string [model-file]"#]),
        Case(name: "status 600", json: #"{"types": [\#(type)], "codes": [{"code": "A", "type": "T", "http_status": 600}]}"#, expected: [
            #"m.json:1:132: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not 600 [model-file]"#]),
        Case(name: "status with an exponent", json: #"{"types": [\#(type)], "codes": [{"code": "A", "type": "T", "http_status": 4e2}]}"#, expected: [
            #"m.json:1:132: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not 4e2 [model-file]"#]),
        Case(name: "message a number", json: #"{"types": [\#(type)], "codes": [{"code": "A", "type": "T", "error_message": 1}]}"#, expected: [
            #"m.json:1:134: error: "error_message" of code A must be a string or null (leave it out when unknown), not a number [model-file]"#]),
        Case(name: "repeated type and slug", json: #"{"types": [\#(type), \#(type)], "codes": []}"#, expected: [
            #"m.json:1:86: error: error type T is declared more than once (first at m.json:1:19); remove or rename one [model-file]"#,
            #"m.json:1:120: error: slug "t" is used by more than one error type (first at m.json:1:53); remove or rename one [model-file]"#]),
        Case(name: "repeated key in a code", json: #"{"types": [], "codes": [{"code": "A", "code": "B"}]}"#, expected: [
            #"m.json:1:39: error: the model file is not valid JSON: duplicate key "code" (first at m.json:1:26) [model-file]"#]),
    ]

    @Test(arguments: cases)
    func refuses(_ input: Case) {
        #expect(Self.problems(input.json) == input.expected)
    }

    @Test func acceptsNullStatusAsUnknownAndKeepsMessages() throws {
        let json = #"{"types": [\#(Self.type)], "codes": [{"code": "A", "type": "T", "http_status": null, "error_message": "m", "display_message": null}]}"#
        let catalog = try CatalogReader(file: "m.json").read(Data(json.utf8))
        #expect(catalog.codes == [ErrorCode(code: "A", type: "T", httpStatus: nil, errorMessage: "m", displayMessage: .null)])
    }

    @Test func neverSuggestsTheKeyTyped() {
        for key in ["types", "codes", "code", "type", "http_status", "error_message", "display_message", "id", "title", "slug"] {
            let problems = Self.problems(#"{"types": [], "codes": [], "\#(key)": 1}"#)
            #expect(!problems.contains { $0.contains("did you mean \"\(key)\"") }, "\(problems)")
        }
    }

    @Test func theBuiltInCatalogRoundTrips() throws {
        let data = Catalog.concentrix.jsonData()
        #expect(try CatalogReader(file: "m.json").read(data) == Catalog.concentrix)
    }
}
