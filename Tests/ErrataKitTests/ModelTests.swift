import Foundation
import Testing
@testable import ErrataKit

@Suite struct ModelTests {
    @Test func builtInCatalogIsSound() {
        let catalog = Catalog.concentrix
        #expect(catalog.problems.isEmpty)
        #expect(catalog.types.map(\.id) == ["ITEM_ERROR", "INSTITUTION_ERROR", "INVALID_REQUEST", "INVALID_INPUT"])
        #expect(catalog.types.map(\.slug) == ["item", "institution", "invalid-request", "invalid-input"])
        #expect(ErrorType.item.title == "Item errors")
        #expect(catalog.code(named: "ACCESS_NOT_GRANTED")?.type == ErrorType.item.id)
        #expect(catalog.code(named: "INVALID_AUDIT_COPY_TOKEN")?.errorMessage == .null)
        #expect(catalog.code(named: "INVALID_STRIPE_ACCOUNT")?.errorMessage == .text(""))
    }

    @Test func everyCodeTheSourcesNameIsInTheModel() {
        let named = [
            "ACCESS_NOT_GRANTED", "INSTANT_MATCH_FAILED", "INSUFFICIENT_CREDENTIALS", "INVALID_CREDENTIALS",
            "INSTITUTION_DOWN", "INSTITUTION_NO_LONGER_SUPPORTED", "INSTITUTION_NOT_AVAILABLE",
            "INCOMPATIBLE_API_VERSION", "INVALID_ACCOUNT_NUMBER",
            "ADDITIONAL_CONSENT_REQUIRED", "DIRECT_INTEGRATION_NOT_ENABLED", "INCORRECT_DEPOSIT_VERIFICATION",
            "INVALID_ACCESS_TOKEN", "INVALID_ACCOUNT_ID", "INVALID_API_KEYS", "INVALID_AUDIT_COPY_TOKEN",
            "INVALID_INSTITUTION", "INVALID_LINK_CUSTOMIZATION", "INVALID_LINK_TOKEN", "INVALID_PROCESSOR_TOKEN",
            "INVALID_PRODUCT", "INVALID_PUBLIC_TOKEN", "INVALID_STRIPE_ACCOUNT", "INVALID_USER_TOKEN",
            "INVALID_WEBHOOK_VERIFICATION_KEY_ID", "TOO_MANY_VERIFICATION_ATTEMPTS", "UNAUTHORIZED_ENVIRONMENT",
            "UNAUTHORIZED_ROUTE_ACCESS", "USER_PERMISSION_REVOKED",
        ]
        #expect(Set(Catalog.concentrix.codes.map(\.code)) == Set(named))
    }

    @Test func catalogRoundTripsThroughItsFileForm() throws {
        let data = Catalog.concentrix.jsonData()
        let decoded = try CatalogReader(file: "model.json").read(data)
        #expect(decoded == Catalog.concentrix)
        #expect(decoded.jsonData() == data)
    }

    @Test func fileFormDistinguishesUnknownFromNull() throws {
        let json = """
            {"types": [{"id": "T", "title": "T errors", "slug": "t", "description": "d"}],
             "codes": [{"code": "A", "type": "T", "http_status": 400, "error_message": "m", "display_message": null},
                       {"code": "B", "type": "T"}]}
            """
        let catalog = try CatalogReader(file: "model.json").read(Data(json.utf8))
        #expect(catalog.code(named: "A")?.displayMessage == .null)
        #expect(catalog.code(named: "B")?.displayMessage == nil)
        #expect(catalog.code(named: "B")?.httpStatus == nil)
        let encoded = String(decoding: catalog.jsonData(), as: UTF8.self)
        #expect(encoded.contains("\"display_message\" : null"))
        // An unknown fact stays unknown: B's messages and status are not written at all.
        let b = try #require(encoded.range(of: "\"code\" : \"B\""))
        #expect(!encoded[b.lowerBound...].prefix(80).contains("http_status"))
    }

    @Test func loadRefusesAnUnsoundFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("errata-model-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"types": [], "codes": [{"code": "A", "type": "NOPE"}]}"#.utf8).write(to: url)
        #expect(throws: CatalogError.self) { try Catalog.load(from: url) }
        try Data(#"{"types": 3}"#.utf8).write(to: url)
        #expect(throws: CatalogError.self) { try Catalog.load(from: url) }
    }

    @Test func errorResponseDecodesOnlyToKnownValues() throws {
        let decoder = JSONDecoder()
        decoder.userInfo[.catalog] = Catalog.concentrix
        func response(_ type: String, _ code: String) -> Data {
            Data("""
                {"error_type": "\(type)", "error_code": "\(code)", "error_message": "m",
                 "display_message": null, "request_id": "HNTDNrA8F1shFEW"}
                """.utf8)
        }
        let decoded = try decoder.decode(ErrorResponse.self, from: response("ITEM_ERROR", "ACCESS_NOT_GRANTED"))
        #expect(decoded.type == .item)
        #expect(decoded.code.code == "ACCESS_NOT_GRANTED")
        #expect(decoded.displayMessage == .null)
        #expect(throws: DecodingError.self) { try decoder.decode(ErrorResponse.self, from: response("NOPE", "ACCESS_NOT_GRANTED")) }
        #expect(throws: DecodingError.self) { try decoder.decode(ErrorResponse.self, from: response("ITEM_ERROR", "NOPE")) }
        #expect(throws: DecodingError.self) { try decoder.decode(ErrorResponse.self, from: response("INVALID_INPUT", "ACCESS_NOT_GRANTED")) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ErrorResponse.self, from: response("ITEM_ERROR", "ACCESS_NOT_GRANTED")) }

        let encoded = try JSONEncoder().encode(decoded)
        #expect(try decoder.decode(ErrorResponse.self, from: encoded) == decoded)
    }

    @Test func suggestsTheClosestCode() {
        #expect(Catalog.concentrix.suggestion(for: "ACCESS_NOT_GRANTD") == "ACCESS_NOT_GRANTED")
        #expect(Catalog.concentrix.suggestion(for: "INVALID_API_KEY") == "INVALID_API_KEYS")
        #expect(Catalog.concentrix.suggestion(for: "SOMETHING_ELSE_ENTIRELY") == nil)
    }
}
