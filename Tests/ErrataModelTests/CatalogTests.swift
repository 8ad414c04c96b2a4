import ErrataModel
import Foundation
import Testing

/// The model as an API's own code uses it: declare a catalog, look codes up, build
/// the error response the API returns, and write the JSON form Errata reads.
struct CatalogTests {
    static let type = ErrorType(id: "INVALID_REQUEST", title: "Invalid request errors", slug: "invalid-request",
                                description: "Occur when a request is missing something the API needs.")
    static let catalog = Catalog(types: [type], codes: [
        ErrorCode(code: "MISSING_FIELDS", type: type.id, httpStatus: 400, errorMessage: "fields are missing", displayMessage: .null),
        ErrorCode(code: "UNKNOWN_FIELDS", type: type.id, httpStatus: nil, errorMessage: nil, displayMessage: nil),
    ])

    @Test func looksUpTypesAndCodes() {
        #expect(Self.catalog.code(named: "MISSING_FIELDS")?.httpStatus == 400)
        #expect(Self.catalog.type(titled: " invalid REQUEST errors ")?.id == "INVALID_REQUEST")
        #expect(Self.catalog.codes(ofType: "INVALID_REQUEST").map(\.code) == ["MISSING_FIELDS", "UNKNOWN_FIELDS"])
        #expect(Self.catalog.code(named: "NOPE") == nil && Self.catalog.declaration(ofCode: "MISSING_FIELDS") == nil)
    }

    @Test func buildsTheResponseTheAPIReturns() throws {
        let code = try #require(Self.catalog.code(named: "MISSING_FIELDS"))
        let response = try #require(ErrorResponse(sampleOf: code, in: Self.catalog, requestID: "abc"))
        let json = try #require(String(data: try JSONEncoder().encode(response), encoding: .utf8))
        #expect(json.contains("\"error_code\":\"MISSING_FIELDS\"") && json.contains("\"display_message\":null"))
        // A code whose messages are unknown cannot be answered with.
        #expect(ErrorResponse(sampleOf: try #require(Self.catalog.code(named: "UNKNOWN_FIELDS")), in: Self.catalog) == nil)
    }

    @Test func writesTheModelFileForm() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Self.catalog.jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["types", "codes"])
        let codes = try #require(object["codes"] as? [[String: Any]])
        #expect(codes.first?["http_status"] as? Int == 400)
        #expect(codes.last?["http_status"] is NSNull || codes.last?["http_status"] == nil)
    }
}
