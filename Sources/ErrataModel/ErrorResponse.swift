import Foundation

/// The JSON body of an error response, as the docs' samples show it.
///
/// Decoding checks `error_type` and `error_code` against the catalog passed in the
/// decoder's `userInfo[.catalog]`: a response decodes only to a type and a code the
/// catalog knows, and only if the code belongs to that type.
public struct ErrorResponse: Sendable, Hashable {
    public var type: ErrorType
    public var code: ErrorCode
    public var errorMessage: MessageValue
    public var displayMessage: MessageValue
    public var requestID: String

    public init(type: ErrorType, code: ErrorCode, errorMessage: MessageValue, displayMessage: MessageValue, requestID: String) {
        self.type = type
        self.code = code
        self.errorMessage = errorMessage
        self.displayMessage = displayMessage
        self.requestID = requestID
    }

    /// The response the model predicts for `code`, or `nil` when the model does not
    /// know both of its messages or its type.
    public init?(sampleOf code: ErrorCode, in catalog: Catalog, requestID: String = ErrorResponse.sampleRequestID) {
        guard let type = catalog.type(withID: code.type),
              let errorMessage = code.errorMessage,
              let displayMessage = code.displayMessage else { return nil }
        self.init(type: type, code: code, errorMessage: errorMessage, displayMessage: displayMessage, requestID: requestID)
    }

    /// The `request_id` the house style uses in every sample.
    public static let sampleRequestID = "HNTDNrA8F1shFEW"

    /// The fields of a response, in the order the docs show them.
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)
}

public extension CodingUserInfoKey {
    /// The ``Catalog`` an ``ErrorResponse`` is decoded against.
    static let catalog = CodingUserInfoKey(rawValue: "errata.catalog")!
}

extension ErrorResponse: Codable {
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case errorType = "error_type"
        case errorCode = "error_code"
        case errorMessage = "error_message"
        case displayMessage = "display_message"
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let catalog = decoder.userInfo[.catalog] as? Catalog else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "decoding an error response needs a catalog in userInfo[.catalog]"))
        }
        let typeID = try container.decode(String.self, forKey: .errorType)
        guard let type = catalog.type(withID: typeID) else {
            throw DecodingError.dataCorruptedError(
                forKey: .errorType, in: container, debugDescription: "unknown error_type \(typeID)")
        }
        let codeName = try container.decode(String.self, forKey: .errorCode)
        guard let code = catalog.code(named: codeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .errorCode, in: container, debugDescription: "unknown error_code \(codeName)")
        }
        guard code.type == type.id else {
            throw DecodingError.dataCorruptedError(
                forKey: .errorCode, in: container, debugDescription: "\(codeName) is a \(code.type), not a \(type.id)")
        }
        self.init(
            type: type,
            code: code,
            errorMessage: try container.decode(MessageValue.self, forKey: .errorMessage),
            displayMessage: try container.decode(MessageValue.self, forKey: .displayMessage),
            requestID: try container.decode(String.self, forKey: .requestID)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.id, forKey: .errorType)
        try container.encode(code.code, forKey: .errorCode)
        try container.encode(errorMessage, forKey: .errorMessage)
        try container.encode(displayMessage, forKey: .displayMessage)
        try container.encode(requestID, forKey: .requestID)
    }
}
