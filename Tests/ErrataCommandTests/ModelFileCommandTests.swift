import Foundation
import Testing

/// `--model FILE` read by the project's JSON parser: every problem of the file at its
/// line and column, each command exiting with 2 as for any unusable input file.
@Suite struct ModelFileCommandTests {
    /// A model whose only code is declared by `codes` on line 6.
    static func model(codes: String) -> String {
        """
        {
          "types": [
            {"id": "T", "title": "T errors", "slug": "t", "description": "d"}
          ],
          "codes": [
        \(codes)
          ]
        }
        """
    }

    /// Runs `errata COMMAND --model model.json` on `model` and expects exit status 2,
    /// nothing on standard output and exactly `expected` on standard error.
    static func expectRefusal(_ command: String, model: String, _ expected: [String]) throws {
        let workspace = try Workspace()
        try workspace.write("model.json", model)
        let result = try workspace.run(command, "--model", "model.json")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").map(String.init) == expected)
    }

    @Test func syntaxErrorIsPlacedAtItsLineAndColumn() throws {
        try Self.expectRefusal("check", model: Self.model(codes: #"    {"code": "A", "type": "T" "http_status": 400}"#), [
            "model.json:6:30: error: the model file is not valid JSON: missing `,` after the value on line 6 [model-file]",
        ])
    }

    @Test func fractionalStatusNamesTheFieldAndTheExpectedType() throws {
        try Self.expectRefusal("build", model: Self.model(codes: #"    {"code": "A", "type": "T", "http_status": 400.5}"#), [
            #"model.json:6:47: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not 400.5 [model-file]"#,
        ])
    }

    @Test func hugeStatusNamesTheFieldAndTheExpectedType() throws {
        try Self.expectRefusal("model", model: Self.model(codes: #"    {"code": "A", "type": "T", "http_status": 4000000000000000000000}"#), [
            #"model.json:6:47: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not 4000000000000000000000 [model-file]"#,
        ])
    }

    @Test func repeatedKeyNamesBothPlaces() throws {
        let model = """
            {
              "types": [],
              "codes": [],
              "types": []
            }
            """
        try Self.expectRefusal("check", model: model, [
            #"model.json:4:3: error: the model file is not valid JSON: duplicate key "types" (first at model.json:2:3) [model-file]"#,
        ])
    }

    @Test func misspelledKeyIsRefusedWithTheKeyItResembles() throws {
        try Self.expectRefusal("build", model: Self.model(codes: #"    {"code": "A", "type": "T", "http_staus": 400}"#), [
            #"model.json:6:32: error: unknown key "http_staus" in code A; did you mean "http_status"? [model-file]"#,
        ])
    }

    @Test func statusOutsideTheHTTPRangeIsRefused() throws {
        try Self.expectRefusal("model", model: Self.model(codes: #"    {"code": "A", "type": "T", "http_status": -1}"#), [
            #"model.json:6:47: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not -1 [model-file]"#,
        ])
    }

    @Test func catalogProblemsPointAtTheDeclaration() throws {
        let codes = #"    {"code": "A", "type": "T"}, {"code": "B", "type": "T"}, {"code": "A", "type": "T"}, {"code": "C", "type": "TT"}"#
        try Self.expectRefusal("check", model: Self.model(codes: codes), [
            #"model.json:6:70: error: error code A is declared more than once (first at model.json:6:14); remove or rename one [model-file]"#,
            #"model.json:6:111: error: error code C has type TT, which the catalog does not declare; fix its "type" (did you mean T?) or declare the type in "types" [model-file]"#,
        ])
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let codes = #"    {"code": "A", "type": "T", "http_status": "400"}, {"code": "B", "tipe": "T"}"#
        try Self.expectRefusal("check", model: Self.model(codes: codes), [
            #"model.json:6:47: error: "http_status" of code A must be an integer from 100 to 599 (leave it out when unknown), not a string [model-file]"#,
            #"model.json:6:69: error: unknown key "tipe" in code B; did you mean "type"? [model-file]"#,
        ])
    }
}
