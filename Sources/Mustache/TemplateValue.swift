/// What a template shows: the context a template is rendered with, and every value
/// inside it.
///
/// Truthiness, for sections (`{{#name}}`): `false`, ``none``, an empty list and an
/// empty string are false; everything else is true.
public enum TemplateValue: Sendable, Hashable {
    case string(String)
    case number(Int)
    case decimal(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A name that exists but has no value here (JSON's `null`). In strict mode it
    /// is how a context says "nothing to show", as opposed to a name that is absent.
    case none

    /// `string`, or ``none`` when there is none.
    @inlinable public init(_ string: String?) {
        self = string.map(TemplateValue.string) ?? .none
    }

    /// Whether a section shows.
    @inlinable public var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        case .string(let text): !text.isEmpty
        case .none: false
        case .number, .decimal, .object: true
        }
    }

    /// The member `name` of an object; `nil` for anything else or a missing member.
    @inlinable public func member(_ name: String) -> TemplateValue? {
        if case .object(let members) = self { members[name] } else { nil }
    }

    /// The text of a string value.
    @inlinable public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    @inlinable public init(stringLiteral value: String) { self = .string(value) }
    @inlinable public init(integerLiteral value: Int) { self = .number(value) }
    @inlinable public init(floatLiteral value: Double) { self = .decimal(value) }
    @inlinable public init(booleanLiteral value: Bool) { self = .bool(value) }
    @inlinable public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    @inlinable public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
