/// One error code the API returns, with the facts the docs must agree with.
///
/// A fact no source gives is `nil` ("unknown"); it is never guessed. A message the
/// API returns as JSON `null` is known, and is ``MessageValue/null``.
public struct ErrorCode: Sendable, Hashable {
    /// The value of `error_code`, e.g. `ACCESS_NOT_GRANTED`.
    public var code: String
    /// The ``ErrorType/id`` of the code's type.
    public var type: String
    /// The HTTP status of responses carrying this code, if known.
    public var httpStatus: Int?
    /// The canonical `error_message`, if known.
    public var errorMessage: MessageValue?
    /// The canonical `display_message`, if known.
    public var displayMessage: MessageValue?

    public init(
        code: String,
        type: String,
        httpStatus: Int?,
        errorMessage: MessageValue?,
        displayMessage: MessageValue?
    ) {
        self.code = code
        self.type = type
        self.httpStatus = httpStatus
        self.errorMessage = errorMessage
        self.displayMessage = displayMessage
    }

    /// The anchor of the code's section on its type page: the code in lower case.
    public var anchor: String { code.lowercased() }
}

/// A message field of an error response: a string, or JSON `null`.
public enum MessageValue: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    case text(String)
    case null

    public init(stringLiteral value: String) { self = .text(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .text(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .null: try container.encodeNil()
        }
    }

    /// The value as it appears in JSON: a quoted string or `null`.
    public var description: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .null: "null"
        }
    }
}

extension ErrorCode: Encodable {
    /// The keys of a code in the model file, which ``CatalogReader`` reads.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case code, type
        case httpStatus = "http_status"
        case errorMessage = "error_message"
        case displayMessage = "display_message"
    }

    /// Writes the file form. An unknown fact is left out; a message the API returns as
    /// `null` is written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(httpStatus, forKey: .httpStatus)
        try container.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try container.encodeIfPresent(displayMessage, forKey: .displayMessage)
    }
}
