/// A JSON document as ``JSONParser`` reads it: every key and value keeps the place
/// where it was written, so a reader can point at the exact field it is about.
///
/// Numbers keep their lexeme as written (`"400"`, `"-1.5e3"`) rather than a `Double`,
/// so a value is compared with what its author typed, not with a rounded one.
/// Objects keep their members in source order.
public enum JSONValue: Sendable, Hashable {
    /// An object's members, in source order.
    case object([JSONMember])
    /// An array's elements, in source order.
    case array([JSONElement])
    /// A string, with its escapes decoded.
    case string(String)
    /// A number's lexeme as written, e.g. `"400"` or `"-1.5e3"`.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
}

/// One `"key": value` pair of a JSON object, with where its key and its value begin.
public struct JSONMember: Sendable, Hashable {
    /// The key, with its escapes decoded.
    public var key: String
    /// The position of the key's opening quote.
    public var keyPosition: JSONPosition
    /// The member's value.
    public var value: JSONValue
    /// The position of the value's first character.
    public var valuePosition: JSONPosition

    public init(key: String, keyPosition: JSONPosition, value: JSONValue, valuePosition: JSONPosition) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
        self.valuePosition = valuePosition
    }
}

/// One element of a JSON array, with where it begins.
public struct JSONElement: Sendable, Hashable {
    /// The element's value.
    public var value: JSONValue
    /// The position of the value's first character.
    public var position: JSONPosition

    public init(value: JSONValue, position: JSONPosition) {
        self.value = value
        self.position = position
    }
}

public extension JSONValue {
    /// The kind of value in words, for messages: "object", "array", "string",
    /// "number", "boolean" or "null".
    var kindName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// The member named `key` when this is an object that has one, else `nil`.
    ///
    /// The parser refuses duplicate keys, so at most one member matches.
    subscript(key key: String) -> JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }
    }

    /// The members when this is an object, else `nil`.
    var members: [JSONMember]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// The elements when this is an array, else `nil`.
    var elements: [JSONElement]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The text when this is a string, else `nil`.
    var stringValue: String? {
        guard case .string(let string) = self else { return nil }
        return string
    }

    /// The lexeme when this is a number, else `nil`.
    var numberLexeme: String? {
        guard case .number(let lexeme) = self else { return nil }
        return lexeme
    }

    /// The value when this is `true` or `false`, else `nil`.
    var boolValue: Bool? {
        guard case .bool(let bool) = self else { return nil }
        return bool
    }

    /// Whether this is `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
